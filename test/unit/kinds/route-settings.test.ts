/**
 * Stage settings in the three dialects (REST method settings, HTTP route settings): the key
 * spellings, what the model keeps of a live entry, and the writes a change becomes — through
 * the stage field table, as apply builds them.
 */
import { describe, expect, it } from 'vitest';
import { createInput, patchOps, updateInput, type WriteContext } from '../../../src/kinds/field.js';
import { stageFields } from '../../../src/kinds/stage/fields.js';
import { restStage, httpStage } from '../../../src/kinds/stage/normalize.js';
import { needsCloudWatchRole } from '../../../src/kinds/stage/logging.js';
import {
  AWS_SETTING_DEFAULTS,
  droppedRouteSettings,
  entryOf,
  HTTP_ROUTE_SETTINGS,
  methodSettingsKey,
  REST_METHOD_SETTINGS,
  routeKeyOfMethodSetting,
  stageWideSettings,
} from '../../../src/kinds/stage/route-settings.js';
import type { StageModel } from '../../../src/model/api.js';

const ctx: WriteContext = { apiId: 'a1', ids: { idOf: () => undefined, requireId: (_t, n) => n } };
const stage = (over: Partial<StageModel> = {}): StageModel => ({ name: 'prod', variables: {}, ...over });
const rest = (c: StageModel, d: StageModel) => patchOps(stageFields, c, d, ctx);
const http = (c: StageModel, d: StageModel) => updateInput(stageFields, c, d);
/** A full REST MethodSetting as GetStage shows one. */
const ms = (o: Record<string, unknown> = {}) => ({ ...AWS_SETTING_DEFAULTS, ...o });

describe('methodSettings keys', () => {
  it.each([
    ['GET /pets', 'pets/GET'],
    ['GET /pets/{id}', 'pets/{id}/GET'],
    ['ANY /stream/{proxy+}', 'stream/{proxy+}/ANY'],
    ['GET /', '~1/GET'],
  ])('%s ↔ %s', (routeKey, key) => {
    expect(methodSettingsKey(routeKey)).toBe(key);
    expect(routeKeyOfMethodSetting(key)).toBe(routeKey);
  });

  it.each([
    ['~1pets~1{id}/GET', 'GET /pets/{id}'],
    ['*/*', undefined],
    ['pets/lowercase', undefined],
  ])("reads %s (the AWS CLI reference's escaped form, too)", (key, routeKey) =>
    expect(routeKeyOfMethodSetting(key)).toBe(routeKey),
  );
});

describe('what the model keeps of a live entry', () => {
  const base = stageWideSettings(stage({ throttling: { rateLimit: 100, burstLimit: 200 }, detailedMetrics: true }));
  it.each([
    { name: 'a copy of the stage: nothing', f: base, declared: undefined, expected: {} },
    {
      name: 'a different limit: the throttling group',
      f: { ...base, throttlingRateLimit: 5 },
      declared: undefined,
      expected: { throttling: { rateLimit: 5, burstLimit: 200 } },
    },
    {
      name: "a member equal to the stage, declared: kept in the state's form",
      f: base,
      declared: { detailedMetrics: true },
      expected: { detailedMetrics: true },
    },
    {
      name: 'caching per member',
      f: { ...base, cacheTtlInSeconds: 60, cacheDataEncrypted: true },
      declared: undefined,
      expected: { caching: { ttlSeconds: 60, encrypted: true } },
    },
    {
      name: 'logging as a group',
      f: { ...base, dataTraceEnabled: true },
      declared: undefined,
      expected: { logging: { level: 'OFF', dataTrace: true } },
    },
  ])('REST: $name', ({ f, declared, expected }) =>
    expect(entryOf(f, base, REST_METHOD_SETTINGS, declared)).toEqual(expected),
  );

  it('HTTP: members HTTP APIs do not have are never read; a declared member the entry only inherits is not kept', () => {
    const f = { ...base, dataTraceEnabled: true, cacheTtlInSeconds: 60 };
    expect(entryOf(f, base, HTTP_ROUTE_SETTINGS)).toEqual({});
    expect(entryOf(base, base, HTTP_ROUTE_SETTINGS, { detailedMetrics: true }, new Set())).toEqual({});
    expect(entryOf(base, base, HTTP_ROUTE_SETTINGS, { detailedMetrics: true }, new Set(['metricsEnabled']))).toEqual({
      detailedMetrics: true,
    });
  });

  it('REST read: */* gives the stage-wide fields, other keys the overrides (copies of */* read as inherited)', () => {
    const wire = {
      stageName: 'prod',
      methodSettings: {
        '*/*': ms({ metricsEnabled: true, loggingLevel: 'INFO', throttlingRateLimit: 100, throttlingBurstLimit: 200 }),
        'pets/{id}/GET': ms({
          metricsEnabled: true,
          loggingLevel: 'INFO',
          throttlingRateLimit: 100,
          throttlingBurstLimit: 200,
          cachingEnabled: true,
          cacheTtlInSeconds: 60,
        }),
        'pets/GET': ms({
          metricsEnabled: true,
          loggingLevel: 'INFO',
          throttlingRateLimit: 100,
          throttlingBurstLimit: 200,
        }),
      },
    };
    expect(restStage(wire)).toEqual({
      name: 'prod',
      variables: {},
      throttling: { rateLimit: 100, burstLimit: 200 },
      detailedMetrics: true,
      logging: { level: 'INFO', dataTrace: false },
      routeSettings: { 'GET /pets': {}, 'GET /pets/{id}': { caching: { enabled: true, ttlSeconds: 60 } } },
    });
  });

  it("HTTP read: -1 limits and absent members are the stage's", () => {
    const wire = {
      StageName: 'live',
      AutoDeploy: false,
      DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 },
      RouteSettings: {
        'POST /events': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
        'GET /events': { ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 },
      },
    };
    expect(httpStage(wire)).toEqual({
      name: 'live',
      variables: {},
      autoDeploy: false,
      detailedMetrics: true,
      routeSettings: { 'GET /events': {}, 'POST /events': { throttling: { rateLimit: 10, burstLimit: 20 } } },
    });
  });
});

