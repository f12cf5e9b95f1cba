/**
 * An approving review binds to the plan the sticky comment showed at that moment: its
 * fingerprint and its commit. A review of another commit than the one planned is not
 * recorded (the reviewer did not see that plan).
 */
import { currentApprovals, withApproval } from '../render/comment-data.js';
import { withCommentApprovals } from '../render/comment.js';
import type { AppDeps, RepoCtx } from './app-context.js';
import type { RepoConfig } from './config.js';
import { setApprovalStatus } from './pr-plan.js';
import { findStickyComment } from './sticky-comment.js';

export type ReviewOutcome = 'recorded' | 'no-plan' | 'other-commit';

export async function recordApproval(
  r: RepoCtx,
  review: { prNumber: number; login: string; commitId: string; submittedAt: string },
  config: RepoConfig,
  deps: AppDeps,
): Promise<ReviewOutcome> {
  const comment = await findStickyComment(r.gh, { owner: r.owner, repo: r.repo, issue_number: review.prNumber });
  const data = comment?.data;
  if (!comment || !data?.fingerprint) return 'no-plan';
  if (data.headSha !== review.commitId) {
    r.log.info(`approval by ${review.login} is for ${review.commitId.slice(0, 7)}, the plan shown is for ${data.headSha.slice(0, 7)}: not recorded`);
    return 'other-commit';
  }
  const at = review.submittedAt || (deps.now?.() ?? new Date()).toISOString();
  const approvals = withApproval(data.approvals, { login: review.login, fingerprint: data.fingerprint, headSha: data.headSha, at });
  const next = withCommentApprovals(comment.body, data, approvals, config.requiredApprovals);
  await r.gh.rest.issues.updateComment({ owner: r.owner, repo: r.repo, comment_id: comment.id, body: next.body });
  await setApprovalStatus(r, {
    headSha: data.headSha,
    fingerprint: data.fingerprint,
    approvals: currentApprovals(approvals, data.fingerprint, data.headSha).length,
    required: config.requiredApprovals,
  });
  return 'recorded';
}
