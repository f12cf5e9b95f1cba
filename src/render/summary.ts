/**
 * The full plan outside the PR comment: the Action's job summary (GitHub allows 1 MiB per
 * step) and the check run's output (65,535 characters per field). Same content as the
 * comment minus the sticky marker and the hidden data; when a field is too small, whole
 * API sections are kept and the rest named, never a table cut in half.
 */
import type { ValidationIssue } from '../model/issue.js';
import type { Plan } from '../model/plan.js';
import type { DriftReport } from '../model/drift.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { renderDriftSection } from './comment-drift.js';
import { summaryBadges, type CostSection } from './comment.js';
import { codeSpan, escapeMarkdownText } from './escape.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { summaryLine } from './plan-common.js';

/** GitHub's limit for each of a check run's output title/summary/text fields. */
export const CHECK_RUN_TEXT_LIMIT = 65_535;
/** GitHub's limit for one step's job summary. */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

export interface PlanSummaryInput {
  plan?: Plan;
  issues: ValidationIssue[];
  drift?: DriftReport;
  cost?: CostSection;
  /** First line; default `## apigw-sync plan`. */
  heading?: string;
}

/** The whole report as Markdown (job summary). */
export function renderPlanSummary(input: PlanSummaryInput, opts: { maxLength?: number } = {}): string {
  const heading = input.heading ?? '## apigw-sync plan';
  const parts = [heading];
  if (input.plan) parts.push(summaryBadges(input.plan.summary, input.cost));
  parts.push(issuesList(input.issues));
  const drift = renderDriftSection(input.drift, { heading: '### Drift (AWS differs from Git)' });
  const cost = input.cost?.show ? input.cost.markdown.trim() : '';
  const planMd = input.plan ? renderPlanMarkdown(input.plan, { heading: '### Plan' }) : '';
  const fixed = [...parts, drift, cost].join('\n\n').length + 2;
  parts.push(fitSections(planMd, (opts.maxLength ?? JOB_SUMMARY_LIMIT) - fixed), drift, cost);
  return `${parts
    .filter((p) => p.trim())
    .map((p) => p.trimEnd())
    .join('\n\n')}\n`;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

/** GitHub's check-run annotation shape (max 50 per request). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

export function checkRunTitle(input: PlanSummaryInput): string {
  const errors = input.issues.filter((i) => i.severity === 'error').length;
  if (!input.plan)
    return errors > 0
      ? `gateway-state is invalid: ${errors} error${errors === 1 ? '' : 's'}`
      : 'apigw-sync could not plan';
  return summaryLine(input.plan.summary)
    .replace(/^Plan: /, '')
    .replace(/\.$/, '');
}

/**
 * `pathPrefix` maps the issue's file (relative to the checkout root as the loader reports
 * it) to the repository path annotations need.
 */
export function renderCheckRunOutput(input: PlanSummaryInput, opts: { pathPrefix?: string } = {}): CheckRunOutput {
  const head = [input.plan ? summaryBadges(input.plan.summary, input.cost) : '', issuesList(input.issues)];
  if (input.plan) head.push(`Plan fingerprint ${codeSpan(shortFingerprint(input.plan.fingerprint))}`);
  const summary = fitSections(head.filter(Boolean).join('\n\n'), CHECK_RUN_TEXT_LIMIT);
  const text = input.plan
    ? renderPlanSummary({ ...input, heading: '## Full plan' }, { maxLength: CHECK_RUN_TEXT_LIMIT })
    : undefined;
  return { title: checkRunTitle(input), summary, text, annotations: annotationsFor(input.issues, opts) };
}

export function annotationsFor(issues: ValidationIssue[], opts: { pathPrefix?: string } = {}): CheckAnnotation[] {
  return issues.map((i) => ({
    path: `${opts.pathPrefix ?? ''}${i.location.file}`,
    start_line: Math.max(1, i.location.line),
    end_line: Math.max(1, i.location.line),
    annotation_level: i.severity === 'error' ? 'failure' : 'warning',
    title: i.code,
    message: i.hint ? `${i.message}\nfix: ${i.hint}` : i.message,
  }));
}

function issuesList(issues: ValidationIssue[]): string {
  if (issues.length === 0) return '';
  return issues
    .map(
      (i) =>
        `- ${i.severity === 'error' ? '❌' : '⚠️'} ${codeSpan(`${i.location.file}:${i.location.line}:${i.location.column}`)} ${escapeMarkdownText(i.message)}`,
    )
    .join('\n');
}

/**
 * Markdown cut at `#### ` headings (one per API in the plan) so that it fits; the sections
 * left out are named in a closing note.
 */
export function fitSections(md: string, limit: number): string {
  if (md.length <= limit) return md;
  const pieces = md.split(/\n(?=#### )/);
  const out: string[] = [];
  let used = 130; // room for the closing note
  let i = 0;
  for (; i < pieces.length && used + pieces[i].length + 1 <= limit; i++) {
    out.push(pieces[i]);
    used += pieces[i].length + 1;
  }
  const left = pieces.slice(i).map((p) => p.split('\n')[0].replace(/^#### /, ''));
  return `${out.join('\n')}\n\n> [!NOTE]\n> ${left.length} more section${left.length === 1 ? '' : 's'} did not fit here; run \`apigw-sync plan\` to see them.\n`;
}
