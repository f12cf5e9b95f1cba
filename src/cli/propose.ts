/**
 * `apigw-sync propose --file F --api A [--service S] --to owner/gateway-repo`: check a
 * service's spec against the gateway repository and open (or update) its one pull request
 * there. Exit 0 proposed (or nothing to propose), 1 the spec has errors (nothing written).
 */
import type { Command } from 'commander';
import type { GitHubClient } from '../github/client.js';
import { proposeServiceSpec, type ProposeOutcome } from '../github/propose.js';
import { renderProposalText } from '../render/proposal-text.js';
import { sourceFromEnv } from '../service/proposal.js';
import { gitHubFromEnv, repoOption } from './github-env.js';
import { readServiceSpec } from '../engine/read-spec.js';
import { useColor } from './aws-env.js';
import { action, EXIT } from './run.js';

export interface ProposeCommandOptions {
  file: string;
  api: string;
  service?: string;
  to: string;
  path?: string;
  base?: string;
  dryRun?: boolean;
  sourceRepo?: string;
  sourceSha?: string;
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default: a client from GITHUB_TOKEN. */
  gh?: GitHubClient;
}

export async function proposeCommand(
  o: ProposeCommandOptions,
): Promise<{ code: number; stdout: string; outcome: ProposeOutcome }> {
  const env = o.env ?? process.env;
  const to = repoOption(o.to, '--to');
  const spec = await readServiceSpec(o.file);
  const gh = o.gh ?? gitHubFromEnv(env, `a token that may push branches and open pull requests on ${o.to}`);
  const outcome = await proposeServiceSpec(gh, {
    to,
    path: o.path,
    base: o.base,
    target: { apiKey: o.api, ...(o.service ? { service: o.service } : {}) },
    spec,
    source: sourceFromEnv(env, { repo: o.sourceRepo, sha: o.sourceSha }),
    dryRun: o.dryRun,
  });
  const pull =
    'pull' in outcome
      ? outcome.pull
      : 'closed' in outcome
        ? outcome.closed
        : 'existing' in outcome
          ? outcome.existing
          : undefined;
  const stdout = renderProposalText({
    check: outcome.check,
    rows: outcome.rows,
    gateway: { repo: o.to, branch: outcome.gateway.branch, commitSha: outcome.gateway.commitSha },
    branch: outcome.branch,
    status: outcome.status,
    ...(pull ? { pull } : {}),
    color: o.color,
  });
  return { code: outcome.status === 'invalid' ? EXIT.error : EXIT.ok, stdout, outcome };
}

export function register(program: Command): void {
  program
    .command('propose')
    .description(
      "open or update the gateway repository's pull request for a service's OpenAPI file (checked first; exit 1 and nothing written when it has errors)",
    )
    .requiredOption('--file <spec>', "the service's OpenAPI file (YAML or JSON)")
    .requiredOption('--api <key>', 'the API in the gateway (its folder under apis/)')
    .option('--service <name>', 'the openapi entry of the API that names this service (default: from the file name)')
    .requiredOption('--to <owner/repo>', 'the gateway repository')
    .option('--path <dir>', 'gateway-state directory in the gateway repository', 'gateway-state')
    .option('--base <branch>', 'base branch (default: the repository default branch)')
    .option('--dry-run', 'check and show what would be proposed; write nothing')
    .option(
      '--source-repo <owner/repo>',
      'the service repository named in the pull request (default: GITHUB_REPOSITORY)',
    )
    .option('--source-sha <sha>', 'the service commit named in the pull request (default: GITHUB_SHA)')
    .action(
      action(async (opts: Omit<ProposeCommandOptions, 'color' | 'env' | 'gh'>) => {
        const r = await proposeCommand({ ...opts, color: useColor(process.stdout) });
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
