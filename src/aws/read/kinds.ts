/**
 * The thin edge of the read: for each kind the registry says a flavour has, send its list
 * operation (paged as the spec says), then hand every list to the pure normalizer
 * (src/kinds/normalize.ts). All lists of one API are fetched concurrently; lists made per
 * item of another list (WebSocket route responses per route) follow once those are in.
 */
import {
  GetAuthorizersCommand as V1GetAuthorizersCommand,
  GetGatewayResponsesCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetStagesCommand as V1GetStagesCommand,
  type APIGatewayClient,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import {
  GetAuthorizersCommand as V2GetAuthorizersCommand,
  GetIntegrationResponsesCommand,
  GetIntegrationsCommand,
  GetModelsCommand as V2GetModelsCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  GetStagesCommand as V2GetStagesCommand,
  type Api,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiKind, ApiModel } from '../../model/api.js';
import type { ChangeTarget } from '../../model/change.js';
import type { LiveApi } from '../../model/live.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { ReadSpec } from '../../kinds/kind.js';
import { normalizeApi } from '../../kinds/normalize.js';
import { KINDS } from '../../kinds/registry.js';
import { awsCall } from '../errors.js';

/** AWS's largest page (REST `limit`); v2 takes MaxResults as a string, and AWS's own maximum applies. */
export const REST_PAGE_SIZE = 500;
const HTTP_PAGE = '500';

type Sender = (op: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

type CommandClass = new (input: never) => unknown;

/** The list operations the kinds name, as SDK v3 commands. */
const V1: Record<string, CommandClass> = {
  GetAuthorizers: V1GetAuthorizersCommand,
  GetGatewayResponses: GetGatewayResponsesCommand,
  GetModels: GetModelsCommand,
  GetRequestValidators: GetRequestValidatorsCommand,
  GetResources: GetResourcesCommand,
  GetStages: V1GetStagesCommand,
};
const V2: Record<string, CommandClass> = {
  GetAuthorizers: V2GetAuthorizersCommand,
  GetIntegrations: GetIntegrationsCommand,
  GetRoutes: GetRoutesCommand,
  GetStages: V2GetStagesCommand,
};
/** WebSocket APIs: v2 as HTTP APIs, plus models and the per-route and per-integration responses. */
const WS: Record<string, CommandClass> = {
  ...V2,
  GetModels: V2GetModelsCommand,
  GetRouteResponses: GetRouteResponsesCommand,
  GetIntegrationResponses: GetIntegrationResponsesCommand,
};

const COMMANDS: Record<ApiKind, Record<string, CommandClass>> = { RestApi: V1, HttpApi: V2, WebSocketApi: WS };

/** The list operations this edge can send, per flavour (a kind's read spec must name only these). */
export function readOperations(flavour: ApiKind): string[] {
  return Object.keys(COMMANDS[flavour]);
}

function sender(commands: Record<string, CommandClass>, client: { send(c: never): Promise<unknown> }): Sender {
  return (op, input) => {
    const Command = commands[op];
    if (!Command)
      throw new ApigwSyncError('NO_READ_OP', `no SDK command for ${op}`, {
        hint: 'add the operation to src/aws/read/kinds.ts',
      });
    return client.send(new Command(input as never) as never) as Promise<Record<string, unknown>>;
  };
}

async function readList(
  send: Sender,
  spec: ReadSpec,
  idInput: Record<string, unknown>,
  pageSize: number,
): Promise<object[]> {
  const input = { ...idInput, ...spec.input };
  if (spec.paging === 'none')
    return ((await awsCall(spec.op, () => send(spec.op, input)))[spec.list ?? 'item'] as object[] | undefined) ?? [];
  if (spec.paging === 'position')
    return restPages(
      spec.op,
      (position) =>
        send(spec.op, { ...input, limit: pageSize, position }) as Promise<{ items?: object[]; position?: string }>,
    );
  return httpPages(
    spec.op,
    (NextToken) =>
      send(spec.op, { ...input, MaxResults: HTTP_PAGE, NextToken }) as Promise<{
        Items?: object[];
        NextToken?: string;
      }>,
  );
}

/** Options of one API's read: the GetResources page size, and the names of the account records its records name by id. */
export interface ReadApiOptions {
  pageSize?: number;
  accountNameOf?: (target: ChangeTarget, id: string) => string | undefined;
}

async function readKinds(
  flavour: ApiKind,
  send: Sender,
  api: object,
  idInput: Record<string, unknown>,
  key: string,
  desired: ApiModel | undefined,
  opts: ReadApiOptions,
): Promise<LiveApi> {
  const pageSize = opts.pageSize ?? REST_PAGE_SIZE;
  const specs = KINDS.flatMap((k) => (k.read?.[flavour] ? [[k.target, k.read[flavour]!] as const] : []));
  const byTarget: Partial<Record<ChangeTarget, object[]>> = {};
  const top = specs.filter(([, spec]) => !spec.parent);
  const lists = await Promise.all(top.map(([, spec]) => readList(send, spec, idInput, pageSize)));
  top.forEach(([target], i) => (byTarget[target] = lists[i]));
  // One list per parent item, each item keeping its parent's id (v2 has no embed).
  const children = specs.filter(([, spec]) => spec.parent);
  const childLists = await Promise.all(
    children.map(async ([, spec]) => {
      const { target, id, input } = spec.parent!;
      const parents = ((byTarget[target] ?? []) as Array<Record<string, unknown>>)
        .map((p) => p[id])
        .filter((v): v is string => typeof v === 'string');
      const perParent = await Promise.all(
        parents.map(async (pid) =>
          (await readList(send, spec, { ...idInput, [input]: pid }, pageSize)).map((item) => ({
            ...item,
            [input]: pid,
          })),
        ),
      );
      return perParent.flat();
    }),
  );
  children.forEach(([target], i) => (byTarget[target] = childLists[i]));
  return normalizeApi(flavour, key, { api, lists: byTarget }, desired, { accountNameOf: opts.accountNameOf });
}

/**
 * One REST API (v1) in as few calls as AWS allows: the API itself comes from the listing;
 * GetResources (limit 500, position paging, embed=methods: each method arrives with its
 * integration and responses), and one call each for authorizers, validators, models, gateway responses, stages.
 */
export function readRestApi(
  client: APIGatewayClient,
  api: RestApi,
  key: string,
  desired?: ApiModel,
  opts: ReadApiOptions = {},
): Promise<LiveApi> {
  return readKinds('RestApi', sender(V1, client as never), api, { restApiId: api.id! }, key, desired, opts);
}

/** One HTTP API (v2): the API from the GetApis listing, then routes, integrations, authorizers and stages with NextToken paging. */
export function readHttpApi(
  client: ApiGatewayV2Client,
  api: Api,
  key: string,
  desired?: ApiModel,
  opts: ReadApiOptions = {},
): Promise<LiveApi> {
  return readKinds('HttpApi', sender(V2, client as never), api, { ApiId: api.ApiId! }, key, desired, opts);
}

/**
 * One WebSocket API (v2): routes, integrations, authorizers, models and stages, then each
 * route's route responses and each integration's integration responses (one call each).
 */
export function readWebSocketApi(
  client: ApiGatewayV2Client,
  api: Api,
  key: string,
  desired?: ApiModel,
  opts: ReadApiOptions = {},
): Promise<LiveApi> {
  return readKinds('WebSocketApi', sender(WS, client as never), api, { ApiId: api.ApiId! }, key, desired, opts);
}

/** Follows `position` until AWS stops returning one. */
export async function restPages<T>(
  operation: string,
  get: (position?: string) => Promise<{ items?: T[]; position?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await awsCall(operation, () => get(position));
    out.push(...(page.items ?? []));
    if (page.position !== undefined && page.position === position)
      throw new ApigwSyncError('AWS_PAGING', `${operation} returned the same position twice (${position})`, {
        hint: 'AWS answered inconsistently; run the command again',
      });
    position = page.position;
  } while (position);
  return out;
}

/** Follows NextToken until AWS stops returning one. */
export async function httpPages<T>(
  operation: string,
  get: (next?: string) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined;
  do {
    const page = await awsCall(operation, () => get(next));
    out.push(...(page.Items ?? []));
    if (page.NextToken !== undefined && page.NextToken === next)
      throw new ApigwSyncError('AWS_PAGING', `${operation} returned the same NextToken twice (${next})`, {
        hint: 'AWS answered inconsistently; run the command again',
      });
    next = page.NextToken;
  } while (next);
  return out;
}
