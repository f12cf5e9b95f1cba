/** `apigw-sync plan [dir] [--out plan.json] [--format text|json|markdown]`: exit 0 no changes, 2 changes, 1 error. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { serializePlan } from '../plan/index.js';
import { runPlan, renderPlanAs, isPlanFormat, type EngineClients } from '../engine/index.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { action, EXIT } from './run.js';

export interface PlanCommandOptions {
  out?: string;
  format?: string;
  color?: boolean;
  clients: EngineClients;
}

export async function planCommand(dir: string, o: PlanCommandOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  const format = o.format ?? 'text';
  if (!isPlanFormat(format)) throw new UsageError(`unknown --format "${format}"`, 'use --format text, json or markdown');
  const r = await runPlan({ dir, clients: o.clients });
  if (r.status === 'invalid') return { code: EXIT.error, stdout: '', stderr: r.issuesText };
  if (o.out) await writeFile(o.out, serializePlan(r.plan));
  const notes = r.pending.map(
    (p) => `note: ${p.apiKey}: an earlier apply (plan ${p.fingerprint}) stopped before deploying ${p.stages.join(', ') || 'its stages'}; apply will finish it\n`,
  );
  const stderr = [r.issuesText, ...notes, o.out ? `plan written to ${o.out}\n` : ''].join('');
  return { code: r.hasChanges ? EXIT.changes : EXIT.ok, stdout: renderPlanAs(r.plan, format, { color: o.color ?? false }), stderr };
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('show what apply would change in AWS (exit 0 no changes, 2 changes, 1 error)')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--out <file>', 'also write the plan as JSON, for `apply <file>`')
    .option('--format <format>', 'text, json or markdown', 'text')
    .action(
      action(async (dir: string, opts: { out?: string; format?: string }) => {
        const r = await planCommand(dir, { ...opts, color: useColor(process.stdout), clients: clientsFromEnv() });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
