/**
 * Drift: the same diff, told from AWS's side. Where a plan says "create route X" (Git has
 * it, AWS does not), drift says "route X was deleted in AWS"; an update's `before` is what
 * Git says and `after` what AWS has. Implemented by diffing with the roles swapped, so the
 * flags describe what the drift did to clients (a route deleted in AWS is breaking).
 */
import type { GatewayModel } from '../model/api.js';
import type { DriftItem } from '../model/change.js';
import type { DriftReport } from '../model/drift.js';
import type { LiveSnapshot } from '../model/live.js';
import { diffApi } from './api.js';
import { diffAccount } from './account.js';
import { ACCOUNT_KEY } from '../model/account.js';
import { makeChange } from './change.js';

export interface DriftOptions {
  /**
   * Deployment each stage served after the last apply (API key → stage → deployment id),
   * when the caller knows it. A stage now serving another deployment was deployed out of band.
   */
  appliedDeployments?: Record<string, Record<string, string>>;
}

export function detectDrift(desired: GatewayModel, live: LiveSnapshot, opts: DriftOptions = {}): DriftReport {
  const items: DriftItem[] = [];
  // Account scope first (its records are listed first everywhere), roles swapped as for the APIs.
  if (live.account)
    for (const change of diffAccount(live.account.model, desired.account)) items.push({ apiKey: ACCOUNT_KEY, change });
  for (const key of Object.keys(desired.apis).sort()) {
    const liveApi = live.apis[key];
    // Roles swapped: AWS is the "desired" side, Git the "live" side.
    for (const change of diffApi(key, liveApi?.model, desired.apis[key])) items.push({ apiKey: key, change });
    const applied = opts.appliedDeployments?.[key];
    if (!liveApi || !applied) continue;
    for (const stage of Object.keys(applied).sort()) {
      const now = liveApi.ids.stageDeployments[stage]?.deploymentId;
      if (now === undefined || now === applied[stage]) continue;
      const change = makeChange({
        apiKey: key,
        apiKind: liveApi.model.kind,
        target: 'deployment',
        action: 'update',
        name: stage,
        before: { stage, deploymentId: applied[stage] },
        after: { stage, deploymentId: now },
      });
      change.flags.reasons.push('deployed outside apigw-sync');
      items.push({ apiKey: key, change });
    }
  }
  const onlyInAws = [...live.unmanaged].sort((a, b) => a.name.localeCompare(b.name) || a.apiId.localeCompare(b.apiId));
  const report: DriftReport = { region: live.region, items, onlyInAws };
  if (live.elsewhere?.length) report.managedElsewhere = live.elsewhere;
  const secrets: Record<string, string[]> = {};
  for (const [key, model] of Object.entries(desired.apis)) {
    const names = [...new Set([...model.secrets, ...(live.apis[key]?.model.secrets ?? [])])].sort();
    if (names.length > 0) secrets[key] = names;
  }
  if (Object.keys(secrets).length > 0) report.secrets = secrets;
  return report;
}
