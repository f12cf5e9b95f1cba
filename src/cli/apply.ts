/**
 * `apigw-sync apply [dir | plan.json] [--yes] [--plan-fingerprint X] [--resume]`
 * Asks on a terminal; without one, refuses unless --yes. Exit 0 applied (or nothing to do),
 * 1 error, declined, or stopped part-way (it then prints exactly what is left).
 */
import { existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Plan } from '../model/plan.js';
import { runApply, renderPlanAs, type ApplyResult, type EngineClients, type EngineEvent } from '../engine/index.js';
import { resolveClients } from '../engine/clients.js';
import type { AwsClients } from '../aws/clients.js';
import { rolloutDeployerFor } from '../engine/rollout-deployer.js';
import { RolloutProgress, renderRolloutEventJson } from '../render/rollout-text.js';
import type { RolloutEvent } from '../rollout/events.js';
import { systemClock } from '../rollout/port.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { action, EXIT } from './run.js';
import { UsageError } from '../model/errors.js';

export interface ApplyCommandOptions {
  yes?: boolean;
  planFingerprint?: string;
  resume?: boolean;
  dir?: string;
  clients: EngineClients;
  confirm?: (plan: Plan) => Promise<boolean>;
  onEvent?: (e: EngineEvent) => void;
  /** The directory's owner id when gateway.yaml declares none (cli/owner-id.ts). */
  ownerId?: string;
  /** Roll out each API's rollout stage as a canary (its policy in api.yaml); otherwise deploy directly. */
  rollout?: { onEvent: (e: RolloutEvent) => void; signal?: AbortSignal };
}

/** A `.json` file is a plan written by `plan --out`; anything else is a gateway-state directory. */
export function applyTarget(target: string, dir?: string): { dir: string; planFile?: string } {
  if (target.endsWith('.json') && existsSync(target) && statSync(target).isFile()) return { dir: dir ?? 'gateway-state', planFile: target };
  return { dir: target };
}

export async function applyCommand(target: string, o: ApplyCommandOptions): Promise<{ code: number; stdout: string; result: ApplyResult }> {
  const { dir, planFile } = applyTarget(target, o.dir);
  // Remember the clients the engine makes, so the rollout watches CloudWatch in the same account and region.
  let made: AwsClients | undefined;
  const clients: EngineClients = (region: string) => (made ??= resolveClients(o.clients, region));
  const result = await runApply({
    dir,
    planFile,
    clients,
    deployerFor: o.rollout
      ? rolloutDeployerFor({ aws: () => made!, clock: systemClock, signal: o.rollout.signal, onEvent: o.rollout.onEvent })
      : undefined,
    yes: o.yes,
    ownerId: o.ownerId,
    fingerprint: o.planFingerprint,
    resume: o.resume,
    confirm: o.confirm,
    events: o.onEvent,
  });
  return { code: exitCode(result), stdout: formatApplyResult(result), result };
}

export function exitCode(r: ApplyResult): number {
  return r.status === 'applied' || r.status === 'no-changes' ? EXIT.ok : EXIT.error;
}

export function formatApplyResult(r: ApplyResult): string {
  switch (r.status) {
    case 'invalid':
      return `${r.issuesText}Nothing was applied: gateway-state is invalid.\n`;
    case 'no-changes':
      return 'No changes. Live matches gateway-state; nothing was written.\n';
    case 'declined':
      return 'Apply cancelled; nothing was written.\n';
    case 'applied': {
      const stages = r.deployed.map((d) => `${d.apiKey}: ${d.stages.join(', ')}`).join('; ');
      return `Apply complete: ${r.done.length} step(s), ${r.deployed.length} deployment(s)${stages ? ` (${stages})` : ''}, ${r.writes} AWS write(s).\n`;
    }
    case 'failed': {
      const out = r.failures.map((f) => `Apply failed on ${f.apiKey}: ${f.message}\n`);
      out.push(`Done before it stopped: ${r.done.length} step(s), ${r.deployed.length} deployment(s), ${r.writes} AWS write(s).\n`);
      const left = r.remaining;
      if (left.steps.length + left.deployments.length > 0) {
        out.push('Left to do (run `apigw-sync apply` again to finish; it re-reads AWS and skips what is done):\n');
        for (const s of left.steps) out.push(`  ${SYMBOL[s.change.action]} ${s.change.apiKey} ${s.change.target} ${s.change.name}\n`);
        for (const d of left.deployments) out.push(`  ± ${d.apiKey} deployment: ${d.stages.join(', ')}\n`);
      }
      return out.join('');
    }
  }
}

