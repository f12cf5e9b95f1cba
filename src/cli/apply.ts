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
import { readFile } from 'node:fs/promises';
import {
  runPromotion,
  type PromotionEvent,
  type PromotionResult,
  type PromotionStatus,
  type PromotionTarget,
} from '../engine/promote.js';
import {
  addEnvOptions,
  commandTargets,
  groupedText,
  readDeclared,
  type CommandTarget,
  type EnvFlags,
} from './environments.js';

export interface ApplyCommandOptions extends EnvFlags {
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
  /** `--all-envs`: asked before an environment that needs approval (absent: the promotion stops there). */
  approve?: (t: PromotionTarget, after: string) => Promise<boolean>;
  /** `--all-envs`: the soak wait (default: a timer Ctrl-C interrupts). */
  sleep?: (ms: number) => Promise<void>;
  onPromotion?: (e: PromotionEvent) => void;
}

/** A `.json` file is a plan written by `plan --out`; anything else is a gateway-state directory. */
export function applyTarget(target: string, dir?: string): { dir: string; planFile?: string } {
  if (target.endsWith('.json') && existsSync(target) && statSync(target).isFile())
    return { dir: dir ?? 'gateway-state', planFile: target };
  return { dir: target };
}

export async function applyCommand(
  target: string,
  o: ApplyCommandOptions,
): Promise<{ code: number; stdout: string; result: ApplyResult; promotion?: PromotionResult }> {
  const { dir, planFile } = applyTarget(target, o.dir);
  // A plan file names the environment it was made for.
  const planEnv = planFile && !o.env && !o.allEnvs ? planEnvironment(await readFile(planFile, 'utf8')) : undefined;
  const targets = await commandTargets(dir, { env: o.env ?? planEnv, allEnvs: o.allEnvs, region: o.region });
  if (planFile && targets.length > 1)
    throw new UsageError(
      'a plan file holds the plan of one environment',
      'apply it with --env <its environment>, or apply the directory with --all-envs',
    );
  const applyOne = (t: CommandTarget): Promise<ApplyResult> => {
    // Remember the clients the engine makes, so the rollout watches CloudWatch in the same account and region.
    let made: AwsClients | undefined;
    const clients: EngineClients = (region, envTarget) => (made ??= resolveClients(o.clients, region, envTarget));
    return runApply({
      dir,
      planFile,
      clients,
      environment: t.environment,
      region: t.region,
      deployerFor: o.rollout
        ? rolloutDeployerFor({
            aws: () => made!,
            clock: systemClock,
            signal: o.rollout.signal,
            onEvent: o.rollout.onEvent,
          })
        : undefined,
      yes: o.yes,
      ownerId: o.ownerId,
      fingerprint: o.planFingerprint,
      resume: o.resume,
      confirm: o.confirm,
      events: o.onEvent,
    });
  };
  if (targets.length === 1) {
    const result = await applyOne(targets[0]);
    const stdout = groupedText([{ target: targets[0], text: formatApplyResult(result) }]);
    return { code: exitCode(result), stdout, result };
  }
  if (o.planFingerprint)
    throw new UsageError(
      '--plan-fingerprint names the plan of one environment',
      'apply with --env <name> --plan-fingerprint <fingerprint>',
    );
  const declared = await readDeclared(dir);
  const promotion = await runPromotion({
    targets: targets.map((t) => ({
      environment: t.environment!,
      region: t.region,
      label: t.label!,
      gate: declared.byName[t.environment!]?.gate ?? { soakSeconds: 0, approval: false },
    })),
    apply: (t) => applyOne(t),
    sleep: o.sleep ?? ((ms) => abortableSleep(ms, o.rollout?.signal)),
    approve: o.approve,
    onEvent: o.onPromotion,
  });
  const sections = promotion.steps.map((s) => ({
    target: s.target,
    text: s.result ? formatApplyResult(s.result) : `Not applied: ${s.why ?? s.status}.\n`,
  }));
  const stdout = `${groupedText(sections)}\n${promotionSummary(promotion)}`;
  const last = [...promotion.steps].reverse().find((s) => s.result)?.result;
  return { code: promotion.status === 'promoted' ? EXIT.ok : EXIT.error, stdout, result: last!, promotion };
}

/** `Promotion: dev ✓ promoted → prod ✓ promoted`, or where it stopped and what it left alone. */
export function promotionSummary(p: PromotionResult): string {
  const word: Record<PromotionStatus, string> = {
    applied: '✓ applied',
    'no-changes': '✓ no changes',
    'rolled-back': '↩ rolled back',
    failed: '✗ failed',
    invalid: '✗ invalid',
    declined: '✗ declined',
    'not-approved': '⏸ not approved',
    'not-started': '· not started',
  };
  const line = p.steps.map((s) => `${s.target.label} ${word[s.status]}`).join(' → ');
  if (p.status === 'promoted') return `Promotion complete: ${line}.\n`;
  const untouched = p.steps.filter((s) => s.status === 'not-started').map((s) => s.target.label);
  return `Promotion stopped at ${p.stoppedAt}: ${line}.${untouched.length ? ` ${untouched.join(', ')} ${untouched.length === 1 ? 'was' : 'were'} left untouched.` : ''}\n`;
}

