/**
 * The body of a pull request `apigw-sync propose` opens in the gateway repository: which
 * service commit produced it (and the run), which file it replaces, the service's routes as
 * the gateway will serve them, and what the reviewer does next. Pure; every value from a
 * repository or a spec is escaped.
 */
import { countRoutes, type ServiceCheck, type ServiceRouteRow } from '../service/index.js';
import { sourceLabel, type ProposalSource } from '../service/proposal.js';
import { codeSpan, escapeHtml, escapeMarkdownText } from './escape.js';
import { ROUTE_ICON, ROUTE_WORD } from './service-routes.js';

export const PROPOSAL_MARKER = '<!-- apigw-sync:proposal -->';

export interface ProposalBodyInput {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  /** The gateway repository (`owner/name`), its base branch and the commit checked against. */
  gateway: { repo: string; branch: string; commitSha: string; path: string };
  source: ProposalSource;
}

export function renderProposalBody(x: ProposalBodyInput): string {
  const { check, rows, gateway, source } = x;
  const gwFile = `${gateway.path}/${check.entry.rel}`;
  const apiYaml = `${gateway.path}/apis/${check.apiKey}/api.yaml`;
  const out: string[] = [
    PROPOSAL_MARKER,
    `### 📦 Service ${codeSpan(check.service)} → API ${codeSpan(check.apiKey)}`,
    '',
  ];
  out.push(`Proposed by ${sourceLine(source)}.`, '');
  out.push(
    `This pull request replaces ${codeSpan(gwFile)} — the ${codeSpan('openapi:')} entry of ${codeSpan(apiYaml)} that names service ${codeSpan(check.service)} — with the service's ${codeSpan(check.spec.displayPath)}. No other file changes.`,
    '',
  );

  const c = countRoutes(rows);
  const moving = rows.filter((r) => r.status !== 'unchanged');
  out.push(`#### Routes of ${codeSpan(check.service)} as the gateway will serve them`, '');
  out.push(`${c.added} added · ${c.changed} changed · ${c.removed} removed · ${c.unchanged} unchanged`, '');
  if (moving.length) {
    out.push('| | Route | Operation | In the spec |', '|---|---|---|---|');
    for (const r of moving) out.push(routeRow(r));
    out.push('');
  }
  const same = rows.filter((r) => r.status === 'unchanged');
  if (same.length) {
    out.push(`<details><summary>Unchanged routes (${same.length})</summary>`, '', '| Route | Operation |', '|---|---|');
    for (const r of same)
      out.push(
        `| ${codeSpan(r.key, { inTable: true })} | ${r.operationName ? codeSpan(r.operationName, { inTable: true }) : ''} |`,
      );
    out.push('', '</details>', '');
  }

  const warnings = check.problems.filter((p) => p.severity === 'warning');
  out.push(
    `✅ Checked against ${codeSpan(`${gateway.path}/apis/${check.apiKey}`)} on ${codeSpan(gateway.branch)} at ${codeSpan(gateway.commitSha.slice(0, 7))}: no route defined twice, no shared component defined differently, every authorizer one the API declares.`,
    '',
  );
  if (warnings.length) out.push(...issueList(`Warnings (${warnings.length})`, warnings));
  if (check.preexisting.length) {
    out.push(
      `⚠️ ${codeSpan(gateway.path)} already had ${check.preexisting.length} problem${check.preexisting.length === 1 ? '' : 's'} this change does not cause; they block the apply all the same.`,
      '',
    );
    out.push(...issueList('Problems already in the gateway', check.preexisting));
  }
  out.push(
    '**Next:** the apigw-sync plan comment on this pull request shows the exact change to AWS and its cost. Review and approve as usual; merging applies it.',
    '',
    `<sub>One pull request per service and API: the next ${codeSpan('apigw-sync propose')} for ${codeSpan(check.service)} updates this one, and replaces whatever was pushed to its branch.</sub>`,
  );
  return `${out.join('\n')}\n`;
}

function sourceLine(s: ProposalSource): string {
  const server = s.serverUrl.replace(/\/+$/, '');
  const label = escapeMarkdownText(sourceLabel(s));
  const parts: string[] = [];
  if (s.repo && s.sha) parts.push(`[${label}](${server}/${encodeSlug(s.repo)}/commit/${encodeURIComponent(s.sha)})`);
  else if (s.repo) parts.push(`[${label}](${server}/${encodeSlug(s.repo)})`);
  else parts.push(label);
  if (s.runUrl && /^https?:\/\//.test(s.runUrl))
    parts.push(`[workflow run](${s.runUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  return parts.join(' · ');
}

function encodeSlug(slug: string): string {
  return slug.split('/').map(encodeURIComponent).join('/');
}

function routeRow(r: ServiceRouteRow): string {
  const where = r.at ? codeSpan(`${r.at.file}:${r.at.line}`, { inTable: true }) : '';
  const note = r.reason ? ` — ${escapeMarkdownText(r.reason)}` : '';
  return `| ${ROUTE_ICON[r.status]} ${ROUTE_WORD[r.status]} | ${codeSpan(r.key, { inTable: true })} | ${r.operationName ? codeSpan(r.operationName, { inTable: true }) : ''} | ${where}${note} |`;
}

function issueList(
  title: string,
  issues: Array<{ severity: string; message: string; location: { file: string; line: number; column: number } }>,
): string[] {
  const out = [`<details><summary>${escapeHtml(title)}</summary>`, ''];
  for (const i of issues)
    out.push(
      `- ${codeSpan(`${i.location.file}:${i.location.line}:${i.location.column}`)} ${escapeMarkdownText(i.message)}`,
    );
  out.push('', '</details>', '');
  return out;
}
