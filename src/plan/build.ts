import type { GatewayModel } from '../model/api.js';
import type { Change } from '../model/change.js';
import { TAG_OWNER, type LiveSnapshot } from '../model/live.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import { diffGateway } from '../diff/gateway.js';
import { deploymentsFor } from './deployments.js';
import { planFingerprint } from './fingerprint.js';
import { orderChanges } from './order.js';

export interface BuildPlanInput {
  desired: GatewayModel;
  live: LiveSnapshot;
  now: Date;
}

/** Desired × live → an ordered, fingerprinted Plan. Pure: same input, same plan. */
export function buildPlan({ desired, live, now }: BuildPlanInput): Plan {
  const changes = orderChanges(diffGateway(desired, live));
  const deployments = deploymentsFor(desired, changes);
  const plan: Plan = {
    version: 1,
    fingerprint: planFingerprint(desired, live),
    createdAt: now.toISOString(),
    region: desired.region,
    steps: changes.map((change, i) => ({ seq: i + 1, change })),
    summary: summarize(changes, deployments),
    deployments,
  };
  if (desired.environment) plan.environment = desired.environment;
  const secrets = secretNames(desired, live);
  if (Object.keys(secrets).length > 0) plan.secrets = secrets;
  if (desired.owner) {
    plan.owner = desired.owner;
    const adopt = Object.keys(live.apis)
      .filter((k) => desired.apis[k] && live.apis[k].ids.toolTags[TAG_OWNER] !== desired.owner)
      .sort();
    if (adopt.length > 0) plan.adopt = adopt;
    const adoptAccount = [...(live.account?.adopt ?? [])].sort((a, b) =>
      a.target + a.key < b.target + b.key ? -1 : 1,
    );
    if (adoptAccount.length > 0) plan.adoptAccount = adoptAccount;
  }
  return plan;
}

export function summarize(changes: Change[], deployments: Record<string, string[]>): PlanSummary {
  const security = changes.filter((c) => c.flags.security).length;
  return {
    add: changes.filter((c) => c.action === 'create').length,
    change: changes.filter((c) => c.action === 'update').length,
    destroy: changes.filter((c) => c.action === 'delete').length,
    redeploys: Object.keys(deployments).length,
    breaking: changes.filter((c) => c.flags.breaking).length,
    ...(security > 0 ? { security } : {}),
  };
}

/** Secret names per API (both sides), carried in the plan so every later render masks them. */
function secretNames(desired: GatewayModel, live: LiveSnapshot): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const keys = new Set([...Object.keys(desired.apis), ...Object.keys(live.apis)]);
  for (const key of [...keys].sort()) {
    const names = new Set([...(desired.apis[key]?.secrets ?? []), ...(live.apis[key]?.model.secrets ?? [])]);
    if (names.size > 0) out[key] = [...names].sort();
  }
  return out;
}
