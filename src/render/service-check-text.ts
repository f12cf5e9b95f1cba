/**
 * check-service and propose for a terminal or a CI log: the spec's problems grouped by
 * whose they are (the spec's, a conflict with another service's file, an authorizer the
 * API does not declare), each with both locations; the service's routes as the gateway
 * sees them; the routes it does not expose; and the gateway's change (plan). Pure.
 */
import type { Plan } from '../model/plan.js';
import type { ValidationIssue } from '../model/issue.js';
import {
  countRoutes,
  notExposed,
  type ProblemKind,
  type ServiceCheck,
  type ServiceRouteRow,
} from '../service/index.js';
import { formatIssuesText } from '../validate/index.js';
import { terminalSafe } from './escape.js';
import { renderPlanText } from './plan-text.js';
import { ROUTE_SYMBOL, ROUTE_WORD } from './service-routes.js';
import { textStyle, type TextStyle } from './text-style.js';

export const PROBLEM_HEADINGS: Record<ProblemKind, string> = {
  conflict: "Conflicts with other services' files",
  auth: 'Authorizers the API does not declare',
  spec: 'Problems in the spec',
  gateway: "The gateway's rules",
};
const KIND_ORDER: ProblemKind[] = ['conflict', 'auth', 'spec', 'gateway'];

export interface ServiceCheckTextInput {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  /** What the routes and the plan compare with. */
  against: string;
  plan?: Plan;
  color?: boolean;
}

export function renderServiceCheckText(x: ServiceCheckTextInput): string {
  const st = textStyle({ color: x.color ?? false });
  const { check } = x;
  const out: string[] = [
    st.dim(`apigw-sync check-service · ${check.spec.displayPath} → service ${check.service} of API ${check.apiKey}`),
    st.dim(`replaces ${check.gatewayFile} · compared with ${x.against}`),
    '',
  ];
  out.push(...problemsText(check, st));
  out.push(...routesText(x.rows, st));
  const hidden = notExposed(x.rows);
  if (hidden.length) {
    out.push(
      st.bold(
        `Not exposed by the gateway today: ${hidden.length} of ${x.rows.filter((r) => r.status !== 'removed').length} routes of the spec`,
      ),
    );
    for (const r of hidden)
      out.push(
        `  ${terminalSafe(r.key)} — ${r.status === 'added' ? 'this change adds it' : `refused: ${terminalSafe(r.reason ?? '')}`}`,
      );
    out.push('');
  }
  if (x.plan) {
    out.push(
      st.bold('What the gateway would change:'),
      '',
      renderPlanText(x.plan, { color: x.color ?? false }).trimEnd(),
      '',
    );
  } else if (!check.valid) {
    out.push(
      st.red(`${check.spec.displayPath}: ${errorCount(check.problems)} against the gateway; fix them first (no plan).`),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function problemsText(check: ServiceCheck, st: TextStyle = textStyle({ color: false })): string[] {
  const out: string[] = [];
  for (const kind of KIND_ORDER) {
    const list = check.problems.filter((p) => p.kind === kind);
    if (list.length === 0) continue;
    out.push(st.bold(`${PROBLEM_HEADINGS[kind]} (${list.length})`), '');
    out.push(formatIssuesText(list, check.display, { summary: false }).trimEnd(), '');
  }
  if (check.problems.length === 0)
    out.push(st.green("✓ no conflict with the other services' files; every authorizer is one the API declares"), '');
  if (check.preexisting.length) {
    out.push(
      st.yellow(
        `note: the gateway already has ${plural(check.preexisting.length, 'problem')} this spec does not cause (they block its apply too):`,
      ),
      '',
    );
    out.push(formatIssuesText(check.preexisting, check.display, { summary: false }).trimEnd(), '');
  }
  return out;
}

export function routesText(rows: ServiceRouteRow[], st: TextStyle = textStyle({ color: false })): string[] {
  const c = countRoutes(rows);
  const out = [
    st.bold(
      `Routes of the service (${rows.length}): ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.refused} refused, ${c.unchanged} unchanged`,
    ),
  ];
  const width = Math.max(0, ...rows.map((r) => r.key.length));
  const opWidth = Math.max(0, ...rows.map((r) => (r.operationName ?? '').length));
  for (const r of rows) {
    const sym = ROUTE_SYMBOL[r.status];
    const colored =
      r.status === 'added'
        ? st.green(sym)
        : r.status === 'removed' || r.status === 'refused'
          ? st.red(sym)
          : r.status === 'changed'
            ? st.yellow(sym)
            : st.dim(sym);
    const where = r.at ? `${r.at.file}:${r.at.line}` : '';
    const note = r.status === 'unchanged' ? '' : `  ${ROUTE_WORD[r.status]}${r.reason ? `: ${r.reason}` : ''}`;
    out.push(
      terminalSafe(
        `  ${colored} ${r.key.padEnd(width)}  ${(r.operationName ?? '').padEnd(opWidth)}  ${where}${note}`,
      ).trimEnd(),
    );
  }
  out.push('');
  return out;
}

export function errorCount(issues: ValidationIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return `${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
