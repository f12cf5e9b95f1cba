/** PutMetricData, GetMetricData, GetMetricStatistics and ListMetrics over the metric store. */
import { AwsError, type RouteDef } from '../core/types.js';
import { readDimensions } from './alarm-ops.js';
import type { MetricStore } from './metric-store.js';
import { cwRoute } from './route-def.js';
import { aggregate, bucketize, parseStat, queryOrigin, validPeriod } from './statistics.js';
import type { Datum, MetricId } from './types.js';
import {
  asObj,
  bodyOf,
  invalidCombination,
  invalidValue,
  missingParam,
  ok,
  optList,
  optNum,
  optStr,
  optStrList,
  readTime,
  reqNum,
  reqStr,
  toEpochSeconds,
  type Body,
} from './wire.js';

const TWO_WEEKS_MS = 14 * 86400_000;
const TWO_HOURS_MS = 2 * 3600_000;

function readDatum(o: Body, field: string, now: number): Datum {
  const t = readTime(o, 'Timestamp', false) ?? now;
  if (t < now - TWO_WEEKS_MS)
    throw invalidValue(`The parameter ${field}.Timestamp must specify a time no more than two weeks in the past.`);
  if (t > now + TWO_HOURS_MS)
    throw invalidValue(`The parameter ${field}.Timestamp must specify a time no more than two hours in the future.`);
  const unit = optStr(o, 'Unit');
  const value = optNum(o, 'Value');
  const values = optList(o, 'Values') as number[] | undefined;
  const stats = o.StatisticValues !== undefined ? asObj(o.StatisticValues, `${field}.StatisticValues`) : undefined;
  const given = [value !== undefined, values !== undefined, stats !== undefined].filter(Boolean).length;
  if (given !== 1) throw invalidCombination(`${field} must have exactly one of Value, Values or StatisticValues.`);
  if (value !== undefined)
    return { t, sampleCount: 1, sum: value, min: value, max: value, unit, values: [value], counts: [1] };
  if (values) {
    const counts = (optList(o, 'Counts') as number[] | undefined) ?? values.map(() => 1);
    if (counts.length !== values.length)
      throw invalidValue(`${field}.Counts must have as many members as ${field}.Values.`);
    if (values.length === 0) throw invalidValue(`${field}.Values must not be empty.`);
    const n = counts.reduce((s, c) => s + c, 0);
    return {
      t,
      unit,
      values: [...values],
      counts: [...counts],
      sampleCount: n,
      sum: values.reduce((s, v, i) => s + v * counts[i], 0),
      min: Math.min(...values),
      max: Math.max(...values),
    };
  }
  return {
    t,
    unit,
    sampleCount: reqNum(stats!, 'SampleCount'),
    sum: reqNum(stats!, 'Sum'),
    min: reqNum(stats!, 'Minimum'),
    max: reqNum(stats!, 'Maximum'),
  };
}

function readMetric(o: Body, field: string): MetricId {
  return {
    Namespace: reqStr(o, 'Namespace'),
    MetricName: reqStr(o, 'MetricName'),
    Dimensions: readDimensions(optList(o, 'Dimensions'), `${field}.Dimensions`),
  };
}

interface QueryResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: unknown[];
}

function runQuery(
  store: MetricStore,
  q: Body,
  i: number,
  window: { start: number; end: number; origin: number },
  ascending: boolean,
): QueryResult | undefined {
  const { start, end, origin } = window;
  const field = `MetricDataQueries.member.${i + 1}`;
  const id = reqStr(q, 'Id');
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(id))
    throw invalidValue(
      `The value ${id} for parameter ${field}.Id is not valid: it must start with a lower-case letter.`,
    );
  if (q.Expression !== undefined)
    throw invalidValue(`${field}: metric math expressions are not supported by this emulator; use MetricStat.`);
  if (q.MetricStat === undefined) throw missingParam(`${field} must have MetricStat.`);
  const ms = asObj(q.MetricStat, `${field}.MetricStat`);
  const metric = readMetric(asObj(ms.Metric, `${field}.MetricStat.Metric`), `${field}.MetricStat.Metric`);
  const period = validPeriod(reqNum(ms, 'Period'), `${field}.MetricStat.Period`);
  const stat = parseStat(reqStr(ms, 'Stat'));
  const unit = optStr(ms, 'Unit');
  if (q.ReturnData === false) return undefined;
  const points = (store.get(metric)?.points ?? []).filter((p) => unit === undefined || p.unit === unit);
  const rows: Array<[number, number]> = [];
  for (const [t, data] of bucketize(points, period, start, end, origin)) {
    const v = aggregate(data, stat);
    if (v !== undefined) rows.push([t, v]);
  }
  rows.sort((a, b) => (ascending ? a[0] - b[0] : b[0] - a[0]));
  return {
    Id: id,
    Label: optStr(q, 'Label') ?? metric.MetricName,
    Timestamps: rows.map(([t]) => toEpochSeconds(t)),
    Values: rows.map(([, v]) => v),
    StatusCode: 'Complete',
    Messages: [],
  };
}

