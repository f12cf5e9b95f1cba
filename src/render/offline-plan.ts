/**
 * The plan of a pull request from a fork, made without AWS credentials (GitHub gives fork
 * runs neither secrets nor an OIDC token): the declared APIs, the desired-state fingerprint
 * and the cost the state declares — and a plain statement that the change against live AWS
 * needs a maintainer. Pure.
 */
import type { ValidationIssue } from '../model/issue.js';
import { shortFingerprint, type DesiredStateDigest } from '../plan/fingerprint.js';
import type { CostSection } from './comment.js';
import { codeSpan, escapeMarkdownText } from './escape.js';

export interface OfflinePlanInput {
  desired?: DesiredStateDigest;
  apis: { key: string; kind: string; name: string; routes: number; stages: string[] }[];
  issues: ValidationIssue[];
  cost?: CostSection;
  /** Why the plan is offline, e.g. "This pull request comes from a fork". */
  reason: string;
}

const KIND: Record<string, string> = { RestApi: 'REST API', HttpApi: 'HTTP API' };

export function renderOfflinePlan(input: OfflinePlanInput): string {
  const errors = input.issues.filter((i) => i.severity === 'error').length;
  const out = [`## apigw-sync plan · ${errors ? '❌ gateway-state is invalid' : '📋 validated offline'}`, ''];
  out.push(
    '> [!NOTE]',
    `> ${escapeMarkdownText(input.reason)}: it was validated and priced without AWS credentials, so what it changes in AWS is not shown.`,
    '> A maintainer comments `/apigw-sync plan` (GitHub App) or plans it from a branch of this repository to see the change against live AWS.',
    '',
  );
  if (input.issues.length) {
    out.push('| | Where | Problem |', '|---|---|---|');
    for (const i of input.issues)
      out.push(
        `| ${i.severity === 'error' ? '❌' : '⚠️'} | ${codeSpan(`${i.location.file}:${i.location.line}:${i.location.column}`, { inTable: true })} | ${escapeMarkdownText(i.message)}${i.hint ? `<br>fix: ${escapeMarkdownText(i.hint)}` : ''} |`,
      );
    out.push('');
  }
  if (input.desired) {
    out.push(
      `Desired state ${codeSpan(shortFingerprint(input.desired.fingerprint))} · region ${codeSpan(input.desired.region)} · ${input.apis.length} API${input.apis.length === 1 ? '' : 's'}`,
      '',
    );
    if (input.apis.length) {
      out.push('| API | Kind | Name | Routes | Stages |', '|---|---|---|---|---|');
      for (const a of input.apis)
        out.push(
          `| ${escapeMarkdownText(a.key)} | ${KIND[a.kind] ?? escapeMarkdownText(a.kind)} | ${escapeMarkdownText(a.name)} | ${a.routes} | ${a.stages.map((s) => codeSpan(s, { inTable: true })).join(', ')} |`,
        );
      out.push('');
    }
  }
  if (input.cost?.markdown)
    out.push(
      '<details><summary>Monthly cost of the declared state (price table, declared usage)</summary>',
      '',
      input.cost.markdown.trim(),
      '',
      '</details>',
      '',
    );
  return `${out.join('\n').trimEnd()}\n`;
}
