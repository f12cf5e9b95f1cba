/**
 * Drift for a terminal: per API, what AWS has that Git does not say, field by field with
 * "in Git" and "in AWS" values; then the APIs that exist only in AWS.
 */
import type { Change } from '../model/change.js';
import type { DriftReport } from '../model/drift.js';
import {
  DRIFT_VERB,
  ELSEWHERE_HEADING,
  NO_DRIFT,
  countDifferences,
  driftSummaryLine,
  unmanagedNote,
} from './drift-common.js';
import { terminalSafeDeep } from './escape.js';
import { maskDrift } from './mask.js';
import {
  KIND_LABEL,
  SYMBOL,
  TARGET_LABEL,
  formatValue,
  groupByApi,
  groupTitle,
  isMultilineField,
  multilineDiff,
  routeGroupAction,
  routeGroupChanges,
} from './plan-common.js';
import { textStyle, type TextStyle } from './text-style.js';

const INDENT = '    ';

export function renderDriftText(report: DriftReport, opts: { color: boolean }): string {
  const st = textStyle(opts);
  const r = terminalSafeDeep(maskDrift(report));
  const out = [st.dim(`apigw-sync drift · ${r.region}`), ''];
  if (r.items.length === 0) out.push(st.green(NO_DRIFT), '');
  for (const g of groupByApi(r.items.map((i) => i.change))) {
    const n = countDifferences(g.all);
    const title = groupTitle(g);
    out.push(`${st.bold(title.name)} · ${title.kind}: ${n} difference${n === 1 ? '' : 's'}`);
    for (const c of [...g.apiLevel, ...g.definitions, ...g.stages, ...g.other])
      out.push(...item(c, c.target === 'tags' ? 'tags' : `${TARGET_LABEL[c.target]} ${c.name}`, st));
    for (const rg of g.routes) {
      const action = routeGroupAction(rg);
      const cs = routeGroupChanges(rg);
      if (action !== 'update') {
        out.push(`${INDENT}${sym(action, st)} route ${rg.key} ${DRIFT_VERB[action]}`);
        continue;
      }
      for (const c of cs)
        out.push(...item(c, c.target === 'route' ? `route ${rg.key}` : `integration of ${rg.key}`, st));
    }
    out.push('');
  }
  if (r.onlyInAws.length > 0) {
    out.push('Only in AWS (no folder in gateway-state):');
    for (const u of r.onlyInAws)
      out.push(`${INDENT}${u.name} · ${KIND_LABEL[u.kind]} · id ${u.apiId} · ${unmanagedNote(u).replace(/`/g, '')}`);
    out.push('');
  }
  if (r.managedElsewhere?.length) {
    out.push(ELSEWHERE_HEADING);
    for (const e of r.managedElsewhere)
      out.push(`${INDENT}${e.name} · ${KIND_LABEL[e.kind]} · id ${e.apiId} · owner ${e.owner}`);
    out.push('');
  }
  out.push(st.bold(driftSummaryLine(r)));
  return `${out.join('\n')}\n`;
}

function sym(action: Change['action'], st: TextStyle): string {
  return action === 'create'
    ? st.green(SYMBOL.create)
    : action === 'delete'
      ? st.red(SYMBOL.delete)
      : st.yellow(SYMBOL.update);
}

function item(c: Change, title: string, st: TextStyle): string[] {
  const lines = [`${INDENT}${sym(c.action, st)} ${title} ${DRIFT_VERB[c.action]}`];
  if (c.target === 'deployment') {
    const b = c.before as { deploymentId?: string } | undefined;
    const a = c.after as { deploymentId?: string } | undefined;
    lines[0] = `${INDENT}${sym(c.action, st)} stage ${c.name} serves a deployment made outside apigw-sync`;
    lines.push(
      `${INDENT.repeat(2)}in Git: ${b?.deploymentId ?? '(none)'} (last applied)`,
      `${INDENT.repeat(2)}in AWS: ${a?.deploymentId ?? '(none)'}`,
    );
    return lines;
  }
  for (const f of c.fields) {
    if (isMultilineField(f.before, f.after)) {
      // A policy or template: the lines that differ, `-` as in Git, `+` as in AWS.
      lines.push(`${INDENT.repeat(2)}${f.path} (- in Git, + in AWS)`);
      for (const l of multilineDiff(f.before, f.after))
        lines.push(`${INDENT.repeat(3)}${l.startsWith('-') ? st.red(l) : l.startsWith('+') ? st.green(l) : st.dim(l)}`);
      continue;
    }
    lines.push(`${INDENT.repeat(2)}${f.path}`);
    lines.push(`${INDENT.repeat(3)}in Git: ${formatValue(f.before)}`);
    lines.push(`${INDENT.repeat(3)}in AWS: ${formatValue(f.after)}`);
  }
  return lines;
}
