/**
 * Metric alarm evaluation, a pure function of the alarm, its metric's data and the time:
 * the last EvaluationPeriods periods (aligned to the period, the newest being the one that
 * contains `now`), M-of-N via DatapointsToAlarm, TreatMissingData, and state reasons worded
 * like CloudWatch's ("Threshold Crossed: 1 datapoint [12.0 (23/11/26 09:01:00)] was greater
 * than the threshold (5.0).").
 *
 * Missing periods: `breaching`/`notBreaching` count them as such; `missing` leaves them out
 * (ALARM needs DatapointsToAlarm breaching among the present ones; no data at all is
 * INSUFFICIENT_DATA); `ignore` keeps the current state when there is no data. CloudWatch's own
 * look-back beyond the window for sparse data is not modelled.
 */
import { aggregate, bucketize, parseStat } from './statistics.js';
import type { AlarmState, ComparisonOperator, Datum, MetricAlarm } from './types.js';

export interface Evaluation {
  state: AlarmState;
  reason: string;
  reasonData?: string;
}

interface Point {
  t: number;
  value: number;
  sampleCount: number;
}

const PHRASE: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/** CloudWatch prints numbers the way Java prints doubles: 12 → "12.0". */
export function javaDouble(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/MM/yy HH:mm:ss` in UTC, as in CloudWatch's state reasons. */
export function reasonDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-11-23T09:01:00.000+0000`, the timestamp format inside StateReasonData. */
function reasonDataDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function evaluateAlarm(alarm: MetricAlarm, points: Datum[], now: number): Evaluation | undefined {
  const period = alarm.Period ?? 60;
  const periodMs = period * 1000;
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const stat = parseStat(alarm.ExtendedStatistic ?? alarm.Statistic ?? 'Average');
  const newest = Math.floor(now / periodMs) * periodMs;
  const start = newest - (n - 1) * periodMs;
  const relevant = alarm.Unit ? points.filter((p) => p.unit === alarm.Unit) : points;
  const buckets = bucketize(relevant, period, start, newest + periodMs);

  const present: Point[] = [];
  for (let t = newest; t >= start; t -= periodMs) {
    const data = buckets.get(t);
    const value = data ? aggregate(data, stat) : undefined;
    if (value !== undefined) present.push({ t, value, sampleCount: data!.reduce((s, d) => s + d.sampleCount, 0) });
  }
  const missing = n - present.length;
  const treat = alarm.TreatMissingData ?? 'missing';
  const breaching = present.filter((p) => breaches(alarm.ComparisonOperator, p.value, alarm.Threshold));
  const missingBreaches = treat === 'breaching' ? missing : 0;

  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: reasonDataDate(now),
    startDate: reasonDataDate(start),
    ...(alarm.ExtendedStatistic ? { extendedStatistic: alarm.ExtendedStatistic } : { statistic: alarm.Statistic }),
    period,
    recentDatapoints: [...present].reverse().map((p) => p.value),
    threshold: alarm.Threshold,
    evaluatedDatapoints: present.map((p) => ({
      timestamp: reasonDataDate(p.t),
      sampleCount: p.sampleCount,
      value: p.value,
    })),
  });

  if (present.length === 0) {
    if (treat === 'ignore') return undefined;
    if (treat === 'missing') {
      return {
        state: 'INSUFFICIENT_DATA',
        reason: `Insufficient Data: ${n} ${plural(n, 'datapoint was', 'datapoints were')} unknown.`,
        reasonData,
      };
    }
  }
  const phrase = PHRASE[alarm.ComparisonOperator];
  const threshold = javaDouble(alarm.Threshold);
  const list = (ps: Point[]) => `[${ps.map((p) => `${javaDouble(p.value)} (${reasonDate(p.t)})`).join(', ')}]`;

  if (breaching.length + missingBreaches >= m) {
    const shown = breaching.length > 0 ? ` ${list(breaching)}` : '';
    const reason =
      n === 1
        ? `Threshold Crossed: 1 datapoint${shown} was ${phrase} the threshold (${threshold}).`
        : `Threshold Crossed: ${breaching.length + missingBreaches} out of the last ${n} datapoints${shown} were ${phrase} the threshold (${threshold}) (minimum ${m} ${plural(m, 'datapoint', 'datapoints')} for OK -> ALARM transition).`;
    return { state: 'ALARM', reason, reasonData };
  }
  const ok = present.filter((p) => !breaching.includes(p));
  const count = ok.length + (treat === 'notBreaching' ? missing : 0);
  const shown = ok.length > 0 ? ` ${list(ok)}` : '';
  const reason = `Threshold Crossed: ${count} ${plural(count, 'datapoint', 'datapoints')}${shown} ${plural(count, 'was', 'were')} not ${phrase} the threshold (${threshold}).`;
  return { state: 'OK', reason, reasonData };
}
