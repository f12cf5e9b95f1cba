/**
 * `propose`: a service repository's CI sends its OpenAPI file to the gateway repository as
 * one pull request per service and API. The spec is checked against the gateway's state on
 * its base branch first; a spec with errors writes nothing. The branch is rebuilt from the
 * base branch's head on every run (one commit, one changed file), so a newer service commit
 * updates the same pull request and never conflicts with what was merged meanwhile.
 */
import {
  checkServiceSpec,
  serviceRoutes,
  type ServiceCheck,
  type ServiceRouteRow,
  type ServiceSpec,
  type ServiceTarget,
} from '../service/index.js';
import { proposalBranch, proposalCommitMessage, proposalTitle, type ProposalSource } from '../service/proposal.js';
import { renderProposalBody } from '../render/proposal-body.js';
import type { GitHubClient, RepoRef } from './client.js';
import { gitHubCall, statusOf, toGitHubError } from './errors.js';
import { readGatewayFiles, type GatewaySnapshot } from './gateway-files.js';

export interface ProposeInput {
  /** The gateway repository. */
  to: RepoRef;
  /** Its gateway-state directory (default `gateway-state`). */
  path?: string;
  /** Its base branch (default: the repository's default branch). */
  base?: string;
  target: ServiceTarget;
  spec: ServiceSpec;
  source: ProposalSource;
  /** Check and report what would be proposed, write nothing. */
  dryRun?: boolean;
}

export interface ProposedPull {
  number: number;
  url: string;
}

export type ProposeOutcome = {
  check: ServiceCheck;
  rows: ServiceRouteRow[];
  gateway: GatewaySnapshot;
  branch: string;
} & (
  | { status: 'invalid' }
  /** The base branch already has this exact spec; a proposal left open for it was closed. */
  | { status: 'up-to-date'; closed?: ProposedPull }
  | { status: 'dry-run'; existing?: ProposedPull }
  /** opened: a new pull request; updated: a new commit on the open one; unchanged: it already had this spec. */
  | { status: 'opened' | 'updated' | 'unchanged'; pull: ProposedPull }
);

interface OpenPull {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  head: { sha: string };
}

export async function proposeServiceSpec(gh: GitHubClient, input: ProposeInput): Promise<ProposeOutcome> {
  const repo = input.to;
  const where = `${repo.owner}/${repo.repo}`;
  const gateway = await readGatewayFiles(gh, repo, {
    path: input.path ?? 'gateway-state',
    apiKey: input.target.apiKey,
    branch: input.base,
  });
  const check = checkServiceSpec({ files: gateway.files, target: input.target, spec: input.spec });
  const rows = serviceRoutes(check);
  const branch = proposalBranch(check.apiKey, check.service);
  const base = { check, rows, gateway, branch };
  if (!check.valid) return { ...base, status: 'invalid' };

  const { data: pulls } = await gitHubCall(`list the pull requests of ${where}`, () =>
    gh.rest.pulls.list({ ...repo, state: 'open', head: `${repo.owner}:${branch}`, base: gateway.branch, per_page: 10 }),
  );
  const open = (pulls as OpenPull[])[0];
  const existing = open ? { number: open.number, url: open.html_url } : undefined;

  if (check.unchanged) {
    if (!open || input.dryRun) return { ...base, status: 'up-to-date' };
    // Merging the old proposal now would put an older spec back: close it.
    await gitHubCall(`comment on ${where}#${open.number}`, () =>
      gh.rest.issues.createComment({
        ...repo,
        issue_number: open.number,
        body: `${gateway.branch} already has this spec of ${check.service} (checked at ${gateway.commitSha.slice(0, 7)}); closing this proposal.`,
      }),
    );
    await gitHubCall(`close ${where}#${open.number}`, () =>
      gh.rest.pulls.update({ ...repo, pull_number: open.number, state: 'closed' }),
    );
    return { ...base, status: 'up-to-date', closed: existing };
  }
  if (input.dryRun) return { ...base, status: 'dry-run', ...(existing ? { existing } : {}) };

  const gatewayPath = `${gateway.path}/${check.entry.rel}`;
  const { data: tree } = await gitHubCall(`write ${gatewayPath} to ${where}`, () =>
    gh.rest.git.createTree({
      ...repo,
      base_tree: gateway.treeSha,
      tree: [
        {
          path: gatewayPath,
          mode: (gateway.modes.get(check.entry.rel) ?? '100644') as '100644',
          type: 'blob',
          content: input.spec.text,
        },
      ],
    }),
  );
  const title = proposalTitle(check.apiKey, check.service, input.source);
  const body = renderProposalBody({
    check,
    rows,
    gateway: { repo: where, branch: gateway.branch, commitSha: gateway.commitSha, path: gateway.path },
    source: input.source,
  });

  let pushed = true;
  if (open) {
    // The same tree on the same base: nothing to push (a re-run, or the same spec from a newer commit).
    const { data: head } = await gitHubCall(`read ${where}@${open.head.sha.slice(0, 7)}`, () =>
      gh.rest.git.getCommit({ ...repo, commit_sha: open.head.sha }),
    );
    pushed = !(head.tree.sha === tree.sha && head.parents.length === 1 && head.parents[0].sha === gateway.commitSha);
  }
  if (pushed) {
    const message = proposalCommitMessage({
      apiKey: check.apiKey,
      service: check.service,
      gatewayPath,
      source: input.source,
    });
    const { data: commit } = await gitHubCall(`commit to ${where}`, () =>
      gh.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [gateway.commitSha] }),
    );
    await pointBranch(gh, repo, branch, commit.sha, { exists: !!open });
  }
  if (open) {
    if (open.title !== title || (open.body ?? '') !== body) {
      await gitHubCall(`update ${where}#${open.number}`, () =>
        gh.rest.pulls.update({ ...repo, pull_number: open.number, title, body }),
      );
    }
    return { ...base, status: pushed ? 'updated' : 'unchanged', pull: existing! };
  }
  const { data: pr } = await gitHubCall(`open a pull request on ${where}`, () =>
    gh.rest.pulls.create({ ...repo, head: branch, base: gateway.branch, title, body }),
  );
  return { ...base, status: 'opened', pull: { number: pr.number, url: pr.html_url } };
}

/** The proposal branch always points at the newest proposal commit (force: it is the tool's branch). */
async function pointBranch(
  gh: GitHubClient,
  repo: RepoRef,
  branch: string,
  sha: string,
  o: { exists: boolean },
): Promise<void> {
  const where = `${repo.owner}/${repo.repo}`;
  const update = () =>
    gitHubCall(`move branch ${branch} of ${where}`, () =>
      gh.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true }),
    );
  if (o.exists) return void (await update());
  try {
    await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
  } catch (e) {
    // 422 "Reference already exists": a branch left from a closed proposal.
    if (statusOf(e) !== 422) throw toGitHubError(`create branch ${branch} on ${where}`, e);
    await update();
  }
}
