/**
 * The generic round trip, generated from the registry (src/kinds/registry.ts): for every
 * field of every kind, on every API flavour the field table gives it a column,
 *   state → apply (SDK v3 against the local endpoint) → read → no diff → import → compile → the same state.
 * Each field is set to its sample (samples.ts) on a record of its own, so a field that is
 * dropped on the way (not written, not read, not imported, not loaded) fails by name.
 * A field added to a table without a sample fails here until it gets one, or a reason in
 * NOT_ROUND_TRIP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import type { ApiKind, ApiModel, GatewayModel, RouteModel, WebSocketRouteModel } from '../../../src/model/api.js';
import type { Change } from '../../../src/model/change.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { KINDS } from '../../../src/kinds/registry.js';
import { columnOf, rowsOf, type FieldRow } from '../../../src/kinds/field.js';
import { methodResponseFields } from '../../../src/kinds/method-response/fields.js';
import { integrationResponseFields } from '../../../src/kinds/integration-response/fields.js';
import { readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import { emitApi } from '../../../src/import/index.js';
import { compileState } from '../../../src/state/index.js';
import { createAll, REGION, startReadEmulator, testClients } from '../read/helpers.js';
import { NOT_ROUND_TRIP, SAMPLES, VPC_LINK_ID } from './samples.js';
import { CreateVpcLinkCommand as CreateRestVpcLinkCommand } from '@aws-sdk/client-api-gateway';
import { CreateVpcLinkCommand as CreateHttpVpcLinkCommand } from '@aws-sdk/client-apigatewayv2';

const FLAVOURS: ApiKind[] = ['RestApi', 'HttpApi', 'WebSocketApi'];
const LAMBDA =
  'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:000000000000:function:auth/invocations';

interface Case {
  kind: string;
  field: string;
  flavour: ApiKind;
  id: string;
}

/** Every (kind, field, flavour) the registry's field tables have a column for, plus the route parts' tables. */
function allCases(): Case[] {
  const tables: Array<[string, object | undefined]> = [
    ...KINDS.map((k): [string, object | undefined] => [k.target, k.fields]),
    ['methodResponse', methodResponseFields],
    ['integrationResponse', integrationResponseFields],
  ];
  const out: Case[] = [];
  for (const [kind, table] of tables) {
    for (const [field, row] of rowsOf(table ?? {}) as Array<[string, FieldRow<unknown>]>) {
      for (const flavour of FLAVOURS) {
        if (columnOf(row, flavour) === undefined) continue;
        out.push({ kind, field, flavour, id: `${kind}.${field}@${flavour}` });
      }
    }
  }
  return out;
}

