/**
 * The sticky pull-request comment (pure). One per PR, found again by COMMENT_MARKER and
 * updated in place; its hidden data block (comment-data.ts) carries what the App must
 * remember. Everything from users is escaped and every plan/drift value masked by the
 * renderers used here.
 *
 * GitHub rejects comment bodies over 65,536 characters. When the full comment is longer,
 * the per-API sections are replaced by one summary table (whole rows only, never a cut
 * table) and the reader is sent to the check run / job summary that holds the full plan.
 */
import type { ValidationIssue } from '../model/issue.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import type { DriftReport } from '../model/drift.js';
import { shortFingerprint, type DesiredStateDigest } from '../plan/fingerprint.js';
import {
  COMMENT_MARKER,
  currentApprovals,
  encodeCommentData,
  type Approval,
  type CommentData,
  type CommentStatus,
} from './comment-data.js';
import { renderDriftSection } from './comment-drift.js';
import { codeSpan, escapeMarkdownText } from './escape.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { groupByApi, groupTitle, NO_CHANGES } from './plan-common.js';
import { maskPlan } from './mask.js';
import {
  environmentSections,
  environmentsPlanFingerprint,
  environmentsStatus,
  environmentsSummary,
  environmentsSummaryLine,
  type EnvironmentCommentSection,
} from './comment-environments.js';

/** GitHub's limit for issue and PR comment bodies. */
export const GITHUB_COMMENT_LIMIT = 65_536;

import { formatUsdDelta, type CostSection } from './cost-common.js';
export { formatUsdDelta, type CostSection };

export type ProgressState = 'queued' | 'in_progress' | 'success' | 'failure' | 'rolled_back';

export interface ApplyProgress {
  apiKey: string;
  stage: string;
  state: ProgressState;
  /** One short line, e.g. "canary at 25%" or the failure message. */
  detail?: string;
}

export interface PlanCommentInput {
  headSha: string;
  /** Absent when validation failed (no plan could be made). */
  plan?: Plan;
  issues: ValidationIssue[];
  /** Drift of the base branch's state: what applying this PR would overwrite. */
  drift?: DriftReport;
  cost?: CostSection;
  /** The desired state of `headSha`: what an approval approves (shown, and kept in the data block). */
  desired?: DesiredStateDigest;
  approvals: Approval[];
  requiredApprovals: number;
  /** Why some approvals do not count, and which code owners are still missing. */
  approvalNotes?: ApprovalNotes;
  /** Overrides the status derived from plan/issues (apply progress). */
  status?: CommentStatus;
  progress?: ApplyProgress[];
  /** What happened to the apply, in a sentence or two (failures, "AWS changed since the review"). */
  outcome?: ApplyOutcomeNote;
  /** Where the full plan is when the comment had to be summarised. */
  fullPlanAt?: { label: string; url?: string };
  /** For tests; defaults to GITHUB_COMMENT_LIMIT. */
  maxLength?: number;
  /**
   * A state with environments: one section per environment (plan, drift, cost) in place of
   * `plan`, `drift` and `cost`; `issues` then holds only what is not one environment's.
   */
  environments?: EnvironmentCommentSection[];
}

export interface ApprovalNotes {
  /** Approving reviews that do not count, and why (e.g. "read access; approvals need write"). */
  notCounted: { login: string; reason: string }[];
  /** CODEOWNERS owner lists none of whose members approved yet, with a file each. */
  codeownersMissing: { owners: string[]; file: string }[];
}

export interface ApplyOutcomeNote {
  kind: 'failure' | 'error' | 'info';
  title: string;
  /** Plain text (escaped when rendered; a multi-line reason goes in a code block). */
  detail?: string;
  /** A link for the details (the workflow run). */
  link?: { label: string; url: string };
}

export interface RenderedComment {
  body: string;
  data: CommentData;
  /** True when the per-API sections did not fit and were summarised. */
  summarised: boolean;
}

