/** What every App handler works with: the repository, its client, config and the engine ports. */
import { fetchRepoConfig, type RepoConfig } from './config.js';
import type { GitHubClient, RepoRef } from './client.js';
import type { CommentSealer } from './comment-seal.js';
import type { EngineServices } from './ports.js';
import { findStickyComment, upsertStickyComment, type StickyComment } from './sticky-comment.js';

export interface AppDeps {
  /** The engine for one repository's configuration (region, role); `repo` names the role session. */
  services: (config: RepoConfig, repo: RepoRef) => EngineServices;
  /** Seals and opens the sticky comment's data block (HMAC keyed by APIGW_SYNC_SIGNING_KEY). */
  sealer: CommentSealer;
  now?: () => Date;
}

export interface RepoCtx extends RepoRef {
  gh: GitHubClient;
  defaultBranch: string;
  /** The App's own bot user (`<app-slug>[bot]`): only its comments and deployments are trusted. */
  botLogin: string;
  log: { info(msg: string): void; warn(msg: string): void };
}

/** `.github/apigw-sync.yml` from the default branch (never from the PR: a PR must not change its own rules). */
export function loadRepoConfig(r: RepoCtx): Promise<RepoConfig> {
  return fetchRepoConfig(r.gh, { owner: r.owner, repo: r.repo }, r.defaultBranch);
}

/** The branch whose pull requests are applied: the configured one, else the repository's default. */
export function applyBranch(r: RepoCtx, config: RepoConfig): string {
  return config.branch ?? r.defaultBranch;
}

/** The App's sticky comment on a pull request, with its data only if the MAC verifies. */
export function findAppComment(r: RepoCtx, deps: AppDeps, prNumber: number): Promise<StickyComment | undefined> {
  const at = { owner: r.owner, repo: r.repo, issue_number: prNumber };
  return findStickyComment(r.gh, at, { login: r.botLogin, readData: (body) => deps.sealer.open(body, at) });
}

/** Writes the App's sticky comment with its data block sealed for this pull request. */
export function writeAppComment(
  r: RepoCtx,
  deps: AppDeps,
  prNumber: number,
  body: string,
  existing: StickyComment | null | undefined,
) {
  const at = { owner: r.owner, repo: r.repo, issue_number: prNumber };
  return upsertStickyComment(r.gh, at, deps.sealer.seal(body, at), { existing });
}

export const CHECK_NAME = 'apigw-sync/plan';
export const APPLY_CHECK_NAME = 'apigw-sync/apply';
export const APPROVAL_CONTEXT = 'apigw-sync/approval';
