/**
 * What the REST and HTTP executors share: the per-API state they keep current while they
 * write (so a repeated or overlapping step is a no-op), and the options they are built with.
 */
import { routeKey, type ApiModel, type RouteModel } from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { IdResolver, RefTarget, WriteContext } from '../../kinds/field.js';
import type { AccountIds } from '../../model/account.js';
import { emptyRecords } from '../../kinds/registry.js';
import type { PlanStep } from '../../model/plan.js';
import type { Change, ChangeTarget } from '../../model/change.js';
import { emptyIds, type LiveApi, type LiveIds } from '../../model/live.js';
import type { AwsCaller } from './call.js';
import type { Deployer } from './deployer.js';
import { apigatewayArn, httpApiPath, restApiPath } from '../arn.js';

export interface ExecutorOptions {
  region: string;
  /** The desired API (what every step converges to). */
  desired: ApiModel;
  /** The API as read before the apply; absent when it does not exist yet. */
  live?: LiveApi;
  caller: AwsCaller;
  deployer: Deployer;
  /** Tool tags (id, managed, lock, pending) written with CreateRestApi / CreateApi. */
  toolTagsAtCreate: () => Record<string, string>;
  /** Deployment description, e.g. `apigw-sync <fingerprint>`. */
  description: string;
  /** The API's steps in this plan: renames are read from them (see `routeRenames`). */
  steps: PlanStep[];
  /** The account records' ids (VPC links, client certificates), as the account executor keeps them current. */
  accountIds?: AccountIds;
}

/**
 * Route renames the plan carries (diff/renames.ts): a `route` update named by the new key
 * whose `before` has another method/path. new key → old key.
 */
export function routeRenames(steps: PlanStep[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { change } of steps) {
    if (change.target !== 'route' || change.action !== 'update') continue;
    const b = change.before as Partial<RouteModel> | undefined;
    if (!b?.method || !b.path) continue;
    const oldKey = routeKey(b.method, b.path);
    if (oldKey !== change.name) out.set(change.name, oldKey);
  }
  return out;
}

/** Authorizer renamed by the plan: the update is named by the new name, `before` has the old one. */
export function renamedFrom(change: Change): string | undefined {
  const b = change.before as { name?: string } | undefined;
  return change.action === 'update' && b?.name && b.name !== change.name ? b.name : undefined;
}

/** The live side as apply goes: starts as read, and follows every successful write. */
export function startingPoint(o: ExecutorOptions): { cur: ApiModel; ids: LiveIds } {
  if (o.live) return { cur: structuredClone(o.live.model), ids: structuredClone(o.live.ids) };
  const d = o.desired;
  const cur: ApiModel = {
    key: d.key,
    kind: d.kind,
    name: d.name,
    binaryMediaTypes: [],
    tags: {},
    ...emptyRecords(),
    secrets: [],
  };
  return { cur, ids: emptyIds() };
}

/** The record key a change addresses: its name (route key, stage name, authorizer name...). */
export function keyOf(change: Change): string {
  return change.name;
}

/** `region` must be the region of the client that sends the ARN (the engine passes the client's own). */
export function apiArn(region: string, kind: ApiModel['kind'], apiId: string): string {
  return apigatewayArn(region, kind === 'RestApi' ? restApiPath(apiId) : httpApiPath(apiId));
}

/** Tag changes as two calls at most: set what is new or changed, remove what is gone. */
export function tagDelta(before: Record<string, string>, after: Record<string, string>) {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) set[k] = v;
  const remove = Object.keys(before).filter((k) => !(k in after));
  return { set, remove };
}

const ID_MAPS = { authorizer: 'authorizerIds', requestValidator: 'requestValidatorIds' } as const;
const LABEL: Record<RefTarget, string> = {
  authorizer: 'authorizer',
  requestValidator: 'request validator',
  vpcLink: 'VPC link',
  clientCertificate: 'client certificate',
};
const WHERE: Record<RefTarget, string> = {
  authorizer: "in the API's state",
  requestValidator: "in the API's state",
  vpcLink: 'in vpc-links/<name>.yaml',
  clientCertificate: 'in client-certificates/<name>.yaml',
};

/**
 * What the kinds' wire builders need to turn the model's names into AWS ids, as the executor
 * knows them now: the API's own records, and the account's (`accountIds`, kept current by the
 * account executor, so a VPC link created a moment ago resolves).
 */
export function writeContext(ids: LiveIds, apiName: string, accountIds: AccountIds = {}): WriteContext {
  const idOf = (target: RefTarget, name: string): string | undefined =>
    target === 'authorizer' || target === 'requestValidator' ? ids[ID_MAPS[target]][name] : accountIds[target]?.[name];
  const resolver: IdResolver = {
    idOf,
    requireId: (target, name) => {
      const id = idOf(target, name);
      if (!id) {
        throw new ApigwSyncError('UNKNOWN_REFERENCE', `${apiName}: ${LABEL[target]} "${name}" does not exist in AWS`, {
          hint: `declare the ${LABEL[target]} ${WHERE[target]}; the plan creates it before what uses it`,
        });
      }
      return id;
    },
  };
  return {
    get apiId() {
      return ids.apiId;
    },
    ids: resolver,
  };
}

/** What an executor does itself for the kinds the generic record writer cannot write (ids, resources, deployments). */
export interface OwnWrites {
  syncApi(): Promise<void>;
  deleteApi(): Promise<void>;
  syncTags(): Promise<void>;
  syncAuthorizer(name: string, oldName?: string): Promise<void>;
  /** A route and its integration are one record on the wire. */
  syncRoute(key: string): Promise<void>;
  syncStage(name: string): Promise<void>;
}

export type Handlers = Partial<Record<ChangeTarget, (c: Change) => Promise<void>>>;

/** The executors' dispatch table: change target → the executor's own write; other targets go to the record writer. */
export function ownHandlers(x: OwnWrites): Handlers {
  return {
    api: (c) => (c.action === 'delete' ? x.deleteApi() : x.syncApi()),
    tags: () => x.syncTags(),
    authorizer: (c) => x.syncAuthorizer(keyOf(c), renamedFrom(c)),
    route: (c) => x.syncRoute(keyOf(c)),
    integration: (c) => x.syncRoute(keyOf(c)),
    // WebSocket: a route, its integration and their responses are converged together.
    wsRoute: (c) => x.syncRoute(keyOf(c)),
    routeResponse: (c) => x.syncRoute(keyOf(c)),
    integrationResponse: (c) => x.syncRoute(keyOf(c)),
    stage: (c) => x.syncStage(keyOf(c)),
    // Deployments are made in deploy(), once per API, after every other step.
    deployment: async () => undefined,
  };
}
