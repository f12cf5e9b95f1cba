/**
 * The gate every GitHub apply passes (App and Action alike): is this pull request's state
 * what qualified reviewers approved, and may it be applied now?
 *
 * - the pull request targets the apply branch; before merge it is open and `sha` is its head,
 *   after merge it was merged (the pushed commit is on the branch);
 * - its head commit has enough approvals (approvals.ts, counted from GitHub);
 * - the head's gateway-state is valid; its desired-state digest is what was approved and
 *   what the apply must implement (the engine re-reads AWS and checks the fresh plan against
 *   it, plan/approved-state.ts).
 *
 * Nothing here trusts a payload: the pull request, reviews, permissions and files are read
 * from GitHub.
 */
import type { DesiredStateDigest } from '../plan/fingerprint.js';
import { fingerprintMatches, shortFingerprint } from '../plan/fingerprint.js';
import { countApprovals, type ApprovalVerdict } from './approvals.js';
import type { GitHubClient, RepoRef } from './client.js';
import type { RepoConfig } from './config.js';
import type { EngineServices } from './ports.js';
import { fetchState } from './state-fetch.js';

export interface ReviewedApplyQuery {
  prNumber: number;
  /** `before-merge`: `/apigw-sync apply` of an open pull request; `after-merge`: the merge's apply; `either`: whichever it is now. */
  when: 'before-merge' | 'after-merge' | 'either';
  /** The branch pull requests must target (config `branch` or the default branch). */
  branch: string;
  /** Where CODEOWNERS is read (the default branch). */
  defaultBranch: string;
  config: RepoConfig;
  /** A fingerprint someone passed along (workflow input): must name the approved desired state. */
  expectFingerprint?: string;
}

export type ReviewedApply =
  | {
      ok: true;
      headSha: string;
      merged: boolean;
      approved: DesiredStateDigest;
      verdict: ApprovalVerdict;
      title: string;
    }
  | {
      ok: false;
      code: 'NOT_APPLICABLE' | 'NOT_APPROVED' | 'INVALID_STATE' | 'FINGERPRINT';
      reason: string;
      verdict?: ApprovalVerdict;
      headSha?: string;
    };

export async function checkReviewedApply(
  gh: GitHubClient,
  repo: RepoRef,
  services: EngineServices,
  q: ReviewedApplyQuery,
): Promise<ReviewedApply> {
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: q.prNumber });
  const headSha = pull.head.sha;
  if (pull.base.ref !== q.branch)
    return {
      ok: false,
      code: 'NOT_APPLICABLE',
      reason: `#${q.prNumber} merges into ${pull.base.ref}; only pull requests into ${q.branch} are applied`,
      headSha,
    };
  if (q.when === 'before-merge' && (pull.state !== 'open' || pull.merged)) {
    return {
      ok: false,
      code: 'NOT_APPLICABLE',
      reason: `#${q.prNumber} is ${pull.merged ? 'merged' : 'closed'}: only an open pull request can be applied before merge`,
      headSha,
    };
  }
  if (q.when === 'after-merge' && !pull.merged)
    return { ok: false, code: 'NOT_APPLICABLE', reason: `#${q.prNumber} was not merged`, headSha };
  if (q.when === 'either' && pull.state !== 'open' && !pull.merged)
    return { ok: false, code: 'NOT_APPLICABLE', reason: `#${q.prNumber} was closed without merging`, headSha };

  const verdict = await countApprovals(gh, repo, {
    prNumber: q.prNumber,
    headSha,
    defaultBranch: q.defaultBranch,
    config: q.config,
  });
  if (!verdict.ok) {
    const owners = verdict.notes.codeownersMissing.map((m) => m.owners.join(' or '));
    const why = `${verdict.counted.length} of ${verdict.required} required approvals of ${headSha.slice(0, 7)}${owners.length ? `; no approval yet from code owners ${owners.join('; ')}` : ''}`;
    return { ok: false, code: 'NOT_APPROVED', reason: `#${q.prNumber} has ${why}`, verdict, headSha };
  }

  const state = await fetchState(gh, repo, { sha: headSha, path: q.config.path });
  try {
    const d = await services.planner.describe({ dir: state.dir, displayDir: q.config.path });
    if (d.status === 'invalid')
      return {
        ok: false,
        code: 'INVALID_STATE',
        reason: `the gateway-state of ${headSha.slice(0, 7)} is invalid`,
        verdict,
        headSha,
      };
    if (q.expectFingerprint !== undefined && !fingerprintMatches(q.expectFingerprint, d.desired.fingerprint)) {
      return {
        ok: false,
        code: 'FINGERPRINT',
        reason: `fingerprint ${q.expectFingerprint} is not the approved desired state of #${q.prNumber} (${shortFingerprint(d.desired.fingerprint)})`,
        verdict,
        headSha,
      };
    }
    return { ok: true, headSha, merged: Boolean(pull.merged), approved: d.desired, verdict, title: pull.title };
  } finally {
    await state.cleanup();
  }
}

/** The pull request a push to `branch` merged (GitHub's association of the pushed commit), if any. */
export async function mergedPullRequest(
  gh: GitHubClient,
  repo: RepoRef,
  sha: string,
  branch: string,
): Promise<number | undefined> {
  const { data: pulls } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  const merged = pulls.filter((p) => p.merged_at && p.base.ref === branch);
  return (merged.find((p) => p.merge_commit_sha === sha) ?? merged[0])?.number;
}

/** Is `sha` the tip of `branch` or behind it (a commit the branch has)? */
export async function isOnBranch(gh: GitHubClient, repo: RepoRef, sha: string, branch: string): Promise<boolean> {
  try {
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${branch}...${sha}`,
      per_page: 1,
    });
    return data.status === 'identical' || data.status === 'behind';
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false;
    throw e;
  }
}
