/**
 * Per-route settings on a stage (throttling, detailed metrics, execution logging, caching),
 * one model for the three wire dialects AWS has:
 *
 * - REST `methodSettings`: `*\/*` holds the stage-wide values, `{resourcePath}/{httpMethod}`
 *   an override. An override is a whole record: it starts as a copy of `*\/*` and does not
 *   follow later changes of `*\/*`. Written with UpdateStage patch operations.
 * - HTTP `DefaultRouteSettings` + `RouteSettings` (v2): UpdateStage merges them member by
 *   member and no call removes a member; DeleteRouteSettings drops one route's entry.
 * - WebSocket: the HTTP dialect plus execution logging.
 *
 * Everything is computed on a flat record of AWS's members (FlatSettings): the stage-wide
 * values come from the stage's own fields, a route's from those with its entry on top. The
 * model keeps, per route, only what differs from the stage (or what the state declares), so
 * a setting made equal to the stage's in the console reads back as inherited. Writes always
 * send the effective values, so an override that no longer differs follows the stage again.
 * Pure: no SDK, no I/O.
 */
import type { Obj } from '../field.js';
import type { PatchOperation } from '../patch.js';
import type { LoggingLevel, RouteSettingsModel, StageModel, UnauthorizedCacheStrategy } from './model.js';

/** A method's or route's settings as AWS holds them (REST MethodSetting's members). */
export interface FlatSettings {
  metricsEnabled: boolean;
  loggingLevel: LoggingLevel;
  dataTraceEnabled: boolean;
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: UnauthorizedCacheStrategy;
}

export type SettingMember = keyof FlatSettings;

/** AWS's values for what nothing sets; -1 is "not throttled at this level" (the account's limits apply). */
export const AWS_SETTING_DEFAULTS: Readonly<FlatSettings> = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingRateLimit: -1,
  throttlingBurstLimit: -1,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

interface DialectMember {
  flat: SettingMember;
  /** The member of the wire object (methodSettings item, DefaultRouteSettings, a RouteSettings entry). */
  wire: string;
  /** REST: the patch path below `/{resourcePath}/{httpMethod}`. */
  path?: string;
}

export interface SettingsDialect {
  readonly label: string;
  readonly members: readonly DialectMember[];
  /** v2: a route entry's member that is absent, or -1 for a limit, is the stage's (no copy on create). */
  readonly inheritsByAbsence: boolean;
}

export const REST_METHOD_SETTINGS: SettingsDialect = {
  label: 'method settings',
  inheritsByAbsence: false,
  members: [
    { flat: 'metricsEnabled', wire: 'metricsEnabled', path: 'metrics/enabled' },
    { flat: 'loggingLevel', wire: 'loggingLevel', path: 'logging/loglevel' },
    { flat: 'dataTraceEnabled', wire: 'dataTraceEnabled', path: 'logging/dataTrace' },
    { flat: 'throttlingRateLimit', wire: 'throttlingRateLimit', path: 'throttling/rateLimit' },
    { flat: 'throttlingBurstLimit', wire: 'throttlingBurstLimit', path: 'throttling/burstLimit' },
    { flat: 'cachingEnabled', wire: 'cachingEnabled', path: 'caching/enabled' },
    { flat: 'cacheTtlInSeconds', wire: 'cacheTtlInSeconds', path: 'caching/ttlInSeconds' },
    { flat: 'cacheDataEncrypted', wire: 'cacheDataEncrypted', path: 'caching/dataEncrypted' },
    {
      flat: 'requireAuthorizationForCacheControl',
      wire: 'requireAuthorizationForCacheControl',
      path: 'caching/requireAuthorizationForCacheControl',
    },
    {
      flat: 'unauthorizedCacheControlHeaderStrategy',
      wire: 'unauthorizedCacheControlHeaderStrategy',
      path: 'caching/unauthorizedCacheControlHeaderStrategy',
    },
  ],
};

const V2_MEMBERS: DialectMember[] = [
  { flat: 'metricsEnabled', wire: 'DetailedMetricsEnabled' },
  { flat: 'throttlingRateLimit', wire: 'ThrottlingRateLimit' },
  { flat: 'throttlingBurstLimit', wire: 'ThrottlingBurstLimit' },
];

/** HTTP APIs: throttling and detailed metrics ("Execution logs are not supported on protocolType HTTP"). */
export const HTTP_ROUTE_SETTINGS: SettingsDialect = {
  label: 'route settings',
  inheritsByAbsence: true,
  members: V2_MEMBERS,
};

