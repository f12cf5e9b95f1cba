/**
 * `apigw-sync rollouts [--region r] [--format text|json]`: every rollout in progress in the
 * account and region — API, stage, step, percent, age, driver, lease — whoever started it.
 * Exit 0. (`rollback` acts on one; `apply --resume` and the App's sweeper finish them.)
 */
import type { Command } from 'commander';
import { createAwsClients } from '../aws/clients.js';
import { type EngineClients } from '../engine/index.js';
import { listRollouts } from '../engine/rollouts.js';
import { UsageError } from '../model/errors.js';
import { renderRolloutsJson, renderRolloutsText } from '../render/rollouts-text.js';
import { commandRegion } from './aws-env.js';
import { action, EXIT } from './run.js';

export async function rolloutsCommand(o: {
  clients: EngineClients;
  region: string;
  format?: string;
  now?: number;
}): Promise<{ code: number; stdout: string }> {
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`unknown --format "${format}"`, 'use --format text or --format json');
  const now = o.now ?? Date.now();
  const list = await listRollouts({ clients: o.clients, region: o.region, now });
  return { code: EXIT.ok, stdout: format === 'json' ? renderRolloutsJson(list, now) : renderRolloutsText(list, now) };
}

export function register(program: Command): void {
  program
    .command('rollouts')
    .description('list every rollout in progress in the account and region: step, percent, age, driver and its lease')
    .option(
      '--region <region>',
      'AWS region (default: gateway-state/gateway.yaml, then AWS_REGION; the two must agree)',
    )
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (opts: { region?: string; format?: string }) => {
        const region = await commandRegion({ flag: opts.region });
        const r = await rolloutsCommand({
          clients: (rg) => createAwsClients({ region: rg }),
          region,
          format: opts.format,
        });
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
