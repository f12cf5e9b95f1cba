/**
 * CloudWatch side of a rollout: read the guarding alarms (fail safe: a missing alarm is an
 * error, not a pass), keep the managed alarms apigw-sync creates, count canary requests.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
  type Dimension,
} from '@aws-sdk/client-cloudwatch';
import type { ApiKind, ManagedAlarmModel } from '../../model/api.js';
import type { AlarmReading } from '../../rollout/decide.js';

/**
 * The metric series a rollout watches. REST canaries publish their own series; we address
 * it as the stage dimension `<stage>/Canary`, mirroring the canary's execution-log group
 * `API-Gateway-Execution-Logs/{restApiId}/{stage}/Canary`. HTTP and WebSocket APIs have no
 * canary series: all traffic is on the new deployment, so the stage's own series
 * ({ApiId, Stage}) is the one to watch.
 */
export function canaryDimensions(kind: ApiKind, ids: { apiId: string; apiName: string; stage: string }): Dimension[] {
  return kind === 'RestApi'
    ? [
        { Name: 'ApiName', Value: ids.apiName },
        { Name: 'Stage', Value: `${ids.stage}/Canary` },
      ]
    : [
        { Name: 'ApiId', Value: ids.apiId },
        { Name: 'Stage', Value: ids.stage },
      ];
}

export function managedAlarmName(apiKey: string, stage: string, alarm: ManagedAlarmModel): string {
  return `apigw-sync-${apiKey}-${stage}-${alarm.name}`;
}

/** Reads every named alarm; throws when one is missing, so the driver rolls back. */
export async function readAlarms(cw: CloudWatchClient, names: string[]): Promise<AlarmReading[]> {
  if (names.length === 0) return [];
  const found = new Map<string, AlarmReading>();
  let NextToken: string | undefined;
  do {
    const page = await cw.send(
      new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm'], NextToken }),
    );
    for (const a of page.MetricAlarms ?? []) {
      if (!a.AlarmName) continue;
      found.set(a.AlarmName, {
        name: a.AlarmName,
        state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmReading['state'],
        reason: a.StateReason,
        value: latestDatapoint(a.StateReasonData),
        threshold: a.Threshold,
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const missing = names.filter((n) => !found.has(n));
  if (missing.length > 0)
    throw new Error(`alarm${missing.length > 1 ? 's' : ''} not found in CloudWatch: ${missing.join(', ')}`);
  return names.map((n) => found.get(n)!);
}

/** CloudWatch puts the datapoints behind a state change in StateReasonData (JSON). */
function latestDatapoint(stateReasonData?: string): number | undefined {
  if (!stateReasonData) return undefined;
  try {
    const data = JSON.parse(stateReasonData) as { recentDatapoints?: number[] };
    const points = data.recentDatapoints ?? [];
    return points.length > 0 ? points[points.length - 1] : undefined;
  } catch {
    return undefined;
  }
}

/** Creates or updates (PutMetricAlarm is an upsert) one alarm on the canary's own metric series. */
export async function putCanaryAlarm(
  cw: CloudWatchClient,
  opts: {
    name: string;
    kind: ApiKind;
    apiId: string;
    apiName: string;
    stage: string;
    alarm: ManagedAlarmModel;
    description?: string;
  },
): Promise<void> {
  const { alarm } = opts;
  const percentile = /^p\d+(\.\d+)?$/.test(alarm.statistic);
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: opts.name,
      AlarmDescription: opts.description ?? `Guards apigw-sync rollouts of ${opts.apiName}/${opts.stage}.`,
      Namespace: 'AWS/ApiGateway',
      MetricName: alarm.metric,
      Dimensions: canaryDimensions(opts.kind, opts),
      ...(percentile
        ? { ExtendedStatistic: alarm.statistic }
        : { Statistic: alarm.statistic as 'Average' | 'Sum' | 'Maximum' }),
      Period: alarm.periodSeconds,
      EvaluationPeriods: alarm.evaluationPeriods,
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparison,
      TreatMissingData: 'missing',
    }),
  );
}

/** Upserts the alarms apigw-sync keeps for a rollout policy; returns their names. */
export async function ensureManagedAlarms(
  cw: CloudWatchClient,
  opts: { apiKey: string; kind: ApiKind; apiId: string; apiName: string; stage: string; alarms: ManagedAlarmModel[] },
): Promise<string[]> {
  const names: string[] = [];
  for (const alarm of opts.alarms) {
    const name = managedAlarmName(opts.apiKey, opts.stage, alarm);
    await putCanaryAlarm(cw, {
      ...opts,
      name,
      alarm,
      description: `Guards apigw-sync rollouts of ${opts.apiName}/${opts.stage} (managed by apigw-sync; edits are overwritten).`,
    });
    names.push(name);
  }
  return names;
}

/** What counts as the new deployment's requests: REST and HTTP `Count`; WebSocket connections and messages. */
const REQUEST_METRICS: Record<ApiKind, string[]> = {
  RestApi: ['Count'],
  HttpApi: ['Count'],
  WebSocketApi: ['ConnectCount', 'MessageCount'],
};

/**
 * Requests the new deployment served in the metric periods from `from` on: one
 * GetMetricData, Sum of Count (WebSocket: of ConnectCount and MessageCount). `from` is a
 * period boundary (src/rollout/metric-window.ts), and only data points stamped at or after it
 * count — CloudWatch rounds a StartTime down to the minute, which would let the previous
 * canary's last minute in.
 */
export async function countCanaryRequests(
  cw: CloudWatchClient,
  opts: { kind: ApiKind; apiId: string; apiName: string; stage: string; from: number; now: number },
): Promise<number> {
  const res = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(opts.from),
      EndTime: new Date(opts.now + 60_000),
      MetricDataQueries: REQUEST_METRICS[opts.kind].map((MetricName, i) => ({
        Id: i === 0 ? 'canaryCount' : `canaryCount${i}`,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions: canaryDimensions(opts.kind, opts) },
          Period: 60,
          Stat: 'Sum',
        },
      })),
    }),
  );
  let total = 0;
  for (const result of res.MetricDataResults ?? []) {
    const stamps = result.Timestamps ?? [];
    total += (result.Values ?? []).reduce(
      (sum, v, i) => (stamps[i] === undefined || stamps[i].getTime() >= opts.from ? sum + v : sum),
      0,
    );
  }
  return total;
}
