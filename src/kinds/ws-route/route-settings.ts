/**
 * WebSocket route settings on the wire: a stage's DefaultRouteSettings (every route) and its
 * RouteSettings (by route key) are each {ThrottlingRateLimit, ThrottlingBurstLimit,
 * LoggingLevel, DataTraceEnabled, DetailedMetricsEnabled}. The stage field table's `ws`
 * columns use these (kinds/stage/fields.ts); they live with the WebSocket route kind.
 *
 * Normalizing: AWS reports a new WebSocket stage as {DataTraceEnabled: false,
 * DetailedMetricsEnabled: false, LoggingLevel: OFF}, which reads as nothing set; a throttling
 * limit of -1 is "not set" (what apigw-sync, like Terraform's provider, writes to remove one).
 * A value the state declares keeps its form even when it equals AWS's default.
 */
import type { RouteSettingsModel, StageLoggingModel } from '../stage/model.js';

type Obj = Record<string, unknown>;
type Throttling = NonNullable<RouteSettingsModel['throttling']>;

/** A limit AWS takes as "not set". */
export const UNSET_LIMIT = -1;

const num = (v: unknown) => (typeof v === 'number' && v >= 0 ? v : undefined);

export function readThrottling(s: Obj | undefined): Throttling | undefined {
  const rate = num(s?.ThrottlingRateLimit);
  const burst = num(s?.ThrottlingBurstLimit);
  return rate !== undefined && burst !== undefined ? { rateLimit: rate, burstLimit: burst } : undefined;
}

export function readLogging(s: Obj | undefined, declared?: StageLoggingModel): StageLoggingModel | undefined {
  const level = s?.LoggingLevel as StageLoggingModel['level'] | undefined;
  if (!level) return undefined;
  const dataTrace = s?.DataTraceEnabled === true;
  if (level === 'OFF' && !dataTrace && !declared) return undefined;
  return { level, ...(dataTrace ? { dataTrace: true } : {}) };
}

export function readDetailedMetrics(s: Obj | undefined, declared?: boolean): boolean | undefined {
  const on = s?.DetailedMetricsEnabled;
  if (on === true) return true;
  return on === false && declared === false ? false : undefined;
}

/** One RouteSettings entry (or the DefaultRouteSettings) as the model holds it; empty when nothing is set. */
export function readRouteSettings(s: Obj | undefined, declared?: RouteSettingsModel): RouteSettingsModel {
  const out: RouteSettingsModel = {};
  const throttling = readThrottling(s);
  const logging = readLogging(s, declared?.logging);
  const detailedMetrics = readDetailedMetrics(s, declared?.detailedMetrics);
  if (throttling) out.throttling = throttling;
  if (logging) out.logging = logging;
  if (detailedMetrics !== undefined) out.detailedMetrics = detailedMetrics;
  return out;
}

/**
 * Model → wire, every member said (AWS's UpdateStage takes the whole settings object): what is
 * not set is sent as AWS's default, and a throttling limit as -1 — except at create, where
 * unset limits are left out.
 */
export function wireRouteSettings(s: RouteSettingsModel, opts: { create: boolean }): Obj {
  const out: Obj = {
    LoggingLevel: s.logging?.level ?? 'OFF',
    DataTraceEnabled: s.logging?.dataTrace ?? false,
    DetailedMetricsEnabled: s.detailedMetrics ?? false,
  };
  if (s.throttling || !opts.create) {
    out.ThrottlingRateLimit = s.throttling?.rateLimit ?? UNSET_LIMIT;
    out.ThrottlingBurstLimit = s.throttling?.burstLimit ?? UNSET_LIMIT;
  }
  return out;
}

/** The stage's route settings map as read: entries with nothing set are left out; absent when none is left. */
export function readRouteSettingsMap(m: Obj | undefined, declared?: Record<string, RouteSettingsModel>): Record<string, RouteSettingsModel> | undefined {
  const out: Record<string, RouteSettingsModel> = {};
  for (const key of Object.keys(m ?? {}).sort()) {
    const entry = readRouteSettings(m![key] as Obj, declared?.[key]);
    if (Object.keys(entry).length > 0 || (declared && key in declared)) out[key] = entry;
  }
  return Object.keys(out).length > 0 || declared !== undefined ? out : undefined;
}

/** RouteSettings for the route keys whose settings are new or changed (removed keys are DeleteRouteSettings calls). */
export function changedRouteSettings(b: Record<string, RouteSettingsModel> = {}, a: Record<string, RouteSettingsModel> = {}, same: (x: unknown, y: unknown) => boolean): Obj | undefined {
  const out: Obj = {};
  for (const [key, entry] of Object.entries(a)) if (!same(b[key], entry)) out[key] = wireRouteSettings(entry, { create: false });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Route keys whose settings the stage had and no longer has (apply: DeleteRouteSettings each). */
export function removedRouteSettings(b: Record<string, RouteSettingsModel> = {}, a: Record<string, RouteSettingsModel> = {}): string[] {
  return Object.keys(b).filter((k) => !(k in a)).sort();
}

/** The state's form of a logging block: `dataTrace: false` says nothing. */
export function loadLogging(l: StageLoggingModel | undefined): StageLoggingModel | undefined {
  return l && { level: l.level, ...(l.dataTrace ? { dataTrace: true } : {}) };
}

export function loadRouteSettings(m: Record<string, RouteSettingsModel> | undefined): Record<string, RouteSettingsModel> | undefined {
  if (!m) return undefined;
  const out: Record<string, RouteSettingsModel> = {};
  for (const key of Object.keys(m).sort()) {
    const e = m[key];
    out[key] = {
      ...(e.throttling ? { throttling: { ...e.throttling } } : {}),
      ...(e.logging ? { logging: loadLogging(e.logging) } : {}),
      ...(e.detailedMetrics !== undefined ? { detailedMetrics: e.detailedMetrics } : {}),
    };
  }
  return out;
}
