/**
 * Drift as a compact table, shared by the PR comment ("drift this PR would overwrite")
 * and the drift issue. In a DriftItem the change's `before` is what Git says and `after`
 * what AWS has now. Masked and escaped here, so callers cannot forget it.
 */
import type { Change } from '../model/change.js';
import type { DriftReport } from '../model/drift.js';
import { codeSpan, escapeMarkdownText } from './escape.js';
import { maskDrift } from './mask.js';
import { TARGET_LABEL, shortValue } from './plan-common.js';

const WHAT: Record<Change['action'], string> = {
  create: 'added in AWS',
  update: 'changed in AWS',
  delete: 'deleted in AWS',
};

/** Table rows (after the header) for the drift items of the given APIs (all when omitted). */
export function driftRows(report: DriftReport, opts: { apiKeys?: string[]; withApi?: boolean } = {}): string[] {
  const masked = maskDrift(report);
  const rows: string[] = [];
  for (const item of masked.items) {
    if (opts.apiKeys && !opts.apiKeys.includes(item.apiKey)) continue;
    const c = item.change;
    const cells = [
      ...(opts.withApi ? [escapeMarkdownText(item.apiKey)] : []),
      `${TARGET_LABEL[c.target]} ${codeSpan(c.name, { inTable: true })}`,
      WHAT[c.action],
      fieldsCell(c, 'before'),
      fieldsCell(c, 'after'),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows;
}

export function driftTableHeader(opts: { withApi?: boolean } = {}): string[] {
  return opts.withApi
    ? ['| API | What | Drift | In Git | In AWS now |', '|---|---|---|---|---|']
    : ['| What | Drift | In Git | In AWS now |', '|---|---|---|---|'];
}

function fieldsCell(c: Change, side: 'before' | 'after'): string {
  if (c.action !== 'update') {
    const present = side === 'before' ? c.action === 'delete' : c.action === 'create';
    return present ? 'present' : '—';
  }
  const parts = c.fields.slice(0, 4).map((f) => codeSpan(`${f.path}: ${shortValue(f[side], 60)}`, { inTable: true }));
  if (c.fields.length > 4) parts.push(`+${c.fields.length - 4} more`);
  return parts.join('<br>') || '—';
}

/** A Markdown section for the PR comment; empty when there is no drift. */
export function renderDriftSection(report: DriftReport | undefined, opts: { heading: string }): string {
  if (!report) return '';
  const rows = driftRows(report, { withApi: true });
  const unmanaged = report.onlyInAws.filter((a) => a.managed);
  if (rows.length === 0 && unmanaged.length === 0) return '';
  const out = [opts.heading, ''];
  if (rows.length > 0) {
    out.push(
      `AWS differs from the base branch in ${rows.length} place${rows.length === 1 ? '' : 's'}; applying this pull request puts Git's values back:`,
      '',
    );
    out.push(...driftTableHeader({ withApi: true }), ...rows, '');
  }
  if (unmanaged.length > 0) {
    out.push(
      `Managed APIs found only in AWS (kept unless applied with \`--prune\`): ${unmanaged.map((a) => codeSpan(`${a.name} (${a.apiId})`)).join(', ')}`,
      '',
    );
  }
  return out.join('\n');
}
