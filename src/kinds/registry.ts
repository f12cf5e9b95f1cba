/**
 * THE registry: every resource kind, in the order a diff lists them. Validate, read, diff,
 * plan (order table), render, mask, apply, drift and import iterate this list; adding a
 * kind is adding its folder and one line here (see docs/architecture.md, "How to add a kind").
 */
import type { ApiKind, ApiModel } from '../model/api.js';
import type { ChangeTarget } from '../model/change.js';
import { apiKind } from './api/index.js';
import { authorizerKind } from './authorizer/index.js';
import { deploymentKind } from './deployment/index.js';
import { gatewayResponseKind } from './gateway-response/index.js';
import { integrationKind } from './integration/index.js';
import type { RecordKey, ResourceKind } from './kind.js';
import { modelKind } from './model/index.js';
import { PART_TABLES } from './parts.js';
import { requestValidatorKind } from './request-validator/index.js';
import { routeKind } from './route/index.js';
import { stageKind } from './stage/index.js';
import { tagsKind } from './tags/index.js';
import { routeResponseKind } from './route-response/index.js';
import { unusedIntegrationKind } from './unused-integration/index.js';
import { wsIntegrationResponseKind } from './ws-integration-response/index.js';
import { wsRouteKind } from './ws-route/index.js';

export const KINDS: readonly ResourceKind[] = [
  apiKind,
  tagsKind,
  authorizerKind,
  requestValidatorKind,
  modelKind,
  gatewayResponseKind,
  routeKind,
  integrationKind,
  unusedIntegrationKind,
  wsRouteKind,
  routeResponseKind,
  wsIntegrationResponseKind,
  stageKind,
  deploymentKind,
];

const BY_TARGET = new Map<ChangeTarget, ResourceKind>(KINDS.map((k) => [k.target, k]));

export function kindOf(target: ChangeTarget): ResourceKind {
  const k = BY_TARGET.get(target);
  if (!k) throw new Error(`no resource kind registered for change target "${target}"`);
  return k;
}

/** Every change target, in registry order (the plan file format accepts exactly these). */
export const TARGETS = KINDS.map((k) => k.target) as [ChangeTarget, ...ChangeTarget[]];

/** The order table of plan/order.ts: rank of a kind's changes in one API flavour. */
export function targetRank(flavour: ApiKind, target: ChangeTarget): number {
  return kindOf(target).rank[flavour];
}

/** The record maps of an API with nothing in them (a new API's live twin, a fresh executor's picture). */
export function emptyRecords(): Pick<ApiModel, RecordKey> {
  const out = {} as Record<RecordKey, Record<string, unknown>>;
  for (const k of KINDS) if (k.modelKey) out[k.modelKey] = {};
  return out as Pick<ApiModel, RecordKey>;
}

/** Names of model fields that are maps with user-named keys (masked by name), from every field table. */
export function userKeyedFields(): Set<string> {
  const out = new Set<string>();
  const scan = (table: object | undefined) => {
    for (const [key, row] of Object.entries(table ?? {})) if ((row as { userKeys?: boolean }).userKeys) out.add(key);
  };
  for (const k of KINDS) scan(k.fields);
  for (const table of PART_TABLES) scan(table);
  return out;
}


export { PART_TABLES };
