/**
 * Which stages need a new deployment after an API's steps.
 *
 * Any change that lives in a deployment (flags.redeploy) means every stage of the API must
 * be redeployed to serve it — all stages serve the one API definition in gateway-state. A
 * new stage needs a first deployment even when nothing else changed. v2 stages with
 * autoDeploy on are deployed by AWS itself and are left out. Stages being deleted are too.
 */
import type { GatewayModel } from '../model/api.js';
import type { Change } from '../model/change.js';
import { kindOf } from '../kinds/registry.js';

export function deploymentsFor(desired: GatewayModel, changes: Change[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const byApi = new Map<string, Change[]>();
  for (const c of changes) {
    const list = byApi.get(c.apiKey);
    if (list) list.push(c);
    else byApi.set(c.apiKey, [c]);
  }
  for (const [apiKey, list] of [...byApi].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const api = desired.apis[apiKey];
    if (!api) continue;
    const deployable = Object.values(api.stages).filter((s) => !(api.kind !== 'RestApi' && s.autoDeploy === true));
    // Snapshot kinds redeploy every stage; a stage of its own only needs its first deployment.
    const wholeApi = list.some((c) => c.flags.redeploy && kindOf(c.target).modelKey !== 'stages');
    const stages = deployable
      .filter(
        (s) =>
          wholeApi ||
          list.some((c) => kindOf(c.target).modelKey === 'stages' && c.action === 'create' && c.name === s.name),
      )
      .map((s) => s.name)
      .sort();
    if (stages.length > 0) out[apiKey] = stages;
  }
  return out;
}
