/**
 * After an automatic rollback production serves the old deployment, but Git still says
 * the new thing. Open a pull request that puts the state directory back as it was before
 * the push (a new tree whose state subtree is the old commit's), so Git matches production
 * again; where that cannot be made, open an issue that says what to do.
 */
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import type { RepoCtx } from './app-context.js';
import { errorText } from './pr-plan.js';

export interface RevertInput {
  path: string;
  /** Commit before the push (what production serves again) and the pushed one. */
  before: string;
  after: string;
  rolledBack: string[];
  reasons: string[];
}

export async function openRevert(
  r: Pick<RepoCtx, 'gh' | 'owner' | 'repo' | 'defaultBranch' | 'log'>,
  x: RevertInput,
): Promise<{ kind: 'pull'; number: number } | { kind: 'issue'; number: number }> {
  const repo = { owner: r.owner, repo: r.repo };
  const apis = x.rolledBack.map((k) => codeSpan(k)).join(', ');
  const why = x.reasons.map((s) => `- ${escapeMarkdownText(s)}`).join('\n');
  try {
    if (/^0+$/.test(x.before)) throw new Error('the push created the branch: there is no earlier state to go back to');
    const { data: oldCommit } = await r.gh.rest.git.getCommit({ ...repo, commit_sha: x.before });
    const { data: oldTree } = await r.gh.rest.git.getTree({ ...repo, tree_sha: oldCommit.tree.sha, recursive: 'true' });
    const oldState = oldTree.tree.find((e) => e.path === x.path && e.type === 'tree');
    if (!oldState?.sha) throw new Error(`${x.path} did not exist before the push`);
    const { data: newCommit } = await r.gh.rest.git.getCommit({ ...repo, commit_sha: x.after });
    const { data: tree } = await r.gh.rest.git.createTree({
      ...repo,
      base_tree: newCommit.tree.sha,
      tree: [{ path: x.path, mode: '040000', type: 'tree', sha: oldState.sha }],
    });
    const message = `Revert ${x.path} to ${x.before.slice(0, 7)}: rollout rolled back\n\nProduction was rolled back automatically; this puts Git back in line with it.`;
    const { data: commit } = await r.gh.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [x.after] });
    const branch = `apigw-sync/revert-${x.after.slice(0, 7)}`;
    await r.gh.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
    const { data: pull } = await r.gh.rest.pulls.create({
      ...repo,
      head: branch,
      base: r.defaultBranch,
      title: `Revert gateway-state: rollout of ${x.after.slice(0, 7)} was rolled back`,
      body: `The rollout of ${codeSpan(x.after.slice(0, 7))} was rolled back automatically for ${apis}, so production serves what ${codeSpan(x.before.slice(0, 7))} declared.\n\n${why}\n\nMerge this to make Git match production again, then fix the cause in a new pull request.`,
    });
    return { kind: 'pull', number: pull.number };
  } catch (e) {
    r.log.warn(`revert pull request could not be made: ${errorText(e)}`);
    const { data: issue } = await r.gh.rest.issues.create({
      ...repo,
      title: `Rollout of ${x.after.slice(0, 7)} was rolled back: Git no longer matches production`,
      body: `The rollout of ${codeSpan(x.after.slice(0, 7))} was rolled back automatically for ${apis}.\n\n${why}\n\nA revert pull request could not be opened (${escapeMarkdownText(errorText(e))}). Revert the change to ${codeSpan(x.path)} by hand so that Git matches production, or fix the cause and push again.`,
      labels: ['apigw-sync:rollback'],
    });
    return { kind: 'issue', number: issue.number };
  }
}
