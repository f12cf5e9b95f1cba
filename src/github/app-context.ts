/** What every App handler works with: the repository, its client, config and the engine ports. */
import { CONFIG_PATH, parseRepoConfig, type RepoConfig } from './config.js';
import type { GitHubClient, RepoRef } from './client.js';
import type { EngineServices } from './ports.js';

export interface AppDeps {
  /** The engine for one repository's configuration (region, role); `repo` names the role session. */
  services: (config: RepoConfig, repo: RepoRef) => EngineServices;
  now?: () => Date;
}

export interface RepoCtx extends RepoRef {
  gh: GitHubClient;
  defaultBranch: string;
  log: { info(msg: string): void; warn(msg: string): void };
}

/** `.github/apigw-sync.yml` from the default branch (never from the PR: a PR must not change its own rules). */
export async function loadRepoConfig(r: RepoCtx): Promise<RepoConfig> {
  try {
    const { data } = await r.gh.rest.repos.getContent({ owner: r.owner, repo: r.repo, path: CONFIG_PATH, ref: r.defaultBranch });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return parseRepoConfig(undefined);
    return parseRepoConfig(Buffer.from(data.content, 'base64').toString('utf8'));
  } catch (e) {
    if ((e as { status?: number }).status === 404) return parseRepoConfig(undefined);
    throw e;
  }
}

export const CHECK_NAME = 'apigw-sync/plan';
export const APPROVAL_CONTEXT = 'apigw-sync/approval';
