/** Words the drift renderers share: drift is told from AWS's side (see diff/drift.ts). */
import type { Change, ChangeAction } from '../model/change.js';
import type { DriftReport } from '../model/drift.js';
import type { UnmanagedLiveApi } from '../model/live.js';
import { TOOL_TAG_PREFIX } from '../model/live.js';
import { ACCOUNT_KEY } from '../model/account.js';

export const DRIFT_VERB: Record<ChangeAction, string> = {
  create: 'added in AWS (not in Git)',
  update: 'changed in AWS',
  delete: 'deleted in AWS (still in Git)',
};

export const NO_DRIFT = 'No drift. AWS matches gateway-state.';

/**
 * Differences as a person counts them: a route added or deleted in AWS is one difference,
 * not two (its integration comes and goes with it).
 */
export function countDifferences(changes: Change[]): number {
  const wholeRoutes = new Set(
    changes.filter((c) => c.target === 'route' && c.action !== 'update').map((c) => `${c.apiKey} ${c.name}`),
  );
  return changes.filter(
    (c) => !(c.target === 'integration' && c.action !== 'update' && wholeRoutes.has(`${c.apiKey} ${c.name}`)),
  ).length;
}

export function driftSummaryLine(r: DriftReport): string {
  const apis = new Set(r.items.map((i) => i.apiKey).filter((k) => k !== ACCOUNT_KEY)).size;
  const account = r.items.some((i) => i.apiKey === ACCOUNT_KEY);
  const n = countDifferences(r.items.map((i) => i.change));
  const where = [
    ...(apis > 0 ? [`${apis} API${apis === 1 ? '' : 's'}`] : []),
    ...(account ? ['the account resources'] : []),
  ].join(' and ');
  const parts = [n === 0 ? 'Drift: none in managed APIs' : `Drift: ${n} difference${n === 1 ? '' : 's'} in ${where}`];
  if (r.onlyInAws.length > 0) parts.push(`${r.onlyInAws.length} API${r.onlyInAws.length === 1 ? '' : 's'} only in AWS`);
  const elsewhere = r.managedElsewhere?.length ?? 0;
  if (elsewhere > 0) parts.push(`${elsewhere} managed elsewhere`);
  return `${parts.join('; ')}.`;
}

export function unmanagedNote(u: UnmanagedLiveApi): string {
  if (u.managed) return `carries ${TOOL_TAG_PREFIX}managed: \`drift --prune\` may delete it`;
  if (u.legacy)
    return 'managed by apigw-sync before owners existed (no owner id): never pruned; `import --take-over` adopts it';
  return 'not managed by apigw-sync: listed only, never deleted';
}

/** APIs other directories manage, in one line each: they never drift and are never pruned here. */
export const ELSEWHERE_HEADING = 'Managed elsewhere (other owners in this account; never drift, never pruned here):';
