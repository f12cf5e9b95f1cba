/**
 * Builds the rollout port for one live API and stage, with its guarding alarms ready
 * (managed alarms upserted first, so a rollout never starts unguarded by what it declares).
 */
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ApiKind, ApiModel, RolloutPolicy } from '../../model/api.js';
import type { Clock, RolloutPort } from '../../rollout/port.js';
import { ensureManagedAlarms } from './alarms.js';
import { httpRolloutPort } from './http-port.js';
import { restRolloutPort } from './rest-port.js';
import type { RolloutTarget } from './target.js';

export interface RolloutClients {
  apigw: APIGatewayClient;
  apigwv2: ApiGatewayV2Client;
  cloudwatch: CloudWatchClient;
}

export async function createRolloutPort(opts: {
  clients: RolloutClients;
  api: ApiModel;
  apiId: string;
  policy: RolloutPolicy;
  clock: Clock;
  description?: string;
  /** WebSocket: how a rollback returns the API's definition to the one the change started from. */
  restore?: () => Promise<void>;
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
  return rolloutPortFor({
    clients,
    kind: api.kind,
    apiId: opts.apiId,
    apiName: api.name,
    stage: policy.stage,
    alarmNames,
    clock: opts.clock,
    description: opts.description,
    restore: opts.restore,
  });
}

/** The port for a rollout whose alarms already exist: a new one (above), or one found in AWS and taken over. */
export function rolloutPortFor(
  o: RolloutTarget & { clients: RolloutClients; kind: ApiKind; clock: Clock; restore?: () => Promise<void> },
): RolloutPort {
  const common = {
    ...o.clients,
    apiId: o.apiId,
    apiName: o.apiName,
    stage: o.stage,
    alarmNames: o.alarmNames,
    description: o.description,
  };
  return o.kind === 'RestApi'
    ? restRolloutPort({ ...common, now: () => o.clock.now() })
    : httpRolloutPort({ ...common, kind: o.kind, clock: o.clock, restore: o.restore });
}

export { restRolloutPort } from './rest-port.js';
export { httpRolloutPort } from './http-port.js';
export { readAlarms, ensureManagedAlarms, putCanaryAlarm, canaryDimensions, managedAlarmName } from './alarms.js';