const SYMBOL = { create: '+', update: '~', delete: '-' } as const;

/** One progress line per finished step, for stderr. */
export function progressLine(e: EngineEvent): string | undefined {
  switch (e.type) {
    case 'step.done':
      return `  ${SYMBOL[e.step.change.action]} ${e.apiKey} ${e.step.change.target} ${e.step.change.name}`;
    case 'step.failed':
      return `  ✗ ${e.apiKey} ${e.step.change.target} ${e.step.change.name}: ${e.error}`;
    case 'deploy.done':
      return `  ± ${e.apiKey} deployed to ${e.stages.join(', ')}${e.deploymentId ? ` (${e.deploymentId})` : ''}`;
    case 'lock.took-over':
      return `  ! ${e.apiKey}: took over a stale lock held by ${e.previousOwner}: ${e.why}`;
    case 'account.waiting':
      return `  … ${e.target} ${e.name}: ${e.status}${e.message ? ` (${e.message})` : ''}, waited ${Math.round(e.waitedMs / 1000)} s`;
    case 'key-value.uncompared':
      return `  ! ${e.why}; its value was not compared`;
    case 'pending.found':
      return `  ! ${e.apiKey}: an earlier apply stopped before deploying ${e.stages.join(', ') || 'its stages'}; finishing it`;
    default:
      return undefined;
  }
}

async function askOnTerminal(plan: Plan): Promise<boolean> {
  process.stdout.write(renderPlanAs(plan, 'text', { color: useColor(process.stdout) }));
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question('\nApply these changes? Only "yes" is accepted: ');
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

export function register(program: Command): void {
  program
    .command('apply')
    .description('apply gateway-state (or a plan file from `plan --out`) to AWS; resumable, one writer per API')
    .argument('[target]', 'gateway-state directory, or a plan.json written by `plan --out`', 'gateway-state')
    .option('--yes', 'apply without asking (required when there is no terminal)')
    .option('--plan-fingerprint <fingerprint>', 'refuse unless the fresh plan has this fingerprint (the one reviewed)')
    .option('--resume', 'finish an interrupted apply of the approved plan even though its fingerprint moved')
    .option('--dir <dir>', 'gateway-state directory when applying a plan file', 'gateway-state')
    .option('--events <format>', 'progress as `text` lines on stderr, or `json`: one JSON object per line on stdout', 'text')
    .option('--no-rollout', 'deploy directly even where api.yaml declares a rollout policy')
    .action(
      action(
        async (
          target: string,
          opts: { yes?: boolean; planFingerprint?: string; resume?: boolean; dir?: string; events: string; rollout: boolean },
        ) => {
          if (opts.events !== 'text' && opts.events !== 'json') throw new UsageError(`unknown --events format "${opts.events}"`, 'use --events text or --events json');
          const json = opts.events === 'json';
          const emit = (e: object) => process.stdout.write(`${JSON.stringify(e)}\n`);
          const progress = new RolloutProgress();
          // Ctrl-C or a cancelled CI job: roll any live canary back before exiting.
          const abort = new AbortController();
          const stop = () => {
            process.stderr.write('\ninterrupted: rolling back any canary in progress, then stopping (press Ctrl-C again to force)\n');
            abort.abort();
            process.once('SIGINT', () => process.exit(130));
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          const r = await applyCommand(target, {
            ...opts,
            clients: clientsFromEnv(),
            ownerId: ownerIdFromEnv(applyTarget(target, opts.dir).dir),
            confirm: process.stdin.isTTY && !json ? askOnTerminal : undefined,
            onEvent: (e) => {
              if (json) return e.type === 'aws.call' ? undefined : emit(e);
              const line = progressLine(e);
              if (line) process.stderr.write(`${line}\n`);
            },
            rollout: opts.rollout
              ? {
                  signal: abort.signal,
                  onEvent: (e) => (json ? process.stdout.write(`${renderRolloutEventJson(e)}\n`) : progress.lines(e).forEach((l) => process.stderr.write(`${l}\n`))),
                }
              : undefined,
          });
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          if (json) emit({ type: 'apply.result', status: r.result.status, writes: r.result.writes, failures: r.result.failures.map((f) => ({ apiKey: f.apiKey, message: f.message })) });
          else process.stdout.write(r.stdout);
          return r.code;
        },
      ),
    );
}