export function renderPlanComment(input: PlanCommentInput): RenderedComment {
  if (input.environments) return renderEnvironmentsComment(input, input.environments);
  const limit = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  const data: CommentData = {
    v: 1,
    status: input.status ?? deriveStatus(input),
    fingerprint: input.plan?.fingerprint,
    headSha: input.headSha,
    summary: input.plan?.summary,
    approvals: input.approvals,
  };
  if (input.desired) data.desired = input.desired;
  const head = [COMMENT_MARKER, headerLines(input, data.status)].join('\n');
  const tail = [approvalSection(input), progressSection(input.progress), encodeCommentData(data)].filter(Boolean);
  // How the apply ended goes right under the header: the first thing a reader sees.
  const outcome = outcomeSection(input.outcome);
  const drift = renderDriftSection(input.drift, { heading: '### ⚠️ Drift this pull request would overwrite' });
  const cost = input.cost?.show ? input.cost.markdown.trim() : '';
  const issues = issuesSection(input.issues);

  const full = join([head, outcome, issues, input.plan ? planBody(input.plan) : '', drift, cost, ...tail]);
  if (full.length <= limit) return { body: full, data, summarised: false };

  // Too long: keep head, approvals and data whole; fit the summary tables row by row.
  const fixed = join([head, outcome, ...tail]).length + 400;
  const budget = Math.max(0, limit - fixed);
  const note = fullPlanNote(input, full.length);
  const planSummary = input.plan
    ? fitTable(planSummaryTable(input.plan), budget - note.length - Math.min(issues.length, budget / 4))
    : '';
  const issuesFit = fitTable(issues.split('\n'), Math.max(0, budget - note.length - planSummary.length));
  const driftCount = input.drift ? input.drift.items.length : 0;
  const driftLine =
    driftCount > 0
      ? `### ⚠️ Drift this pull request would overwrite\n\n${driftCount} difference${driftCount === 1 ? '' : 's'} between AWS and the base branch (listed in the full plan).`
      : '';
  const left = budget - note.length - planSummary.length - issuesFit.length - driftLine.length;
  const body = join([head, outcome, issuesFit, note, planSummary, driftLine, cost.length < left ? cost : '', ...tail]);
  return { body, data, summarised: true };
}

/** The comment of a state with environments (comment-environments.ts): the same header, approvals and data block. */
function renderEnvironmentsComment(input: PlanCommentInput, envs: EnvironmentCommentSection[]): RenderedComment {
  const limit = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  const derived = input.issues.some((i) => i.severity === 'error') ? 'invalid' : environmentsStatus(envs);
  const fingerprint = derived === 'invalid' ? undefined : environmentsPlanFingerprint(envs);
  const summary = environmentsSummary(envs);
  const data: CommentData = {
    v: 1,
    status: input.status ?? derived,
    fingerprint,
    headSha: input.headSha,
    summary,
    approvals: input.approvals,
  };
  if (input.desired) data.desired = input.desired;
  const monthly = envs.some((e) => e.cost?.monthlyDeltaUsd !== undefined)
    ? envs.reduce((t, e) => t + (e.cost?.monthlyDeltaUsd ?? 0), 0)
    : undefined;
  const header = [`## apigw-sync · ${STATUS_TITLE[data.status]}`, ''];
  if (fingerprint)
    header.push(
      summaryBadges(
        summary,
        monthly === undefined ? undefined : { markdown: '', show: false, monthlyDeltaUsd: monthly },
      ),
      '',
    );
  header.push(environmentsSummaryLine(envs), '');
  header.push(
    `Commit ${codeSpan(input.headSha.slice(0, 7))}${fingerprint ? ` · plan fingerprint ${codeSpan(shortFingerprint(fingerprint))}` : ''}`,
  );
  const head = [COMMENT_MARKER, header.join('\n')].join('\n');
  // The approval section needs a plan only to know there is one: any stand-in with the fingerprint will do.
  const approvalInput = { ...input, plan: fingerprint ? ({ fingerprint } as Plan) : undefined };
  const tail = [approvalSection(approvalInput), progressSection(input.progress), encodeCommentData(data)].filter(
    Boolean,
  );
  const outcome = outcomeSection(input.outcome);
  const issues = issuesSection(input.issues);
  const full = join([head, outcome, issues, environmentSections(envs, issuesSection), ...tail]);
  if (full.length <= limit) return { body: full, data, summarised: false };
  const body = join([
    head,
    outcome,
    issues,
    fullPlanNote(input, full.length).replace('Below, one line per API.', 'Below, one summary per environment.'),
    environmentSections(envs, issuesSection, true),
    ...tail,
  ]);
  return { body, data, summarised: true };
}

