/**
 * The plan for a terminal, in the spirit of `terraform plan`: grouped API → API settings
 * → authorizers/validators/models → stages → routes (with their integrations), one symbol
 * per change (+ add, ~ change, - destroy, ± replace / new deployment), field-level
 * `before → after` lines for updates, flags in brackets, and a summary line.
 */
import type { Change, FieldChange } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { terminalSafeDeep } from './escape.js';
import { maskPlan } from './mask.js';
import {
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
import { textStyle, type TextStyle } from './text-style.js';

export interface PlanTextOptions {
  color: boolean;
}

const INDENT = '    ';

export function renderPlanText(plan: Plan, opts: PlanTextOptions): string {
  const st = textStyle(opts);
  const masked = terminalSafeDeep(maskPlan(plan));
  const head = st.dim(`apigw-sync plan · ${plan.region} · fingerprint ${shortFingerprint(plan.fingerprint)}`);
  const adoption = adoptionNote(plan);
  if (masked.steps.length === 0)
    return `${head}\n\n${st.green(NO_CHANGES)}\n${adoption ? `\n${st.yellow(adoption)}\n` : ''}`;

  const out: string[] = [head, '', 'apigw-sync will perform the following actions:', ''];
  for (const g of groupByApi(masked.steps.map((s) => s.change))) {
    out.push(...renderApi(g, masked.deployments[g.apiKey] ?? [], st), '');
  }
  if (adoption) out.push(st.yellow(adoption), '');
  out.push(
    st.bold(
      summaryLine(
        masked.summary,
        masked.steps.map((x) => x.change),
      ),
    ),
  );
  return `${out.join('\n')}\n`;
}

function sym(action: keyof typeof SYMBOL, st: TextStyle): string {
  const s = SYMBOL[action];
  return action === 'create'
    ? st.green(s)
    : action === 'delete'
      ? st.red(s)
      : action === 'update'
        ? st.yellow(s)
        : st.magenta(s);
}

function flags(words: ReturnType<typeof mergedFlagWords>, st: TextStyle): string {
  if (words.length === 0) return '';
  const shown = words.map((w) =>
    w === 'BREAKING'
      ? st.bold(st.red(`[${w}]`))
      : w === 'security'
        ? st.bold(st.yellow(`[${w}]`))
        : w === 'destroy'
          ? st.red(`[${w}]`)
          : w === 'moves traffic'
            ? st.bold(st.magenta(`[${w}]`))
            : st.cyan(`[${w}]`),
  );
  return `  ${shown.join(' ')}`;
}

function renderApi(g: ApiGroup, deployStages: string[], st: TextStyle): string[] {
  const title = groupTitle(g);
  const lines = [`${sym(g.action, st)} ${st.bold(title.name)} · ${title.kind}`];
  for (const c of [...g.apiLevel, ...g.definitions, ...g.stages, ...g.other]) lines.push(...renderChange(c, 1, st));
  for (const r of g.routes) lines.push(...renderRoute(r, st));
  if (deployStages.length > 0) {
    lines.push(
      `${INDENT}${sym('replace', st)} deployment: ${deployStages.join(', ')} ${st.dim('(new deployment after the steps above)')}`,
    );
  }
  return lines;
}

function renderChange(c: Change, depth: number, st: TextStyle, label?: string): string[] {
  const pad = INDENT.repeat(depth);
  const title = label ?? (c.target === 'tags' ? 'tags' : `${TARGET_LABEL[c.target]} ${c.name}`);
  const lines = [`${pad}${sym(c.action, st)} ${title}${flags(mergedFlagWords([c]), st)}`];
  lines.push(...details(c, depth + 1, st));
  return lines;
}

function details(c: Change, depth: number, st: TextStyle): string[] {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  if (c.action === 'update') {
    for (const f of c.fields) {
      if (!isMultilineField(f.before, f.after)) {
        lines.push(`${pad}${fieldLine(f, st)}`);
        continue;
      }
      lines.push(`${pad}${st.yellow('~')} ${f.path}:`);
      for (const l of multilineDiff(f.before, f.after)) {
        const colour = l.startsWith('-') ? st.red : l.startsWith('+') ? st.green : st.dim;
        lines.push(`${pad}${INDENT}${colour(l)}`);
      }
    }
  }
  if (c.action === 'create') lines.push(...createFacts(c).map((f) => `${pad}${st.dim(f)}`));
  for (const r of informativeReasons(c)) lines.push(`${pad}${st.yellow(`! ${r}`)}`);
  return lines;
}

export function fieldLine(f: FieldChange, st: TextStyle): string {
  if (f.before === undefined) return `${st.green('+')} ${f.path}: ${formatValue(f.after)}`;
  if (f.after === undefined) return `${st.red('-')} ${f.path}: ${formatValue(f.before)}`;
  return `${st.yellow('~')} ${f.path}: ${formatValue(f.before)} → ${formatValue(f.after)}`;
}

function renderRoute(r: RouteGroup, st: TextStyle): string[] {
  const action = routeGroupAction(r);
  const words = mergedFlagWords(routeGroupChanges(r));
  const renamedFrom = r.route?.before as { method?: string; path?: string } | undefined;
  const rename =
    r.route?.action === 'update' &&
    renamedFrom?.path !== undefined &&
    renamedFrom.path !== (r.route.after as { path: string }).path
      ? st.dim(` (renamed from ${renamedFrom.method} ${renamedFrom.path})`)
      : '';
  const lines = [`${INDENT}${sym(action, st)} route ${r.key}${rename}${flags(words, st)}`];
  const pad = INDENT.repeat(2);
  if (action === 'create') {
    if (r.route) lines.push(...details(r.route, 2, st));
    const phrase = integrationPhrase(r.integration);
    if (phrase) lines.push(`${pad}${st.dim(`integration: ${phrase}`)}`);
    for (const c of r.responses ?? []) lines.push(`${pad}${st.dim(responsesPhrase(c))}`);
    return lines;
  }
  if (action === 'delete') {
    if (r.route) lines.push(...details(r.route, 2, st));
    if (r.integration)
      lines.push(
        `${pad}${st.dim(r.responses?.length ? 'with its integration and responses' : 'with its integration')}`,
      );
    return lines;
  }
  if (r.route) lines.push(...details(r.route, 2, st));
  if (r.integration) {
    const c = r.integration;
    lines.push(`${pad}${sym(c.action, st)} integration`);
    lines.push(...details(c, 3, st));
  }
  for (const c of r.responses ?? []) {
    lines.push(`${pad}${sym(c.action, st)} ${responsesPhrase(c)}`);
    if (c.action === 'update') lines.push(...details(c, 3, st));
  }
  return lines;
}
