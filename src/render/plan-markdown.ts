/**
 * The plan for a pull-request comment or a job summary (GitHub-flavoured Markdown):
 * summary line, then per API a table of changes (action, target, name, what changes,
 * flags as badges), the field-level differences in a ```diff block, large parts folded
 * in <details>, and a Mermaid map of the changed routes when there are several.
 * User data is escaped (escape.ts) and secrets masked (mask.ts) before anything is written.
 */
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { codeBlock, codeSpan, escapeHtml, escapeMarkdownText, mermaidLabel } from './escape.js';
import { maskPlan } from './mask.js';
import {
  KIND_LABEL,
  NO_CHANGES,
  adoptionNote,
  SYMBOL,
  TARGET_LABEL,
  createFacts,
  formatValue,
  groupByApi,
  groupTitle,
  informativeReasons,
  integrationPhrase,
  isMultilineField,
  mergedFlagWords,
  multilineDiff,
  responsesPhrase,
  routeGroupAction,
  routeGroupChanges,
  summaryLine,
  type ApiGroup,
  type RouteGroup,
} from './plan-common.js';

export interface PlanMarkdownOptions {
  /** First line; default `### apigw-sync plan`. */
  heading?: string;
  /** Tables with more rows than this are folded (default 12). */
  foldRowsAbove?: number;
  /** Diff blocks with more lines than this are folded (default 20). */
  foldDiffLinesAbove?: number;
  /** Draw the route map from this many changed routes on (default 2); 0 turns it off. */
  mermaidMinRoutes?: number;
  /** At most this many routes in the map; the rest are summed up in one node (default 20). */
  mermaidMaxRoutes?: number;
}

export const ACTION_ICON: Record<keyof typeof SYMBOL, string> = {
  create: '🟢',
  update: '🟡',
  delete: '🔴',
  replace: '🟣',
};
export const ACTION_WORD: Record<keyof typeof SYMBOL, string> = {
  create: 'add',
  update: 'change',
  delete: 'destroy',
  replace: 'replace',
};
const BADGE = {
  redeploy: '`🔁 redeploy`',
  BREAKING: '**`⚠️ breaking`**',
  security: '**`🛡️ security`**',
  'moves traffic': '**`🔀 moves traffic`**',
  destroy: '`🗑️ destroy`',
} as const;