describe('REST writes (one UpdateStage: */* first, then the overrides)', () => {
  it.each([
    {
      name: 'stage-wide metrics and logging',
      c: stage(),
      d: stage({ detailedMetrics: true, logging: { level: 'ERROR', dataTrace: false } }),
      ops: [
        { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
        { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' },
      ],
    },
    {
      name: 'a new override: what differs from */* (it is copied from it) and what the state names',
      c: stage({ throttling: { rateLimit: 100, burstLimit: 200 } }),
      d: stage({
        throttling: { rateLimit: 100, burstLimit: 200 },
        routeSettings: { 'GET /pets/{id}': { caching: { enabled: true, ttlSeconds: 60 } } },
      }),
      ops: [
        { op: 'replace', path: '/pets/{id}/GET/throttling/rateLimit', value: '100' },
        { op: 'replace', path: '/pets/{id}/GET/throttling/burstLimit', value: '200' },
        { op: 'replace', path: '/pets/{id}/GET/caching/enabled', value: 'true' },
        { op: 'replace', path: '/pets/{id}/GET/caching/ttlInSeconds', value: '60' },
      ],
    },
    {
      name: 'an override that sets nothing yet exists: one member brings it into being',
      c: stage(),
      d: stage({ routeSettings: { 'GET /pets': {} } }),
      ops: [{ op: 'replace', path: '/pets/GET/metrics/enabled', value: 'false' }],
    },
    {
      name: 'a stage-wide change reaches the overrides that inherit it',
      c: stage({
        throttling: { rateLimit: 100, burstLimit: 200 },
        routeSettings: {
          'GET /pets': { detailedMetrics: true },
          'POST /pets': { throttling: { rateLimit: 5, burstLimit: 5 } },
        },
      }),
      d: stage({
        throttling: { rateLimit: 300, burstLimit: 600 },
        routeSettings: {
          'GET /pets': { detailedMetrics: true },
          'POST /pets': { throttling: { rateLimit: 5, burstLimit: 5 } },
        },
      }),
      ops: [
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '300' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '600' },
        { op: 'replace', path: '/pets/GET/throttling/rateLimit', value: '300' },
        { op: 'replace', path: '/pets/GET/throttling/burstLimit', value: '600' },
      ],
    },
    {
      name: 'an override dropped: remove, and its member the stage gives back follows the stage',
      c: stage({ routeSettings: { 'GET /pets': { detailedMetrics: true }, 'GET /': { caching: { ttlSeconds: 10 } } } }),
      d: stage({ routeSettings: { 'GET /': {} } }),
      ops: [
        { op: 'replace', path: '/~1/GET/caching/ttlInSeconds', value: '300' },
        { op: 'remove', path: '/pets/GET' },
      ],
    },
    {
      name: 'the cache: cluster, then */* caching with its options',
      c: stage(),
      d: stage({ cache: { sizeGb: 0.5, ttlSeconds: 120, allMethods: false, encrypted: true } }),
      ops: [
        { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
        { op: 'replace', path: '/cacheClusterSize', value: '0.5' },
        { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '120' },
        { op: 'replace', path: '/*/*/caching/dataEncrypted', value: 'true' },
      ],
    },
    {
      name: "the web ACL is not UpdateStage's (WAFv2 writes it)",
      c: stage(),
      d: stage({ webAclArn: 'arn:aws:wafv2:x' }),
      ops: [],
    },
  ])('$name', ({ c, d, ops }) => expect(rest(c, d)).toEqual(ops));
});

describe('HTTP writes (UpdateStage merges; DeleteRouteSettings drops an entry)', () => {
  it.each([
    {
      name: 'throttling removed: -1 on both limits (v2 keeps a member left out)',
      c: stage({ throttling: { rateLimit: 1, burstLimit: 2 } }),
      d: stage(),
      input: { DefaultRouteSettings: { ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 } },
    },
    {
      name: 'metrics and throttling together: one DefaultRouteSettings member, merged',
      c: stage(),
      d: stage({ detailedMetrics: true, throttling: { rateLimit: 1, burstLimit: 2 } }),
      input: {
        DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 },
      },
    },
    {
      name: 'a new entry carries what the state names',
      c: stage(),
      d: stage({ routeSettings: { 'POST /events': { throttling: { rateLimit: 10, burstLimit: 20 } }, 'GET /x': {} } }),
      input: { RouteSettings: { 'GET /x': {}, 'POST /events': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } } },
    },
    {
      name: 'a member the entry only inherited is now named: set on the entry',
      c: stage({ detailedMetrics: true, routeSettings: { 'POST /events': {} } }),
      d: stage({ routeSettings: { 'POST /events': { detailedMetrics: true } } }),
      input: {
        DefaultRouteSettings: { DetailedMetricsEnabled: false },
        RouteSettings: { 'POST /events': { DetailedMetricsEnabled: true } },
      },
    },
    {
      name: 'access log removed: no Update* member (DeleteAccessLogSettings does it)',
      c: stage({ accessLog: { destinationArn: 'arn:aws:logs:x', format: '$context.requestId' } }),
      d: stage(),
      input: undefined,
    },
  ])('$name', ({ c, d, input }) => expect(http(c, d)).toEqual(input));

  it('dropped entries are listed for DeleteRouteSettings', () => {
    expect(
      droppedRouteSettings(stage({ routeSettings: { b: {}, a: {}, c: {} } }), stage({ routeSettings: { b: {} } })),
    ).toEqual(['a', 'c']);
  });

  it('CreateStage carries DefaultRouteSettings and RouteSettings', () => {
    const d = stage({
      detailedMetrics: true,
      throttling: { rateLimit: 1, burstLimit: 2 },
      routeSettings: { 'POST /e': { detailedMetrics: false } },
      autoDeploy: false,
    });
    expect(createInput(stageFields, 'HttpApi', d, ctx)).toMatchObject({
      DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 },
      RouteSettings: { 'POST /e': { DetailedMetricsEnabled: false } },
    });
  });
});