/** WebSocket APIs: the HTTP members plus execution logging. */
export const WEBSOCKET_ROUTE_SETTINGS: SettingsDialect = {
  label: 'route settings',
  inheritsByAbsence: true,
  members: [
    ...V2_MEMBERS,
    { flat: 'loggingLevel', wire: 'LoggingLevel' },
    { flat: 'dataTraceEnabled', wire: 'DataTraceEnabled' },
  ],
};

const THROTTLING: SettingMember[] = ['throttlingRateLimit', 'throttlingBurstLimit'];
const CACHING: Record<keyof NonNullable<RouteSettingsModel['caching']>, SettingMember> = {
  enabled: 'cachingEnabled',
  ttlSeconds: 'cacheTtlInSeconds',
  encrypted: 'cacheDataEncrypted',
  requireAuthorization: 'requireAuthorizationForCacheControl',
  unauthorizedStrategy: 'unauthorizedCacheControlHeaderStrategy',
};

const has = (d: SettingsDialect, m: SettingMember) => d.members.some((x) => x.flat === m);

/** The stage-wide settings a stage's own fields make (AWS's defaults for what it leaves out). */
export function stageWideSettings(s: Partial<StageModel> | undefined): FlatSettings {
  const f = { ...AWS_SETTING_DEFAULTS };
  if (!s) return f;
  if (s.detailedMetrics !== undefined) f.metricsEnabled = s.detailedMetrics;
  if (s.logging) {
    f.loggingLevel = s.logging.level;
    f.dataTraceEnabled = s.logging.dataTrace;
  }
  if (s.throttling) {
    f.throttlingRateLimit = s.throttling.rateLimit;
    f.throttlingBurstLimit = s.throttling.burstLimit;
  }
  if (s.cache) {
    f.cachingEnabled = s.cache.allMethods ?? true;
    f.cacheTtlInSeconds = s.cache.ttlSeconds;
    if (s.cache.encrypted !== undefined) f.cacheDataEncrypted = s.cache.encrypted;
    if (s.cache.requireAuthorization !== undefined)
      f.requireAuthorizationForCacheControl = s.cache.requireAuthorization;
    if (s.cache.unauthorizedStrategy !== undefined)
      f.unauthorizedCacheControlHeaderStrategy = s.cache.unauthorizedStrategy;
  }
  return f;
}

/** A route's effective settings: the stage's, with its entry's members over them. */
export function routeEffective(base: FlatSettings, e: RouteSettingsModel | undefined): FlatSettings {
  const f = { ...base };
  if (!e) return f;
  if (e.detailedMetrics !== undefined) f.metricsEnabled = e.detailedMetrics;
  if (e.logging) {
    f.loggingLevel = e.logging.level;
    f.dataTraceEnabled = e.logging.dataTrace;
  }
  if (e.throttling) {
    f.throttlingRateLimit = e.throttling.rateLimit;
    f.throttlingBurstLimit = e.throttling.burstLimit;
  }
  for (const [k, m] of Object.entries(CACHING)) {
    const v = e.caching?.[k as keyof typeof CACHING];
    if (v !== undefined) (f as unknown as Obj)[m] = v;
  }
  return f;
}

/** A wire settings object → flat; what it lacks (and, where the dialect inherits, a -1 limit) is `fallback`'s. */
export function flatFromWire(w: Obj | undefined, d: SettingsDialect, fallback: FlatSettings): FlatSettings {
  const f = { ...fallback };
  for (const m of explicitMembers(w, d)) (f as unknown as Obj)[m] = w![d.members.find((x) => x.flat === m)!.wire];
  return f;
}

/** The members a wire settings object sets itself (v2: not absent, and a limit not -1). */
export function explicitMembers(w: Obj | undefined, d: SettingsDialect): Set<SettingMember> {
  const out = new Set<SettingMember>();
  for (const m of d.members) {
    const v = w?.[m.wire];
    if (v === undefined || v === null) continue;
    if (d.inheritsByAbsence && THROTTLING.includes(m.flat) && v === -1) continue;
    out.add(m.flat);
  }
  return out;
}

/** The flat members a model entry names. */
export function namedMembers(e: RouteSettingsModel | undefined): Set<SettingMember> {
  const out = new Set<SettingMember>();
  if (!e) return out;
  if (e.detailedMetrics !== undefined) out.add('metricsEnabled');
  if (e.logging) out.add('loggingLevel').add('dataTraceEnabled');
  if (e.throttling) for (const m of THROTTLING) out.add(m);
  for (const [k, m] of Object.entries(CACHING)) if (e.caching?.[k as keyof typeof CACHING] !== undefined) out.add(m);
  return out;
}