/** The per-API sections; the plan renderer's own summary and fingerprint lines are already in the header. */
function planBody(plan: Plan): string {
  const md = renderPlanMarkdown(plan, { heading: '### Plan' });
  const first = md.indexOf('\n#### ');
  return first < 0 ? md : `### Plan\n${md.slice(first)}`;
}

function deriveStatus(input: PlanCommentInput): CommentStatus {
  if (!input.plan) return input.issues.some((i) => i.severity === 'error') ? 'invalid' : 'error';
  const p = input.plan;
  return p.steps.length === 0 && Object.keys(p.deployments).length === 0 ? 'no-changes' : 'planned';
}

const STATUS_TITLE: Record<CommentStatus, string> = {
  invalid: '❌ gateway-state is invalid',
  planned: '📋 Plan ready for review',
  'no-changes': '✅ No changes',
  applying: '🚀 Applying',
  applied: '✅ Applied',
  failed: '❌ Apply failed',
  'rolled-back': '↩️ Rolled back',
  error: '💥 apigw-sync could not plan',
};

function headerLines(input: PlanCommentInput, status: CommentStatus): string {
  const out = [`## apigw-sync · ${STATUS_TITLE[status]}`, ''];
  if (input.plan) out.push(summaryBadges(input.plan.summary, input.cost), '');
  const plan = input.plan
    ? ` · region ${codeSpan(input.plan.region)} · plan fingerprint ${codeSpan(shortFingerprint(input.plan.fingerprint))}`
    : '';
  out.push(`Commit ${codeSpan(input.headSha.slice(0, 7))}${plan}`);
  return out.join('\n');
}

/** `🟢 3 to add · 🟡 5 to change · …` — the whole plan at a glance, cost delta included. */
export function summaryBadges(s: PlanSummary, cost?: CostSection): string {
  const parts = [`🟢 **${s.add}** to add`, `🟡 **${s.change}** to change`, `🔴 **${s.destroy}** to destroy`];
  parts.push(`🔁 **${s.redeploys}** redeploy${s.redeploys === 1 ? '' : 's'}`);
  parts.push(`⚠️ **${s.breaking}** breaking`);
  if (s.security) parts.push(`🛡️ **${s.security}** security`);
  if (cost?.monthlyDeltaUsd !== undefined)
    parts.push(`💰 **${formatUsdDelta(cost.monthlyDeltaUsd).replace('$', '\\$')}**/month`); // a bare `$…$` pair is math on GitHub
  return parts.join(' · ');
}

function issuesSection(issues: ValidationIssue[]): string {
  if (issues.length === 0) return '';
  const errors = issues.filter((i) => i.severity === 'error').length;
  const title =
    errors > 0
      ? `### ❌ ${errors} validation error${errors === 1 ? '' : 's'}`
      : `### ⚠️ ${issues.length} warning${issues.length === 1 ? '' : 's'}`;
  const rows = issues.map((i) => {
    const where = codeSpan(`${i.location.file}:${i.location.line}:${i.location.column}`, { inTable: true });
    const hint = i.hint ? `<br>fix: ${escapeMarkdownText(i.hint)}` : '';
    return `| ${i.severity === 'error' ? '❌' : '⚠️'} | ${where} | ${escapeMarkdownText(i.message)}${hint} |`;
  });
  return [title, '', '| | Where | Problem |', '|---|---|---|', ...rows].join('\n');
}

/**
 * The comment with new approvals, without re-planning: only the approval section and the
 * data block change (the App is stateless; the plan shown stays exactly what was reviewed).
 */
export function withCommentApprovals(
  body: string,
  data: CommentData,
  approvals: Approval[],
  requiredApprovals: number,
  notes?: ApprovalNotes,
): { body: string; data: CommentData } {
  const next: CommentData = { ...data, approvals };
  const start = body.indexOf(APPROVAL_HEADING);
  const end = body.indexOf('<!-- apigw-sync:data ');
  if (start < 0 || end < start || !data.fingerprint) return { body, data };
  const progressAt = body.indexOf(PROGRESS_HEADING, start);
  const sectionEnd = progressAt > 0 && progressAt < end ? progressAt : end;
  const section = approvalSection({
    plan: { fingerprint: data.fingerprint } as Plan,
    desired: data.desired,
    approvals,
    approvalNotes: notes,
    requiredApprovals,
    headSha: data.headSha,
    issues: [],
  });
  return {
    body: `${body.slice(0, start)}${section}\n\n${body.slice(sectionEnd, end)}${encodeCommentData(next)}\n`,
    data: next,
  };
}

