/**
 * What a proposal writes to the gateway repository, as data: one branch per service and
 * API (so a newer service commit updates the same pull request), its title and commit
 * message. Pure; src/github/propose.ts performs it.
 */
export interface ProposalSource {
  /** `owner/name` of the service repository (GITHUB_REPOSITORY of its workflow). */
  repo?: string;
  /** The service commit the spec was built from (GITHUB_SHA). */
  sha?: string;
  /** The workflow run that proposed it. */
  runUrl?: string;
  /** GitHub's web address (GITHUB_SERVER_URL), for links. */
  serverUrl: string;
}

export const PROPOSAL_BRANCH_PREFIX = 'apigw-sync/propose';

/** Stable per API and service: `apigw-sync/propose/shop/users`. Both names are [a-z0-9-]. */
export function proposalBranch(apiKey: string, service: string): string {
  return `${PROPOSAL_BRANCH_PREFIX}/${apiKey}/${service}`;
}

export function sourceLabel(s: ProposalSource): string {
  const sha = s.sha ? s.sha.slice(0, 7) : undefined;
  return s.repo ? `${s.repo}${sha ? `@${sha}` : ''}` : sha ? `commit ${sha}` : 'a local run';
}

export function proposalTitle(apiKey: string, service: string, s: ProposalSource): string {
  return `apigw-sync: update service ${service} of API ${apiKey} (${sourceLabel(s)})`;
}

export function proposalCommitMessage(a: {
  apiKey: string;
  service: string;
  gatewayPath: string;
  source: ProposalSource;
}): string {
  const lines = [
    `Update service ${a.service} of API ${a.apiKey}`,
    '',
    `Replaces ${a.gatewayPath} with the spec of ${sourceLabel(a.source)}.`,
  ];
  if (a.source.runUrl) lines.push(`Proposed by ${a.source.runUrl}`);
  return `${lines.join('\n')}\n`;
}

/** Owner/name as given to --to; anything else is a usage error. */
export function parseRepoSlug(s: string): { owner: string; repo: string } | undefined {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(s.trim());
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1], repo: m[2] };
}

/** The service side of a proposal from the documented GITHUB_* variables of its workflow run. */
export function sourceFromEnv(env: NodeJS.ProcessEnv, over: { repo?: string; sha?: string } = {}): ProposalSource {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const repo = over.repo ?? (env.GITHUB_REPOSITORY || undefined);
  const source: ProposalSource = { serverUrl };
  if (repo) source.repo = repo;
  const sha = over.sha ?? (env.GITHUB_SHA || undefined);
  if (sha) source.sha = sha;
  if (env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY)
    source.runUrl = `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  return source;
}
