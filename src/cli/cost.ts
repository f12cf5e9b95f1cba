/**
 * `apigw-sync cost [dir] [--plan plan.json] [--no-usage] [--prices file] [--format text|markdown]`:
 * what applying gateway-state would cost per month, per API, against what runs now. Traffic
 * comes from CloudWatch (last 30 days) when it can be read, else from `usage:` in api.yaml.
 * With --plan the costs are those of that reviewed plan: its fingerprint must match.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readUsage, usageTargets } from '../aws/usage.js';
import { EMBEDDED_PRICES, costDelta, parsePriceFile, usageMap, withOverrides, type CostReport, type MeasuredUsage, type PriceBook } from '../cost/index.js';
import { runPlan, type EngineClients } from '../engine/index.js';
import { FingerprintMismatchError, UsageError } from '../model/errors.js';
import { fingerprintMatches, parsePlan } from '../plan/index.js';
import { renderCostMarkdown } from '../render/cost-markdown.js';
import { renderCostText } from '../render/cost-text.js';
import { clientsFromEnv } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { action, EXIT } from './run.js';

export interface CostCommandOptions {
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

export async function loadPriceBook(file: string | undefined): Promise<PriceBook> {
  if (!file) return EMBEDDED_PRICES;
  return withOverrides(EMBEDDED_PRICES, parsePriceFile(await readFile(file, 'utf8'), file));
}

export async function costCommand(dir: string, o: CostCommandOptions): Promise<{ code: number; stdout: string; stderr: string; report?: CostReport }> {
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'markdown') throw new UsageError(`unknown --format "${format}"`, 'use --format text or markdown');
  const prices = await loadPriceBook(o.prices);
  const r = await runPlan({ dir, clients: o.clients, ownerId: o.ownerId, ...(o.now ? { now: o.now } : {}) });
  if (r.status === 'invalid') return { code: EXIT.error, stdout: '', stderr: r.issuesText };
  if (o.plan) {
    const reviewed = parsePlan(await readFile(o.plan, 'utf8'), { file: o.plan });
    if (!fingerprintMatches(reviewed.fingerprint, r.plan.fingerprint)) throw new FingerprintMismatchError(reviewed.fingerprint, r.plan.fingerprint);
  }

  const notes: string[] = [];
  let measured = new Map<string, MeasuredUsage>();
  if (o.usage !== false) {
    try {
      measured = await readUsage(r.clients.cloudwatch, usageTargets(r.live), { days: o.days ?? 30, ...(o.now ? { now: o.now } : {}) });
    } catch (e) {
      // Cost is advisory: without CloudWatch, price the declared usage and say so.
      notes.push(`note: CloudWatch usage could not be read (${(e as Error).message.split('\n')[0]}); using declared usage only\n`);
    }
  }
  const usage = usageMap({ desired: r.desired, live: r.live, measured });
  const report = costDelta({ desired: r.desired, live: r.live, usage, prices });
  const stdout = format === 'markdown' ? renderCostMarkdown(report) : renderCostText(report);
  return { code: EXIT.ok, stdout, stderr: [r.issuesText, ...notes].join(''), report };
}

export function register(program: Command): void {
  program
    .command('cost')
    .description('monthly cost of applying gateway-state, per API, from real traffic')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--plan <file>', 'price this reviewed plan (its fingerprint must match the current state)')
    .option('--no-usage', 'do not read CloudWatch; use `usage:` from api.yaml only')
    .option('--prices <file>', 'price file from `apigw-sync prices refresh` (wins over the embedded tables)')
    .option('--format <format>', 'text or markdown', 'text')
    .action(
      action(async (dir: string, opts: { plan?: string; usage?: boolean; prices?: string; format?: string }) => {
        const r = await costCommand(dir, { ...opts, clients: clientsFromEnv(), ownerId: ownerIdFromEnv(dir) });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