describe("logging that needs the account's CloudWatch Logs role", () => {
  const logs = { destinationArn: 'arn:aws:logs:ap-northeast-2:000000000000:log-group:a', format: '$context.requestId' };
  it.each([
    {
      name: 'execution logging turned on',
      b: stage(),
      a: stage({ logging: { level: 'ERROR', dataTrace: false } }),
      kind: 'RestApi' as const,
      needs: true,
    },
    {
      name: 'on one route only',
      b: stage(),
      a: stage({ routeSettings: { 'GET /x': { logging: { level: 'OFF', dataTrace: true } } } }),
      kind: 'RestApi' as const,
      needs: true,
    },
    {
      name: 'already on',
      b: stage({ logging: { level: 'ERROR', dataTrace: false } }),
      a: stage({ logging: { level: 'INFO', dataTrace: false } }),
      kind: 'RestApi' as const,
      needs: false,
    },
    {
      name: 'access logs to a new log group',
      b: undefined,
      a: stage({ accessLog: logs }),
      kind: 'RestApi' as const,
      needs: true,
    },
    {
      name: 'access logs to Firehose',
      b: stage(),
      a: stage({
        accessLog: {
          ...logs,
          destinationArn: 'arn:aws:firehose:ap-northeast-2:000000000000:deliverystream/amazon-apigateway-a',
        },
      }),
      kind: 'RestApi' as const,
      needs: false,
    },
    { name: 'HTTP APIs never', b: stage(), a: stage({ accessLog: logs }), kind: 'HttpApi' as const, needs: false },
  ])('$name → $needs', ({ b, a, kind, needs }) => expect(needsCloudWatchRole(kind, b, a)).toBe(needs));
});
