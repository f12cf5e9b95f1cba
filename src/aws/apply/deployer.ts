/**
 * The deploy seam: after an API's steps, its changed stages must serve the new
 * configuration. The direct deployers here do that at once; the canary rollout
 * (src/rollout) can replace them with a Deployer that starts a rollout instead.
 */
import { APIGatewayClient, CreateDeploymentCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateDeploymentCommand as CreateDeploymentV2Command,
  GetDeploymentCommand as GetDeploymentV2Command,
  UpdateStageCommand as UpdateStageV2Command,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiModel } from '../../model/api.js';
import type { LiveApi } from '../../model/live.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { AwsCaller } from './call.js';

export interface DeployRequest {
  api: ApiModel;
  apiId: string;
  /** Stages to make serve the API's current configuration; all exist in AWS. */
  stages: string[];
  description: string;
}

export interface Deployer {
  deploy(req: DeployRequest): Promise<{ deploymentId: string }>;
}

/** What an apply knows of the API it deploys besides the desired model. */
export interface DeployContext {
  /** The API as read before the apply (absent: created by it). */
  live?: LiveApi;
  /** The region the clients talk to. */
  region: string;
}

/** Makes the deployer of one API's apply (the direct one, or the canary rollout). */
export type DeployerFactory = (
  api: ApiModel,
  clients: { apigw: APIGatewayClient; apigwv2: ApiGatewayV2Client },
  caller: AwsCaller,
  ctx?: DeployContext,
) => Deployer;

/**
 * REST: one CreateDeployment for the first stage, and the other stages pointed at the same
 * deployment with UpdateStage — a deployment is a snapshot of the API, identical for every
 * stage, and CreateDeployment is the scarcest quota (1 per 5 s per account).
 */
export function restDirectDeployer(client: APIGatewayClient, caller: AwsCaller): Deployer {
  return {
    async deploy({ apiId, stages, description }) {
      const [first, ...rest] = stages;
      const d = await caller.run('CreateDeployment', () =>
        client.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: first, description })),
      );
      if (!d.id) throw new ApigwSyncError('AWS_NO_ID', `CreateDeployment for ${first} returned no deployment id`);
      for (const stageName of rest) {
        await caller.run('UpdateStage', () =>
          client.send(
            new UpdateStageCommand({
              restApiId: apiId,
              stageName,
              patchOperations: [{ op: 'replace', path: '/deploymentId', value: d.id }],
            }),
          ),
        );
      }
      return { deploymentId: d.id };
    },
  };
}

export interface HttpDeployerOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Give up waiting for DEPLOYED after this many polls (default 60, backing off to 2 s). */
  maxPolls?: number;
}

/** HTTP (AutoDeploy off): CreateDeployment, wait for DEPLOYED, then switch each stage to it. */
export function httpDirectDeployer(
  client: ApiGatewayV2Client,
  caller: AwsCaller,
  o: HttpDeployerOptions = {},
): Deployer {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async deploy({ api, apiId, stages, description }) {
      const d = await caller.run('CreateDeployment', () =>
        client.send(new CreateDeploymentV2Command({ ApiId: apiId, Description: description })),
      );
      const id = d.DeploymentId;
      if (!id) throw new ApigwSyncError('AWS_NO_ID', `CreateDeployment for ${api.name} returned no deployment id`);
      let status = d.DeploymentStatus;
      for (let poll = 0, delay = 50; status !== 'DEPLOYED'; poll++, delay = Math.min(delay * 2, 2000)) {
        if (status === 'FAILED') {
          throw new ApigwSyncError('DEPLOYMENT_FAILED', `deployment ${id} of ${api.name} failed`, {
            hint: 'run `apigw-sync apply` again after fixing the route or integration AWS reports',
          });
        }
        if (poll >= (o.maxPolls ?? 60)) {
          throw new ApigwSyncError('DEPLOYMENT_TIMEOUT', `deployment ${id} of ${api.name} is still ${status}`, {
            hint: 'run `apigw-sync apply` again: the stages stay pending until a deployment reaches them',
          });
        }
        await sleep(delay);
        const g = await caller.run(
          'GetDeployment',
          () => client.send(new GetDeploymentV2Command({ ApiId: apiId, DeploymentId: id })),
          {
            write: false,
          },
        );
        status = g.DeploymentStatus;
      }
      for (const StageName of stages) {
        await caller.run('UpdateStage', () =>
          client.send(new UpdateStageV2Command({ ApiId: apiId, StageName, DeploymentId: id })),
        );
      }
      return { deploymentId: id };
    },
  };
}
