/**
 * check-service as Markdown (a job summary or a comment on the service's pull request):
 * problems with both locations, the service's routes, the routes the gateway does not
 * expose, and the gateway's plan folded below. Pure; user data escaped.
 */
import type { Plan } from '../model/plan.js';
import {
  countRoutes,
  notExposed,
  type ServiceCheck,
  type ServiceProblem,
  type ServiceRouteRow,
} from '../service/index.js';
import { codeSpan, escapeMarkdownText } from './escape.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { ROUTE_ICON, ROUTE_WORD } from './service-routes.js';
import { PROBLEM_HEADINGS } from './service-check-text.js';

export interface ServiceCheckMarkdownInput {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  against: string;
  plan?: Plan;
  heading?: string;
}

export function renderServiceCheckMarkdown(x: ServiceCheckMarkdownInput): string {
  const { check } = x;
  const out: string[] = [
    x.heading ?? `## apigw-sync check-service: ${codeSpan(check.service)} → API ${codeSpan(check.apiKey)}`,
    '',
  ];
  out.push(
    `${codeSpan(check.spec.displayPath)} replaces ${codeSpan(check.gatewayFile)} · compared with ${escapeMarkdownText(x.against)}`,
    '',
  );
  out.push(...problemsMarkdown(check.problems));
  if (check.preexisting.length) {
    out.push(
      `<details><summary>⚠️ The gateway already has ${check.preexisting.length} problem${check.preexisting.length === 1 ? '' : 's'} this spec does not cause</summary>`,
      '',
    );
    for (const i of check.preexisting) out.push(`- ${loc(i.location)} ${escapeMarkdownText(i.message)}`);
    out.push('', '</details>', '');
  }

  const c = countRoutes(x.rows);
  out.push(
    `### Routes of ${codeSpan(check.service)}`,
    '',
    `${c.added} added · ${c.changed} changed · ${c.removed} removed · ${c.refused} refused · ${c.unchanged} unchanged`,
    '',
  );
  const rows = x.rows.map(
    (r) =>
      `| ${ROUTE_ICON[r.status]} ${ROUTE_WORD[r.status]} | ${codeSpan(r.key, { inTable: true })} | ${r.operationName ? codeSpan(r.operationName, { inTable: true }) : ''} | ${r.at ? codeSpan(`${r.at.file}:${r.at.line}`, { inTable: true }) : ''}${r.reason ? ` — ${escapeMarkdownText(r.reason)}` : ''} |`,
  );
  const table = ['| | Route | Operation | In the spec |', '|---|---|---|---|', ...rows];
  if (rows.length > 15)
    out.push(`<details><summary>${rows.length} routes</summary>`, '', ...table, '', '</details>', '');
  else out.push(...table, '');

  const hidden = notExposed(x.rows);
  if (hidden.length) {
    out.push(
      `**Not exposed by the gateway today** (${hidden.length}): ${hidden.map((r) => `${codeSpan(r.key)} (${r.status === 'added' ? 'this change adds it' : 'refused'})`).join(', ')}`,
      '',
    );
  }
  if (x.plan) {
    out.push(
      '<details><summary>What the gateway would change</summary>',
      '',
      renderPlanMarkdown(x.plan, { heading: '### Plan' }).trimEnd(),
      '',
      '</details>',
      '',
    );
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export function problemsMarkdown(problems: ServiceProblem[]): string[] {
  if (problems.length === 0)
    return ["✅ No conflict with the other services' files; every authorizer is one the API declares.", ''];
  const out = [
    `### ❌ ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    '',
    '| | Kind | Where | Problem | Other side |',
    '|---|---|---|---|---|',
  ];
  for (const p of problems) {
    const icon = p.severity === 'error' ? '❌' : '⚠️';
    const fix = p.hint ? `<br>fix: ${escapeMarkdownText(p.hint)}` : '';
    out.push(
      `| ${icon} | ${escapeMarkdownText(PROBLEM_HEADINGS[p.kind])} | ${loc(p.location, true)} | ${escapeMarkdownText(p.message)}${fix} | ${(p.related ?? []).map((r) => loc(r, true)).join('<br>')} |`,
    );
  }
  out.push('');
  return out;
}

function loc(l: { file: string; line: number; column: number }, inTable = false): string {
  return codeSpan(`${l.file}:${l.line}:${l.column}`, { inTable });
}
