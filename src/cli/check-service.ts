/**
 * `apigw-sync check-service --file F --api A [--service S] [dir | --gateway owner/repo]`: what
 * the gateway would change for a service's spec, its conflicts with the other services'
 * files, and which of its routes the gateway does not expose. Exit 0 no changes, 2 changes,
 * 1 problems (like `plan`).
 */
import type { Command } from 'commander';
import { hasAwsCredentials } from '../aws/has-credentials.js';
import { againstLabel, runCheckService, type CheckServiceResult } from '../engine/check-service.js';
import type { EngineClients } from '../engine/index.js';
import type { GitHubClient } from '../github/client.js';
import { readGatewayFiles } from '../github/gateway-files.js';
import { UsageError } from '../model/errors.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderServiceCheckMarkdown } from '../render/service-check-markdown.js';
import { renderServiceCheckText } from '../render/service-check-text.js';
import { countRoutes } from '../service/index.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { gitHubFromEnv, repoOption } from './github-env.js';
import { readServiceSpec } from '../engine/read-spec.js';
import { action } from './run.js';

export interface CheckServiceCommandOptions {
  file: string;
  api: string;
  service?: string;
  format?: string;
  /** Plan against gateway-state in Git even when AWS could be read. */
  offline?: boolean;
  /** Read gateway-state from this GitHub repository instead of `dir`. */
  gateway?: string;
  /** gateway-state directory inside --gateway. */
  path?: string;
  base?: string;
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Default: from the environment, when it has AWS credentials. */
  clients?: EngineClients;
  gh?: GitHubClient;
}

const FORMATS = ['text', 'markdown', 'json'];

export async function checkServiceCommand(
  dir: string,
  o: CheckServiceCommandOptions,
): Promise<{ code: number; stdout: string; result: CheckServiceResult }> {
  const env = o.env ?? process.env;
  const format = o.format ?? 'text';
  if (!FORMATS.includes(format))
    throw new UsageError(`unknown --format "${format}"`, 'use --format text, markdown or json');
  const spec = await readServiceSpec(o.file);
  let files;
  if (o.gateway) {
    const repo = repoOption(o.gateway, '--gateway');
    files = (
      await readGatewayFiles(o.gh ?? gitHubFromEnv(env, `a token that may read ${o.gateway}`), repo, {
        path: o.path ?? 'gateway-state',
        apiKey: o.api,
        branch: o.base,
      })
    ).files;
  }
  const clients = o.offline ? undefined : (o.clients ?? (hasAwsCredentials(env) ? clientsFromEnv(env) : undefined));
  const withoutAwsBecause = o.offline ? '--offline' : 'no AWS credentials in this environment';
  const result = await runCheckService({
    ...(files ? { files } : { dir }),
    target: { apiKey: o.api, ...(o.service ? { service: o.service } : {}) },
    spec,
    clients,
    withoutAwsBecause,
  });
  const against = againstLabel(result);
  const input = { check: result.check, rows: result.rows, against, ...(result.plan ? { plan: result.plan } : {}) };
  const stdout =
    format === 'markdown'
      ? renderServiceCheckMarkdown(input)
      : format === 'json'
        ? jsonReport(result, against)
        : renderServiceCheckText({ ...input, color: o.color });
  return { code: result.exitCode, stdout, result };
}

function jsonReport(r: CheckServiceResult, against: string): string {
  const c = r.check;
  const report = {
    api: c.apiKey,
    service: c.service,
    spec: c.spec.displayPath,
    replaces: c.gatewayFile,
    against,
    valid: c.valid,
    exitCode: r.exitCode,
    problems: c.problems,
    preexisting: c.preexisting,
    routes: { counts: countRoutes(r.rows), rows: r.rows },
    plan: r.plan ? JSON.parse(renderPlanJson(r.plan)) : null,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function register(program: Command): void {
  program
    .command('check-service')
    .description(
      "a service's spec against the gateway: conflicts, what the gateway would change, routes it does not expose (exit 0 no changes, 2 changes, 1 problems)",
    )
    .argument('[dir]', 'the gateway-state directory (a checkout of the gateway repository)', 'gateway-state')
    .requiredOption('--file <spec>', "the service's OpenAPI file (YAML or JSON)")
    .requiredOption('--api <key>', 'the API in the gateway (its folder under apis/)')
    .option('--service <name>', 'the openapi entry of the API that names this service (default: from the file name)')
    .option('--gateway <owner/repo>', 'read gateway-state from this GitHub repository (GITHUB_TOKEN) instead of [dir]')
    .option('--path <dir>', 'gateway-state directory inside --gateway', 'gateway-state')
    .option('--base <branch>', 'branch of --gateway (default: its default branch)')
    .option('--offline', 'compare with gateway-state in Git even when AWS credentials are present')
    .option('--format <format>', 'text, markdown or json', 'text')
    .action(
      action(async (dir: string, opts: Omit<CheckServiceCommandOptions, 'color' | 'env' | 'clients' | 'gh'>) => {
        const r = await checkServiceCommand(dir, { ...opts, color: useColor(process.stdout) });
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
