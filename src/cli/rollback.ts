/**
 * `apigw-sync rollback --api ID|NAME --stage S [--force]`: stop the rollout in progress on one
 * stage and put the stage back on the deployment it served before (REST: the canary removed
 * and the API's resources restored; HTTP: the previous deployment and routes). Refuses a
 * rollout whose driver is alive unless --force (that driver then stops at its next poll).
 * Exit 0 rolled back, 1 otherwise.
 */
import type { Command } from 'commander';
import { createAwsClients } from '../aws/clients.js';
import { type EngineClients } from '../engine/index.js';
import { newDriverId } from '../engine/driver-id.js';
import { rollbackRollout } from '../engine/rollouts.js';
import { RolloutProgress } from '../render/rollout-text.js';
import type { RolloutEvent } from '../rollout/events.js';
import { commandRegion } from './aws-env.js';
import { action, EXIT } from './run.js';

export async function rollbackCommand(o: {
  clients: EngineClients;
  region: string;
  api: string;
  stage: string;
  force?: boolean;
  driver?: string;
  settleMs?: number;
  onEvent?: (e: RolloutEvent) => void;
}): Promise<{ code: number; stdout: string }> {
  const driver = o.driver ?? newDriverId('cli');
  const r = await rollbackRollout({
    clients: o.clients,
    region: o.region,
    api: o.api,
    stage: o.stage,
    force: o.force,
    driver,
    by: `apigw-sync rollback by ${driver}`,
    settleMs: o.settleMs,
    onEvent: o.onEvent,
  });
  if (!r.driven) return { code: EXIT.error, stdout: `${r.target}: not rolled back: ${r.why}\n` };
  if (r.outcome.kind === 'rolled-back')
    return { code: EXIT.ok, stdout: `${r.target}: rolled back; the stage serves its previous deployment again.\n` };
  return {
    code: EXIT.error,
    stdout: `${r.target}: not rolled back: ${r.outcome.kind === 'not-driven' ? r.outcome.message : r.outcome.kind}\n`,
  };
}

export function register(program: Command): void {
  program
    .command('rollback')
    .description('roll back the rollout in progress on one stage (see `apigw-sync rollouts`)')
    .requiredOption('--api <id|name>', 'the API id, or its name if unique')
    .requiredOption('--stage <stage>', 'the stage the rollout runs on')
    .option('--force', 'roll back even though a live driver holds the rollout (it stops at its next poll)')
    .option(
      '--region <region>',
      'AWS region (default: gateway-state/gateway.yaml, then AWS_REGION; the two must agree)',
    )
    .action(
      action(async (opts: { api: string; stage: string; force?: boolean; region?: string }) => {
        const region = await commandRegion({ flag: opts.region });
        const progress = new RolloutProgress();
        const r = await rollbackCommand({
          ...opts,
          clients: (rg) => createAwsClients({ region: rg }),
          region,
          onEvent: (e) => progress.lines(e).forEach((l) => process.stderr.write(`${l}\n`)),
        });
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
