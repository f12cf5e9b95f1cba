/**
 * Pending deployments left by an interrupted apply (the `apigw-sync:pending` tag), folded
 * into a fresh plan so the next plan shows them and the next apply deploys them.
 */
import { createHash } from 'node:crypto';
import type { ApiModel, GatewayModel } from '../model/api.js';
import { TAG_PENDING, type LiveSnapshot } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import { canonicalJson } from '../model/canonical.js';
import { decodePending, type PendingApply } from '../aws/apply/index.js';
import { desiredStateDigest } from '../plan/fingerprint.js';
import { ACCOUNT_KEY } from '../model/account.js';

export interface PendingFound extends PendingApply {
  apiKey: string;
}

export function pendingApplies(live: LiveSnapshot): PendingFound[] {
  const out: PendingFound[] = [];
  for (const [apiKey, api] of Object.entries(live.apis).sort(([a], [b]) => a.localeCompare(b))) {
    const text = api.ids.toolTags[TAG_PENDING];
    if (text) out.push({ apiKey, ...decodePending(text) });
  }
  return out;
}

/** A copy of `plan` whose deployments also cover the stages an interrupted apply left undeployed. */
export function withPendingDeployments(plan: Plan, desired: GatewayModel, pending: PendingFound[]): Plan {
  const deployments = structuredClone(plan.deployments);
  for (const p of pending) {
    const api = desired.apis[p.apiKey];
    if (!api) continue;
    const stages = p.stages.filter((s) => api.stages[s] && !(api.kind !== 'RestApi' && api.stages[s].autoDeploy));
    if (stages.length === 0) continue;
    deployments[p.apiKey] = [...new Set([...(deployments[p.apiKey] ?? []), ...stages])].sort();
  }
  const keys = Object.keys(deployments).sort();
  const sorted = Object.fromEntries(keys.map((k) => [k, deployments[k]]));
  return { ...plan, deployments: sorted, summary: { ...plan.summary, redeploys: keys.length } };
}

/** Hash of one desired API, so `--resume` can tell the state did not change since the interrupted apply. */
export function desiredApiHash(api: ApiModel | undefined): string {
  return createHash('sha256')
    .update(canonicalJson(api ?? null))
    .digest('hex');
}

/** The declared account scope's hash (what reviewers approve of it: derived fields such as a key value's hash left out). */
export function desiredAccountHash(desired: GatewayModel): string {
  return desiredStateDigest(desired).apis[ACCOUNT_KEY] ?? '';
}
