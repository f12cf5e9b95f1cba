/**
 * HTTP and WebSocket API deploy-and-bake: v2 APIs have no canary settings, so the new
 * deployment takes the whole stage (AutoDeploy off), is watched for the bake time, and on
 * failure the stage is switched back to the previous deployment. Then the API's routes and
 * integrations are returned to what that deployment serves: HTTP APIs from the stage's own
 * export (ExportApi → ReimportApi); WebSocket APIs, which AWS cannot export, by re-applying
 * the definition the apply started from (`restore`, given by the run that made the change).
 */
import {
  ApiGatewayV2Client,
  CreateDeploymentCommand,
  ExportApiCommand,
  GetDeploymentCommand,
  GetStageCommand,
  ReimportApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Clock, RolloutPort, StageDeployment } from '../../rollout/port.js';
import type { RolloutRecord } from '../../rollout/record.js';
import { countCanaryRequests, readAlarms } from './alarms.js';
import { recordStore } from './record-tag.js';
import type { RolloutTarget } from './target.js';

export interface HttpPortOptions extends RolloutTarget {
  /** HTTP (default) or WebSocket. */
  kind?: 'HttpApi' | 'WebSocketApi';
  /**
   * WebSocket: returns the API's routes, integrations and responses to what they were before
   * the change, after the stage is switched back. Absent (a rollout taken over by another
   * driver, which does not have that definition): only the stage is switched back.
   */
  restore?: () => Promise<void>;
  apigwv2: ApiGatewayV2Client;
  /** Unused by HTTP APIs; the record store takes both clients. */
  apigw: APIGatewayClient;
  cloudwatch: CloudWatchClient;
  clock: Clock;
  /** How long to wait for a deployment to become DEPLOYED. */
  deployTimeoutMs?: number;
}

export function httpRolloutPort(o: HttpPortOptions): RolloutPort {
  const kind = o.kind ?? 'HttpApi';
  const records = recordStore(o, { kind, apiId: o.apiId, stage: o.stage });
  const setDeployment = (DeploymentId: string) =>
    o.apigwv2.send(new UpdateStageCommand({ ApiId: o.apiId, StageName: o.stage, DeploymentId }));

  async function waitDeployed(deploymentId: string): Promise<void> {
    const deadline = o.clock.now() + (o.deployTimeoutMs ?? 60_000);
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      const d = await o.apigwv2.send(new GetDeploymentCommand({ ApiId: o.apiId, DeploymentId: deploymentId }));
      if (d.DeploymentStatus === 'DEPLOYED') return;
      if (d.DeploymentStatus === 'FAILED')
        throw new Error(`deployment ${deploymentId} failed: ${d.DeploymentStatusMessage ?? 'no reason given'}`);
      if (o.clock.now() > deadline) throw new Error(`deployment ${deploymentId} was not DEPLOYED in time`);
      await o.clock.sleep(delay);
    }
  }

  return {
    kind,
    label: `${o.apiName}/${o.stage}`,
    alarmNames: o.alarmNames,

    async readStage(): Promise<StageDeployment> {
      const s = await o.apigwv2.send(new GetStageCommand({ ApiId: o.apiId, StageName: o.stage }));
      if (s.AutoDeploy) {
        throw new Error(
          `${o.apiName}/${o.stage} has AutoDeploy on, so apigw-sync cannot control its deployments; set autoDeploy: false for this stage`,
        );
      }
      return { deploymentId: s.DeploymentId };
    },

    async startCanary() {
      const d = await o.apigwv2.send(
        new CreateDeploymentCommand({ ApiId: o.apiId, Description: o.description ?? 'apigw-sync rollout' }),
      );
      if (!d.DeploymentId) throw new Error('CreateDeployment returned no deployment id');
      await waitDeployed(d.DeploymentId);
      await setDeployment(d.DeploymentId);
      return { deploymentId: d.DeploymentId };
    },

    async setCanaryPercent() {
      throw new Error(
        `${kind === 'HttpApi' ? 'HTTP' : 'WebSocket'} APIs cannot split traffic; the rollout runs as a single 100% step`,
      );
    },

    // The new deployment already serves the stage: promotion is keeping it.
    async promote() {},

    async rollback(record: RolloutRecord) {
      const s = await o.apigwv2.send(new GetStageCommand({ ApiId: o.apiId, StageName: o.stage }));
      if (s.DeploymentId !== record.previousDeploymentId) await setDeployment(record.previousDeploymentId);
      if (kind === 'WebSocketApi') {
        await o.restore?.();
        return;
      }
      const exported = await o.apigwv2.send(
        new ExportApiCommand({
          ApiId: o.apiId,
          Specification: 'OAS30',
          OutputType: 'JSON',
          StageName: o.stage,
          IncludeExtensions: true,
        }),
      );
      if (!exported.body) throw new Error(`ExportApi of ${o.apiName}/${o.stage} returned no body`);
      await o.apigwv2.send(new ReimportApiCommand({ ApiId: o.apiId, Body: new TextDecoder().decode(exported.body) }));
    },

    readAlarms: () => readAlarms(o.cloudwatch, o.alarmNames),
    canaryRequests: (from) =>
      countCanaryRequests(o.cloudwatch, {
        kind,
        apiId: o.apiId,
        apiName: o.apiName,
        stage: o.stage,
        from,
        now: o.clock.now(),
      }),
    loadRecord: () => records.load(),
    loadPolicy: () => records.loadPolicy(),
    beginRecord: (r, policy) => records.begin(r, policy, o.alarmNames),
    saveRecord: (r) => records.save(r),
    clearRecord: () => records.clear(),
  };
}