/**
 * The model entry of a route whose settings are `f`, against the stage's `base`: the groups
 * (throttling, logging) and members that differ, and those `declared` names, so the state's
 * form survives a value made equal to the stage's. Where the dialect inherits by absence
 * (v2), a declared member counts only if the entry sets it itself (`explicit`): an inherited
 * one would follow the stage's value, which is not what the state says.
 */
export function entryOf(
  f: FlatSettings,
  base: FlatSettings,
  d: SettingsDialect,
  declared?: RouteSettingsModel,
  explicit?: Set<SettingMember>,
): RouteSettingsModel {
  const named = namedMembers(declared);
  const keep = (ms: SettingMember[]) =>
    ms.every((m) => has(d, m)) &&
    ms.some((m) => f[m] !== base[m] || (named.has(m) && (!d.inheritsByAbsence || !explicit || explicit.has(m))));
  const e: RouteSettingsModel = {};
  if (keep(THROTTLING)) e.throttling = { rateLimit: f.throttlingRateLimit, burstLimit: f.throttlingBurstLimit };
  if (keep(['metricsEnabled'])) e.detailedMetrics = f.metricsEnabled;
  if (keep(['loggingLevel', 'dataTraceEnabled'])) e.logging = { level: f.loggingLevel, dataTrace: f.dataTraceEnabled };
  const caching: NonNullable<RouteSettingsModel['caching']> = {};
  for (const [k, m] of Object.entries(CACHING)) if (keep([m])) (caching as Obj)[k] = f[m];
  if (Object.keys(caching).length) e.caching = caching;
  return e;
}

/** The dialect's members whose values differ between two flats. */
export function changedMembers(
  a: FlatSettings,
  b: FlatSettings,
  d: SettingsDialect,
  only?: readonly SettingMember[],
): SettingMember[] {
  return d.members.map((m) => m.flat).filter((m) => (!only || only.includes(m)) && a[m] !== b[m]);
}

/**
 * A kept entry's members to write: those whose effective value changes, and those the state
 * names now and did not before (a v2 member it inherited must be set on the entry itself, or it
 * would keep following the stage).
 */
function membersToWrite(
  eff: FlatSettings,
  before: FlatSettings,
  d: SettingsDialect,
  a: RouteSettingsModel,
  b: RouteSettingsModel,
): SettingMember[] {
  const was = namedMembers(b);
  const now = namedMembers(a);
  return d.members.map((m) => m.flat).filter((m) => eff[m] !== before[m] || (now.has(m) && !was.has(m)));
}

// ── REST method settings ─────────────────────────────────────────────────────────────────

/**
 * The methodSettings key (and patch path prefix) of a route: `GET /pets/{id}` → `pets/{id}/GET`,
 * as Terraform's provider writes and reads it against AWS; the root resource is `~1/GET` (the
 * AWS CLI reference's escaped form: a plain `/GET` would be an empty first segment).
 */
export function methodSettingsKey(routeKey: string): string {
  const sp = routeKey.indexOf(' ');
  const method = routeKey.slice(0, sp);
  const path = routeKey.slice(sp + 1);
  return path === '/' ? `~1/${method}` : `${path.slice(1)}/${method}`;
}

/** A methodSettings key → the route key (`*\/*` and keys that name no method → undefined). Reads both spellings. */
export function routeKeyOfMethodSetting(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  if (slash < 0 || key === '*/*') return undefined;
  const method = key.slice(slash + 1);
  const rawPath = key.slice(0, slash);
  if (!/^[A-Z]+$/.test(method)) return undefined;
  // `~1pets~1{id}` (escaped, a JSON pointer segment) or `pets/{id}` (plain).
  const path = rawPath.startsWith('~1') ? rawPath.replace(/~1/g, '/').replace(/~0/g, '~') : `/${rawPath}`;
  return `${method} ${path}`;
}

/** `replace` operations setting `members` of one methodSettings entry to their values in `f`. */
export function methodSettingOps(key: string, members: readonly SettingMember[], f: FlatSettings): PatchOperation[] {
  return REST_METHOD_SETTINGS.members
    .filter((m) => members.includes(m.flat))
    .map((m) => ({ op: 'replace', path: `/${key}/${m.path}`, value: String(f[m.flat]) }));
}

