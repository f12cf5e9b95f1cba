/**
 * The GitHub REST client both entries use: probot's `context.octokit` (App) and
 * `@octokit/rest` (Action) share the same endpoint methods and paginate plugin.
 */
import type { Octokit } from '@octokit/rest';

export type GitHubClient = Pick<Octokit, 'rest' | 'paginate'>;

export interface RepoRef {
  owner: string;
  repo: string;
}
