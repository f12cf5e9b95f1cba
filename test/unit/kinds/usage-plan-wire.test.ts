/**
 * Usage plans on the wire, pure: AWS's per-method throttle keys, a GetUsagePlans item → the
 * model, the CreateUsagePlan input, and the one batch of PATCH operations for a change —
 * stages removed first, `add` for a throttle or quota the plan did not have, the documented
 * per-method paths.
 */
import { describe, expect, it } from 'vitest';
import type { UsagePlanModel } from '../../../src/kinds/usage-plan/model.js';
import {
  awsMethodKey,
  routeOfAwsMethodKey,
  usagePlanCreateInput,
  usagePlanFromWire,
  usagePlanPatchOps,
} from '../../../src/kinds/usage-plan/wire.js';

const ids: Record<string, string> = { shop: 'abc123', events: 'def456' };
const apiIdOf = (k: string) => ids[k];
const apiKeyOf = (id: string) => Object.keys(ids).find((k) => ids[k] === id);

const gold: UsagePlanModel = {
  name: 'gold',
  description: 'partners',
  throttle: { rateLimit: 100, burstLimit: 200 },
  quota: { limit: 100000, period: 'MONTH', offset: 0 },
  apiStages: {
    'shop/prod': {
      api: 'shop',
      stage: 'prod',
      methodThrottles: { 'GET /products': { rateLimit: 10, burstLimit: 20 } },
    },
  },
  tags: {},
};

describe('per-method throttle keys', () => {
  it.each([
    ['GET /products', '/products/GET'],
    ['POST /orders/{id}', '/orders/{id}/POST'],
    ['GET /', '//GET'],
    ['ANY /proxy', '/proxy/ANY'],
  ])('%s ↔ %s', (route, aws) => {
    expect(awsMethodKey(route)).toBe(aws);
    expect(routeOfAwsMethodKey(aws)).toBe(route);
  });
});

describe('usage plan wire ↔ model', () => {
  it('create input, and the item AWS returns reads back to the same model', () => {
    const input = usagePlanCreateInput(gold, apiIdOf);
    expect(input).toEqual({
      name: 'gold',
      description: 'partners',
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 100000, period: 'MONTH', offset: 0 },
      apiStages: [{ apiId: 'abc123', stage: 'prod', throttle: { '/products/GET': { rateLimit: 10, burstLimit: 20 } } }],
    });
    expect(usagePlanFromWire({ id: 'p1', ...input }, apiKeyOf)).toEqual(gold);
  });

  it('a stage of an API no folder describes is kept under its id (apply removes it)', () => {
    const m = usagePlanFromWire({ name: 'x', apiStages: [{ apiId: 'zzz999', stage: 'prod' }] }, apiKeyOf);
    expect(Object.keys(m.apiStages)).toEqual(['(api zzz999)/prod']);
    const ops = usagePlanPatchOps(m, { ...m, apiStages: {} }, apiIdOf);
    expect(ops).toEqual([{ op: 'remove', path: '/apiStages', value: 'zzz999:prod' }]);
  });
});

describe('UpdateUsagePlan: one batch of operations', () => {
  it('no change, no operation', () => {
    expect(usagePlanPatchOps(gold, structuredClone(gold), apiIdOf)).toEqual([]);
  });

  it('everything at once, stages removed first', () => {
    const after: UsagePlanModel = {
      name: 'gold-v2',
      throttle: { rateLimit: 50, burstLimit: 200 },
      quota: { limit: 1000, period: 'WEEK', offset: 2 },
      apiStages: {
        'events/prod': {
          api: 'events',
          stage: 'prod',
          methodThrottles: { 'POST /events': { rateLimit: 5, burstLimit: 5 } },
        },
      },
      tags: {},
    };
    expect(usagePlanPatchOps(gold, after, apiIdOf)).toEqual([
      { op: 'remove', path: '/apiStages', value: 'abc123:prod' },
      { op: 'replace', path: '/name', value: 'gold-v2' },
      { op: 'replace', path: '/description', value: '' },
      { op: 'replace', path: '/throttle/rateLimit', value: '50' },
      { op: 'replace', path: '/quota/limit', value: '1000' },
      { op: 'replace', path: '/quota/period', value: 'WEEK' },
      { op: 'replace', path: '/quota/offset', value: '2' },
      { op: 'add', path: '/apiStages', value: 'def456:prod' },
      { op: 'replace', path: '/apiStages/def456:prod/throttle//events/POST/rateLimit', value: '5' },
      { op: 'replace', path: '/apiStages/def456:prod/throttle//events/POST/burstLimit', value: '5' },
    ]);
  });

  it('throttle and quota added (add) and removed (remove)', () => {
    const bare: UsagePlanModel = { ...gold, throttle: undefined, quota: undefined };
    expect(usagePlanPatchOps(bare, gold, apiIdOf)).toEqual([
      { op: 'add', path: '/throttle/rateLimit', value: '100' },
      { op: 'add', path: '/throttle/burstLimit', value: '200' },
      { op: 'add', path: '/quota/limit', value: '100000' },
      { op: 'add', path: '/quota/period', value: 'MONTH' },
      { op: 'add', path: '/quota/offset', value: '0' },
    ]);
    expect(usagePlanPatchOps(gold, bare, apiIdOf)).toEqual([
      { op: 'remove', path: '/throttle' },
      { op: 'remove', path: '/quota' },
    ]);
  });

  it('per-method throttles of a stage the plan keeps: changed, added, removed', () => {
    const after = structuredClone(gold);
    after.apiStages['shop/prod'].methodThrottles = {
      'GET /products': { rateLimit: 10, burstLimit: 40 },
      'GET /': { rateLimit: 1, burstLimit: 1 },
    };
    expect(usagePlanPatchOps(gold, after, apiIdOf)).toEqual([
      { op: 'replace', path: '/apiStages/abc123:prod/throttle///GET/rateLimit', value: '1' },
      { op: 'replace', path: '/apiStages/abc123:prod/throttle///GET/burstLimit', value: '1' },
      { op: 'replace', path: '/apiStages/abc123:prod/throttle//products/GET/burstLimit', value: '40' },
    ]);
    after.apiStages['shop/prod'].methodThrottles = {};
    expect(usagePlanPatchOps(gold, after, apiIdOf)).toEqual([
      { op: 'remove', path: '/apiStages/abc123:prod/throttle//products/GET' },
    ]);
  });
});
