/**
 * REST API canary through stage canarySettings (see DESIGN.md, "REST canary"):
 * start = CreateDeployment with canarySettings; step = replace /canarySettings/percentTraffic;
 * promote = copy the canary's deployment (and variable overrides) to the stage, then remove
 * /canarySettings; rollback = remove /canarySettings, then return resources, methods and
 * integrations to what the stable deployment serves (GetExport of the stage → PutRestApi
 * overwrite), so the API matches its stage again. Every method re-reads the stage first so
 * that a resumed run repeats nothing that already happened.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  GetExportCommand,
  GetStageCommand,
  PutRestApiCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RolloutPort, StageDeployment } from '../../rollout/port.js';
import type { RolloutRecord } from '../../rollout/record.js';
import { countCanaryRequests, readAlarms } from './alarms.js';
import { recordStore } from './record-tag.js';
import type { RolloutTarget } from './target.js';

export interface RestPortOptions extends RolloutTarget {
  apigw: APIGatewayClient;
  /** For the API's tags (the rollout mark); REST calls go through `apigw`. */
  apigwv2: ApiGatewayV2Client;
  cloudwatch: CloudWatchClient;
  now?: () => number;
}

export function restRolloutPort(o: RestPortOptions): RolloutPort {
  const records = recordStore(o, { kind: 'RestApi', apiId: o.apiId, stage: o.stage });
  const now = o.now ?? Date.now;
  const getStage = () => o.apigw.send(new GetStageCommand({ restApiId: o.apiId, stageName: o.stage }));
  const patch = (patchOperations: PatchOperation[]) =>
    o.apigw.send(new UpdateStageCommand({ restApiId: o.apiId, stageName: o.stage, patchOperations }));

  return {
    kind: 'RestApi',
    label: `${o.apiName}/${o.stage}`,
    alarmNames: o.alarmNames,

    async readStage(): Promise<StageDeployment> {
      const s = await getStage();
      const canary = s.canarySettings?.deploymentId
        ? { deploymentId: s.canarySettings.deploymentId, percent: s.canarySettings.percentTraffic ?? 0 }
        : undefined;
      return { deploymentId: s.deploymentId, canary };
    },

    async startCanary(percent) {
      const s = await getStage().catch(() => undefined);
      const base = { restApiId: o.apiId, stageName: o.stage, description: o.description ?? 'apigw-sync rollout' };
      // A stage without a deployment has no traffic to protect: deploy to it directly.
      const input = s?.deploymentId
        ? { ...base, canarySettings: { percentTraffic: percent, useStageCache: false } }
        : base;
      const d = await o.apigw.send(new CreateDeploymentCommand(input));
      if (!d.id) throw new Error('CreateDeployment returned no deployment id');
      return { deploymentId: d.id };
    },

    async setCanaryPercent(percent) {
      await patch([{ op: 'replace', path: '/canarySettings/percentTraffic', value: percent.toFixed(1) }]);
    },

    async promote(record: RolloutRecord) {
      const s = await getStage();
      if (s.canarySettings) {
        if (s.deploymentId !== record.canaryDeploymentId) {
          const ops: PatchOperation[] = [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }];
          if (Object.keys(s.canarySettings.stageVariableOverrides ?? {}).length > 0) {
            ops.push({ op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' });
          }
          ops.push({ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' });
          await patch(ops);
        }
        await patch([{ op: 'remove', path: '/canarySettings' }]);
        return;
      }
      if (s.deploymentId !== record.canaryDeploymentId) {
        throw new Error(
          `${o.apiName}/${o.stage} has no canary and serves ${s.deploymentId}, not ${record.canaryDeploymentId}: ` +
            'the canary was removed by someone else; nothing was promoted',
        );
      }
    },

    async rollback(record: RolloutRecord) {
      const s = await getStage();
      const ops: PatchOperation[] = [];
      if (s.canarySettings) ops.push({ op: 'remove', path: '/canarySettings' });
      if (s.deploymentId !== record.previousDeploymentId) {
        ops.push({ op: 'replace', path: '/deploymentId', value: record.previousDeploymentId });
      }
      if (ops.length > 0) await patch(ops);
      // The stage now serves the stable deployment; make the API's resources match it again.
      const exported = await o.apigw.send(
        new GetExportCommand({
          restApiId: o.apiId,
          stageName: o.stage,
          exportType: 'oas30',
          accepts: 'application/json',
          parameters: { extensions: 'integrations,authorizers,apigateway' },
        }),
      );
      if (!exported.body) throw new Error(`GetExport of ${o.apiName}/${o.stage} returned no body`);
      await o.apigw.send(new PutRestApiCommand({ restApiId: o.apiId, mode: 'overwrite', body: exported.body }));
    },

    readAlarms: () => readAlarms(o.cloudwatch, o.alarmNames),
    canaryRequests: (from) =>
      countCanaryRequests(o.cloudwatch, {
        kind: 'RestApi',
        apiId: o.apiId,
        apiName: o.apiName,
        stage: o.stage,
        from,
        now: now(),
      }),
    loadRecord: () => records.load(),
    loadPolicy: () => records.loadPolicy(),
    beginRecord: (r, policy) => records.begin(r, policy, o.alarmNames),
    saveRecord: (r) => records.save(r),
    clearRecord: () => records.clear(),
  };
}
