/**
 * The CloudWatch alarms the example gateway-state's rollout policies name, created on the
 * canary's own series (REST) or the stage (HTTP). The demo, the tests and the benches need
 * them; in a real account they already exist (or are declared as managedAlarms).
 */
import type { AwsClients } from '../aws/clients.js';
import { putCanaryAlarm } from '../aws/rollout/index.js';

/** More than `threshold` 5xx a minute fires; p99 latency over 2 s fires. */
export async function createExampleAlarms(
  clients: Pick<AwsClients, 'cloudwatch'>,
  ids: { shopId: string; eventsId?: string },
  threshold = 5,
): Promise<void> {
  const shape = { periodSeconds: 60, evaluationPeriods: 1, comparison: 'GreaterThanThreshold' as const };
  const shop = { kind: 'RestApi' as const, apiId: ids.shopId, apiName: 'shop-api', stage: 'prod' };
  await putCanaryAlarm(clients.cloudwatch, {
    name: 'shop-api-5xx',
    ...shop,
    alarm: { name: '5xx', metric: '5XXError', statistic: 'Sum', threshold, ...shape },
  });
  await putCanaryAlarm(clients.cloudwatch, {
    name: 'shop-api-p99-latency',
    ...shop,
    alarm: { name: 'p99', metric: 'Latency', statistic: 'p99', threshold: 2000, ...shape },
  });
  if (ids.eventsId) {
    await putCanaryAlarm(clients.cloudwatch, {
      name: 'events-api-5xx',
      kind: 'HttpApi',
      apiId: ids.eventsId,
      apiName: 'events-api',
      stage: 'live',
      alarm: { name: '5xx', metric: '5xx', statistic: 'Sum', threshold, ...shape },
    });
  }
}
