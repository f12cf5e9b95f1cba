/**
 * Two fingerprints with two meanings:
 *
 * - The **plan fingerprint** (`planFingerprint`): what one plan was built from, desired
 *   state and live state. `apply --plan-fingerprint` and plan files use it: the exact plan
 *   shown, or nothing.
 * - The **desired-state fingerprint** (`desiredStateDigest`): only what gateway-state
 *   declares. Reviewers approve a commit, and so a desired state; AWS is re-read at apply
 *   time, so an apply (or another pull request's apply) in between does not void the review.
 *
 * The plan fingerprint: sha256 over canonical JSON (sorted keys) of what the plan was
 * built from — the desired GatewayModel and the live API models. `apply --plan-fingerprint`
 * recomputes it before writing, so what is applied is exactly what was reviewed.
 *
 * Left out on purpose: live ids and the tool's own tags (the lock tag is written by the
 * apply that checks the fingerprint, and ids do not change what the plan does), and the
 * unmanaged list (a plan never acts on it). The exception: the ids of unused integrations
 * (LiveIds.unusedIntegrations), which the plan deletes.
 */
import { createHash } from 'node:crypto';
import type { ApiModel, GatewayModel } from '../model/api.js';
import type { LiveSnapshot } from '../model/live.js';
import { canonicalJson } from '../model/canonical.js';
import { ACCOUNT_KEY } from '../model/account.js';
import { accountIsEmpty, ACCOUNT_KINDS, derivedFields } from '../kinds/registry.js';

/** Characters of the fingerprint shown to people; the full hash is stored. */
export const SHORT_FINGERPRINT_LENGTH = 12;

/**
 * An API as the fingerprints see it. `wsRoutes` came with WebSocket APIs and is always empty on
 * REST and HTTP APIs: left out when empty, so their fingerprints — and the approvals bound to
 * them on open pull requests — stay what they were before WebSocket support.
 */
function hashable(api: ApiModel): Omit<ApiModel, 'wsRoutes'> & { wsRoutes?: ApiModel['wsRoutes'] } {
  if (Object.keys(api.wsRoutes ?? {}).length > 0) return api;
  const { wsRoutes: _empty, ...rest } = api;
  return rest;
}

function hashableState(desired: GatewayModel): unknown {
  return { ...desired, apis: Object.fromEntries(Object.entries(desired.apis).map(([k, a]) => [k, hashable(a)])) };
}

export function planFingerprint(desired: GatewayModel, live: LiveSnapshot): string {
  const liveModels: Record<string, unknown> = {};
  for (const [key, api] of Object.entries(live.apis)) {
    // Unused integrations (an interrupted HTTP apply's) are steps of the plan: their ids count, when there are any.
    const unused = Object.keys(api.ids.unusedIntegrations ?? {}).sort();
    liveModels[key] = unused.length ? { model: hashable(api.model), unusedIntegrations: unused } : hashable(api.model);
  }
  // Account-scope records count only when there are some (a state without any keeps its fingerprints).
  const account = live.account && !accountIsEmpty(live.account.model) ? { account: live.account.model } : {};
  const input = canonicalJson({
    desired: hashableState(desired),
    live: { region: live.region, apis: liveModels, ...account },
  });
  return createHash('sha256').update(input).digest('hex');
}

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** True when `given` (full or a prefix of at least 12 hex chars, as shown to reviewers) names `actual`. */
export function fingerprintMatches(given: string, actual: string): boolean {
  const g = given.trim().toLowerCase();
  return g.length >= SHORT_FINGERPRINT_LENGTH && /^[0-9a-f]+$/.test(g) && actual.startsWith(g);
}

/** Hex characters kept of each per-API hash (128 bits: collisions are out of reach, comments stay short). */
export const API_STATE_HASH_LENGTH = 32;

/**
 * The desired state a review approved: the whole-state fingerprint and, per API, a hash bound
 * to the region — so a merge that combined this pull request with others can still be checked
 * API by API (see plan/approved-state.ts).
 */
export interface DesiredStateDigest {
  fingerprint: string;
  region: string;
  apis: Record<string, string>;
  /**
   * A state with environments: each environment's own digest, keyed `<environment>/<region>`
   * (environmentsDigest). The fingerprint then covers all of them: one review approves the
   * change in every environment, and each environment's apply checks its own part.
   */
  environments?: Record<string, DesiredStateDigest>;
}

/** The key of one environment's digest in DesiredStateDigest.environments. */
export function environmentDigestKey(environment: string, region: string): string {
  return `${environment}/${region}`;
}

/** The digest of a state with environments: one per environment and region, under one fingerprint. */
export function environmentsDigest(parts: Record<string, DesiredStateDigest>): DesiredStateDigest {
  const environments = Object.fromEntries(
    Object.keys(parts)
      .sort()
      .map((k) => [k, parts[k]]),
  );
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        environments: Object.fromEntries(Object.entries(environments).map(([k, d]) => [k, d.fingerprint])),
      }),
    )
    .digest('hex');
  return { fingerprint, region: '', apis: {}, environments };
}

export function desiredStateDigest(given: GatewayModel): DesiredStateDigest {
  const desired = declaredOnly(given);
  const apis: Record<string, string> = {};
  for (const key of Object.keys(desired.apis).sort()) apis[key] = apiStateHash(desired.region, desired.apis[key]);
  // The account scope is one more unit of approval (its changes carry apiKey ACCOUNT_KEY).
  if (desired.account)
    apis[ACCOUNT_KEY] = createHash('sha256')
      .update(canonicalJson({ region: desired.region, account: desired.account }))
      .digest('hex')
      .slice(0, API_STATE_HASH_LENGTH);
  const fingerprint = createHash('sha256')
    .update(canonicalJson({ desired: hashableState(desired) }))
    .digest('hex');
  return { fingerprint, region: desired.region, apis };
}

/**
 * What gateway-state itself declares: fields the engine derives from outside it (an API key
 * value's hash, read from the value's source) are left out. The plan fingerprint keeps them
 * (a value that changes after the plan voids the plan), but the state reviewers approve does
 * not change when a secret rotates in Secrets Manager, or when one environment can read the
 * source and another cannot.
 */
function declaredOnly(desired: GatewayModel): GatewayModel {
  if (!desired.account) return desired;
  const derived = derivedFields();
  const account = { ...desired.account } as unknown as Record<string, Record<string, Record<string, unknown>>>;
  for (const kind of ACCOUNT_KINDS) {
    const keys = derived.get(kind.target);
    const records = account[kind.account.modelKey];
    if (!keys || !records) continue;
    account[kind.account.modelKey] = Object.fromEntries(
      Object.entries(records).map(([k, r]) => [
        k,
        Object.fromEntries(Object.entries(r).filter(([f]) => !keys.includes(f))),
      ]),
    );
  }
  return { ...desired, account: account as unknown as GatewayModel['account'] };
}

/** One API's declared state in one region. */
export function apiStateHash(region: string, api: GatewayModel['apis'][string]): string {
  return createHash('sha256')
    .update(canonicalJson({ region, api: hashable(api) }))
    .digest('hex')
    .slice(0, API_STATE_HASH_LENGTH);
}
