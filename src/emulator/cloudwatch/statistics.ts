/**
 * Statistics over stored data: the five basic ones and pNN percentiles, plus bucketing into
 * periods aligned to the epoch (as CloudWatch aligns period boundaries). Pure functions.
 */
import type { Datum } from './types.js';
import { invalidValue } from './wire.js';

export type Stat =
  | { kind: 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount'; name: string }
  | { kind: 'percentile'; p: number; name: string };

const BASIC = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'] as const;

export function parseStat(name: string): Stat {
  if ((BASIC as readonly string[]).includes(name)) return { kind: name as (typeof BASIC)[number], name };
  const m = /^p(\d{1,2}(\.\d{1,10})?|100)$/.exec(name);
  if (m) return { kind: 'percentile', p: Number(m[1]), name };
  throw invalidValue(
    `The value ${name} for parameter Stat is not supported by this emulator; use Sum, Average, Minimum, Maximum, SampleCount or pNN.`,
  );
}

/** The statistic of a set of data points, or undefined when it cannot be computed. */
export function aggregate(points: Datum[], stat: Stat): number | undefined {
  if (points.length === 0) return undefined;
  switch (stat.kind) {
    case 'Sum':
      return points.reduce((s, d) => s + d.sum, 0);
    case 'SampleCount':
      return points.reduce((s, d) => s + d.sampleCount, 0);
    case 'Average': {
      const n = points.reduce((s, d) => s + d.sampleCount, 0);
      return n === 0 ? undefined : points.reduce((s, d) => s + d.sum, 0) / n;
    }
    case 'Minimum':
      return Math.min(...points.map((d) => d.min));
    case 'Maximum':
      return Math.max(...points.map((d) => d.max));
    case 'percentile':
      return percentile(points, stat.p);
  }
}

/** Nearest-rank percentile over the published distributions; undefined if any datum was a bare statistic set. */
function percentile(points: Datum[], p: number): number | undefined {
  const pairs: Array<[value: number, count: number]> = [];
  for (const d of points) {
    if (!d.values) return undefined;
    d.values.forEach((v, i) => pairs.push([v, d.counts?.[i] ?? 1]));
  }
  const total = pairs.reduce((s, [, c]) => s + c, 0);
  if (total === 0) return undefined;
  pairs.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [v, c] of pairs) {
    seen += c;
    if (seen >= rank) return v;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * Groups points with start ≤ t < end into buckets of `periodSec` counted from `originMs`
 * (epoch 0 for alarms; the rounded StartTime for queries), keyed by the bucket's start (epoch ms).
 */
export function bucketize(
  points: Datum[],
  periodSec: number,
  startMs: number,
  endMs: number,
  originMs = 0,
): Map<number, Datum[]> {
  const periodMs = periodSec * 1000;
  const buckets = new Map<number, Datum[]>();
  for (const d of points) {
    if (d.t < startMs || d.t >= endMs) continue;
    const key = originMs + Math.floor((d.t - originMs) / periodMs) * periodMs;
    const list = buckets.get(key);
    if (list) list.push(d);
    else buckets.set(key, [d]);
  }
  return buckets;
}

export function validPeriod(period: number, field = 'Period'): number {
  if (
    !Number.isInteger(period) ||
    period < 1 ||
    (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 20, 30].includes(period))
  ) {
    throw invalidValue(`The parameter ${field} must be 1, 5, 10, 20, 30 or a multiple of 60.`);
  }
  return period;
}

const DAY_MS = 86_400_000;

/** CloudWatch keeps 1-minute data for 15 days, 5-minute data for 63 days, hourly data beyond. */
export function resolutionMs(t: number, nowMs: number): number {
  const age = nowMs - t;
  return age <= 15 * DAY_MS ? 60_000 : age <= 63 * DAY_MS ? 300_000 : 3_600_000;
}

/**
 * Where query periods start: CloudWatch rounds StartTime down to that resolution (minute,
 * 5 minutes or hour by age) and counts periods from there.
 */
export function queryOrigin(startMs: number, nowMs: number): number {
  const step = resolutionMs(startMs, nowMs);
  return Math.floor(startMs / step) * step;
}
