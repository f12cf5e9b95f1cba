/**
 * Traffic per API and stage over the last N days (default 30) from CloudWatch AWS/ApiGateway,
 * in one batched GetMetricData call for all APIs:
 * - REST: `Count` on {ApiName, Stage};
 * - HTTP: `Count` and `DataProcessed` (bytes) on {ApiId, Stage} — bytes / requests gives the
 *   average size that 512 KB metering needs;
 * - WebSocket: `MessageCount` (billed like requests) and `ConnectCount` on {ApiId, Stage}.
 *   AWS publishes no connection-minutes metric: the estimate multiplies connections by the
 *   mean duration the state declares.
 * One-day periods, summed. CloudWatch takes at most 500 queries per call, so more than that
 * (hundreds of stages) is split into further calls; NextToken is followed when present.
 */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ApiKind } from '../model/api.js';
import type { LiveSnapshot } from '../model/live.js';
import type { MeasuredUsage } from '../cost/usage.js';
import { wrapAwsError } from './errors.js';

const DAY_MS = 86_400_000;
/** CloudWatch's limit of MetricDataQueries per GetMetricData call. */
export const MAX_QUERIES_PER_CALL = 500;

export interface UsageTarget {
  apiKey: string;
  kind: ApiKind;
  apiId: string;
  apiName: string;
  stages: string[];
}

export interface ReadUsageOptions {
  /** Days to look back (default 30). */
  days?: number;
  now?: Date;
}

/** What to measure: every live API the state names, with the stages it has in AWS. */
export function usageTargets(live: LiveSnapshot): UsageTarget[] {
  return Object.entries(live.apis).map(([apiKey, l]) => ({
    apiKey,
    kind: l.model.kind,
    apiId: l.ids.apiId,
    apiName: l.model.name,
    stages: Object.keys(l.model.stages).sort(),
  }));
}

interface QueryRef {
  apiKey: string;
  stage: string;
  metric: 'Count' | 'DataProcessed' | 'MessageCount' | 'ConnectCount';
}

function queries(targets: UsageTarget[]): { list: MetricDataQuery[]; refs: Map<string, QueryRef> } {
  const list: MetricDataQuery[] = [];
  const refs = new Map<string, QueryRef>();
  const add = (ref: QueryRef, dims: Array<{ Name: string; Value: string }>) => {
    const id = `q${list.length}`; // Ids must match ^[a-z][a-zA-Z0-9_]*$
    refs.set(id, ref);
    list.push({
      Id: id,
      Label: `${ref.apiKey}/${ref.stage}/${ref.metric}`,
      MetricStat: {
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: ref.metric, Dimensions: dims },
        Period: 86_400,
        Stat: 'Sum',
      },
      ReturnData: true,
    });
  };
  for (const t of targets) {
    for (const stage of t.stages) {
      if (t.kind === 'RestApi') {
        add({ apiKey: t.apiKey, stage, metric: 'Count' }, [
          { Name: 'ApiName', Value: t.apiName },
          { Name: 'Stage', Value: stage },
        ]);
      } else if (t.kind === 'WebSocketApi') {
        const dims = [
          { Name: 'ApiId', Value: t.apiId },
          { Name: 'Stage', Value: stage },
        ];
        add({ apiKey: t.apiKey, stage, metric: 'MessageCount' }, dims);
        add({ apiKey: t.apiKey, stage, metric: 'ConnectCount' }, dims);
      } else {
        const dims = [
          { Name: 'ApiId', Value: t.apiId },
          { Name: 'Stage', Value: stage },
        ];
        add({ apiKey: t.apiKey, stage, metric: 'Count' }, dims);
        add({ apiKey: t.apiKey, stage, metric: 'DataProcessed' }, dims);
      }
    }
  }
  return { list, refs };
}

/** Sums and earliest timestamp per query id, following NextToken. */
async function fetchAll(cw: CloudWatchClient, batch: MetricDataQuery[], start: Date, end: Date) {
  const out = new Map<string, { sum: number; first?: number }>();
  let token: string | undefined;
  do {
    let res;
    try {
      res = await cw.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        }),
      );
    } catch (e) {
      throw wrapAwsError('GetMetricData', e);
    }
    for (const r of res.MetricDataResults ?? []) {
      if (!r.Id) continue;
      const acc = out.get(r.Id) ?? { sum: 0 };
      (r.Values ?? []).forEach((v, i) => {
        if (v <= 0) return;
        acc.sum += v;
        const t = r.Timestamps?.[i]?.getTime();
        if (t !== undefined && (acc.first === undefined || t < acc.first)) acc.first = t;
      });
      out.set(r.Id, acc);
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/**
 * Measured usage per API key. The window of an API younger than `days` starts at its first day
 * bucket with traffic, so a week-old API is not extrapolated as if it had been idle for weeks
 * (this can overstate its age by up to a day, i.e. understate a young API's traffic a little).
 */
export async function readUsage(
  cw: CloudWatchClient,
  targets: UsageTarget[],
  opts: ReadUsageOptions = {},
): Promise<Map<string, MeasuredUsage>> {
  const days = opts.days ?? 30;
  const end = opts.now ?? new Date();
  const start = new Date(end.getTime() - days * DAY_MS);
  const { list, refs } = queries(targets);
  const sums = new Map<string, { sum: number; first?: number }>();
  for (let i = 0; i < list.length; i += MAX_QUERIES_PER_CALL) {
    for (const [id, v] of await fetchAll(cw, list.slice(i, i + MAX_QUERIES_PER_CALL), start, end)) sums.set(id, v);
  }

  const result = new Map<string, MeasuredUsage>();
  const firstSeen = new Map<string, number>();
  const empty = (kind: ApiKind) =>
    kind === 'HttpApi'
      ? { requests: 0, bytes: 0 }
      : kind === 'WebSocketApi'
        ? { requests: 0, connections: 0 }
        : { requests: 0 };
  for (const t of targets)
    result.set(t.apiKey, { windowDays: days, stages: Object.fromEntries(t.stages.map((s) => [s, empty(t.kind)])) });
  for (const [id, ref] of refs) {
    const v = sums.get(id);
    if (!v) continue;
    const stage = result.get(ref.apiKey)!.stages[ref.stage];
    if (ref.metric === 'Count' || ref.metric === 'MessageCount') stage.requests += v.sum;
    else if (ref.metric === 'ConnectCount') stage.connections = (stage.connections ?? 0) + v.sum;
    else stage.bytes = (stage.bytes ?? 0) + v.sum;
    if (v.first !== undefined) firstSeen.set(ref.apiKey, Math.min(firstSeen.get(ref.apiKey) ?? Infinity, v.first));
  }
  for (const [key, first] of firstSeen) {
    // Day buckets start at most a day before the first request: only a first bucket well
    // inside the window means a young API (then the window is its observed life).
    if (first - start.getTime() >= DAY_MS) result.get(key)!.windowDays = Math.max(1, (end.getTime() - first) / DAY_MS);
  }
  return result;
}
