/**
 * The GitHub App (probot 14). Stateless: plan data and approvals live in the sticky PR
 * comment, locks and rollout state in AWS tags — any number of replicas can serve webhooks.
 * Each handler turns the webhook into a RepoCtx and calls the code that does the work.
 */
import type { Context, Probot } from 'probot';
import { loadRepoConfig, type AppDeps, type RepoCtx } from './app-context.js';
import type { GitHubClient } from './client.js';
import { handleCommand } from './on-command.js';
import { applyPush } from './on-push.js';
import { recordApproval } from './on-review.js';
import { planPullRequest, touchesState } from './pr-plan.js';

type AnyContext = Context<'pull_request' | 'pull_request_review' | 'issue_comment' | 'push'>;

function repoCtx(context: AnyContext): RepoCtx {
  const repository = context.payload.repository;
  return {
    gh: context.octokit as unknown as GitHubClient,
    owner: repository.owner?.login ?? '',
    repo: repository.name,
    defaultBranch: repository.default_branch,
    log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
  };
}

export function createApp(deps: AppDeps) {
  return (app: Probot): void => {
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
      const r = repoCtx(context);
      const pull = context.payload.pull_request;
      const config = await loadRepoConfig(r);
      const pr = { number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha };
      if (!(await touchesState(r, pr, config))) return;
      await planPullRequest(r, pr, config, deps);
    });

    app.on('pull_request_review.submitted', async (context) => {
      const review = context.payload.review;
      if (review.state.toLowerCase() !== 'approved' || !review.user) return;
      const r = repoCtx(context);
      const config = await loadRepoConfig(r);
      await recordApproval(
        r,
        { prNumber: context.payload.pull_request.number, login: review.user.login, commitId: review.commit_id, submittedAt: review.submitted_at ?? '' },
        config,
        deps,
      );
    });

    app.on('issue_comment.created', async (context) => {
      const { issue, comment } = context.payload;
      if (!issue.pull_request || comment.user?.type === 'Bot' || !comment.user) return;
      if (!comment.body.trimStart().startsWith('/apigw-sync')) return;
      const r = repoCtx(context);
      const config = await loadRepoConfig(r);
      await handleCommand(r, { prNumber: issue.number, commentId: comment.id, login: comment.user.login, body: comment.body }, config, deps);
    });

    app.on('push', async (context) => {
      const p = context.payload;
      const r = repoCtx(context);
      if (p.ref !== `refs/heads/${r.defaultBranch}` || p.deleted) return;
      const paths = p.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
      const config = await loadRepoConfig(r);
      await applyPush(r, { ref: p.ref, before: p.before, after: p.after, paths, pusher: p.pusher.name ?? p.sender?.login ?? 'unknown' }, config, deps);
    });
  };
}