/** Datapoints already returned travel in NextToken, so the next call resumes where this one stopped. */
function paginate(results: QueryResult[], offset: number, max: number): { results: QueryResult[]; next?: number } {
  let skip = offset;
  let budget = max;
  let consumed = offset;
  let truncated = false;
  const out = results.map((r) => {
    const from = Math.min(skip, r.Values.length);
    skip -= from;
    const take = Math.min(budget, r.Values.length - from);
    budget -= take;
    consumed += take;
    if (from + take < r.Values.length) truncated = true;
    return {
      ...r,
      Timestamps: r.Timestamps.slice(from, from + take),
      Values: r.Values.slice(from, from + take),
      StatusCode: from + take < r.Values.length ? ('PartialData' as const) : r.StatusCode,
    };
  });
  return truncated ? { results: out, next: consumed } : { results: out };
}

const STATS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

export function metricRoutes(store: MetricStore, now: () => number): RouteDef[] {
  return [
    cwRoute('PutMetricData', true, (req) => {
      const b = bodyOf(req);
      const namespace = reqStr(b, 'Namespace');
      if (namespace.startsWith('AWS/'))
        throw invalidValue(`The value ${namespace} for parameter Namespace is invalid.`);
      const data = optList(b, 'MetricData') ?? [];
      if (data.length === 0) throw missingParam('The parameter MetricData is required.');
      if (data.length > 1000) throw invalidValue('The collection MetricData must not have more than 1000 members.');
      const t = now();
      const entries = data.map((d, i) => {
        const field = `MetricData.member.${i + 1}`;
        const o = asObj(d, field);
        return {
          metric: {
            Namespace: namespace,
            MetricName: reqStr(o, 'MetricName'),
            Dimensions: readDimensions(optList(o, 'Dimensions'), `${field}.Dimensions`),
          },
          datum: readDatum(o, field, t),
        };
      });
      store.putAll(entries);
      return ok();
    }),
    cwRoute('GetMetricData', false, (req) => {
      const b = bodyOf(req);
      const queries = optList(b, 'MetricDataQueries');
      if (!queries || queries.length === 0) throw missingParam('The parameter MetricDataQueries is required.');
      if (queries.length > 500)
        throw invalidValue('The collection MetricDataQueries must not have more than 500 members.');
      const start = readTime(b, 'StartTime', true);
      const end = readTime(b, 'EndTime', true);
      if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
      const scanBy = optStr(b, 'ScanBy') ?? 'TimestampDescending';
      if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending')
        throw invalidValue(`The value ${scanBy} for parameter ScanBy is not valid.`);
      const max = optNum(b, 'MaxDatapoints') ?? 100_800;
      if (!Number.isInteger(max) || max < 1)
        throw invalidValue('The parameter MaxDatapoints must be a positive integer.');
      const ids = new Set<string>();
      const results: QueryResult[] = [];
      queries.forEach((q, i) => {
        const o = asObj(q, `MetricDataQueries.member.${i + 1}`);
        const id = optStr(o, 'Id');
        if (id !== undefined && ids.has(id))
          throw invalidValue(`The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
        if (id !== undefined) ids.add(id);
        const origin = queryOrigin(start, now());
        const r = runQuery(store, o, i, { start: origin, end, origin }, scanBy === 'TimestampAscending');
        if (r) results.push(r);
      });
      const token = optStr(b, 'NextToken');
      let offset = 0;
      if (token !== undefined) {
        const m = /^d(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
        if (!m) throw new AwsError(400, 'InvalidNextToken', 'The parameter NextToken is not valid.');
        offset = Number(m[1]);
      }
      const paged = paginate(results, offset, max);
      return ok({
        MetricDataResults: paged.results,
        Messages: [],
        ...(paged.next !== undefined ? { NextToken: Buffer.from(`d${paged.next}`).toString('base64url') } : {}),
      });
    }),
    cwRoute('GetMetricStatistics', false, (req) => {
      const b = bodyOf(req);
      const metric = readMetric(b, '');
      const start = readTime(b, 'StartTime', true);
      const end = readTime(b, 'EndTime', true);
      if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
      const period = validPeriod(reqNum(b, 'Period'));
      const statistics = optStrList(b, 'Statistics') ?? [];
      const extended = optStrList(b, 'ExtendedStatistics') ?? [];
      if (statistics.length === 0 && extended.length === 0)
        throw missingParam('Either Statistics or ExtendedStatistics must be specified.');
      if (statistics.length > 0 && extended.length > 0)
        throw invalidCombination('Statistics and ExtendedStatistics cannot both be specified.');
      for (const s of statistics)
        if (!STATS.includes(s)) throw invalidValue(`The value ${s} for parameter Statistics is not valid.`);
      const ext = extended.map((s) => {
        const st = parseStat(s);
        if (st.kind !== 'percentile')
          throw invalidValue(`The value ${s} for parameter ExtendedStatistics is not a percentile.`);
        return st;
      });
      const requested = Math.ceil((end - start) / (period * 1000));
      if (requested > 1440) {
        throw invalidCombination(
          `You have requested up to ${requested} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
        );
      }
      const unit = optStr(b, 'Unit');
      const points = (store.get(metric)?.points ?? []).filter((p) => unit === undefined || p.unit === unit);
      const origin = queryOrigin(start, now());
      const datapoints = [...bucketize(points, period, origin, end, origin)].map(([t, data]) => {
        const dp: Record<string, unknown> = { Timestamp: toEpochSeconds(t), Unit: unit ?? data[0].unit ?? 'None' };
        for (const s of statistics) dp[s] = aggregate(data, parseStat(s));
        if (ext.length > 0) {
          dp.ExtendedStatistics = Object.fromEntries(
            ext.map((st) => [st.name, aggregate(data, st)]).filter(([, v]) => v !== undefined),
          );
        }
        return dp;
      });
      return ok({ Label: metric.MetricName, Datapoints: datapoints });
    }),
    cwRoute('ListMetrics', false, (req) => {
      const b = bodyOf(req);
      const namespace = optStr(b, 'Namespace');
      const name = optStr(b, 'MetricName');
      const filters = (optList(b, 'Dimensions') ?? []).map((d, i) => {
        const o = asObj(d, `Dimensions.member.${i + 1}`);
        return { Name: reqStr(o, 'Name'), Value: optStr(o, 'Value') };
      });
      const recently = optStr(b, 'RecentlyActive');
      if (recently !== undefined && recently !== 'PT3H')
        throw invalidValue(`The value ${recently} for parameter RecentlyActive is not valid.`);
      const since = now() - 3 * 3600_000;
      const all = store
        .all()
        .filter((s) => namespace === undefined || s.metric.Namespace === namespace)
        .filter((s) => name === undefined || s.metric.MetricName === name)
        .filter((s) =>
          filters.every((f) =>
            s.metric.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)),
          ),
        )
        .filter((s) => recently === undefined || s.points.some((p) => p.t >= since))
        .map((s) => s.metric);
      const token = optStr(b, 'NextToken');
      let offset = 0;
      if (token !== undefined) {
        const m = /^m(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
        if (!m) throw new AwsError(400, 'InvalidNextToken', 'The parameter NextToken is not valid.');
        offset = Number(m[1]);
      }
      const PAGE = 500;
      const items = all.slice(offset, offset + PAGE);
      return ok({
        Metrics: items,
        ...(offset + PAGE < all.length ? { NextToken: Buffer.from(`m${offset + PAGE}`).toString('base64url') } : {}),
      });
    }),
  ];
}
