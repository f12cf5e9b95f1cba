/**
 * Builds the rollout port for one live API and stage, with its guarding alarms ready
 * (managed alarms upserted first, so a rollout never starts unguarded by what it declares).
 */
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ApiModel, RolloutPolicy } from '../../model/api.js';
import type { Clock, RolloutPort } from '../../rollout/port.js';
import { ensureManagedAlarms } from './alarms.js';
import { httpRolloutPort } from './http-port.js';
import { restRolloutPort } from './rest-port.js';

export interface RolloutClients {
  apigw: APIGatewayClient;
  apigwv2: ApiGatewayV2Client;
  cloudwatch: CloudWatchClient;
}

export async function createRolloutPort(opts: {
  clients: RolloutClients;
  region: string;
  api: ApiModel;
  apiId: string;
  policy: RolloutPolicy;
  clock: Clock;
  description?: string;
}): Promise<RolloutPort> {
  const { clients, api, policy } = opts;
  const managed = await ensureManagedAlarms(clients.cloudwatch, {
    apiKey: api.key,
    kind: api.kind,
    apiId: opts.apiId,
    apiName: api.name,
    stage: policy.stage,
    alarms: policy.managedAlarms,
  });
  const alarmNames = [...policy.alarms, ...managed];
  const common = { cloudwatch: clients.cloudwatch, region: opts.region, apiId: opts.apiId, apiName: api.name, stage: policy.stage, alarmNames, description: opts.description };
  return api.kind === 'RestApi'
    ? restRolloutPort({ ...common, apigw: clients.apigw, now: () => opts.clock.now() })
    : httpRolloutPort({ ...common, apigwv2: clients.apigwv2, clock: opts.clock });
}

export { restRolloutPort } from './rest-port.js';
export { httpRolloutPort } from './http-port.js';
export { readAlarms, ensureManagedAlarms, putCanaryAlarm, canaryDimensions, managedAlarmName } from './alarms.js';
