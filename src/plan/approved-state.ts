/**
 * Does a fresh plan implement the desired state reviewers approved? (pure)
 *
 * The review approved a commit's gateway-state (its desired-state digest). At apply time
 * AWS is re-read and re-planned; the plan may differ from the one reviewed because AWS moved
 * (another apply, a console edit) — that is fine, it is re-planned against the truth. What
 * must hold is that every API the fresh plan changes is declared exactly as approved:
 *
 * - the whole desired state equals the approved one (the usual case), or
 * - per API, when the approved digest carries per-API hashes: a merge that combined this pull
 *   request with earlier ones (two pull requests planned from the same main) changes only
 *   APIs whose declaration is the approved one; the others are already live (no changes).
 */
import type { GatewayModel } from '../model/api.js';
import type { Plan } from '../model/plan.js';
import {
  desiredStateDigest,
  environmentDigestKey,
  fingerprintMatches,
  shortFingerprint,
  type DesiredStateDigest,
} from './fingerprint.js';

/** What an apply is allowed to implement: a desired-state fingerprint, optionally with per-API hashes. */
export interface ApprovedDesiredState {
  fingerprint: string;
  region?: string;
  apis?: Record<string, string>;
  /** A state with environments: what was approved for each (`<environment>/<region>`). */
  environments?: Record<string, ApprovedDesiredState>;
}

/**
 * Exactly this desired state, nothing per API (an apply before merge, a state pushed without
 * review): the fingerprint, and with environments each environment's fingerprint.
 */
export function exactApproval(d: DesiredStateDigest): ApprovedDesiredState {
  if (!d.environments) return { fingerprint: d.fingerprint };
  return {
    fingerprint: d.fingerprint,
    environments: Object.fromEntries(
      Object.entries(d.environments).map(([k, e]) => [k, { fingerprint: e.fingerprint }]),
    ),
  };
}

export type ApprovedStateCheck =
  | { ok: true; how: 'exact' | 'per-api'; digest: DesiredStateDigest }
  | { ok: false; digest: DesiredStateDigest; unreviewed: string[]; why: string };

/** API keys a plan acts on (steps or deployments). */
export function plannedApiKeys(plan: Plan): string[] {
  return [...new Set([...plan.steps.map((s) => s.change.apiKey), ...Object.keys(plan.deployments)])].sort();
}

export function checkApprovedState(
  plan: Plan,
  desired: GatewayModel,
  approved: ApprovedDesiredState,
): ApprovedStateCheck {
  const digest = desiredStateDigest(desired);
  // An environment's apply: the review approved every environment; this one must be as approved.
  if (desired.environment && approved.environments) {
    const key = environmentDigestKey(desired.environment, desired.region);
    const mine = approved.environments[key];
    if (!mine)
      return {
        ok: false,
        digest,
        unreviewed: plannedApiKeys(plan),
        why: `the approved state has no environment ${key}`,
      };
    return checkApprovedState(plan, desired, { ...mine, environments: undefined });
  }
  if (fingerprintMatches(approved.fingerprint, digest.fingerprint)) return { ok: true, how: 'exact', digest };
  const differs = `the desired state is ${shortFingerprint(digest.fingerprint)}, but ${shortFingerprint(approved.fingerprint)} was approved`;
  if (!approved.apis) return { ok: false, digest, unreviewed: plannedApiKeys(plan), why: differs };
  if (approved.region !== undefined && approved.region !== digest.region) {
    return {
      ok: false,
      digest,
      unreviewed: plannedApiKeys(plan),
      why: `${differs} (region ${digest.region}, approved ${approved.region})`,
    };
  }
  // An API absent on both sides is being deleted as approved; present on one side only is not what was approved.
  const unreviewed = plannedApiKeys(plan).filter((k) => digest.apis[k] !== approved.apis![k]);
  if (unreviewed.length > 0)
    return { ok: false, digest, unreviewed, why: `${differs}; not declared as approved: ${unreviewed.join(', ')}` };
  return { ok: true, how: 'per-api', digest };
}