/** REST `*\/*`: operations for the stage-wide `members` that differ between the two stages. */
export function stageWideOps(
  before: Partial<StageModel> | undefined,
  after: Partial<StageModel> | undefined,
  members: readonly SettingMember[],
): PatchOperation[] {
  const a = stageWideSettings(after);
  return methodSettingOps('*/*', changedMembers(a, stageWideSettings(before), REST_METHOD_SETTINGS, members), a);
}

/**
 * REST: every override's operations, after the stage-wide ones: a dropped override is removed,
 * a new one gets the members that differ from the `*\/*` it is copied from (or from AWS's
 * defaults, should AWS start it from those) and the members the state names; a kept one gets
 * what changed, including members it inherits from a stage-wide value that changed.
 */
export function restRouteSettingsOps(
  before: Partial<StageModel> | undefined,
  after: Partial<StageModel>,
): PatchOperation[] {
  const bBase = stageWideSettings(before);
  const aBase = stageWideSettings(after);
  const b = before?.routeSettings ?? {};
  const a = after.routeSettings ?? {};
  const ops: PatchOperation[] = [];
  for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    const key = methodSettingsKey(k);
    if (!(k in a)) {
      ops.push({ op: 'remove', path: `/${key}` });
      continue;
    }
    const eff = routeEffective(aBase, a[k]);
    let members: SettingMember[];
    if (k in b) members = membersToWrite(eff, routeEffective(bBase, b[k]), REST_METHOD_SETTINGS, a[k], b[k]);
    else {
      const named = namedMembers(a[k]);
      members = REST_METHOD_SETTINGS.members
        .map((m) => m.flat)
        .filter((m) => eff[m] !== aBase[m] || eff[m] !== AWS_SETTING_DEFAULTS[m] || named.has(m));
      // An override that sets nothing yet exists: one member brings it into being.
      if (!members.length) members = ['metricsEnabled'];
    }
    ops.push(...methodSettingOps(key, members, eff));
  }
  return ops;
}

// ── v2 (HTTP, WebSocket) route settings ──────────────────────────────────────────────────

function v2Members(members: readonly SettingMember[], f: FlatSettings, d: SettingsDialect): Obj {
  const out: Obj = {};
  for (const m of d.members) if (members.includes(m.flat)) out[m.wire] = f[m.flat];
  return out;
}

/** v2 DefaultRouteSettings members for the stage-wide `members` (all of them on create; the changed ones on update). */
export function v2DefaultRouteSettings(
  before: Partial<StageModel> | undefined,
  after: Partial<StageModel> | undefined,
  d: SettingsDialect,
  members: readonly SettingMember[],
): Obj | undefined {
  const a = stageWideSettings(after);
  const changed =
    before === undefined
      ? members.filter((m) => has(d, m) && a[m] !== AWS_SETTING_DEFAULTS[m])
      : changedMembers(a, stageWideSettings(before), d, members);
  return changed.length ? v2Members(changed, a, d) : undefined;
}

/**
 * v2 RouteSettings for UpdateStage (or CreateStage, `before` undefined): a new entry carries
 * the members the state names (an entry with none is still sent, so it exists); a kept entry
 * the members whose effective value changed. Dropped entries are DeleteRouteSettings calls
 * (droppedRouteSettings), which UpdateStage cannot do.
 */
export function v2RouteSettings(
  before: Partial<StageModel> | undefined,
  after: Partial<StageModel>,
  d: SettingsDialect,
): Obj | undefined {
  const bBase = stageWideSettings(before);
  const aBase = stageWideSettings(after);
  const b = before?.routeSettings ?? {};
  const out: Obj = {};
  for (const [k, e] of Object.entries(after.routeSettings ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) {
    const eff = routeEffective(aBase, e);
    if (!(k in b)) {
      out[k] = v2Members([...namedMembers(e)], eff, d);
      continue;
    }
    const members = membersToWrite(eff, routeEffective(bBase, b[k]), d, e, b[k]);
    if (members.length) out[k] = v2Members(members, eff, d);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Route keys whose settings the state dropped: one DeleteRouteSettings each (before UpdateStage, which fails on a stale key). */
export function droppedRouteSettings(
  before: Partial<StageModel> | undefined,
  after: Partial<StageModel> | undefined,
): string[] {
  const a = after?.routeSettings ?? {};
  return Object.keys(before?.routeSettings ?? {})
    .filter((k) => !(k in a))
    .sort();
}
