import type { FieldTable, Obj, WireColumn } from '../field.js';
import { scalarOps, type PatchOperation } from '../patch.js';
import type { CacheSizeGb, RouteSettingsModel, StageCache, StageModel } from './model.js';
import {
  AWS_SETTING_DEFAULTS,
  entryOf,
  explicitMembers,
  flatFromWire,
  HTTP_ROUTE_SETTINGS,
  REST_METHOD_SETTINGS,
  restRouteSettingsOps,
  routeKeyOfMethodSetting,
  stageWideOps,
  v2DefaultRouteSettings,
  v2RouteSettings,
  WEBSOCKET_ROUTE_SETTINGS,
  type SettingMember,
} from './route-settings.js';

/** API Gateway's stage defaults. */
export const STAGE_DEFAULTS = {
  /** What AWS fills into REST methodSettings['*\/*'] when a stage setting creates the entry. */
  methodThrottling: { rateLimit: 10000, burstLimit: 5000 },
  cacheTtlSeconds: 300,
} as const;

export function isDefaultThrottling(rate: number, burst: number): boolean {
  return rate === STAGE_DEFAULTS.methodThrottling.rateLimit && burst === STAGE_DEFAULTS.methodThrottling.burstLimit;
}

/** REST stage-wide settings live in methodSettings['*\/*']. */
const allMethods = (w: Obj) => (w.methodSettings as Record<string, Obj> | undefined)?.['*/*'];

const accessLogOf = (s: Obj | undefined) =>
  (s?.destinationArn ?? s?.DestinationArn)
    ? { destinationArn: String(s!.destinationArn ?? s!.DestinationArn), format: String(s!.format ?? s!.Format ?? '') }
    : undefined;

const THROTTLING: SettingMember[] = ['throttlingRateLimit', 'throttlingBurstLimit'];
const CACHING: SettingMember[] = [
  'cachingEnabled',
  'cacheTtlInSeconds',
  'cacheDataEncrypted',
  'requireAuthorizationForCacheControl',
  'unauthorizedCacheControlHeaderStrategy',
];

/** A switch AWS always reports: present when on, or when the state declares it. */
const optionalFlag = (v: boolean, declared: boolean | undefined) => (v || declared !== undefined ? v : undefined);

const sortedRecord = <T>(r: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
const httpAccessLog = (l: StageModel['accessLog']) =>
  l ? { DestinationArn: l.destinationArn, Format: l.format } : undefined;

/** v2 stage throttling from DefaultRouteSettings: -1 is AWS's "not set" (what clearing writes). */
const v2Throttling = (w: Obj) => {
  const s = w.DefaultRouteSettings as Obj | undefined;
  const rate = s?.ThrottlingRateLimit as number | undefined;
  const burst = s?.ThrottlingBurstLimit as number | undefined;
  return rate !== undefined && burst !== undefined && rate >= 0 && burst >= 0
    ? { rateLimit: rate, burstLimit: burst }
    : undefined;
};

/** v2 (HTTP and WebSocket) stage variables: merged, so a removed variable is sent as "" (how AWS deletes one). */
const V2_VARIABLES: WireColumn<StageModel, 'variables'> = {
  wire: 'StageVariables',
  default: {},
  omitEmpty: true,
  update: (b = {}, a = {}) => {
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(a)) if (b[k] !== v) vars[k] = v;
    for (const k of Object.keys(b)) if (!(k in a)) vars[k] = '';
    return { StageVariables: vars };
  },
};

/**
 * Stage settings apply without a deployment. REST: CreateStage takes description,
 * variables and tracing; throttling, cache, metrics, logging and route settings are method
 * settings, patched right after (`create: false`, see route-settings.ts), and the web ACL is
 * associated through WAFv2. HTTP stages take every field at create, and v2 Update* merges.
 */
