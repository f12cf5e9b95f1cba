/**
 * THE registry: every resource kind, in the order a diff lists them. Validate, read, diff,
 * plan (order table), render, mask, apply, drift and import iterate this list; adding a
 * kind is adding its folder and one line here (see docs/architecture.md, "How to add a kind").
 */
import type { AccountModel } from '../model/account.js';
import type { ApiKind, ApiModel } from '../model/api.js';
import type { Change, ChangeTarget } from '../model/change.js';
import type { AccountPhase, AccountScope } from './account-kind.js';
import { apiKeyKind } from './api-key/index.js';
import { clientCertificateKind } from './client-certificate/index.js';
import { usagePlanKind } from './usage-plan/index.js';
import { vpcLinkKind } from './vpc-link/index.js';
import { domainKind } from './domain/index.js';
import { apiMappingKind, basePathMappingKind } from './mapping/index.js';
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

/**
 * The account-scope kinds (src/kinds/account-kind.ts), in diff order: records of the account
 * and region that APIs refer to, or that refer to APIs. Their changes carry apiKey ACCOUNT_KEY.
 */
export const ACCOUNT_KINDS = [
  clientCertificateKind,
  vpcLinkKind,
  domainKind,
  basePathMappingKind,
  apiMappingKind,
  usagePlanKind,
  apiKeyKind,
] as readonly (ResourceKind & { account: AccountScope })[];

const BY_TARGET = new Map<ChangeTarget, ResourceKind>([...KINDS, ...ACCOUNT_KINDS].map((k) => [k.target, k]));

export function kindOf(target: ChangeTarget): ResourceKind {
  const k = BY_TARGET.get(target);
  if (!k) throw new Error(`no resource kind registered for change target "${target}"`);
  return k;
}

/** Every change target, in registry order (the plan file format accepts exactly these). */
export const TARGETS = [...KINDS, ...ACCOUNT_KINDS].map((k) => k.target) as [ChangeTarget, ...ChangeTarget[]];

/** The account kind of a target, or undefined for an API kind. */
export function accountKindOf(target: ChangeTarget): (ResourceKind & { account: AccountScope }) | undefined {
  const k = BY_TARGET.get(target);
  return k?.account ? (k as ResourceKind & { account: AccountScope }) : undefined;
}

/** The folders of gateway-state that hold account-scope files (`client-certificates`, `domains`, …). */
export function accountStateDirs(): string[] {
  return ACCOUNT_KINDS.flatMap((k) => (k.account.state ? [k.account.state.dir] : []));
}

/** The account folders an API's own records name records of (vpc-links, client-certificates): a one-API check reads them too. */
export function accountDirsApisReferTo(): string[] {
  return ACCOUNT_KINDS.flatMap((k) => (k.account.referencedByApis && k.account.state ? [k.account.state.dir] : []));
}

/** An account model with nothing in it. */
export function emptyAccount(): AccountModel {
  const out = {} as Record<string, Record<string, unknown>>;
  for (const k of ACCOUNT_KINDS) out[k.account.modelKey] = {};
  return out as unknown as AccountModel;
}

/** True when an account model holds no record of any kind. */
export function accountIsEmpty(m: AccountModel | undefined): boolean {
  return !m || ACCOUNT_KINDS.every((k) => Object.keys((m[k.account.modelKey] ?? {}) as object).length === 0);
}

/**
 * When apply runs an account change: creates and updates in their kind's phase, deletes in
 * the other one (a VPC link is created before the APIs that use it and deleted after them; a
 * mapping is created after the stage it names and deleted before it). An update may depend on
 * the plan (see AccountScope.updatePhase).
 */
export function accountPhaseOf(c: Change, all: readonly Change[] = []): AccountPhase {
  const k = accountKindOf(c.target);
  if (!k) throw new Error(`${c.target} is not an account-scope kind`);
  const own = k.account.phase;
  if (c.action === 'delete') return own === 'before' ? 'after' : 'before';
  if (c.action === 'update' && k.account.updatePhase) return k.account.updatePhase(c, all);
  return own;
}

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
  for (const k of [...KINDS, ...ACCOUNT_KINDS]) scan(k.fields);
  for (const table of PART_TABLES) scan(table);
  return out;
}

/** Names of model fields that stand for secrets (field rows marked `sensitive`): their values are masked in every output. */
export function sensitiveFields(): Set<string> {
  const out = new Set<string>();
  for (const k of [...KINDS, ...ACCOUNT_KINDS])
    for (const [key, row] of Object.entries(k.fields ?? {}))
      if ((row as { sensitive?: boolean }).sensitive) out.add(key);
  return out;
}

/** Per kind, the fields the engine derives from outside the state (field rows marked `derived`): not part of what reviewers approve. */
export function derivedFields(): Map<ChangeTarget, string[]> {
  const out = new Map<ChangeTarget, string[]>();
  for (const k of [...KINDS, ...ACCOUNT_KINDS]) {
    const keys = Object.entries(k.fields ?? {}).flatMap(([key, row]) =>
      (row as { derived?: boolean }).derived ? [key] : [],
    );
    if (keys.length > 0) out.set(k.target, keys);
  }
  return out;
}

export { PART_TABLES };
