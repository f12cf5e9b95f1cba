/**
 * `apigw-sync cost [dir] [--plan plan.json] [--no-usage] [--prices file] [--format text|markdown]`:
 * what applying gateway-state would cost per month, per API, against what runs now. Traffic
 * comes from CloudWatch (last 30 days) when it can be read, else from `usage:` in api.yaml.
 * With --plan the costs are those of that reviewed plan: its fingerprint must match.
 * Prices: --prices, else gateway-state/prices.json when present, else the embedded tables
 * (src/engine/cost.ts, shared with the App and the Action).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CostReport, PriceBook } from '../cost/index.js';
import { estimateCost, loadPrices } from '../engine/cost.js';
import type { EngineClients } from '../engine/clients.js';
import { runPlan } from '../engine/plan.js';
import { FingerprintMismatchError, UsageError } from '../model/errors.js';
import { fingerprintMatches, parsePlan } from '../plan/index.js';
import { renderCostMarkdown } from '../render/cost-markdown.js';
import { renderCostText } from '../render/cost-text.js';
import { clientsFromEnv } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { action, EXIT } from './run.js';
import {
  addEnvOptions,
  combinedExit,
  commandTargets,
  groupedText,
  type CommandTarget,
  type EnvFlags,
} from './environments.js';

export interface CostCommandOptions extends EnvFlags {
  plan?: string;
  /** false = declared usage only (no CloudWatch). */
  usage?: boolean;
  prices?: string;
  format?: string;
  days?: number;
  clients: EngineClients;
  /** The directory's owner id when gateway.yaml declares none (cli/owner-id.ts). */
  ownerId?: string;
  now?: Date;
}

/** The embedded tables with this price file over them (no file: the embedded tables). */
export async function loadPriceBook(file: string | undefined): Promise<PriceBook> {
  return (await loadPrices({ pricesFile: file })).prices;
}

export async function costCommand(
  dir: string,
  o: CostCommandOptions,
): Promise<{ code: number; stdout: string; stderr: string; report?: CostReport }> {
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'markdown')
    throw new UsageError(`unknown --format "${format}"`, 'use --format text or markdown');
  const targets = await commandTargets(dir, o);
  if (targets.length > 1 && o.plan)
    throw new UsageError('--plan prices the plan of one environment', 'use --env <name> --plan <file>');
  const results: Array<{ target: CommandTarget; code: number; stdout: string; stderr: string; report?: CostReport }> =
    [];
  for (const target of targets) {
    const r = await runPlan({
      dir,
      clients: o.clients,
      ownerId: o.ownerId,
      environment: target.environment,
      region: target.region,
      ...(o.now ? { now: o.now } : {}),
    });
    if (r.status === 'invalid') {
      results.push({ target, code: EXIT.error, stdout: '', stderr: r.issuesText });
      continue;
    }
    if (o.plan) {
      const reviewed = parsePlan(await readFile(o.plan, 'utf8'), { file: o.plan });
      if (!fingerprintMatches(reviewed.fingerprint, r.plan.fingerprint))
        throw new FingerprintMismatchError(reviewed.fingerprint, r.plan.fingerprint);
    }
    const { report, notes } = await estimateCost({
      dir,
      desired: r.desired,
      live: r.live,
      clients: r.clients,
      pricesFile: o.prices,
      usage: o.usage,
      days: o.days,
      now: o.now,
    });
    const stdout = format === 'markdown' ? renderCostMarkdown(report) : renderCostText(report);
    results.push({
      target,
      code: EXIT.ok,
      stdout,
      stderr: [r.issuesText, ...notes.map((n) => `${n}\n`)].join(''),
      report,
    });
  }
  const stderr = [...new Set(results.map((r) => r.stderr))].join('');
  const stdout =
    format === 'markdown' && targets.length > 1
      ? results.map((r) => `## ${r.target.label}\n\n${r.stdout.trimEnd()}\n`).join('\n')
      : groupedText(results.map((r) => ({ target: r.target, text: r.stdout })));
  return {
    code: combinedExit(results.map((r) => r.code)),
    stdout,
    stderr,
    report: results.length === 1 ? results[0].report : undefined,
  };
}

export function register(program: Command): void {
  const cmd = program
    .command('cost')
    .description('monthly cost of applying gateway-state, per API, from real traffic')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--plan <file>', 'price this reviewed plan (its fingerprint must match the current state)')
    .option('--no-usage', 'do not read CloudWatch; use `usage:` from api.yaml only')
    .option(
      '--prices <file>',
      'price file from `apigw-sync prices refresh` (default: <dir>/prices.json if present; wins over the embedded tables)',
    )
    .option('--format <format>', 'text or markdown', 'text');
  addEnvOptions(cmd, 'price')
    .option('--region <region>', 'with --env: one region of an environment that spans several')
    .action(
      action(
        async (dir: string, opts: { plan?: string; usage?: boolean; prices?: string; format?: string } & EnvFlags) => {
          const r = await costCommand(dir, { ...opts, clients: clientsFromEnv(), ownerId: ownerIdFromEnv(dir) });
          process.stderr.write(r.stderr);
          process.stdout.write(r.stdout);
          return r.code;
        },
      ),
    );
}
