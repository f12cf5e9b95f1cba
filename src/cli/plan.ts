/** `apigw-sync plan [dir] [--out plan.json] [--format text|json|markdown]`: exit 0 no changes, 2 changes, 1 error. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import type { ElsewhereLiveApi } from '../model/live.js';
import { serializePlan } from '../plan/index.js';
import { runPlan, renderPlanAs, isPlanFormat, type EngineClients, type EngineEvent } from '../engine/index.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { action, EXIT } from './run.js';
import { ownerIdFromEnv } from './owner-id.js';
import {
  addEnvOptions,
  combinedExit,
  commandTargets,
  groupedText,
  type CommandTarget,
  type EnvFlags,
} from './environments.js';

export interface PlanCommandOptions extends EnvFlags {
  out?: string;
  format?: string;
  color?: boolean;
  clients: EngineClients;
  /** The directory's owner id when gateway.yaml declares none (cli/owner-id.ts). */
  ownerId?: string;
}

export async function planCommand(
  dir: string,
  o: PlanCommandOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const format = o.format ?? 'text';
  if (!isPlanFormat(format))
    throw new UsageError(`unknown --format "${format}"`, 'use --format text, json or markdown');
  const targets = await commandTargets(dir, o);
  if (targets.length > 1 && o.out)
    throw new UsageError(
      '--out writes the plan of one environment',
      'plan with --env <name> --out <file>, one file per environment',
    );
  const results: Array<{ target: CommandTarget; code: number; stdout: string; stderr: string; detail?: string }> = [];
  for (const target of targets) {
    // A key value whose source cannot be read here (a pull request without the secret) is not compared: say so, never the value.
    const uncompared: string[] = [];
    const events = (e: EngineEvent) => {
      if (e.type === 'key-value.uncompared')
        uncompared.push(`note: ${e.why}; its value was not compared (apply needs it to create or replace the key)\n`);
    };
    const r = await runPlan({
      dir,
      clients: o.clients,
      ownerId: o.ownerId,
      environment: target.environment,
      region: target.region,
      events,
    });
    if (r.status === 'invalid') {
      results.push({
        target,
        code: EXIT.error,
        stdout: targets.length > 1 ? 'invalid: see the problems above\n' : '',
        stderr: r.issuesText,
      });
      continue;
    }
    if (o.out) await writeFile(o.out, serializePlan(r.plan));
    const notes = r.pending.map(
      (p) =>
        `note: ${p.apiKey}: an earlier apply (plan ${p.fingerprint}) stopped before deploying ${p.stages.join(', ') || 'its stages'}; apply will finish it\n`,
    );
    notes.push(...ownerNotes(r.desired.owner, r.live.elsewhere ?? []), ...uncompared);
    const prefix = targets.length > 1 ? `${target.label}: ` : '';
    const stderr = [r.issuesText, ...notes.map((n) => prefix + n), o.out ? `plan written to ${o.out}\n` : ''].join('');
    const detail = r.environment ? `${r.desired.region} · account ${r.environment.account.id}` : undefined;
    results.push({
      target,
      code: r.hasChanges ? EXIT.changes : EXIT.ok,
      stdout: renderPlanAs(r.plan, format, { color: o.color ?? false }),
      stderr,
      detail,
    });
  }
  const stderr = [...new Set(results.map((r) => r.stderr))].join('');
  const code = combinedExit(results.map((r) => r.code));
  if (format === 'json' && targets.length > 1) {
    const environments = results.map((r) => ({
      environment: r.target.environment,
      region: r.target.region,
      ...(r.stdout.startsWith('{') ? { plan: JSON.parse(r.stdout) } : { invalid: true }),
    }));
    return { code, stdout: `${JSON.stringify({ environments }, null, 2)}\n`, stderr };
  }
  return {
    code,
    stdout: groupedText(results.map((r) => ({ target: r.target, text: r.stdout, detail: r.detail }))),
    stderr,
  };
}

export function register(program: Command): void {
  const cmd = program
    .command('plan')
    .description('show what apply would change in AWS (exit 0 no changes, 2 changes, 1 error)')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--out <file>', 'also write the plan as JSON, for `apply <file>`')
    .option('--format <format>', 'text, json or markdown', 'text');
  addEnvOptions(cmd, 'plan')
    .option('--region <region>', 'with --env: one region of an environment that spans several')
    .action(
      action(async (dir: string, opts: { out?: string; format?: string } & EnvFlags) => {
        const r = await planCommand(dir, {
          ...opts,
          color: useColor(process.stdout),
          clients: clientsFromEnv(),
          ownerId: ownerIdFromEnv(dir),
        });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}

/** Other owners' APIs are listed at most (one line), and a directory without an owner id is told what that costs. */
export function ownerNotes(owner: string | undefined, elsewhere: ElsewhereLiveApi[]): string[] {
  const notes: string[] = [];
  if (elsewhere.length > 0) {
    const owners = [...new Set(elsewhere.map((e) => e.owner))].sort();
    notes.push(
      `note: ${elsewhere.length} API${elsewhere.length === 1 ? ' is' : 's are'} managed elsewhere (owner${owners.length === 1 ? '' : 's'} ${owners.join(', ')}); this plan leaves ${elsewhere.length === 1 ? 'it' : 'them'} alone\n`,
    );
  }
  if (!owner && elsewhere.length > 0) {
    notes.push(
      'note: gateway-state declares no owner id, so apply refuses in an account shared with other owners: add `owner:` to gateway.yaml\n',
    );
  }
  return notes;
}
