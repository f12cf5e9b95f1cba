/**
 * Traffic the estimate prices, with where each figure came from:
 * - `cloudwatch`: counted over the last N days (AWS/ApiGateway Count; WebSocket APIs:
 *                 MessageCount and ConnectCount), extrapolated to 730 h;
 * - `declared`:   `usage:` in api.yaml (new APIs without history, or a deliberate override);
 * - `none`:       nothing known, assumed 0 — the report says so.
 * WebSocket APIs: `monthlyRequests` holds messages; connection minutes are connections × the
 * declared mean connection duration (AWS publishes no connection-minutes metric).
 */
import type { UsageOverride } from '../model/api.js';
import { HOURS_PER_MONTH } from './prices/types.js';

export type UsageSource = 'cloudwatch' | 'declared' | 'none';

/** What src/aws/usage.ts measured for one API. */
export interface MeasuredUsage {
  windowDays: number;
  /** Per stage: requests counted in the window; HTTP APIs also bytes (DataProcessed); WebSocket APIs messages (as requests) and connections. */
  stages: Record<string, { requests: number; bytes?: number; connections?: number }>;
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
  /** WebSocket: connections a month (ConnectCount, or declared). */
  monthlyConnections?: number;
  connectionsByStage?: Record<string, number>;
  /** WebSocket: mean minutes a connection stays open — only ever declared (no metric exists). */
  avgConnectionMinutes?: number;
  /** WebSocket: mean message size in KB (32 KB metering); declared. */
  avgMessageKb?: number;
}

/** Scale a count over `windowDays` to a 730-hour month. */
export function extrapolateToMonth(count: number, windowDays: number): number {
  return windowDays > 0 ? (count * HOURS_PER_MONTH) / (windowDays * 24) : 0;
}

export function fromMeasured(m: MeasuredUsage): Usage {
  const byStage: Record<string, number> = {};
  const connectionsByStage: Record<string, number> = {};
  let requests = 0;
  let bytes = 0;
  let sized = false;
  let connections: number | undefined;
  for (const [stage, s] of Object.entries(m.stages)) {
    byStage[stage] = extrapolateToMonth(s.requests, m.windowDays);
    requests += s.requests;
    if (s.bytes !== undefined) {
      bytes += s.bytes;
      sized = true;
    }
    if (s.connections !== undefined) {
      connectionsByStage[stage] = extrapolateToMonth(s.connections, m.windowDays);
      connections = (connections ?? 0) + s.connections;
    }
  }
  const usage: Usage = {
    source: 'cloudwatch',
    monthlyRequests: extrapolateToMonth(requests, m.windowDays),
    byStage,
    windowDays: m.windowDays,
  };
  if (connections !== undefined) {
    usage.monthlyConnections = extrapolateToMonth(connections, m.windowDays);
    usage.connectionsByStage = connectionsByStage;
  }
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
  // WebSocket APIs declare messages (their requests) and connections.
  const requests = declared?.monthlyMessages ?? declared?.monthlyRequests;
  if (requests !== undefined || declared?.monthlyConnections !== undefined) {
    base.source = 'declared';
    if (requests !== undefined) base.monthlyRequests = requests;
    if (declared?.monthlyConnections !== undefined) base.monthlyConnections = declared.monthlyConnections;
    delete base.byStage;
    delete base.connectionsByStage;
    delete base.windowDays;
  }
  if (declared?.avgResponseKb !== undefined) {
    base.avgResponseKb = declared.avgResponseKb;
    base.avgResponseKbSource = 'declared';
  }
  if (declared?.avgConnectionMinutes !== undefined) base.avgConnectionMinutes = declared.avgConnectionMinutes;
  if (declared?.avgMessageKb !== undefined) base.avgMessageKb = declared.avgMessageKb;
  return base;
}

/** Requests a month an API configuration would serve: measured stages it keeps, or the declared total. */
export function requestsFor(stages: readonly string[], usage: Usage | undefined): number {
  if (!usage) return 0;
  if (!usage.byStage) return usage.monthlyRequests;
  return stages.reduce((sum, s) => sum + (usage.byStage![s] ?? 0), 0);
}

/** WebSocket connections a month an API configuration would serve (as requestsFor). */
export function connectionsFor(stages: readonly string[], usage: Usage | undefined): number {
  if (!usage) return 0;
  if (!usage.connectionsByStage) return usage.monthlyConnections ?? 0;
  return stages.reduce((sum, s) => sum + (usage.connectionsByStage![s] ?? 0), 0);
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
