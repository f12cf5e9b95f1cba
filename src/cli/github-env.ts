/** The GitHub side of the command line: a client from GITHUB_TOKEN (or GH_TOKEN), never printed. */
import { actionGitHubClient } from '../github/action-client.js';
import type { GitHubClient } from '../github/client.js';
import { UsageError } from '../model/errors.js';
import { parseRepoSlug } from '../service/proposal.js';

export function gitHubFromEnv(env: NodeJS.ProcessEnv, purpose: string): GitHubClient {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token)
    throw new UsageError(
      `no GitHub token: set GITHUB_TOKEN to ${purpose}`,
      'in a workflow: `env: { GITHUB_TOKEN: ${{ secrets.GATEWAY_REPO_TOKEN }} }` (a token with contents and pull-requests write on the gateway repository)',
    );
  return actionGitHubClient(token, env);
}

export function repoOption(value: string, flag: string): { owner: string; repo: string } {
  const r = parseRepoSlug(value);
  if (!r)
    throw new UsageError(`${flag} "${value}" is not a repository`, `write it as owner/name, e.g. ${flag} acme/gateway`);
  return r;
}
