import type { FieldTable, Obj } from '../field.js';
import { scalarOps, type PatchOperation } from '../patch.js';
import type { CacheSizeGb, StageModel } from './model.js';

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
  s?.destinationArn ?? s?.DestinationArn
    ? { destinationArn: String(s!.destinationArn ?? s!.DestinationArn), format: String(s!.format ?? s!.Format ?? '') }
    : undefined;

const httpThrottling = (t: StageModel['throttling']) => (t ? { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit } : undefined);
const httpAccessLog = (l: StageModel['accessLog']) => (l ? { DestinationArn: l.destinationArn, Format: l.format } : undefined);

/**
 * Stage settings apply without a deployment. REST: CreateStage takes description,
 * variables and tracing; throttling, cache and logs are method settings, patched right after
 * (`create: false`). HTTP stages take every field at create, and v2 Update* merges.
 */
export const stageFields: FieldTable<StageModel> = {
  name: { rest: { wire: 'stageName', default: '' }, http: { wire: 'StageName', default: '' } },
  description: {
    rest: { wire: 'description', omitEmpty: true, path: '/description' },
    http: { wire: 'Description', omitEmpty: true, clear: '' },
    state: {},
  },
  variables: {
    userKeys: true,
    // api.yaml may write numbers and booleans; AWS holds strings.
    state: { load: (file = {}) => Object.fromEntries(Object.entries(file).map(([k, v]) => [k, String(v)])), emit: (v) => (Object.keys(v).length ? { ...v } : undefined) },
    rest: { wire: 'variables', default: {}, omitEmpty: true, path: '/variables', style: 'map', replaceOp: 'replace' },
    http: {
      wire: 'StageVariables',
      default: {},
      omitEmpty: true,
      // v2 merges stage variables: a removed variable is sent as "" (how AWS deletes one).
      update: (b = {}, a = {}) => {
        const vars: Record<string, string> = {};
        for (const [k, v] of Object.entries(a)) if (b[k] !== v) vars[k] = v;
        for (const k of Object.keys(b)) if (!(k in a)) vars[k] = '';
        return { StageVariables: vars };
      },
    },
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
        return rate !== undefined && burst !== undefined && rate >= 0 && burst >= 0 && (!isDefaultThrottling(rate, burst) || declaredDefault) ? { rateLimit: rate, burstLimit: burst } : undefined;
      },
      // -1 is API Gateway's "not throttled at the method level" (the account limit applies).
      patch: (b, a) => [...scalarOps('/*/*/throttling/rateLimit', b?.rateLimit, a?.rateLimit ?? -1), ...scalarOps('/*/*/throttling/burstLimit', b?.burstLimit, a?.burstLimit ?? -1)],
    },
    http: {
      read: (w) => {
        const s = w.DefaultRouteSettings as Obj | undefined;
        return s?.ThrottlingRateLimit !== undefined && s?.ThrottlingBurstLimit !== undefined ? { rateLimit: s.ThrottlingRateLimit as number, burstLimit: s.ThrottlingBurstLimit as number } : undefined;
      },
      create: (t) => ({ DefaultRouteSettings: httpThrottling(t) }),
      // No throttling declared: send no limits (0 would block every request).
      update: (_b, a) => ({ DefaultRouteSettings: httpThrottling(a) ?? {} }),
    },
  },
  cache: {
    state: { load: (c) => c && { sizeGb: c.sizeGb, ttlSeconds: c.ttlSeconds }, emit: (c) => ({ ...c }) },
    rest: {
      create: false,
      read: (w) => (w.cacheClusterEnabled ? { sizeGb: Number(w.cacheClusterSize ?? '0.5') as CacheSizeGb, ttlSeconds: (allMethods(w)?.cacheTtlInSeconds as number | undefined) ?? STAGE_DEFAULTS.cacheTtlSeconds } : undefined),
      patch: (b, a) => {
        if (!a) return [{ op: 'replace', path: '/cacheClusterEnabled', value: 'false' }, { op: 'replace', path: '/*/*/caching/enabled', value: 'false' }];
        const ops: PatchOperation[] = [];
        if (!b) ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'true' });
        ops.push(...scalarOps('/cacheClusterSize', b?.sizeGb, a.sizeGb));
        ops.push(...scalarOps('/*/*/caching/enabled', b ? 'true' : undefined, 'true'));
        ops.push(...scalarOps('/*/*/caching/ttlInSeconds', b?.ttlSeconds, a.ttlSeconds));
        return ops;
      },
    },
  },
  accessLog: {
    state: { load: (l) => l && { ...l }, emit: (l) => ({ ...l }) },
    rest: {
      create: false,
      read: (w) => accessLogOf(w.accessLogSettings as Obj | undefined),
      patch: (b, a) =>
        a
          ? [...scalarOps('/accessLogSettings/destinationArn', b?.destinationArn, a.destinationArn), ...scalarOps('/accessLogSettings/format', b?.format, a.format)]
          : [{ op: 'remove', path: '/accessLogSettings' }],
    },
    http: {
      read: (w) => accessLogOf(w.AccessLogSettings as Obj | undefined),
      create: (l) => ({ AccessLogSettings: httpAccessLog(l) }),
      update: (_b, a) => ({ AccessLogSettings: httpAccessLog(a) ?? {} }),
    },
  },
  tracingEnabled: {
    state: {},
    rest: {
      wire: 'tracingEnabled',
      read: (w, ctx) => (w.tracingEnabled || ctx.declared?.tracingEnabled !== undefined ? ((w.tracingEnabled as boolean | undefined) ?? false) : undefined),
      patch: (b, a) => scalarOps('/tracingEnabled', b ?? false, a ?? false),
    },
  },
  clientCertificate: {
    state: {},
    // CreateStage takes no certificate: it is patched right after, by its id (apply resolves the name).
    rest: {
      create: false,
      read: (w, ctx) => (typeof w.clientCertificateId === 'string' && w.clientCertificateId ? (ctx.nameOf?.('clientCertificate', w.clientCertificateId) ?? w.clientCertificateId) : undefined),
      patch: (_b, a, ctx) => [{ op: 'replace', path: '/clientCertificateId', value: a ? ctx.ids.requireId('clientCertificate', a) : '' }],
    },
    breaking: (b, a) => (b.clientCertificate && !a.clientCertificate ? 'the stage stops presenting its client certificate: backends that require mutual TLS refuse its requests' : undefined),
  },
  autoDeploy: {
    // HTTP: false unless declared (apigw-sync deploys itself); import always says it for HTTP stages.
    state: { load: (v, _f, flavour) => (flavour === 'HttpApi' ? (v ?? false) : v), emit: (v, flavour) => (flavour === 'HttpApi' ? v : undefined) },
    // Not a REST setting: it is whatever the state says.
    rest: { read: (_w, ctx) => ctx.declared?.autoDeploy },
    http: { wire: 'AutoDeploy', default: false, create: (v) => ({ AutoDeploy: v ?? false }), update: (_b, a) => ({ AutoDeploy: a ?? false }) },
  },
};

