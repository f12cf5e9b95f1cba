/**
 * Every GitHub apply leaves a visible record from start to end, whichever executor runs it
 * and however it ends:
 *
 * - a GitHub Deployment of the applied commit (environment = the state path) whose statuses
 *   follow the apply: in_progress (with progress lines) → success | failure | error + reason;
 * - the check run `apigw-sync/apply` on that commit;
 * - the pull request's sticky comment (status, outcome, and what was applied);
 * - after a merge, an issue per failure cause, closed by the next successful apply.
 *
 * The deployment's payload names the pull request, commit and check run, so the Actions
 * executor finds them again when the workflow run ends (GitHub keeps the state, not us).
 */
import type { ApplyOutcomeNote, ApplyProgress } from '../render/comment.js';
import { renderPlanComment, withCommentOutcome } from '../render/comment.js';
import type { CommentStatus } from '../render/comment-data.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import type { ApprovedDesiredState } from '../plan/approved-state.js';
import { APPLY_CHECK_NAME, findAppComment, writeAppComment, type AppDeps, type RepoCtx } from './app-context.js';
import type { RepoConfig } from './config.js';
import { closeApplyFailures, reportApplyFailure } from './failure-issues.js';
import type { ApplyReport } from './ports.js';

export interface ApplyJob {
  /** `merge`: the push of a merged pull request; `pull-request`: `/apigw-sync apply` before merge. */
  kind: 'merge' | 'pull-request';
  prNumber?: number;
  /** The commit whose gateway-state is applied. */
  sha: string;
  /** The branch tip before the push (merge only: what production served). */
  before?: string;
  /** What the apply must implement (absent only when the configuration requires no approval). */
  approved?: ApprovedDesiredState;
  requestedBy: string;
}

export interface ApplyRecord {
  job: ApplyJob;
  deploymentId: number;
  checkRunId: number;
}

/** What the deployment payload carries (read back only from deployments our bot created). */
export interface DeploymentPayload {
  apigwSync: 1;
  kind: ApplyJob['kind'];
  pr?: number;
  sha: string;
  before?: string;
  checkRunId: number;
}

type Done = { report?: ApplyReport; runUrl?: string };
type Failed = Done & { reason: string };
type Stopped = { code: string; reason: string; runUrl?: string };
export type ApplyOutcome =
  | ({ kind: 'applied' } & Done)
  | ({ kind: 'no-changes' } & Done)
  | ({ kind: 'failed' } & Failed)
  | ({ kind: 'rolled-back' } & Failed)
  | ({ kind: 'refused' } & Stopped)
  | ({ kind: 'error' } & Stopped);

const DESCRIPTION_LIMIT = 140;

