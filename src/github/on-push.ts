/**
 * A push to the default branch that touches the state (the merge) is applied: a GitHub
 * Deployment per API and stage with statuses in_progress → success | failure, the merged
 * pull request's comment updated with progress, and after an automatic rollback a revert
 * pull request (or an issue).
 */
import type { ApplyProgress } from '../render/comment.js';
import { renderPlanComment } from '../render/comment.js';
import type { AppDeps, RepoCtx } from './app-context.js';
import type { RepoConfig } from './config.js';
import { errorText } from './pr-plan.js';
import { openRevert } from './revert.js';
import { fetchState } from './state-fetch.js';
import { findStickyComment } from './sticky-comment.js';

export interface PushEvent {
  ref: string;
  before: string;
  after: string;
  /** Paths added/modified/removed by the pushed commits. */
  paths: string[];
  pusher: string;
}

export interface PushResult {
  status: 'skipped' | 'no-changes' | 'applied' | 'failed' | 'rolled-back' | 'invalid';
  deployments: Record<string, number>;
  revert?: { kind: 'pull' | 'issue'; number: number };
}

export async function applyPush(r: RepoCtx, ev: PushEvent, config: RepoConfig, deps: AppDeps): Promise<PushResult> {
  const repo = { owner: r.owner, repo: r.repo };
  if (ev.ref !== `refs/heads/${r.defaultBranch}` || !ev.paths.some((p) => p.startsWith(`${config.path}/`))) return { status: 'skipped', deployments: {} };
  const services = deps.services(config, repo);
  const state = await fetchState(r.gh, repo, { sha: ev.after, path: config.path });
  try {
    const { data: pulls } = await r.gh.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: ev.after });
    const pr = pulls.find((p) => p.merged_at);
    const sticky = pr ? await findStickyComment(r.gh, { ...repo, issue_number: pr.number }) : undefined;
    const approvals = sticky?.data?.approvals ?? [];

    const deployments: Record<string, number> = {};
    const deploymentFor = async (p: ApplyProgress): Promise<number> => {
      const env = `${p.apiKey}/${p.stage}`;
      if (deployments[env] === undefined) {
        const { data } = await r.gh.rest.repos.createDeployment({
          ...repo,
          ref: ev.after,
          environment: env,
          task: 'deploy',
          auto_merge: false,
          required_contexts: [],
          description: `apigw-sync apply of ${ev.after.slice(0, 7)}`,
          production_environment: true,
        });
        if (!('id' in data)) throw new Error(`GitHub did not create a deployment for ${env}: ${data.message ?? ''}`);
        deployments[env] = data.id;
      }
      return deployments[env];
    };
    const GH_STATE = { queued: 'queued', in_progress: 'in_progress', success: 'success', failure: 'failure', rolled_back: 'failure' } as const;
    // Statuses are posted in order, one at a time, while the apply goes on.
    let chain: Promise<unknown> = Promise.resolve();
    const onProgress = (p: ApplyProgress) => {
      chain = chain.then(async () => {
        const id = await deploymentFor(p);
        await r.gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: GH_STATE[p.state], description: (p.detail ?? p.state).slice(0, 140) });
      });
    };

    // The reviewed plan, when the merged PR had one: a different fresh plan (AWS moved since) is refused.
    const fingerprint = sticky?.data?.fingerprint;
    const res = await services.applier.apply({ dir: state.dir, displayDir: config.path, owner: `github:${ev.pusher}`, fingerprint, onProgress });
    await chain;
    const status: PushResult['status'] =
      res.status === 'invalid' ? 'invalid' : res.status === 'no-changes' ? 'no-changes' : res.status === 'applied' ? 'applied' : res.rolledBack.length ? 'rolled-back' : 'failed';
    if (pr && sticky && res.plan) {
      const { body } = renderPlanComment({
        headSha: sticky.data?.headSha ?? ev.after,
        plan: res.plan,
        issues: res.issues,
        approvals,
        requiredApprovals: config.requiredApprovals,
        status: status === 'no-changes' ? 'applied' : status === 'invalid' ? 'failed' : status,
        progress: res.progress,
      });
      await r.gh.rest.issues.updateComment({ ...repo, comment_id: sticky.id, body });
    }
    const result: PushResult = { status, deployments };
    if (status === 'rolled-back') {
      result.revert = await openRevert(r, { path: config.path, before: ev.before, after: ev.after, rolledBack: res.rolledBack, reasons: res.failures.map((f) => `${f.apiKey}: ${f.message}`) });
    }
    return result;
  } catch (e) {
    r.log.warn(`apply of ${ev.after.slice(0, 7)} failed: ${errorText(e)}`);
    throw e;
  } finally {
    await state.cleanup();
  }
}
