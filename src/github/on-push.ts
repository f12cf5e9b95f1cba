/**
 * A push to the apply branch that changes the state (the merge) is applied — but only what
 * qualified reviewers approved: the merged pull request's head commit must be approved
 * (reviewed-apply.ts) and the App's own sealed comment must have shown its plan; the engine
 * then re-reads AWS and applies what implements that approved desired state. The outcome
 * always reaches GitHub (apply-record.ts): a refused or failed apply is a failed deployment,
 * a failed check, the comment, and an issue.
 */
import { applyBranch, findAppComment, type AppDeps, type RepoCtx } from './app-context.js';
import { closeApplyRecord, openApplyRecord, type ApplyJob } from './apply-record.js';
import { runApplyJob, type ApplyJobResult } from './apply-executor.js';
import type { RepoConfig } from './config.js';
import { isStatePath } from './pr-plan.js';
import { changedPaths } from './push-paths.js';
import { checkReviewedApply, mergedPullRequest } from './reviewed-apply.js';
import { fetchState } from './state-fetch.js';
import { exactApproval } from '../plan/approved-state.js';
import type { DesiredStateDigest } from '../plan/fingerprint.js';

export interface PushEvent {
  ref: string;
  before: string;
  after: string;
  pusher: string;
}

export type PushResult = { status: 'skipped'; why: string } | { status: 'refused'; reason: string } | ApplyJobResult;

export async function applyPush(r: RepoCtx, ev: PushEvent, config: RepoConfig, deps: AppDeps): Promise<PushResult> {
  const repo = { owner: r.owner, repo: r.repo };
  const branch = applyBranch(r, config);
  if (ev.ref !== `refs/heads/${branch}`) return { status: 'skipped', why: `not ${branch}` };
  const changed = await changedPaths(r.gh, repo, ev.before, ev.after);
  if (changed.complete && !changed.paths.some((p) => isStatePath(p, config)))
    return { status: 'skipped', why: 'gateway-state unchanged' };

  const job: ApplyJob = { kind: 'merge', sha: ev.after, before: ev.before, requestedBy: ev.pusher };
  const refuse = async (code: string, reason: string): Promise<PushResult> => {
    const record = await openApplyRecord(r, config, job);
    await closeApplyRecord(r, deps, config, record, { kind: 'refused', code, reason });
    return { status: 'refused', reason };
  };

  const prNumber = await mergedPullRequest(r.gh, repo, ev.after, branch);
  job.prNumber = prNumber;
  const needsReview = config.requiredApprovals > 0 || config.approvals.codeowners;
  if (prNumber === undefined) {
    if (needsReview)
      return refuse(
        'NO_REVIEWED_PULL_REQUEST',
        `${ev.after.slice(0, 7)} was pushed to ${branch} without a merged pull request: nothing reviewed it, so nothing is applied. Open a pull request with the change and get it approved.`,
      );
    // No review required: the state as pushed is what gets applied, exactly (the apply workflow needs its fingerprint too).
    const pushed = await desiredStateOf(r, deps, config, ev.after);
    if (!pushed.ok) return refuse('INVALID_STATE', pushed.reason);
    job.approved = exactApproval(pushed.desired);
    return runApplyJob(r, deps, config, job);
  }
  if (needsReview) {
    const gate = await checkReviewedApply(r.gh, repo, deps.services(config, repo), {
      prNumber,
      when: 'after-merge',
      branch,
      defaultBranch: r.defaultBranch,
      config,
    });
    if (!gate.ok) return refuse(gate.code, gate.reason);
    // The reviewers saw the plan of that commit in our own, sealed comment.
    const shown = (await findAppComment(r, deps, prNumber))?.data;
    if (shown?.headSha !== gate.headSha || shown.desired?.fingerprint !== gate.approved.fingerprint) {
      return refuse(
        'PLAN_NOT_SHOWN',
        `#${prNumber}'s apigw-sync comment does not show the plan of its last commit ${gate.headSha.slice(0, 7)} (missing, edited, or planned for another commit): what was approved cannot be told.`,
      );
    }
    job.approved = gate.approved;
  }
  return runApplyJob(r, deps, config, job);
}

async function desiredStateOf(
  r: RepoCtx,
  deps: AppDeps,
  config: RepoConfig,
  sha: string,
): Promise<{ ok: true; desired: DesiredStateDigest } | { ok: false; reason: string }> {
  const repo = { owner: r.owner, repo: r.repo };
  const state = await fetchState(r.gh, repo, { sha, path: config.path });
  try {
    const d = await deps.services(config, repo).planner.describe({ dir: state.dir, displayDir: config.path });
    return d.status === 'ok'
      ? { ok: true, desired: d.desired }
      : { ok: false, reason: `the gateway-state of ${sha.slice(0, 7)} is invalid` };
  } finally {
    await state.cleanup();
  }
}