/**
 * The comment with a new status and outcome note, the plan shown left as it was (the
 * Actions executor reports an apply's end without a plan in hand).
 */
export function withCommentOutcome(
  body: string,
  data: CommentData,
  status: CommentStatus,
  outcome: ApplyOutcomeNote | undefined,
): { body: string; data: CommentData } {
  const next: CommentData = { ...data, status };
  const lines = body.split('\n');
  const title = lines.findIndex((l) => l.startsWith('## apigw-sync · '));
  const commit = lines.findIndex((l, i) => i > title && l.startsWith('Commit `'));
  if (title < 0 || commit < 0) return { body, data };
  lines[title] = `## apigw-sync · ${STATUS_TITLE[status]}`;
  let text = lines.join('\n');
  const start = text.indexOf(OUTCOME_MARKER);
  const end = text.indexOf(OUTCOME_END);
  if (start >= 0 && end > start)
    text = `${text.slice(0, start)}${text.slice(end + OUTCOME_END.length).replace(/^\n+/, '')}`;
  const section = outcomeSection(outcome);
  if (section) {
    const after = lines.slice(0, commit + 1).join('\n').length;
    text = `${text.slice(0, after)}\n\n${section}\n\n${text.slice(after).replace(/^\n+/, '')}`;
  }
  const at = text.indexOf('<!-- apigw-sync:data ');
  if (at < 0) return { body, data };
  return { body: `${text.slice(0, at)}${encodeCommentData(next)}\n`, data: next };
}

const OUTCOME_MARKER = '<!-- apigw-sync:outcome -->';
const OUTCOME_END = '<!-- apigw-sync:outcome-end -->';
const APPROVAL_HEADING = '### Approval and apply';
const PROGRESS_HEADING = '### Apply progress';

function approvalSection(input: PlanCommentInput): string {
  const out = [APPROVAL_HEADING, ''];
  if (!input.plan) {
    out.push('Fix the problems above and push again: nothing can be applied from an invalid state.');
    return out.join('\n');
  }
  const valid = currentApprovals(input.approvals, input.headSha);
  const stale = input.approvals.filter((a) => !valid.includes(a));
  const who = valid.length ? `: ${valid.map((a) => codeSpan(a.login)).join(', ')}` : '';
  const state = input.desired ? ` (desired state ${codeSpan(shortFingerprint(input.desired.fingerprint))})` : '';
  out.push(
    `Approvals for commit ${codeSpan(input.headSha.slice(0, 7))}${state}: **${valid.length} of ${input.requiredApprovals}**${who}`,
  );
  const notes = input.approvalNotes;
  if (notes?.notCounted.length) {
    out.push(
      '',
      `Not counted: ${notes.notCounted.map((n) => `${codeSpan(n.login)} (${escapeMarkdownText(n.reason)})`).join(', ')}`,
    );
  }
  if (notes?.codeownersMissing.length) {
    const rows = notes.codeownersMissing.map(
      (m) => `- ${m.owners.map((o) => codeSpan(o)).join(' or ')} for ${codeSpan(m.file)}`,
    );
    out.push('', 'Waiting for code owners (CODEOWNERS):', ...rows);
  }
  if (stale.length > 0) {
    out.push(
      '',
      `Stale (given for an earlier commit, no longer count): ${stale.map((a) => `${codeSpan(a.login)} on ${codeSpan(a.headSha ? a.headSha.slice(0, 7) : shortFingerprint(a.fingerprint ?? '?'))}`).join(', ')}`,
    );
  }
  out.push(
    '',
    'An approval binds to this commit and so to the desired state it declares; a new push needs a new approval. Only approvals by users with write access count (checked with GitHub).',
    'At apply time AWS is read again: what is applied is what this desired state needs then, and anything AWS changed since this plan is shown here. After merge it rolls out as a canary where the API has a rollout policy.',
    '',
    '<details><summary>Commands (users with write access)</summary>',
    '',
    '- `/apigw-sync plan` — plan again now',
    '- `/apigw-sync apply` — apply this commit before merging (needs the approvals above)',
    '- `/apigw-sync unlock <api>` — clear a stale apply lock',
    '',
    '</details>',
  );
  return out.join('\n');
}

