/** `apigw-sync unlock --api ID|NAME`: clear a stale apply lock (after a crashed apply). */
import type { Command } from 'commander';
import { runUnlock, type EngineClients } from '../engine/index.js';
import { commandRegion } from './aws-env.js';
import { createAwsClients } from '../aws/clients.js';
import { action, EXIT } from './run.js';

export async function unlockCommand(
  api: string,
  o: { clients: EngineClients; region: string },
): Promise<{ code: number; stdout: string }> {
  const r = await runUnlock({ api, clients: o.clients, region: o.region });
  const stdout = r.removed
    ? `Removed the lock on ${r.name} (${r.apiId}), held by ${r.removed.owner} since ${r.removed.acquiredAt}.\n`
    : `${r.name} (${r.apiId}) was not locked; nothing to do.\n`;
  return { code: EXIT.ok, stdout };
}

export function register(program: Command): void {
  program
    .command('unlock')
    .description('remove the apply lock from an API whose apply died (check no apply is still running)')
    .requiredOption('--api <id|name>', 'the API id, or its name if unique')
    .option(
      '--region <region>',
      'AWS region (default: gateway-state/gateway.yaml, then AWS_REGION; the two must agree)',
    )
    .action(
      action(async (opts: { api: string; region?: string }) => {
        const region = await commandRegion({ flag: opts.region });
        const r = await unlockCommand(opts.api, { clients: (rg) => createAwsClients({ region: rg }), region });
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
