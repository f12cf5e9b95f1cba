/**
 * Plan a pull request: validate + plan the head's gateway-state, drift of the base's, cost;
 * then the sticky comment, the check run `apigw-sync/plan` (annotations at file and line)
 * and the approval status. Used for pull_request events and `/apigw-sync plan`.
 */
import { currentApprovals } from '../render/comment-data.js';
import { renderPlanComment } from '../render/comment.js';
import { CHECK_RUN_TEXT_LIMIT, renderCheckRunOutput } from '../render/summary.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import type { DriftReport } from '../model/drift.js';
import { APPROVAL_CONTEXT, CHECK_NAME, type AppDeps, type RepoCtx } from './app-context.js';
import type { RepoConfig } from './config.js';
import { fetchState } from './state-fetch.js';
import { findStickyComment, upsertStickyComment } from './sticky-comment.js';

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
}

export interface PrPlanResult {
  fingerprint?: string;
  commentId: number;
  checkRunId: number;
}

/** True when any file the PR changes is under the state directory (or is the config file). */
export async function touchesState(r: RepoCtx, pr: PullRef, config: RepoConfig): Promise<boolean> {
  const files = await r.gh.paginate(r.gh.rest.pulls.listFiles, { owner: r.owner, repo: r.repo, pull_number: pr.number, per_page: 100 });
  const prefix = `${config.path}/`;
  return files.some((f) => f.filename.startsWith(prefix) || f.previous_filename?.startsWith(prefix));
}

export async function planPullRequest(r: RepoCtx, pr: PullRef, config: RepoConfig, deps: AppDeps): Promise<PrPlanResult> {
  const repo = { owner: r.owner, repo: r.repo };
  const { data: check } = await r.gh.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: pr.headSha, status: 'in_progress' });
  const services = deps.services(config, repo);
  const head = await fetchState(r.gh, repo, { sha: pr.headSha, path: config.path });
  let base: Awaited<ReturnType<typeof fetchState>> | undefined;
  try {
    const report = await services.planner.plan({ dir: head.dir, displayDir: config.path, costThreshold: config.cost?.commentThreshold });
    let drift: DriftReport | undefined;
    if (report.status === 'ok') {
      base = await fetchState(r.gh, repo, { sha: pr.baseSha, path: config.path });
      // No state on the base branch yet (first PR): nothing can have drifted from it.
      if (base.files.length > 0) {
        const d = await services.drifter.drift({ dir: base.dir, displayDir: config.path });
        if (d.status === 'ok') drift = d.report;
      }
    }
    const plan = report.status === 'ok' ? report.plan : undefined;
    const cost = report.status === 'ok' ? report.cost : undefined;
    const existing = await findStickyComment(r.gh, { ...repo, issue_number: pr.number });
    const approvals = existing?.data?.approvals ?? [];
    const checkUrl = `https://github.com/${r.owner}/${r.repo}/runs/${check.id}`;
    const rendered = renderPlanComment({
      headSha: pr.headSha,
      plan,
      issues: report.issues,
      drift,
      cost,
      approvals,
      requiredApprovals: config.requiredApprovals,
      fullPlanAt: { label: `the check run ${CHECK_NAME}`, url: checkUrl },
    });
    const comment = await upsertStickyComment(r.gh, { ...repo, issue_number: pr.number }, rendered.body, { existing: existing ?? null });

    const out = renderCheckRunOutput({ plan, issues: report.issues, drift, cost });
    const annotations = out.annotations;
    await r.gh.rest.checks.update({
      ...repo,
      check_run_id: check.id,
      status: 'completed',
      conclusion: report.status === 'invalid' ? 'failure' : 'success',
      output: { title: out.title, summary: out.summary, text: out.text?.slice(0, CHECK_RUN_TEXT_LIMIT), annotations: annotations.slice(0, 50) },
    });
    // GitHub takes at most 50 annotations per request; the rest go in follow-up updates.
    for (let i = 50; i < annotations.length; i += 50) {
      await r.gh.rest.checks.update({ ...repo, check_run_id: check.id, output: { title: out.title, summary: out.summary, annotations: annotations.slice(i, i + 50) } });
    }
    if (plan) await setApprovalStatus(r, { headSha: pr.headSha, fingerprint: plan.fingerprint, approvals: currentApprovals(approvals, plan.fingerprint, pr.headSha).length, required: config.requiredApprovals });
    return { fingerprint: plan?.fingerprint, commentId: comment!.id, checkRunId: check.id };
  } catch (e) {
    await r.gh.rest.checks.update({
      ...repo,
      check_run_id: check.id,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'apigw-sync could not plan', summary: errorText(e).slice(0, 60_000) },
    });
    throw e;
  } finally {
    await head.cleanup();
    await base?.cleanup();
  }
}

export async function setApprovalStatus(r: RepoCtx, s: { headSha: string; fingerprint: string; approvals: number; required: number }): Promise<void> {
  const ok = s.approvals >= s.required;
  await r.gh.rest.repos.createCommitStatus({
    owner: r.owner,
    repo: r.repo,
    sha: s.headSha,
    state: ok ? 'success' : 'pending',
    context: APPROVAL_CONTEXT,
    description: `${s.approvals} of ${s.required} approvals for plan ${shortFingerprint(s.fingerprint)}`,
  });
}

export function errorText(e: unknown): string {
  const err = e as { describe?: () => string; message?: string };
  return typeof err?.describe === 'function' ? err.describe() : (err?.message ?? String(e));
}
