/**
 * A review was submitted or dismissed: count the approvals of the pull request's current
 * commit again from GitHub (approvals.ts) and show them in the sticky comment and the
 * `apigw-sync/approval` status. Nothing in the webhook payload is trusted beyond the pull
 * request's number: the head commit is read from GitHub, the reviews and permissions too.
 */
import { withCommentApprovals } from '../render/comment.js';
import { findAppComment, writeAppComment, type AppDeps, type RepoCtx } from './app-context.js';
import { countApprovals } from './approvals.js';
import type { RepoConfig } from './config.js';
import { setApprovalStatus } from './pr-plan.js';

export type ReviewOutcome = 'counted' | 'no-plan' | 'other-commit' | 'closed';

export async function refreshApprovals(
  r: RepoCtx,
  prNumber: number,
  config: RepoConfig,
  deps: AppDeps,
): Promise<ReviewOutcome> {
  const repo = { owner: r.owner, repo: r.repo };
  const { data: pull } = await r.gh.rest.pulls.get({ ...repo, pull_number: prNumber });
  if (pull.state !== 'open') return 'closed';
  const comment = await findAppComment(r, deps, prNumber);
  const data = comment?.data;
  if (!comment || !data?.fingerprint) return 'no-plan';
  if (data.headSha !== pull.head.sha) {
    // The plan of the new commit is still being made; it counts the approvals when it is written.
    r.log.info(
      `#${prNumber}: the comment shows the plan of ${data.headSha.slice(0, 7)}, the head is ${pull.head.sha.slice(0, 7)}: approvals are counted when that plan is written`,
    );
    return 'other-commit';
  }
  const verdict = await countApprovals(r.gh, repo, {
    prNumber,
    headSha: data.headSha,
    defaultBranch: r.defaultBranch,
    config,
  });
  const next = withCommentApprovals(
    comment.body,
    data,
    [...verdict.counted, ...verdict.stale],
    config.requiredApprovals,
    verdict.notes,
  );
  await writeAppComment(r, deps, prNumber, next.body, comment);
  await setApprovalStatus(r, data.headSha, verdict);
  return 'counted';
}