const CASES = allCases();
const sampleOf = (c: Case) => SAMPLES[c.kind]?.[c.field]?.[c.flavour];
const TESTED = CASES.filter((c) => !NOT_ROUND_TRIP[c.id] && sampleOf(c));
const slug = (c: Case) => `${c.kind}-${c.field}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const flav = (f: ApiKind) => (f === 'RestApi' ? 'rest' : f === 'HttpApi' ? 'http' : 'ws');

function integrationBase(flavour: ApiKind): RouteModel['integration'] {
  if (flavour === 'WebSocketApi')
    return {
      type: 'HTTP_PROXY',
      uri: 'https://backend.example.com/',
      httpMethod: 'POST',
      requestParameters: {},
      requestTemplates: {},
      responses: {},
      timeoutInMillis: 29000,
      connectionType: 'INTERNET',
      cacheKeyParameters: [],
    };
  return flavour === 'RestApi'
    ? {
        type: 'HTTP_PROXY',
        uri: 'https://backend.example.com/',
        httpMethod: 'GET',
        requestParameters: {},
        requestTemplates: {},
        responses: {},
        timeoutInMillis: 29000,
        connectionType: 'INTERNET',
        cacheKeyParameters: [],
      }
    : {
        type: 'HTTP_PROXY',
        uri: 'https://backend.example.com/',
        httpMethod: 'GET',
        requestParameters: {},
        requestTemplates: {},
        responses: {},
        timeoutInMillis: 30000,
        connectionType: 'INTERNET',
        cacheKeyParameters: [],
        payloadFormatVersion: '1.0',
      };
}

function route(flavour: ApiKind, path: string, over: Partial<RouteModel> = {}): RouteModel {
  return {
    method: 'GET',
    path,
    authorization: { type: 'NONE', scopes: [] },
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: {},
    integration: integrationBase(flavour),
    ...over,
  };
}

function wsRoute(over: Partial<WebSocketRouteModel> = {}): WebSocketRouteModel {
  return {
    authorization: { type: 'NONE' },
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    responses: {},
    integration: integrationBase('WebSocketApi'),
    integrationResponses: {},
    ...over,
  };
}

function baseApi(key: string, flavour: ApiKind): ApiModel {
  const ws = flavour === 'WebSocketApi';
  const api: ApiModel = {
    key,
    kind: flavour,
    name: key,
    binaryMediaTypes: [],
    disableExecuteApiEndpoint: false,
    tags: {},
    secrets: [],
    stages: { prod: { name: 'prod', variables: {}, ...(flavour !== 'RestApi' ? { autoDeploy: false } : {}) } },
    routes: ws ? {} : { 'GET /base': route(flavour, '/base') },
    wsRoutes: ws ? { base: wsRoute() } : {},
    authorizers: {},
    requestValidators: {},
    models: {},
    gatewayResponses: {},
  };
  if (flavour === 'RestApi') Object.assign(api, { endpointType: 'REGIONAL', apiKeySource: 'HEADER' });
  if (ws)
    Object.assign(api, {
      routeSelectionExpression: '$request.body.action',
      apiKeySelectionExpression: '$request.header.x-api-key',
      disableSchemaValidation: false,
    });
  return api;
}

/** One response type per gateway response field (each field on a record of its own). */
const GATEWAY_RESPONSE_FOR: Record<string, string> = {
  statusCode: 'UNAUTHORIZED',
  responseParameters: 'DEFAULT_4XX',
  responseTemplates: 'THROTTLED',
};

const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The desired state: one API per API field, and per flavour one API holding a record per other field. */
function desiredState(): {
  model: GatewayModel;
  where: Map<
    string,
    { apiKey: string; target: string; name: string; value: () => unknown; read: (api: ApiModel) => unknown }
  >;
} {
  const apis: Record<string, ApiModel> = {};
  const where = new Map<
    string,
    { apiKey: string; target: string; name: string; value: () => unknown; read: (api: ApiModel) => unknown }
  >();
  const stagesSeen = new Map<ApiKind, number>();
  for (const flavour of FLAVOURS) {
    const rk = `records-${flav(flavour)}`;
    const rec = baseApi(rk, flavour);
    if (flavour !== 'HttpApi') rec.models.Sample = { contentType: 'application/json', schema: { type: 'object' } };
    if (flavour === 'RestApi')
      rec.requestValidators['sample-validator'] = {
        name: 'sample-validator',
        validateRequestBody: false,
        validateRequestParameters: false,
      };
    apis[rk] = rec;
  }
  for (const c of TESTED) {
    const patch = sampleOf(c)!;
    const s = slug(c);
    if (c.kind === 'api') {
      const key = `${s}-${flav(c.flavour)}`;
      apis[key] = strip({ ...baseApi(key, c.flavour), ...patch }) as ApiModel;
      where.set(c.id, {
        apiKey: key,
        target: 'api',
        name: key,
        value: () => apis[key][c.field as keyof ApiModel],
        read: (a) => a[c.field as keyof ApiModel],
      });
      continue;
    }
    let apiKey = `records-${flav(c.flavour)}`;
    if (c.kind === 'stage') {
      // AWS allows 10 stages per REST API: stage samples fill APIs of their own, nine (and prod) at a time.
      const n = stagesSeen.get(c.flavour) ?? 0;
      stagesSeen.set(c.flavour, n + 1);
      apiKey = `stages-${flav(c.flavour)}-${Math.floor(n / 9)}`;
      apis[apiKey] ??= baseApi(apiKey, c.flavour);
    }
    const api = apis[apiKey];
    const pick = (o: unknown) => (o as Record<string, unknown> | undefined)?.[c.field];
    if (c.kind === 'stage') {
      const name = `s-${c.field}`;
      api.stages[name] = strip({ ...api.stages.prod, name, ...patch }) as ApiModel['stages'][string];
      where.set(c.id, {
        apiKey,
        target: 'stage',
        name,
        value: () => pick(api.stages[name]),
        read: (a) => pick(a.stages[name]),
      });
    } else if (c.kind === 'authorizer') {
      const name = `a-${c.field}`;
      const base =
        c.flavour === 'RestApi'
          ? {
              name,
              type: 'TOKEN',
              authorizerUri: LAMBDA,
              identitySource: ['method.request.header.Authorization'],
              providerArns: [],
            }
          : c.flavour === 'WebSocketApi'
            ? {
                name,
                type: 'REQUEST',
                authorizerUri: LAMBDA,
                identitySource: ['route.request.header.Authorization'],
                providerArns: [],
              }
            : {
                name,
                type: 'REQUEST',
                authorizerUri: LAMBDA,
                identitySource: ['$request.header.Authorization'],
                providerArns: [],
                payloadFormatVersion: '2.0',
              };
      api.authorizers[name] = strip({ ...base, ...patch }) as ApiModel['authorizers'][string];
      where.set(c.id, {
        apiKey,
        target: 'authorizer',
        name,
        value: () => pick(api.authorizers[name]),
        read: (a) => pick(a.authorizers[name]),
      });
    } else if (c.kind === 'requestValidator') {
      const name = `v-${c.field}`;
      api.requestValidators[name] = {
        name,
        validateRequestBody: false,
        validateRequestParameters: false,
        ...patch,
      } as ApiModel['requestValidators'][string];
      where.set(c.id, {
        apiKey,
        target: 'requestValidator',
        name,
        value: () => pick(api.requestValidators[name]),
        read: (a) => pick(a.requestValidators[name]),
      });
    } else if (c.kind === 'gatewayResponse') {
      const name = GATEWAY_RESPONSE_FOR[c.field];
      api.gatewayResponses[name] = {
        responseType: name,
        responseParameters: {},
        responseTemplates: {},
        ...patch,
      } as ApiModel['gatewayResponses'][string];
      where.set(c.id, {
        apiKey,
        target: 'gatewayResponse',
        name,
        value: () => pick(api.gatewayResponses[name]),
        read: (a) => pick(a.gatewayResponses[name]),
      });
    } else if (c.kind === 'model') {
      const name = `M${c.field}`;
      api.models[name] = strip({
        contentType: 'application/json',
        schema: { type: 'object' },
        ...patch,
      }) as ApiModel['models'][string];
      where.set(c.id, {
        apiKey,
        target: 'model',
        name,
        value: () => pick(api.models[name]),
        read: (a) => pick(a.models[name]),
      });
    } else if (c.flavour === 'WebSocketApi') {
      // Authorization exists on $connect only; every other field on a route of its own.
      const key =
        c.kind === 'wsRoute' && c.field === 'authorization' ? '$connect' : `${c.kind}-${c.field}`.toLowerCase();
      const r = wsRoute();
      if (c.kind === 'wsRoute') Object.assign(r, patch);
      else if (c.kind === 'integration')
        r.integration = strip({ ...r.integration, ...patch }) as WebSocketRouteModel['integration'];
      else if (c.kind === 'routeResponse')
        Object.assign(r, {
          routeResponseSelectionExpression: '$default',
          responses: { $default: { responseModels: {}, responseParameters: {}, ...patch } },
        });
      else if (c.kind === 'integrationResponse') {
        r.integration = {
          ...r.integration,
          type: 'MOCK',
          uri: undefined,
          httpMethod: undefined,
          passthroughBehavior: 'WHEN_NO_MATCH',
        };
        r.integrationResponses = {
          $default: {
            responseTemplates: {},
            responseParameters: {},
            ...patch,
          } as WebSocketRouteModel['integrationResponses'][string],
        };
      }
      const part = (x: WebSocketRouteModel | undefined) =>
        c.kind === 'wsRoute'
          ? pick(x)
          : c.kind === 'integration'
            ? pick(x?.integration)
            : c.kind === 'routeResponse'
              ? pick(x?.responses.$default)
              : pick(x?.integrationResponses.$default);
      api.wsRoutes[key] = strip(r) as WebSocketRouteModel;
      const target = c.kind === 'integration' ? 'integration' : c.kind;
      where.set(c.id, {
        apiKey,
        target,
        name: key,
        value: () => part(api.wsRoutes[key]),
        read: (a) => part(a.wsRoutes[key]),
      });
    } else {
      const path = `/${c.kind.toLowerCase()}/${c.field.toLowerCase()}`;
      const key = `GET ${path}`;
      const r = route(c.flavour, path);
      if (c.kind === 'route') Object.assign(r, patch);
      else if (c.kind === 'integration')
        r.integration = strip({ ...r.integration, ...patch }) as RouteModel['integration'];
      else if (c.kind === 'methodResponse')
        r.methodResponses = {
          '200': { responseParameters: {}, responseModels: {}, ...patch } as RouteModel['methodResponses'][string],
        };
      else if (c.kind === 'integrationResponse') {
        r.methodResponses = {
          '200': { responseParameters: { 'method.response.header.X-Id': false }, responseModels: {} },
          '201': { responseParameters: { 'method.response.header.X-Id': false }, responseModels: {} },
        };
        r.integration.responses = {
          default: {
            statusCode: '200',
            responseParameters: {},
            responseTemplates: {},
            ...patch,
          } as RouteModel['integration']['responses'][string],
        };
      }
      const part = (x: RouteModel | undefined) =>
        c.kind === 'route'
          ? pick(x)
          : c.kind === 'integration'
            ? pick(x?.integration)
            : c.kind === 'methodResponse'
              ? pick(x?.methodResponses['200'])
              : pick(x?.integration.responses.default);
      api.routes[key] = r;
      where.set(c.id, {
        apiKey,
        target: c.kind === 'integration' || c.kind === 'integrationResponse' ? 'integration' : 'route',
        name: key,
        value: () => part(api.routes[key]),
        read: (a) => part(a.routes[key]),
      });
    }
  }
  return { model: { region: REGION, defaults: {}, apis }, where };
}

let emu: RunningEmulator;
let live: LiveSnapshot;
let changes: Change[];
let imported: Record<string, ApiModel>;
let importWarnings: Record<string, string[]>;
const { model: desired, where } = desiredState();

beforeAll(async () => {
  emu = await startReadEmulator({ quotas: false });
  const clients = testClients(emu.url);
  // Private integrations name a VPC link that exists (REST: a v1 link to an NLB; HTTP: a v2 link in subnets).
  const rest = await clients.apigw.send(
    new CreateRestVpcLinkCommand({
      name: 'round-trip',
      targetArns: [`arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/rt/0123456789abcdef`],
    }),
  );
  const http = await clients.apigwv2.send(
    new CreateHttpVpcLinkCommand({ Name: 'round-trip', SubnetIds: ['subnet-0123456789abcdef0'] }),
  );
  for (const api of Object.values(desired.apis)) {
    // WebSocket private integrations go through REST API VPC links.
    for (const r of [...Object.values(api.routes), ...Object.values(api.wsRoutes)])
      if (r.integration.connectionId === VPC_LINK_ID)
        r.integration.connectionId = api.kind === 'HttpApi' ? http.VpcLinkId : rest.id;
  }
  // A refusal by the endpoint names the operation and AWS's reason (not the whole SDK error).
  await createAll(clients, desired).catch((e: Error) => {
    throw new Error(e.message);
  });
  live = await readLive({ clients, desired, region: REGION });
  changes = diffGateway(desired, live);
  imported = {};
  importWarnings = {};
  for (const [key, api] of Object.entries(live.apis)) {
    const { files, warnings } = emitApi(key, api.model);
    importWarnings[key] = warnings;
    const compiled = compileState({
      root: 'gateway-state',
      files: new Map([['gateway.yaml', `region: ${REGION}\n`], ...Object.entries(files)]),
    });
    imported[key] = compiled.model.apis[key];
  }
}, 120_000);
afterAll(async () => emu?.stop());

describe('every field of every kind makes the round trip', () => {
  it('every field has a sample value or a stated reason why it cannot round-trip', () => {
    const missing = CASES.filter((c) => !NOT_ROUND_TRIP[c.id] && !sampleOf(c)).map((c) => c.id);
    expect(missing, 'add a sample to test/integration/kinds/samples.ts (or a reason to NOT_ROUND_TRIP)').toEqual([]);
    expect(TESTED.length).toBeGreaterThan(50);
  });

  it.each(TESTED.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const w = where.get(c.id)!;
    const mine = changes.filter(
      (ch) =>
        ch.apiKey === w.apiKey &&
        (ch.target === w.target || (w.target === 'api' && ch.target === 'api')) &&
        (w.target === 'api' || ch.name === w.name),
    );
    // state → apply → read: AWS holds the value, and the plan is empty.
    expect(w.read(live.apis[w.apiKey].model), 'read back from AWS').toEqual(w.value());
    expect(
      mine.map((ch) => `${ch.action} ${ch.target} ${ch.name}: ${ch.fields.map((f) => f.path).join(', ')}`),
      'plan after apply',
    ).toEqual([]);
    // read → import → compile: the files describe the same state.
    expect(w.read(imported[w.apiKey]), `import → compile (warnings: ${importWarnings[w.apiKey].join('; ')})`).toEqual(
      w.value(),
    );
  });
});