function outcomeSection(o: ApplyOutcomeNote | undefined): string {
  if (!o) return '';
  const icon = o.kind === 'info' ? 'ℹ️' : o.kind === 'failure' ? '❌' : '💥';
  const out = [OUTCOME_MARKER, `### ${icon} ${escapeMarkdownText(o.title)}`];
  if (o.detail) {
    const lines = o.detail.replace(/`{3,}/g, '``').split('\n');
    out.push('', lines.length > 1 ? ['```text', ...lines, '```'].join('\n') : escapeMarkdownText(lines[0]));
  }
  // The URL comes from GitHub's payload: only a plain https URL becomes a link.
  if (o.link && /^https:\/\/[^\s()<>[\]]+$/.test(o.link.url))
    out.push('', `[${escapeMarkdownText(o.link.label)}](${o.link.url})`);
  out.push(OUTCOME_END);
  return out.join('\n');
}

const PROGRESS_ICON: Record<ProgressState, string> = {
  queued: '⏳',
  in_progress: '🚀',
  success: '✅',
  failure: '❌',
  rolled_back: '↩️',
};

function progressSection(progress: ApplyProgress[] | undefined): string {
  if (!progress?.length) return '';
  const rows = progress.map(
    (p) =>
      `| ${PROGRESS_ICON[p.state]} ${p.state.replace('_', ' ')} | ${escapeMarkdownText(p.apiKey)} | ${codeSpan(p.stage, { inTable: true })} | ${p.detail ? escapeMarkdownText(p.detail) : ''} |`,
  );
  return [PROGRESS_HEADING, '', '| State | API | Stage | Detail |', '|---|---|---|---|', ...rows].join('\n');
}

function fullPlanNote(input: PlanCommentInput, fullLength: number): string {
  const where = input.fullPlanAt
    ? input.fullPlanAt.url
      ? `[${escapeMarkdownText(input.fullPlanAt.label)}](${input.fullPlanAt.url})`
      : escapeMarkdownText(input.fullPlanAt.label)
    : 'the check run `apigw-sync/plan`';
  return `> [!NOTE]\n> The full plan (${fullLength.toLocaleString('en-US')} characters) is longer than a GitHub comment allows: it is in ${where}. Below, one line per API.`;
}

function planSummaryTable(plan: Plan): string[] {
  const groups = groupByApi(maskPlan(plan).steps.map((s) => s.change));
  if (groups.length === 0) return [`✅ **${NO_CHANGES}**`];
  const rows = groups.map((g) => {
    const n = (a: string) => g.all.filter((c) => c.action === a).length;
    const breaking = g.all.filter((c) => c.flags.breaking).length;
    const deploy = plan.deployments[g.apiKey]?.map((s) => codeSpan(s, { inTable: true })).join(', ') ?? '';
    const title = groupTitle(g);
    return `| ${escapeMarkdownText(title.name)} | ${escapeMarkdownText(title.kind)} | ${n('create')} | ${n('update')} | ${n('delete')} | ${breaking} | ${deploy} |`;
  });
  return ['| API | Kind | Add | Change | Destroy | Breaking | Redeploys |', '|---|---|---|---|---|---|---|', ...rows];
}

/**
 * A table cut to whole rows so that it fits in `budget` characters, with a last line that
 * says how many rows were left out. Lines before the first `|---` line are kept as a header.
 */
function fitTable(lines: string[], budget: number): string {
  const text = lines.join('\n');
  if (text.length <= budget) return text;
  const sep = lines.findIndex((l) => l.startsWith('|---'));
  const headerEnd = sep < 0 ? 0 : sep + 1;
  const out = lines.slice(0, headerEnd);
  let used = out.join('\n').length + 80;
  let i = headerEnd;
  for (; i < lines.length && used + lines[i].length + 1 <= budget; i++) {
    out.push(lines[i]);
    used += lines[i].length + 1;
  }
  out.push('', `… and ${lines.length - i} more rows (see the full plan).`);
  return out.join('\n');
}

function join(parts: string[]): string {
  return `${parts
    .filter((p) => p.trim() !== '')
    .map((p) => p.trimEnd())
    .join('\n\n')}\n`;
}
