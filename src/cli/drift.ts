/** `apigw-sync drift [dir] [--format text|json|markdown] [--prune]`: exit 0 none, 2 drift, 1 error. */
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { isPlanFormat, runDrift, type EngineClients } from '../engine/index.js';
import { renderDriftAs } from '../engine/render.js';
import { clientsFromEnv, useColor } from './aws-env.js';
import { action, EXIT } from './run.js';

export async function driftCommand(
  dir: string,
  o: { format?: string; prune?: boolean; color?: boolean; clients: EngineClients },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const format = o.format ?? 'text';
  if (!isPlanFormat(format)) throw new UsageError(`unknown --format "${format}"`, 'use --format text, json or markdown');
  const r = await runDrift({ dir, clients: o.clients, prune: o.prune });
  if (r.status === 'invalid') return { code: EXIT.error, stdout: '', stderr: r.issuesText };
  const pruned = r.pruned.map((a) => `pruned: deleted ${a.kind} ${a.name} (${a.apiId}), managed by apigw-sync and absent from gateway-state\n`);
  return { code: r.exitCode, stdout: renderDriftAs(r.report, format, { color: o.color ?? false }), stderr: pruned.join('') };
}

export function register(program: Command): void {
  program
    .command('drift')
    .description('report what changed in AWS that gateway-state does not explain (exit 0 none, 2 drift, 1 error)')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--prune', 'delete live APIs that carry the apigw-sync managed tag but are no longer in gateway-state')
    .action(
      action(async (dir: string, opts: { format?: string; prune?: boolean }) => {
        const r = await driftCommand(dir, { ...opts, color: useColor(process.stdout), clients: clientsFromEnv() });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
