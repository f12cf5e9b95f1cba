/**
 * Runs an approved apply with the repository's executor (`.github/apigw-sync.yml`):
 *
 * - `actions` (default): dispatch the repository's apply workflow with the pull request,
 *   commit and approved desired-state fingerprint. The runner does the minutes of canary
 *   bake with AWS credentials from its OIDC role; the workflow checks the review again and
 *   the App follows the run's end (`workflow_run`, see on-workflow-run.ts). The App's own
 *   process can restart at any time without leaving a rollout half-way.
 * - `in-process`: apply here, inside the App (self-hosted, with AWS access of its own).
 *
 * Either way the outcome reaches GitHub (apply-record.ts); nothing is only logged.
 */
import { shortFingerprint } from '../plan/fingerprint.js';
import type { AppDeps, RepoCtx } from './app-context.js';
import {
  closeApplyRecord,
  openApplyRecord,
  progressStatus,
  type ApplyJob,
  type ApplyOutcome,
  type ApplyRecord,
} from './apply-record.js';
import type { RepoConfig } from './config.js';
import { errorText } from './pr-plan.js';
import type { ApplyReport } from './ports.js';
import { openRevert } from './revert.js';
import { fetchState } from './state-fetch.js';

export type ApplyJobResult =
  | { status: 'dispatched'; record: ApplyRecord }
  | { status: 'done'; record: ApplyRecord; outcome: ApplyOutcome; revert?: { kind: 'pull' | 'issue'; number: number } };

export async function runApplyJob(
  r: RepoCtx,
  deps: AppDeps,
  config: RepoConfig,
  job: ApplyJob,
): Promise<ApplyJobResult> {
  if (config.executor === 'actions') return dispatchApplyWorkflow(r, deps, config, job);
  return applyInProcess(r, deps, config, job);
}

/** Workflow inputs; the workflow's `run-name` carries the deployment id so its end finds the record again. */
export function workflowInputs(job: ApplyJob, record: ApplyRecord): Record<string, string> {
  return {
    'pull-request': job.prNumber === undefined ? '' : String(job.prNumber),
    sha: job.sha,
    'desired-fingerprint': job.approved?.fingerprint ?? '',
    'deployment-id': String(record.deploymentId),
  };
}

async function dispatchApplyWorkflow(
  r: RepoCtx,
  deps: AppDeps,
  config: RepoConfig,
  job: ApplyJob,
): Promise<ApplyJobResult> {
  const record = await openApplyRecord(r, config, job, { queued: true });
  try {
    await r.gh.rest.actions.createWorkflowDispatch({
      owner: r.owner,
      repo: r.repo,
      workflow_id: config.applyWorkflow,
      ref: r.defaultBranch,
      inputs: workflowInputs(job, record),
    });
  } catch (e) {
    const outcome: ApplyOutcome = {
      kind: 'error',
      code: 'DISPATCH_FAILED',
      reason: `the apply workflow .github/workflows/${config.applyWorkflow} could not be started on ${r.defaultBranch}: ${errorText(e)}. Add the workflow (see the README), or set \`executor: in-process\` in .github/apigw-sync.yml.`,
    };
    await closeApplyRecord(r, deps, config, record, outcome);
    return { status: 'done', record, outcome };
  }
  r.log.info(
    `dispatched ${config.applyWorkflow} for ${job.sha.slice(0, 7)} (deployment ${record.deploymentId}, desired state ${shortFingerprint(job.approved?.fingerprint ?? '') || 'unreviewed'})`,
  );
  return { status: 'dispatched', record };
}

async function applyInProcess(r: RepoCtx, deps: AppDeps, config: RepoConfig, job: ApplyJob): Promise<ApplyJobResult> {
  const repo = { owner: r.owner, repo: r.repo };
  const record = await openApplyRecord(r, config, job);
  // Deployment statuses are posted in order, one at a time, while the apply goes on.
  let chain: Promise<unknown> = Promise.resolve();
  let outcome: ApplyOutcome;
  let report: ApplyReport | undefined;
  try {
    const state = await fetchState(r.gh, repo, { sha: job.sha, path: config.path });
    try {
      report = await deps.services(config, repo).applier.apply({
        dir: state.dir,
        displayDir: config.path,
        approvedDesired: job.approved,
        owner: `github:${job.requestedBy}`,
        onProgress: (p) => {
          chain = chain
            .then(() => progressStatus(r, record, p))
            .catch((e) => r.log.warn(`deployment status: ${errorText(e)}`));
        },
      });
    } finally {
      await state.cleanup();
    }
    await chain;
    outcome = outcomeOf(report);
  } catch (e) {
    await chain;
    const code = (e as { code?: unknown }).code;
    r.log.warn(`apply of ${job.sha.slice(0, 7)} did not run: ${errorText(e)}`);
    outcome = {
      kind: code === 'UNREVIEWED_STATE' ? 'refused' : 'error',
      code: typeof code === 'string' ? code : 'APPLY_ERROR',
      reason: errorText(e),
    };
  }
  await closeApplyRecord(r, deps, config, record, outcome);
  if (outcome.kind === 'rolled-back' && job.kind === 'merge' && job.before && report) {
    const revert = await openRevert(r, {
      path: config.path,
      before: job.before,
      after: job.sha,
      rolledBack: report.rolledBack,
      reasons: report.failures.map((f) => `${f.apiKey}: ${f.message}`),
    });
    return { status: 'done', record, outcome, revert };
  }
  return { status: 'done', record, outcome };
}

export function outcomeOf(report: ApplyReport): ApplyOutcome {
  const reason = report.failures.map((f) => `${f.apiKey}: ${f.message}`).join('\n');
  if (report.status === 'applied') return { kind: 'applied', report };
  if (report.status === 'no-changes') return { kind: 'no-changes', report };
  if (report.status === 'invalid')
    return {
      kind: 'refused',
      code: 'INVALID_STATE',
      reason: `gateway-state is invalid:\n${report.issues.map((i) => `${i.location.file}:${i.location.line}:${i.location.column}: ${i.message}`).join('\n')}`,
    };
  return { kind: report.rolledBack.length ? 'rolled-back' : 'failed', report, reason: reason || 'the apply failed' };
}
