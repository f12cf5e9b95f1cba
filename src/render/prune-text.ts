/**
 * What `drift --prune` is about to delete, printed before anything is deleted (and before
 * the question on a terminal): each API with its kind and id, and what is kept and why.
 * Pure.
 */
import type { DriftReport } from '../model/drift.js';
import type { UnmanagedLiveApi } from '../model/live.js';
import { terminalSafe } from './escape.js';
import { KIND_LABEL } from './plan-common.js';

export function renderPrunePreview(o: { report: DriftReport; owner: string; candidates: UnmanagedLiveApi[] }): string {
  const n = o.candidates.length;
  const out = [`apigw-sync drift --prune · ${o.report.region} · owner ${terminalSafe(o.owner)}`, ''];
  if (n === 0) out.push('Nothing to prune: every API of this owner has a folder in gateway-state.');
  else {
    out.push(
      `${n} API${n === 1 ? ' carries' : 's carry'} this owner's id but no folder in gateway-state describes ${n === 1 ? 'it' : 'them'}; prune deletes ${n === 1 ? 'it' : 'them'}:`,
    );
    for (const a of o.candidates)
      out.push(`  - ${terminalSafe(a.name)} · ${KIND_LABEL[a.kind]} · id ${terminalSafe(a.apiId)}`);
  }
  const kept = [
    [o.report.managedElsewhere?.length ?? 0, 'managed elsewhere (other owners)'],
    [o.report.onlyInAws.filter((a) => a.legacy).length, 'managed before owners existed (no owner id)'],
    [o.report.onlyInAws.filter((a) => !a.managed && !a.legacy).length, 'not managed by apigw-sync'],
  ] as const;
  const keptText = kept.filter(([count]) => count > 0).map(([count, why]) => `${count} ${why}`);
  if (keptText.length > 0) out.push('', `Never deleted: ${keptText.join('; ')}.`);
  return `${out.join('\n')}\n`;
}
