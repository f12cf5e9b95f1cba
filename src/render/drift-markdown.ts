/**
 * Drift as Markdown (the drift issue body, job summaries): a table per API with one row
 * per differing field, "in Git" against "in AWS", and the APIs found only in AWS.
 */
import type { Change } from '../model/change.js';
import type { DriftReport } from '../model/drift.js';
import { NO_DRIFT, driftSummaryLine, unmanagedNote } from './drift-common.js';
import { codeBlock, codeSpan, escapeHtml, escapeMarkdownText } from './escape.js';
import { maskDrift } from './mask.js';
import {
  KIND_LABEL,
  TARGET_LABEL,
  formatValue,
  groupByApi,
  groupTitle,
  isMultilineField,
  multilineDiff,
  routeGroupAction,
  routeGroupChanges,
  shortValue,
} from './plan-common.js';
import { ACTION_ICON } from './plan-markdown.js';

export interface DriftMarkdownOptions {
  /** First line; default `### apigw-sync drift`. */
  heading?: string;
  /** Tables with more rows than this are folded (default 15). */
  foldRowsAbove?: number;
  /** Only these APIs (e.g. the one a drift issue is about); default all. */
  apiKeys?: string[];
}

/** Table cells stay narrow; values cut here are shown in full below the table. */
const CELL_MAX = 40;
const cell = (v: unknown) => codeSpan(shortValue(v, CELL_MAX), { inTable: true });
const cut = (v: unknown) => isMultilineField(v, undefined) || formatValue(v, { max: 10_000 }).length > CELL_MAX;
const LEGEND = `${ACTION_ICON.create} added in AWS · ${ACTION_ICON.update} changed in AWS · ${ACTION_ICON.delete} deleted in AWS (still in Git)`;

export function renderDriftMarkdown(report: DriftReport, opts: DriftMarkdownOptions = {}): string {
  const keep = opts.apiKeys ? new Set(opts.apiKeys) : undefined;
  const r = maskDrift(
    keep ? { ...report, items: report.items.filter((i) => keep.has(i.apiKey)), onlyInAws: [] } : report,
  );
  const out = [
    opts.heading ?? '### apigw-sync drift',
    '',
    `**${driftSummaryLine(r)}**`,
    '',
    `Region ${codeSpan(r.region)}`,
    '',
  ];
  if (r.items.length === 0) out.push(`✅ ${NO_DRIFT}`, '');
  else out.push(LEGEND, '');
  for (const g of groupByApi(r.items.map((i) => i.change))) {
    const title = groupTitle(g);
    out.push(`#### ${escapeMarkdownText(title.name)} · ${escapeMarkdownText(title.kind)}`, '');
    const rows: string[] = [];
    const add = (c: Change, target: string, name: string) => rows.push(...changeRows(c, target, name));
    for (const c of [...g.apiLevel, ...g.definitions, ...g.stages, ...g.other])
      add(c, TARGET_LABEL[c.target], c.target === 'tags' ? '—' : c.name);
    for (const rg of g.routes) {
      const cs = routeGroupChanges(rg);
      if (routeGroupAction(rg) !== 'update') add(cs[0], 'route', rg.key);
      else for (const c of cs) add(c, c.target === 'route' ? 'route' : 'integration of', rg.key);
    }
    const table = ['| | What | Field | In Git | In AWS |', '|---|---|---|---|---|', ...rows];
    if (rows.length > (opts.foldRowsAbove ?? 15)) {
      out.push(
        `<details><summary>${escapeHtml(`${rows.length} differences`)}</summary>`,
        '',
        ...table,
        '',
        '</details>',
        '',
      );
    } else out.push(...table, '');
    const full = fullValues(g.all);
    if (full.length > 0)
      out.push('<details><summary>Full values</summary>', '', codeBlock(full.join('\n'), 'diff'), '', '</details>', '');
  }
  if (r.onlyInAws.length > 0) {
    out.push(
      '#### Only in AWS',
      '',
      'No folder in `gateway-state/` describes these APIs.',
      '',
      '| API | Kind | Id | Note |',
      '|---|---|---|---|',
    );
    for (const u of r.onlyInAws) {
      out.push(
        `| ${codeSpan(u.name, { inTable: true })} | ${KIND_LABEL[u.kind]} | ${codeSpan(u.apiId, { inTable: true })} | ${unmanagedNote(u)} |`,
      );
    }
    out.push('');
  }
  if (r.managedElsewhere?.length) {
    const rows = r.managedElsewhere.map(
      (e) =>
        `| ${codeSpan(e.name, { inTable: true })} | ${KIND_LABEL[e.kind]} | ${codeSpan(e.apiId, { inTable: true })} | ${codeSpan(e.owner, { inTable: true })} |`,
    );
    out.push(
      `<details><summary>${escapeHtml(`Managed elsewhere: ${rows.length} API${rows.length === 1 ? '' : 's'} of other owners (never drift, never pruned here)`)}</summary>`,
      '',
      '| API | Kind | Id | Owner |',
      '|---|---|---|---|',
      ...rows,
      '',
      '</details>',
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function changeRows(c: Change, target: string, name: string): string[] {
  const icon = ACTION_ICON[c.action];
  const what = name === '—' ? target : `${target} ${codeSpan(name, { inTable: true })}`;
  if (c.target === 'deployment') {
    const b = (c.before as { deploymentId?: string } | undefined)?.deploymentId;
    const a = (c.after as { deploymentId?: string } | undefined)?.deploymentId;
    return [
      `| ${icon} | stage ${codeSpan(name, { inTable: true })} | deployment made outside apigw-sync | ${cell(b)} | ${cell(a)} |`,
    ];
  }
  if (c.action === 'create') return [`| ${icon} | ${what} | — | absent | present |`];
  if (c.action === 'delete') return [`| ${icon} | ${what} | — | present | absent |`];
  return c.fields.map(
    (f) => `| ${icon} | ${what} | ${codeSpan(f.path, { inTable: true })} | ${cell(f.before)} | ${cell(f.after)} |`,
  );
}

/** Fields whose values were too long for the table, as `-` Git / `+` AWS lines. */
function fullValues(cs: Change[]): string[] {
  const lines: string[] = [];
  for (const c of cs) {
    for (const f of c.fields) {
      if (!cut(f.before) && !cut(f.after)) continue;
      lines.push(`@@ ${TARGET_LABEL[c.target]} ${c.target === 'tags' ? '' : c.name} · ${f.path} @@`.replace('  ', ' '));
      if (isMultilineField(f.before, f.after))
        lines.push('  (- in Git, + in AWS)', ...multilineDiff(f.before, f.after));
      else
        lines.push(
          `- in Git: ${formatValue(f.before, { max: 10_000 })}`,
          `+ in AWS: ${formatValue(f.after, { max: 10_000 })}`,
        );
    }
  }
  return lines;
}
