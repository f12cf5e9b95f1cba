/**
 * Traffic the estimate prices, with where each figure came from:
 * - `cloudwatch`: counted over the last N days (AWS/ApiGateway Count), extrapolated to 730 h;
 * - `declared`:   `usage:` in api.yaml (new APIs without history, or a deliberate override);
 * - `none`:       nothing known, assumed 0 — the report says so.
 */
import type { UsageOverride } from '../model/api.js';
import { HOURS_PER_MONTH } from './prices/types.js';

export type UsageSource = 'cloudwatch' | 'declared' | 'none';

/** What src/aws/usage.ts measured for one API. */
export interface MeasuredUsage {
  windowDays: number;
  /** Per stage: requests counted in the window; HTTP APIs also bytes (DataProcessed). */
  stages: Record<string, { requests: number; bytes?: number }>;
}

export interface Usage {
  source: UsageSource;
  /** Requests a month for the whole API. */
  monthlyRequests: number;
  /** Requests a month per stage, when measured per stage; stages not listed had none. */
  byStage?: Record<string, number>;
  /** Average size per request in KB (HTTP 512 KB metering); undefined = assume ≤ 512 KB. */
  avgResponseKb?: number;
  avgResponseKbSource?: Exclude<UsageSource, 'none'>;
  /** The CloudWatch window the monthly figure was extrapolated from. */
  windowDays?: number;
}

/** Scale a count over `windowDays` to a 730-hour month. */
export function extrapolateToMonth(count: number, windowDays: number): number {
  return windowDays > 0 ? (count * HOURS_PER_MONTH) / (windowDays * 24) : 0;
}

export function fromMeasured(m: MeasuredUsage): Usage {
  const byStage: Record<string, number> = {};
  let requests = 0;
  let bytes = 0;
  let sized = false;
  for (const [stage, s] of Object.entries(m.stages)) {
    byStage[stage] = extrapolateToMonth(s.requests, m.windowDays);
    requests += s.requests;
    if (s.bytes !== undefined) {
      bytes += s.bytes;
      sized = true;
    }
  }
  const usage: Usage = { source: 'cloudwatch', monthlyRequests: extrapolateToMonth(requests, m.windowDays), byStage, windowDays: m.windowDays };
  if (sized && requests > 0) {
    usage.avgResponseKb = bytes / requests / 1024;
    usage.avgResponseKbSource = 'cloudwatch';
  }
  return usage;
}

/**
 * One API's usage: a declared figure overrides the measured one field by field (that is what
 * the override is for); without either, zero with source `none`.
 */
export function resolveUsage(declared: UsageOverride | undefined, measured: MeasuredUsage | undefined): Usage {
  const base: Usage = measured ? fromMeasured(measured) : { source: 'none', monthlyRequests: 0 };
  if (declared?.monthlyRequests !== undefined) {
    base.source = 'declared';
    base.monthlyRequests = declared.monthlyRequests;
    delete base.byStage;
    delete base.windowDays;
  }
  if (declared?.avgResponseKb !== undefined) {
    base.avgResponseKb = declared.avgResponseKb;
    base.avgResponseKbSource = 'declared';
  }
  return base;
}

/** Requests a month an API configuration would serve: measured stages it keeps, or the declared total. */
export function requestsFor(stages: readonly string[], usage: Usage | undefined): number {
  if (!usage) return 0;
  if (!usage.byStage) return usage.monthlyRequests;
  return stages.reduce((sum, s) => sum + (usage.byStage![s] ?? 0), 0);
}

/**
 * The usage map for costDelta: every API on either side, declared `usage:` (desired side)
 * over what CloudWatch measured. Keys absent from `measured` had no CloudWatch read.
 */
export function usageMap(opts: {
  desired: { apis: Record<string, { usage?: UsageOverride }> };
  live: { apis: Record<string, unknown> };
  measured?: Map<string, MeasuredUsage>;
}): Map<string, Usage> {
  const keys = [...new Set([...Object.keys(opts.desired.apis), ...Object.keys(opts.live.apis)])].sort();
  return new Map(keys.map((k) => [k, resolveUsage(opts.desired.apis[k]?.usage, opts.measured?.get(k))]));
}
