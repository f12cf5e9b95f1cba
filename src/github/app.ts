/**
 * The GitHub App (probot 14). Stateless: plan data lives in the sticky PR comment (sealed
 * with a MAC), approvals are counted from GitHub's reviews, apply records are GitHub
 * Deployments, locks and rollout state live in AWS tags — any number of replicas can serve
 * webhooks. Each handler turns the webhook into a RepoCtx and calls the code that does the
 * work; from a payload only ids are taken (pull request number, commit), everything that
 * decides is read back from GitHub.
 */
import type { Context, Probot } from 'probot';
import { CHECK_NAME, loadRepoConfig, type AppDeps, type RepoCtx } from './app-context.js';
import type { GitHubClient } from './client.js';
import { handleCommand } from './on-command.js';
import { applyPush } from './on-push.js';
import { refreshApprovals } from './on-review.js';
import { followApplyRun } from './on-workflow-run.js';
import { planPullRequest, touchesState } from './pr-plan.js';

type AnyContext = Context<
  'pull_request' | 'pull_request_review' | 'issue_comment' | 'push' | 'check_run' | 'workflow_run'
>;

export function createApp(deps: AppDeps) {
  return (app: Probot): void => {
    // Our bot user's login, asked of GitHub once: only comments and deployments it wrote are ours.
    let bot: Promise<string> | undefined;
    const botLogin = () =>
      (bot ??= app
        .auth()
        .then((gh) => gh.rest.apps.getAuthenticated())
        .then(({ data }) => `${data?.slug}[bot]`)
        .catch((e: unknown) => {
          bot = undefined;
          throw e;
        }));

    async function repoCtx(context: AnyContext): Promise<RepoCtx> {
      const repository = context.payload.repository;
      return {
        gh: context.octokit as unknown as GitHubClient,
        owner: repository.owner?.login ?? '',
        repo: repository.name,
        defaultBranch: repository.default_branch,
        botLogin: await botLogin(),
        log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
      };
    }

    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
      const r = await repoCtx(context);
      const pull = context.payload.pull_request;
      const config = await loadRepoConfig(r);
      const pr = { number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha };
      if (!(await touchesState(r, pr, config))) return;
      await planPullRequest(r, pr, config, deps);
    });

    // Any review can change the count: an approval, a later "changes requested", a dismissal.
    app.on(['pull_request_review.submitted', 'pull_request_review.dismissed'], async (context) => {
      const r = await repoCtx(context);
      const config = await loadRepoConfig(r);
      await refreshApprovals(r, context.payload.pull_request.number, config, deps);
    });

    app.on('issue_comment.created', async (context) => {
      const { issue, comment } = context.payload;
      if (!issue.pull_request || comment.user?.type === 'Bot' || !comment.user) return;
      if (!comment.body.trimStart().startsWith('/apigw-sync')) return;
      const r = await repoCtx(context);
      const config = await loadRepoConfig(r);
      await handleCommand(
        r,
        { prNumber: issue.number, commentId: comment.id, login: comment.user.login, body: comment.body },
        config,
        deps,
      );
    });

    app.on('push', async (context) => {
      const p = context.payload;
      if (p.deleted || !p.ref.startsWith('refs/heads/')) return;
      const r = await repoCtx(context);
      const config = await loadRepoConfig(r);
      await applyPush(
        r,
        { ref: p.ref, before: p.before, after: p.after, pusher: p.pusher.name ?? p.sender?.login ?? 'unknown' },
        config,
        deps,
      );
    });

    // The plan check's "Re-run" button: plan the pull requests of that commit again.
    app.on('check_run.rerequested', async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_NAME) return;
      const r = await repoCtx(context);
      const config = await loadRepoConfig(r);
      const { data: pulls } = await r.gh.rest.repos.listPullRequestsAssociatedWithCommit({
        owner: r.owner,
        repo: r.repo,
        commit_sha: run.head_sha,
      });
      for (const pull of pulls.filter((p) => p.state === 'open' && p.head.sha === run.head_sha)) {
        await planPullRequest(r, { number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha }, config, deps);
      }
    });

    app.on(['workflow_run.in_progress', 'workflow_run.completed'], async (context) => {
      const run = context.payload.workflow_run;
      if (run.event !== 'workflow_dispatch') return;
      const r = await repoCtx(context);
      const config = await loadRepoConfig(r);
      if (config.executor !== 'actions') return;
      await followApplyRun(
        r,
        {
          status: run.status ?? '',
          path: run.path,
          event: run.event,
          headBranch: run.head_branch,
          conclusion: run.conclusion,
          displayTitle: ('display_title' in run ? run.display_title : undefined) ?? '',
          htmlUrl: run.html_url,
        },
        config,
        deps,
      );
    });
  };
}
