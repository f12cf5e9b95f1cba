/**
 * `apigw-sync drift [dir] [--format text|json|markdown] [--prune [--yes]]`: exit 0 none, 2 drift, 1 error.
 * `--prune` prints what it would delete first, then asks on a terminal; without one it needs
 * `--yes`. It only ever deletes APIs of this directory's owner, and refuses for a directory
 * without APIs.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import type { UnmanagedLiveApi } from '../model/live.js';
import type { DriftReport } from '../model/drift.js';
import { isPlanFormat, runDrift, type EngineClients } from '../engine/index.js';
import { renderDriftAs } from '../engine/render.js';
import { renderPrunePreview } from '../render/prune-text.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { action } from './run.js';
import {
  addEnvOptions,
  combinedExit,
  commandTargets,
  groupedText,
  type CommandTarget,
  type EnvFlags,
} from './environments.js';

export interface DriftCommandOptions extends EnvFlags {
  format?: string;
  prune?: boolean;
  /** Prune without asking. */
  yes?: boolean;
  color?: boolean;
  clients: EngineClients;
  ownerId?: string;
  /** Asks on a terminal; absent when there is none (then --yes is required). */
  ask?: (question: string) => Promise<boolean>;
}

export async function driftCommand(
  dir: string,
  o: DriftCommandOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const format = o.format ?? 'text';
  if (!isPlanFormat(format))
    throw new UsageError(`unknown --format "${format}"`, 'use --format text, json or markdown');
  let preview = '';
  const confirm = async (apis: UnmanagedLiveApi[], ctx: { report: DriftReport; owner: string }) => {
    preview = renderPrunePreview({ report: ctx.report, owner: ctx.owner, candidates: apis });
    if (o.yes) return true;
    if (!o.ask) {
      throw new UsageError(
        `refusing to delete ${apis.length} API${apis.length === 1 ? '' : 's'} without confirmation: there is no terminal to ask on\n\n${preview}`,
        'review the list above, then run `apigw-sync drift --prune --yes`',
      );
    }
    const yes = await o.ask(
      `${preview}\nDelete ${apis.length === 1 ? 'this API' : `these ${apis.length} APIs`}? Only "yes" is accepted: `,
    );
    preview = ''; // already shown with the question
    return yes;
  };
  const targets = await commandTargets(dir, o);
  const results: Array<{ target: CommandTarget; code: number; stdout: string; stderr: string }> = [];
  for (const target of targets) {
    preview = '';
    const r = await runDrift({
      dir,
      clients: o.clients,
      ownerId: o.ownerId,
      environment: target.environment,
      region: target.region,
      prune: o.prune ? { confirm } : undefined,
    });
    if (r.status === 'invalid') {
      results.push({
        target,
        code: 1,
        stdout: targets.length > 1 ? 'invalid: see the problems above\n' : '',
        stderr: r.issuesText,
      });
      continue;
    }
    const notes: string[] = [];
    if (o.prune && r.pruneCandidates.length === 0)
      notes.push(renderPrunePreview({ report: r.report, owner: r.owner ?? '', candidates: [] }));
    if (preview) notes.push(preview);
    if (r.pruneDeclined) notes.push('Prune cancelled; nothing was deleted.\n');
    notes.push(
      ...r.pruned.map(
        (a) =>
          `pruned: deleted ${a.kind} ${a.name} (${a.apiId}), managed by this owner and absent from gateway-state\n`,
      ),
    );
    results.push({
      target,
      code: r.exitCode,
      stdout: renderDriftAs(r.report, format, { color: o.color ?? false }),
      stderr: notes.map((n) => (targets.length > 1 ? `${target.label}: ${n}` : n)).join(''),
    });
  }
  const stderr = [...new Set(results.map((r) => r.stderr))].join('');
  const code = combinedExit(results.map((r) => r.code));
  if (format === 'json' && targets.length > 1) {
    const environments = results.map((r) => ({
      environment: r.target.environment,
      region: r.target.region,
      ...(r.stdout.startsWith('{') ? { drift: JSON.parse(r.stdout) } : { invalid: true }),
    }));
    return { code, stdout: `${JSON.stringify({ environments }, null, 2)}\n`, stderr };
  }
  return { code, stdout: groupedText(results.map((r) => ({ target: r.target, text: r.stdout }))), stderr };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === 'yes';
  } finally {
    rl.close();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('drift')
    .description('report what changed in AWS that gateway-state does not explain (exit 0 none, 2 drift, 1 error)')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--prune', "delete this owner's APIs that are no longer in gateway-state (shows them first, then asks)")
    .option('--yes', 'with --prune: delete without asking (required when there is no terminal)');
  addEnvOptions(cmd, 'check')
    .option('--region <region>', 'with --env: one region of an environment that spans several')
    .action(
      action(async (dir: string, opts: { format?: string; prune?: boolean; yes?: boolean } & EnvFlags) => {
        const r = await driftCommand(dir, {
          ...opts,
          color: useColor(process.stdout),
          clients: clientsFromEnv(),
          ownerId: ownerIdFromEnv(dir),
          ask: process.stdin.isTTY ? askOnTerminal : undefined,
        });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
