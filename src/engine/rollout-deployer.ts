/**
 * Wires the canary rollout (src/rollout: the driver) to apply's deploy seam
 * (src/aws/apply/deployer.ts) with the AWS rollout port (src/aws/rollout). The engine does
 * the wiring so that dependencies point down only: aws/ never calls the driver. The stage
 * named by the API's rollout policy is rolled out step by step; any other changed stage is
 * deployed directly. A rollback fails the deploy with RolledBackError, so apply reports it,
 * keeps the pending tag, and exits non-zero.
 */
import type { AwsClients } from '../aws/clients.js';
import { ApigwSyncError } from '../model/errors.js';
import { runRollout } from '../rollout/driver.js';
import type { RolloutEvent } from '../rollout/events.js';
import type { Clock } from '../rollout/port.js';
import { directDeployer, type DeployerFactory } from '../aws/apply/index.js';
import { createRolloutPort } from '../aws/rollout/index.js';
import { isDriverGone, newDriverId } from './driver-id.js';
import { restoreDefinition } from './restore-definition.js';

export class RolledBackError extends ApigwSyncError {
  constructor(
    target: string,
    readonly reason: string,
  ) {
    super('ROLLED_BACK', `the rollout of ${target} was rolled back: ${reason}`, {
      hint: 'production is back on the previous deployment; fix the cause, then revert or amend the change in Git and apply again',
    });
  }
}

/** The rollout ended without this run driving it to the end: someone else holds or took its lease. */
export class RolloutNotDrivenError extends ApigwSyncError {
  constructor(
    target: string,
    readonly reason: string,
  ) {
    super('ROLLOUT_NOT_DRIVEN', `the rollout of ${target} was not finished by this run: ${reason}`, {
      hint: 'the driver named above finishes it (promote or roll back); `apigw-sync rollouts` shows its progress and lease, `apigw-sync rollback` stops it',
    });
  }
}

export interface RolloutDeployerOptions {
  /** The CloudWatch client of the run; resolved when a deploy starts (the engine makes clients lazily). */
  aws: () => Pick<AwsClients, 'cloudwatch'>;
  clock: Clock;
  /** Who drives the rollouts of this run (kept in each rollout record with its lease). Default: this process (`newDriverId`). */
  driver?: string;
  /** Abort (Ctrl-C, cancelled job) rolls the canary back. */
  signal?: AbortSignal;
  onEvent?: (event: RolloutEvent) => void;
}

export function rolloutDeployerFor(o: RolloutDeployerOptions): DeployerFactory {
  const driver = o.driver ?? newDriverId('cli');
  return (api, clients, caller, ctx) => {
    const direct = directDeployer(api.kind, clients, caller);
    const policy = api.rollout;
    if (!policy) return direct;
    return {
      async deploy(req) {
        const others = req.stages.filter((s) => s !== policy.stage);
        const directResult = others.length > 0 ? await direct.deploy({ ...req, stages: others }) : undefined;
        if (!req.stages.includes(policy.stage)) return directResult!;
        const { cloudwatch } = o.aws();
        // WebSocket APIs cannot be exported: a rollback re-applies the definition this apply started from.
        const restore =
          api.kind === 'WebSocketApi' && ctx?.live
            ? restoreDefinition({ key: api.key, previous: ctx.live, clients, caller, region: ctx.region })
            : undefined;
        const port = await createRolloutPort({
          clients: { ...clients, cloudwatch },
          api: req.api,
          apiId: req.apiId,
          policy,
          clock: o.clock,
          description: req.description,
          restore,
        });
        const fingerprint = /[0-9a-f]{12}/.exec(req.description)?.[0];
        const outcome = await runRollout({
          port,
          policy,
          clock: o.clock,
          driver,
          signal: o.signal,
          onEvent: o.onEvent,
          fingerprint,
          isDriverGone,
        });
        if (outcome.kind === 'rolled-back') throw new RolledBackError(port.label, outcome.message);
        if (outcome.kind === 'not-driven') throw new RolloutNotDrivenError(port.label, outcome.message);
        return { deploymentId: outcome.deploymentId };
      },
    };
  };
}