function planEnvironment(text: string): string | undefined {
  try {
    const env = (JSON.parse(text) as { environment?: unknown }).environment;
    return typeof env === 'string' ? env : undefined;
  } catch {
    return undefined; // runApply reports the file as it does today
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(new UsageError('interrupted during the soak time', 'nothing was applied to the next environment'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new UsageError('interrupted during the soak time', 'nothing was applied to the next environment'));
      },
      { once: true },
    );
  });
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
      out.push(
        `Done before it stopped: ${r.done.length} step(s), ${r.deployed.length} deployment(s), ${r.writes} AWS write(s).\n`,
      );
      const left = r.remaining;
      if (left.steps.length + left.deployments.length > 0) {
        out.push('Left to do (run `apigw-sync apply` again to finish; it re-reads AWS and skips what is done):\n');
        for (const s of left.steps)
          out.push(`  ${SYMBOL[s.change.action]} ${s.change.apiKey} ${s.change.target} ${s.change.name}\n`);
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

/** One line per promotion event, for stderr. */
export function promotionLine(e: PromotionEvent): string | undefined {
  switch (e.type) {
    case 'promotion.start':
      return `── ${e.target} (${e.index + 1} of ${e.of})`;
    case 'promotion.soak':
      return `  … ${e.target}: soaking ${e.seconds} s after ${e.after} promoted`;
    case 'promotion.approval':
      return `  ? ${e.target}: waits for approval after ${e.after}`;
    case 'promotion.stopped':
      return `  ✗ promotion stopped at ${e.at} (${e.status})${e.skipped.length ? `; not started: ${e.skipped.join(', ')}` : ''}`;
    default:
      return undefined;
  }
}

async function askApproval(t: PromotionTarget, after: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`\n${after} promoted. Promote to ${t.label}? Only "yes" is accepted: `)).trim() === 'yes';
  } finally {
    rl.close();
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
  const cmd = program
    .command('apply')
    .description('apply gateway-state (or a plan file from `plan --out`) to AWS; resumable, one writer per API')
    .argument('[target]', 'gateway-state directory, or a plan.json written by `plan --out`', 'gateway-state')
    .option('--yes', 'apply without asking (required when there is no terminal)')
    .option('--plan-fingerprint <fingerprint>', 'refuse unless the fresh plan has this fingerprint (the one reviewed)')
    .option('--resume', 'finish an interrupted apply of the approved plan even though its fingerprint moved')
    .option('--dir <dir>', 'gateway-state directory when applying a plan file', 'gateway-state')
    .option(
      '--events <format>',
      'progress as `text` lines on stderr, or `json`: one JSON object per line on stdout',
      'text',
    )
    .option('--no-rollout', 'deploy directly even where api.yaml declares a rollout policy');
  addEnvOptions(cmd, 'apply')
    .option('--region <region>', 'with --env: one region of an environment that spans several')
    .action(
      action(
        async (
          target: string,
          opts: {
            yes?: boolean;
            planFingerprint?: string;
            resume?: boolean;
            dir?: string;
            events: string;
            rollout: boolean;
          } & EnvFlags,
        ) => {
          if (opts.events !== 'text' && opts.events !== 'json')
            throw new UsageError(`unknown --events format "${opts.events}"`, 'use --events text or --events json');
          const json = opts.events === 'json';
          const emit = (e: object) => process.stdout.write(`${JSON.stringify(e)}\n`);
          const progress = new RolloutProgress();
          // Ctrl-C or a cancelled CI job: roll any live canary back before exiting.
          const abort = new AbortController();
          const stop = () => {
            process.stderr.write(
              '\ninterrupted: rolling back any canary in progress, then stopping (press Ctrl-C again to force)\n',
            );
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
            approve: process.stdin.isTTY && !json ? askApproval : undefined,
            onPromotion: (e) => {
              if (json) return emit(e);
              const line = promotionLine(e);
              if (line) process.stderr.write(`${line}\n`);
            },
            onEvent: (e) => {
              if (json) return e.type === 'aws.call' ? undefined : emit(e);
              const line = progressLine(e);
              if (line) process.stderr.write(`${line}\n`);
            },
            rollout: opts.rollout
              ? {
                  signal: abort.signal,
                  onEvent: (e) =>
                    json
                      ? process.stdout.write(`${renderRolloutEventJson(e)}\n`)
                      : progress.lines(e).forEach((l) => process.stderr.write(`${l}\n`)),
                }
              : undefined,
          });
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          if (json)
            emit({
              type: 'apply.result',
              status: r.result.status,
              writes: r.result.writes,
              failures: r.result.failures.map((f) => ({ apiKey: f.apiKey, message: f.message })),
            });
          else process.stdout.write(r.stdout);
          return r.code;
        },
      ),
    );
}