export const stageFields: FieldTable<StageModel> = {
  name: {
    rest: { wire: 'stageName', default: '' },
    http: { wire: 'StageName', default: '' },
    ws: { wire: 'StageName', default: '' },
  },
  description: {
    rest: { wire: 'description', omitEmpty: true, path: '/description' },
    http: { wire: 'Description', omitEmpty: true, clear: '' },
    ws: { wire: 'Description', omitEmpty: true, clear: '' },
    state: {},
  },
  variables: {
    userKeys: true,
    // api.yaml may write numbers and booleans; AWS holds strings.
    state: {
      load: (file = {}) => Object.fromEntries(Object.entries(file).map(([k, v]) => [k, String(v)])),
      emit: (v) => (Object.keys(v).length ? { ...v } : undefined),
    },
    rest: { wire: 'variables', default: {}, omitEmpty: true, path: '/variables', style: 'map', replaceOp: 'replace' },
    http: V2_VARIABLES,
    ws: V2_VARIABLES,
  },
  throttling: {
    state: { load: (t) => t && { ...t }, emit: (t) => ({ ...t }) },
    rest: {
      create: false,
      // -1 (off) or AWS's own fill-in (the account default) is no throttling — unless the state declares exactly those numbers.
      read: (w, ctx) => {
        const rate = allMethods(w)?.throttlingRateLimit as number | undefined;
        const burst = allMethods(w)?.throttlingBurstLimit as number | undefined;
        const t = ctx.declared?.throttling;
        const declaredDefault = t && isDefaultThrottling(t.rateLimit, t.burstLimit);
        return rate !== undefined &&
          burst !== undefined &&
          rate >= 0 &&
          burst >= 0 &&
          (!isDefaultThrottling(rate, burst) || declaredDefault)
          ? { rateLimit: rate, burstLimit: burst }
          : undefined;
      },
      // -1 is API Gateway's "not throttled at the method level" (the account limit applies).
      patch: (_b, _a, { before, after }) => stageWideOps(before, after, THROTTLING),
    },
    http: {
      read: v2Throttling,
      create: (_t, rec) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(undefined, rec, HTTP_ROUTE_SETTINGS, THROTTLING),
      }),
      // v2 merges DefaultRouteSettings member by member and no call removes one: clearing writes
      // -1 (AWS's "not set") to both limits; 0 would block every request.
      update: (_b, _a, { before, after }) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(before, after, HTTP_ROUTE_SETTINGS, THROTTLING),
      }),
    },
    ws: {
      read: v2Throttling,
      create: (_t, rec) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(undefined, rec, WEBSOCKET_ROUTE_SETTINGS, THROTTLING),
      }),
      update: (_b, _a, { before, after }) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(before, after, WEBSOCKET_ROUTE_SETTINGS, THROTTLING),
      }),
    },
  },
  cache: {
    state: { load: (c) => c && { ...c }, emit: (c) => ({ ...c }) },
    rest: {
      create: false,
      read: (w, ctx) => {
        if (!w.cacheClusterEnabled) return undefined;
        const f = flatFromWire(allMethods(w), REST_METHOD_SETTINGS, AWS_SETTING_DEFAULTS);
        const declared = ctx.declared?.cache;
        const c: StageCache = {
          sizeGb: Number(w.cacheClusterSize ?? '0.5') as CacheSizeGb,
          ttlSeconds: f.cacheTtlInSeconds,
        };
        // Members at the value a stage cache means by default are the state's form: present only when declared.
        const opt = <K extends keyof StageCache>(k: K, v: StageCache[K], byDefault: StageCache[K]) => {
          if (v !== byDefault || declared?.[k] !== undefined) c[k] = v;
        };
        opt('allMethods', f.cachingEnabled, true);
        opt('encrypted', f.cacheDataEncrypted, false);
        opt('requireAuthorization', f.requireAuthorizationForCacheControl, true);
        opt('unauthorizedStrategy', f.unauthorizedCacheControlHeaderStrategy, 'SUCCEED_WITH_RESPONSE_HEADER');
        return c;
      },
      patch: (b, a, { before, after }) => {
        const ops: PatchOperation[] = [];
        if (!a) ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'false' });
        else {
          if (!b) ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'true' });
          ops.push(...scalarOps('/cacheClusterSize', b?.sizeGb, a.sizeGb));
        }
        return [...ops, ...stageWideOps(before, after, CACHING)];
      },
    },
  },
  detailedMetrics: {
    state: {},
    rest: {
      create: false,
      read: (w, ctx) =>
        optionalFlag(
          flatFromWire(allMethods(w), REST_METHOD_SETTINGS, AWS_SETTING_DEFAULTS).metricsEnabled,
          ctx.declared?.detailedMetrics,
        ),
      patch: (_b, _a, { before, after }) => stageWideOps(before, after, ['metricsEnabled']),
    },
    http: {
      read: (w, ctx) =>
        optionalFlag(
          flatFromWire(w.DefaultRouteSettings as Obj | undefined, HTTP_ROUTE_SETTINGS, AWS_SETTING_DEFAULTS)
            .metricsEnabled,
          ctx.declared?.detailedMetrics,
        ),
      create: (_v, rec) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(undefined, rec, HTTP_ROUTE_SETTINGS, ['metricsEnabled']),
      }),
      update: (_b, _a, { before, after }) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(before, after, HTTP_ROUTE_SETTINGS, ['metricsEnabled']),
      }),
    },
    ws: {
      read: (w, ctx) =>
        optionalFlag(
          flatFromWire(w.DefaultRouteSettings as Obj | undefined, WEBSOCKET_ROUTE_SETTINGS, AWS_SETTING_DEFAULTS)
            .metricsEnabled,
          ctx.declared?.detailedMetrics,
        ),
      create: (_v, rec) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(undefined, rec, WEBSOCKET_ROUTE_SETTINGS, ['metricsEnabled']),
      }),
      update: (_b, _a, { before, after }) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(before, after, WEBSOCKET_ROUTE_SETTINGS, ['metricsEnabled']),
      }),
    },
  },
  logging: {
    state: { load: (l) => l && { level: l.level, dataTrace: l.dataTrace ?? false }, emit: (l) => ({ ...l }) },
    // HTTP APIs have no execution logs (AWS: "Execution logs are not supported on protocolType HTTP").
    rest: {
      create: false,
      read: (w, ctx) => {
        const f = flatFromWire(allMethods(w), REST_METHOD_SETTINGS, AWS_SETTING_DEFAULTS);
        return f.loggingLevel !== 'OFF' || f.dataTraceEnabled || ctx.declared?.logging
          ? { level: f.loggingLevel, dataTrace: f.dataTraceEnabled }
          : undefined;
      },
      patch: (_b, _a, { before, after }) => stageWideOps(before, after, ['loggingLevel', 'dataTraceEnabled']),
    },
    // WebSocket: DefaultRouteSettings LoggingLevel / DataTraceEnabled.
    ws: {
      read: (w, ctx) => {
        const f = flatFromWire(
          w.DefaultRouteSettings as Obj | undefined,
          WEBSOCKET_ROUTE_SETTINGS,
          AWS_SETTING_DEFAULTS,
        );
        return f.loggingLevel !== 'OFF' || f.dataTraceEnabled || ctx.declared?.logging
          ? { level: f.loggingLevel, dataTrace: f.dataTraceEnabled }
          : undefined;
      },
      create: (_l, rec) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(undefined, rec, WEBSOCKET_ROUTE_SETTINGS, [
          'loggingLevel',
          'dataTraceEnabled',
        ]),
      }),
      update: (_b, _a, { before, after }) => ({
        DefaultRouteSettings: v2DefaultRouteSettings(before, after, WEBSOCKET_ROUTE_SETTINGS, [
          'loggingLevel',
          'dataTraceEnabled',
        ]),
      }),
    },
    security: (b, a) =>
      b.logging && b.logging.level !== 'OFF' && (a.logging?.level ?? 'OFF') === 'OFF'
        ? 'execution logging turned off'
        : undefined,
  },
  routeSettings: {
    state: {
      load: (r) => (r && Object.keys(r).length ? structuredClone(r) : undefined),
      emit: (r) => structuredClone(r),
    },
    // Overrides follow the stage-wide settings they inherit: written whenever those change too.
    dependsOn: ['throttling', 'cache', 'detailedMetrics', 'logging'],
    rest: {
      create: false,
      read: (w, ctx) => {
        const all = (w.methodSettings ?? {}) as Record<string, Obj>;
        const base = flatFromWire(all['*/*'], REST_METHOD_SETTINGS, AWS_SETTING_DEFAULTS);
        const out: Record<string, RouteSettingsModel> = {};
        for (const [key, m] of Object.entries(all)) {
          const rk = routeKeyOfMethodSetting(key);
          if (rk)
            out[rk] = entryOf(
              flatFromWire(m, REST_METHOD_SETTINGS, base),
              base,
              REST_METHOD_SETTINGS,
              ctx.declared?.routeSettings?.[rk],
            );
        }
        return Object.keys(out).length ? sortedRecord(out) : undefined;
      },
      patch: (_b, _a, { before, after }) => restRouteSettingsOps(before, after),
    },
    http: {
      read: (w, ctx) => {
        const base = flatFromWire(w.DefaultRouteSettings as Obj | undefined, HTTP_ROUTE_SETTINGS, AWS_SETTING_DEFAULTS);
        const out: Record<string, RouteSettingsModel> = {};
        for (const [rk, m] of Object.entries((w.RouteSettings ?? {}) as Record<string, Obj>)) {
          out[rk] = entryOf(
            flatFromWire(m, HTTP_ROUTE_SETTINGS, base),
            base,
            HTTP_ROUTE_SETTINGS,
            ctx.declared?.routeSettings?.[rk],
            explicitMembers(m, HTTP_ROUTE_SETTINGS),
          );
        }
        return Object.keys(out).length ? sortedRecord(out) : undefined;
      },
      create: (_r, rec) => ({ RouteSettings: v2RouteSettings(undefined, rec, HTTP_ROUTE_SETTINGS) }),
      // Entries the state dropped are DeleteRouteSettings calls (the HTTP executor sends them first).
      update: (_b, _a, { before, after }) => ({ RouteSettings: v2RouteSettings(before, after, HTTP_ROUTE_SETTINGS) }),
    },
    ws: {
      read: (w, ctx) => {
        const base = flatFromWire(
          w.DefaultRouteSettings as Obj | undefined,
          WEBSOCKET_ROUTE_SETTINGS,
          AWS_SETTING_DEFAULTS,
        );
        const out: Record<string, RouteSettingsModel> = {};
        for (const [rk, m] of Object.entries((w.RouteSettings ?? {}) as Record<string, Obj>)) {
          out[rk] = entryOf(
            flatFromWire(m, WEBSOCKET_ROUTE_SETTINGS, base),
            base,
            WEBSOCKET_ROUTE_SETTINGS,
            ctx.declared?.routeSettings?.[rk],
            explicitMembers(m, WEBSOCKET_ROUTE_SETTINGS),
          );
        }
        return Object.keys(out).length ? sortedRecord(out) : undefined;
      },
      create: (_r, rec) => ({ RouteSettings: v2RouteSettings(undefined, rec, WEBSOCKET_ROUTE_SETTINGS) }),
      // Entries the state dropped are DeleteRouteSettings calls (the v2 executors send them first).
      update: (_b, _a, { before, after }) => ({
        RouteSettings: v2RouteSettings(before, after, WEBSOCKET_ROUTE_SETTINGS),
      }),
    },
  },
  accessLog: {
    state: { load: (l) => l && { ...l }, emit: (l) => ({ ...l }) },
    rest: {
      create: false,
      read: (w) => accessLogOf(w.accessLogSettings as Obj | undefined),
      patch: (b, a) =>
        a
          ? [
              ...scalarOps('/accessLogSettings/destinationArn', b?.destinationArn, a.destinationArn),
              ...scalarOps('/accessLogSettings/format', b?.format, a.format),
            ]
          : [{ op: 'remove', path: '/accessLogSettings' }],
    },
    http: {
      read: (w) => accessLogOf(w.AccessLogSettings as Obj | undefined),
      create: (l) => ({ AccessLogSettings: httpAccessLog(l) }),
      // Removing access logging is DeleteAccessLogSettings (the HTTP executor sends it): Update* merges.
      update: (_b, a) => ({ AccessLogSettings: httpAccessLog(a) }),
    },
    ws: {
      read: (w) => accessLogOf(w.AccessLogSettings as Obj | undefined),
      create: (l) => ({ AccessLogSettings: httpAccessLog(l) }),
      update: (_b, a) => ({ AccessLogSettings: httpAccessLog(a) }),
    },
    security: (b, a) => (b.accessLog && !a.accessLog ? 'access logging turned off' : undefined),
  },
  tracingEnabled: {
    state: {},
    rest: {
      wire: 'tracingEnabled',
      read: (w, ctx) =>
        w.tracingEnabled || ctx.declared?.tracingEnabled !== undefined
          ? ((w.tracingEnabled as boolean | undefined) ?? false)
          : undefined,
      patch: (b, a) => scalarOps('/tracingEnabled', b ?? false, a ?? false),
    },
  },
  clientCertificate: {
    state: {},
    // CreateStage takes no certificate: it is patched right after, by its id (apply resolves the name).
    rest: {
      create: false,
      read: (w, ctx) =>
        typeof w.clientCertificateId === 'string' && w.clientCertificateId
          ? (ctx.nameOf?.('clientCertificate', w.clientCertificateId) ?? w.clientCertificateId)
          : undefined,
      patch: (_b, a, ctx) => [
        { op: 'replace', path: '/clientCertificateId', value: a ? ctx.ids.requireId('clientCertificate', a) : '' },
      ],
    },
    breaking: (b, a) =>
      b.clientCertificate && !a.clientCertificate
        ? 'the stage stops presenting its client certificate: backends that require mutual TLS refuse its requests'
        : undefined,
  },
  autoDeploy: {
    // HTTP and WebSocket: false unless declared (apigw-sync deploys itself); import always says it for their stages.
    state: {
      load: (v, _f, flavour) => (flavour !== 'RestApi' ? (v ?? false) : v),
      emit: (v, flavour) => (flavour === 'HttpApi' || (flavour === 'WebSocketApi' && v) ? v : undefined),
    },
    // Not a REST setting: it is whatever the state says.
    rest: { read: (_w, ctx) => ctx.declared?.autoDeploy },
    http: {
      wire: 'AutoDeploy',
      default: false,
      create: (v) => ({ AutoDeploy: v ?? false }),
      update: (_b, a) => ({ AutoDeploy: a ?? false }),
    },
    ws: {
      wire: 'AutoDeploy',
      default: false,
      create: (v) => ({ AutoDeploy: v ?? false }),
      update: (_b, a) => ({ AutoDeploy: a ?? false }),
    },
  },
  webAclArn: {
    state: {},
    // Read from GetStages (the stage's `webAclArn`); written by WAFv2 AssociateWebACL / DisassociateWebACL
    // (src/aws/apply/web-acl.ts), not by UpdateStage. AWS WAF protects REST stages only.
    rest: { wire: 'webAclArn', omitEmpty: true, create: false },
    security: (b, a) =>
      b.webAclArn && !a.webAclArn
        ? 'AWS WAF web ACL removed: requests reach the stage unfiltered'
        : b.webAclArn && a.webAclArn && b.webAclArn !== a.webAclArn
          ? 'AWS WAF web ACL replaced'
          : undefined,
  },
};
