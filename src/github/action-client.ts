/** The Action's GitHub client: a token from the `github-token` input, the runner's API URL. */
import { Octokit } from '@octokit/rest';
import type { GitHubClient } from './client.js';

export function actionGitHubClient(token: string, env: NodeJS.ProcessEnv = process.env): GitHubClient {
  return new Octokit({
    auth: token,
    baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    userAgent: 'apigw-sync-action',
  });
}