export async function openApplyRecord(
  r: RepoCtx,
  config: RepoConfig,
  job: ApplyJob,
  opts: { queued?: boolean } = {},
): Promise<ApplyRecord> {
  const repo = { owner: r.owner, repo: r.repo };
  const title = `apigw-sync apply of ${job.sha.slice(0, 7)}${job.prNumber !== undefined ? ` (#${job.prNumber})` : ''}`;
  const { data: check } = await r.gh.rest.checks.create({
    ...repo,
    name: APPLY_CHECK_NAME,
    head_sha: job.sha,
    status: opts.queued ? 'queued' : 'in_progress',
    output: { title, summary: `Requested by ${job.requestedBy}.` },
  });
  const payload: DeploymentPayload = { apigwSync: 1, kind: job.kind, sha: job.sha, checkRunId: check.id };
  if (job.prNumber !== undefined) payload.pr = job.prNumber;
  if (job.before) payload.before = job.before;
  const { data } = await r.gh.rest.repos.createDeployment({
    ...repo,
    ref: job.sha,
    environment: config.path,
    task: 'deploy',
    auto_merge: false,
    required_contexts: [],
    description: title.slice(0, DESCRIPTION_LIMIT),
    production_environment: true,
    payload: payload as unknown as Record<string, unknown>,
  });
  if (!('id' in data))
    throw new Error(`GitHub did not create a deployment for ${job.sha.slice(0, 7)}: ${data.message ?? ''}`);
  const record = { job, deploymentId: data.id, checkRunId: check.id };
  await deploymentStatus(
    r,
    record,
    opts.queued ? 'queued' : 'in_progress',
    opts.queued ? 'waiting for the apply workflow' : 'applying',
  );
  return record;
}

/** A progress line on the deployment (in-process applies: one per API/stage step). */
export function progressStatus(r: RepoCtx, record: ApplyRecord, p: ApplyProgress): Promise<unknown> {
  return deploymentStatus(r, record, 'in_progress', `${p.apiKey}/${p.stage}: ${p.detail ?? p.state}`);
}

/** The apply workflow run started: the deployment and the check link to it. */
export async function runningApplyRecord(r: RepoCtx, record: ApplyRecord, runUrl: string): Promise<void> {
  await deploymentStatus(r, record, 'in_progress', 'running in the apply workflow', runUrl);
  await r.gh.rest.checks.update({
    owner: r.owner,
    repo: r.repo,
    check_run_id: record.checkRunId,
    status: 'in_progress',
    details_url: runUrl,
  });
}

export async function closeApplyRecord(
  r: RepoCtx,
  deps: AppDeps,
  config: RepoConfig,
  record: ApplyRecord,
  outcome: ApplyOutcome,
): Promise<void> {
  const repo = { owner: r.owner, repo: r.repo };
  const { job } = record;
  const good = outcome.kind === 'applied' || outcome.kind === 'no-changes';
  const line = outcomeLine(outcome);
  const runUrl = outcome.runUrl;
  await deploymentStatus(r, record, good ? 'success' : outcome.kind === 'error' ? 'error' : 'failure', line, runUrl);
  await r.gh.rest.checks.update({
    ...repo,
    check_run_id: record.checkRunId,
    status: 'completed',
    conclusion: good ? 'success' : 'failure',
    ...(runUrl ? { details_url: runUrl } : {}),
    output: { title: line, summary: outcomeSummary(outcome) },
  });
  if (job.prNumber !== undefined) await updatePullRequestComment(r, deps, config, job.prNumber, outcome);
  if (job.kind !== 'merge') return;
  if (good) {
    const closed = await closeApplyFailures(r.gh, repo, r.botLogin, job.sha);
    if (closed.length) r.log.info(`closed apply-failure issues ${closed.map((n) => `#${n}`).join(', ')}`);
  } else if (!(outcome.kind === 'rolled-back')) {
    // A rollback gets its revert pull request (revert.ts); every other failure gets an issue.
    const cause = outcome.kind === 'refused' || outcome.kind === 'error' ? outcome.code : 'APPLY_FAILED';
    const reason = outcome.reason;
    await reportApplyFailure(r.gh, repo, r.botLogin, { cause, sha: job.sha, prNumber: job.prNumber, reason, runUrl });
  }
}

function deploymentStatus(
  r: RepoCtx,
  record: ApplyRecord,
  state: 'queued' | 'in_progress' | 'success' | 'failure' | 'error',
  description: string,
  logUrl?: string,
) {
  return r.gh.rest.repos.createDeploymentStatus({
    owner: r.owner,
    repo: r.repo,
    deployment_id: record.deploymentId,
    state,
    description: oneLine(description).slice(0, DESCRIPTION_LIMIT),
    ...(logUrl ? { log_url: logUrl } : {}),
  });
}

function outcomeLine(o: ApplyOutcome): string {
  if (o.kind === 'applied') return 'applied';
  if (o.kind === 'no-changes') return 'no changes: AWS already matches this commit';
  if (o.kind === 'rolled-back') return `rolled back: ${oneLine(o.reason)}`;
  if (o.kind === 'failed') return `failed: ${oneLine(o.reason)}`;
  if (o.kind === 'refused') return `refused: ${oneLine(o.reason)}`;
  return `error: ${oneLine(o.reason)}`;
}

function outcomeSummary(o: ApplyOutcome): string {
  const reason = o.kind === 'applied' || o.kind === 'no-changes' ? outcomeLine(o) : o.reason;
  return `${reason}${o.runUrl ? `\n\nWorkflow run: ${o.runUrl}` : ''}`.slice(0, 60_000);
}

const COMMENT_STATUS: Record<ApplyOutcome['kind'], CommentStatus> = {
  applied: 'applied',
  'no-changes': 'applied',
  failed: 'failed',
  'rolled-back': 'rolled-back',
  refused: 'failed',
  error: 'error',
};

async function updatePullRequestComment(
  r: RepoCtx,
  deps: AppDeps,
  config: RepoConfig,
  prNumber: number,
  outcome: ApplyOutcome,
): Promise<void> {
  const comment = await findAppComment(r, deps, prNumber);
  if (!comment?.data) {
    r.log.warn(
      `#${prNumber} has no apigw-sync comment with verified data: the apply outcome is on the deployment and check run only`,
    );
    return;
  }
  const data = comment.data;
  const status = COMMENT_STATUS[outcome.kind];
  const note = outcomeNote(outcome, data.fingerprint, data.summary);
  const report = outcome.kind === 'refused' || outcome.kind === 'error' ? undefined : outcome.report;
  const body = report?.plan
    ? renderPlanComment({
        headSha: data.headSha,
        plan: report.plan,
        issues: report.issues,
        desired: data.desired,
        approvals: data.approvals,
        requiredApprovals: config.requiredApprovals,
        status,
        progress: report.progress,
        outcome: note,
      }).body
    : withCommentOutcome(comment.body, data, status, note).body;
  await writeAppComment(r, deps, prNumber, body, comment);
}

/** The note above the approvals: why it failed, or that AWS moved since the review and what was applied instead. */
function outcomeNote(
  o: ApplyOutcome,
  reviewedFingerprint: string | undefined,
  reviewed: { add: number; change: number; destroy: number } | undefined,
): ApplyOutcomeNote | undefined {
  const link = o.runUrl ? { label: 'The workflow run', url: o.runUrl } : undefined;
  if (o.kind === 'refused') return { kind: 'failure', title: 'Not applied', detail: o.reason, link };
  if (o.kind === 'error') return { kind: 'error', title: 'The apply could not run', detail: o.reason, link };
  if (o.kind === 'failed' || o.kind === 'rolled-back')
    return { kind: 'failure', title: o.kind === 'failed' ? 'The apply failed' : 'Rolled back', detail: o.reason, link };
  const plan = o.report?.plan;
  if (o.kind === 'no-changes')
    return { kind: 'info', title: 'Nothing left to apply: AWS already matches this commit', link };
  if (plan && reviewedFingerprint && plan.fingerprint !== reviewedFingerprint) {
    const s = plan.summary;
    const was = reviewed
      ? ` (reviewed: ${reviewed.add} to add, ${reviewed.change} to change, ${reviewed.destroy} to destroy)`
      : '';
    return {
      kind: 'info',
      title: 'AWS changed since the review',
      detail: `Plan ${shortFingerprint(reviewedFingerprint)} was reviewed${was}; AWS was read again at apply time and plan ${shortFingerprint(plan.fingerprint)} (${s.add} to add, ${s.change} to change, ${s.destroy} to destroy) implemented the approved desired state. The plan below is what was applied.`,
      link,
    };
  }
  return link ? { kind: 'info', title: 'Applied', link } : undefined;
}

function oneLine(s: string): string {
  return s.split('\n')[0];
}