export function renderPlanMarkdown(plan: Plan, opts: PlanMarkdownOptions = {}): string {
  const masked = maskPlan(plan);
  const heading = opts.heading ?? '### apigw-sync plan';
  const meta = `Region ${codeSpan(plan.region)} · plan fingerprint ${codeSpan(shortFingerprint(plan.fingerprint))}`;
  const adoption = adoptionNote(plan);
  const adopted = adoption ? `> [!NOTE]\n> ${escapeMarkdownText(adoption)}\n\n` : '';
  if (masked.steps.length === 0) return `${heading}\n\n✅ **${NO_CHANGES}**\n\n${adopted}${meta}\n`;

  const out = [
    heading,
    '',
    `**${summaryLine(
      masked.summary,
      masked.steps.map((x) => x.change),
    )}**`,
    '',
    ...(adoption ? [adopted.trimEnd(), ''] : []),
    meta,
    '',
  ];
  for (const g of groupByApi(masked.steps.map((s) => s.change)))
    out.push(...apiSection(g, masked.deployments[g.apiKey] ?? [], opts), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function apiSection(g: ApiGroup, deployStages: string[], opts: PlanMarkdownOptions): string[] {
  const counts = countActions(g.all);
  const title = groupTitle(g);
  const out = [
    `#### ${ACTION_ICON[g.action]} ${escapeMarkdownText(title.name)} · ${escapeMarkdownText(title.kind)}`,
    '',
  ];
  const facts = [counts];
  if (deployStages.length > 0) {
    // A WebSocket stage cannot split traffic: say so where the redeploy is announced.
    const how =
      g.apiKind === 'WebSocketApi'
        ? ' (no canary: a WebSocket stage cannot split traffic, so with a rollout policy the new deployment takes the whole stage and is baked, then kept or switched back)'
        : '';
    facts.push(`🔁 new deployment for ${deployStages.map((s) => codeSpan(s)).join(', ')}${how}`);
  }
  out.push(facts.join(' · '), '');

  const rows = tableRows(g);
  const table = ['| | Target | Name | What changes | Flags |', '|---|---|---|---|---|', ...rows];
  out.push(...fold(table, rows.length > (opts.foldRowsAbove ?? 12), `${rows.length} changes`));

  const diff = diffLines(g);
  if (diff.length > 0) {
    const block = [codeBlock(diff.join('\n'), 'diff')];
    out.push(
      ...fold(block, diff.length > (opts.foldDiffLinesAbove ?? 20), `Field changes (${diff.length} lines)`, {
        always: false,
      }),
    );
  }

  const map = routeMap(g, opts);
  if (map) out.push(...fold([map], false, 'Changed routes'));
  return out;
}

function fold(lines: string[], folded: boolean, summary: string, _opts: { always?: boolean } = {}): string[] {
  if (!folded) return [...lines, ''];
  return [`<details><summary>${escapeHtml(summary)}</summary>`, '', ...lines, '', '</details>', ''];
}

function countActions(cs: Change[]): string {
  const n = (a: Change['action']) => cs.filter((c) => c.action === a).length;
  return `${n('create')} to add, ${n('update')} to change, ${n('delete')} to destroy`;
}

function badges(cs: Change[]): string {
  return mergedFlagWords(cs)
    .map((w) => BADGE[w])
    .join(' ');
}

function reasonsCell(cs: Change[]): string[] {
  return [...new Set(cs.flatMap(informativeReasons))].map((r) => `⚠️ ${escapeMarkdownText(r)}`);
}

function changedPaths(c: Change): string {
  const paths = c.fields.map((f) => f.path);
  const shown = paths.slice(0, 4).map((p) => codeSpan(p, { inTable: true }));
  if (paths.length > 4) shown.push(`+${paths.length - 4} more`);
  return shown.join(', ');
}

function whatChanges(c: Change): string[] {
  if (c.action === 'update') return [changedPaths(c)];
  if (c.action === 'create')
    return createFacts(c)
      .slice(0, 3)
      .map((f) => codeSpan(f, { inTable: true }));
  return ['removed'];
}

function tableRows(g: ApiGroup): string[] {
  const rows: string[] = [];
  const row = (action: keyof typeof SYMBOL, target: string, name: string, what: string[], flags: string) =>
    rows.push(
      `| ${ACTION_ICON[action]} ${ACTION_WORD[action]} | ${target} | ${name} | ${what.filter(Boolean).join('<br>') || '—'} | ${flags || ' '} |`,
    );
  for (const c of [...g.apiLevel, ...g.definitions, ...g.stages, ...g.other]) {
    const name = c.target === 'tags' ? '—' : codeSpan(c.name, { inTable: true });
    row(c.action, TARGET_LABEL[c.target], name, [...whatChanges(c), ...reasonsCell([c])], badges([c]));
  }
  for (const r of g.routes) {
    const cs = routeGroupChanges(r);
    row(
      routeGroupAction(r),
      'route',
      codeSpan(r.key, { inTable: true }),
      [...routeWhat(r), ...reasonsCell(cs)],
      badges(cs),
    );
  }
  return rows;
}

function routeWhat(r: RouteGroup): string[] {
  const action = routeGroupAction(r);
  if (action === 'create') {
    const phrase = integrationPhrase(r.integration);
    const responses = (r.responses ?? []).map((c) => escapeMarkdownText(responsesPhrase(c)));
    return [
      ...(r.route ? whatChanges(r.route) : []),
      phrase ? `→ ${codeSpan(phrase, { inTable: true })}` : '',
      ...responses,
    ];
  }
  if (action === 'delete')
    return [r.responses?.length ? 'removed, with its integration and responses' : 'removed, with its integration'];
  const out: string[] = [];
  const before = r.route?.before as { method?: string; path?: string } | undefined;
  if (r.route && before?.path !== (r.route.after as { path?: string }).path) {
    out.push(`renamed from ${codeSpan(`${before?.method} ${before?.path}`, { inTable: true })}`);
  }
  if (r.route) out.push(changedPaths(r.route));
  if (r.integration)
    out.push(`integration: ${r.integration.action === 'update' ? changedPaths(r.integration) : r.integration.action}`);
  for (const c of r.responses ?? [])
    out.push(
      `${escapeMarkdownText(responsesPhrase(c))}: ${c.action === 'update' ? changedPaths(c) : ACTION_WORD[c.action]}`,
    );
  return out;
}

/** Field differences of every update in the API, as unified-diff-looking lines. */
function diffLines(g: ApiGroup): string[] {
  const lines: string[] = [];
  const add = (title: string, c: Change) => {
    if (c.action !== 'update' || c.fields.length === 0) return;
    lines.push(`@@ ${title} @@`);
    for (const f of c.fields) {
      if (isMultilineField(f.before, f.after)) {
        lines.push(
          `  ${f.path}:`,
          ...multilineDiff(f.before, f.after).map((l) => (l.startsWith(' ') ? ` ${l}` : `${l[0]}   ${l.slice(2)}`)),
        );
        continue;
      }
      if (f.before !== undefined) lines.push(`- ${f.path}: ${formatValue(f.before, { max: 120 })}`);
      if (f.after !== undefined) lines.push(`+ ${f.path}: ${formatValue(f.after, { max: 120 })}`);
    }
  };
  for (const c of [...g.apiLevel, ...g.definitions, ...g.stages, ...g.other])
    add(c.target === 'tags' ? 'tags' : `${TARGET_LABEL[c.target]} ${c.name}`, c);
  for (const r of g.routes) {
    if (r.route) add(`route ${r.key}`, r.route);
    if (r.integration) add(`integration of ${r.key}`, r.integration);
    for (const c of r.responses ?? []) add(`${TARGET_LABEL[c.target]}s of ${r.key}`, c);
  }
  return lines;
}

/** A flowchart API → first path segment → changed routes, coloured by action. */
function routeMap(g: ApiGroup, opts: PlanMarkdownOptions): string | undefined {
  const min = opts.mermaidMinRoutes ?? 2;
  const max = opts.mermaidMaxRoutes ?? 20;
  if (min === 0 || g.routes.length < min) return undefined;
  const shown = g.routes.slice(0, max);
  const lines = ['flowchart LR', `  api["${mermaidLabel(`${g.apiKey} · ${KIND_LABEL[g.apiKind]}`)}"]`];
  const groups = new Map<string, string>();
  shown.forEach((r, i) => {
    const action = routeGroupAction(r);
    if (g.apiKind === 'WebSocketApi') {
      // WebSocket route keys have no paths: every route hangs off the API.
      lines.push(`  api --> r${i}["${mermaidLabel(`${SYMBOL[action]} ${r.key}`)}"]:::${ACTION_WORD[action]}`);
      return;
    }
    const path = r.key === '$default' ? '$default' : r.key.slice(r.key.indexOf(' ') + 1);
    const top = path === '$default' ? '$default' : `/${path.split('/').filter(Boolean)[0] ?? ''}`;
    let gid = groups.get(top);
    if (!gid) {
      gid = `g${groups.size}`;
      groups.set(top, gid);
      lines.push(`  api --> ${gid}["${mermaidLabel(top)}"]`);
    }
    lines.push(`  ${gid} --> r${i}["${mermaidLabel(`${SYMBOL[action]} ${r.key}`)}"]:::${ACTION_WORD[action]}`);
  });
  if (g.routes.length > max)
    lines.push(`  api --> more["${mermaidLabel(`… and ${g.routes.length - max} more changed routes`)}"]`);
  lines.push(
    '  classDef add fill:#dafbe1,stroke:#1a7f37,color:#116329',
    '  classDef change fill:#fff8c5,stroke:#9a6700,color:#7d4e00',
    '  classDef destroy fill:#ffebe9,stroke:#cf222e,color:#a40e26',
  );
  return codeBlock(lines.join('\n'), 'mermaid');
}
