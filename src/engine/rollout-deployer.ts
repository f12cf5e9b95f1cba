/**
 * Wires the canary rollout (src/rollout: the driver) to apply's deploy seam
 * (src/aws/apply/deployer.ts) with the AWS rollout port (src/aws/rollout). The engine does
 * the wiring so that dependencies point down only: aws/ never calls the driver. The stage
 * named by the API's rollout policy is rolled out step by step; any other changed stage is
 * deployed directly. A rollback fails the deploy with RolledBackError, so apply reports it,
 * keeps the pending tag, and exits non-zero.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ApiModel } from '../model/api.js';
import { ApigwSyncError } from '../model/errors.js';
import { runRollout } from '../rollout/driver.js';
import type { RolloutEvent } from '../rollout/events.js';
import type { Clock } from '../rollout/port.js';
import { directDeployer, type ApiClients, type AwsCaller, type Deployer } from '../aws/apply/index.js';
import { createRolloutPort } from '../aws/rollout/index.js';

export class RolledBackError extends ApigwSyncError {
  constructor(target: string, readonly reason: string) {
    super('ROLLED_BACK', `the rollout of ${target} was rolled back: ${reason}`, {
      hint: 'production is back on the previous deployment; fix the cause, then revert or amend the change in Git and apply again',
    });
  }
}

export interface RolloutDeployerOptions {
  /** The CloudWatch client and region of the run; resolved when a deploy starts (the engine makes clients lazily). */
  aws: () => { cloudwatch: CloudWatchClient; region: string };
  clock: Clock;
  /** Abort (Ctrl-C, cancelled job) rolls the canary back. */
  signal?: AbortSignal;
  onEvent?: (event: RolloutEvent) => void;
}

export function rolloutDeployerFor(o: RolloutDeployerOptions) {
  return (api: ApiModel, clients: ApiClients, caller: AwsCaller): Deployer => {
    const direct = directDeployer(api.kind, clients, caller);
    const policy = api.rollout;
    if (!policy) return direct;
    return {
      async deploy(req) {
        const others = req.stages.filter((s) => s !== policy.stage);
        const directResult = others.length > 0 ? await direct.deploy({ ...req, stages: others }) : undefined;
        if (!req.stages.includes(policy.stage)) return directResult!;
        const { cloudwatch, region } = o.aws();
        const port = await createRolloutPort({
          clients: { ...clients, cloudwatch },
          region,
          api: req.api,
          apiId: req.apiId,
          policy,
          clock: o.clock,
          description: req.description,
        });
        const fingerprint = /[0-9a-f]{12}/.exec(req.description)?.[0];
        const outcome = await runRollout({ port, policy, clock: o.clock, signal: o.signal, onEvent: o.onEvent, fingerprint });
        if (outcome.kind === 'rolled-back') throw new RolledBackError(port.label, outcome.message);
        return { deploymentId: outcome.deploymentId };
      },
    };
  };
}
