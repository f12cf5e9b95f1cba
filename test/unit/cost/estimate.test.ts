import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, estimateMonthlyCost } from '../../../src/cost/index.js';
import { B, M, declared, http, rest, usageOf } from './fixtures.js';

const prices = EMBEDDED_PRICES;

describe('estimateMonthlyCost', () => {
  it('tiers the account: two REST APIs share one tier fill, attributed by share', () => {
    // 200M + 300M = 500M: 333 × 3.50 (1165.50) + 167 × 2.80 (467.60) = 1633.10
    // a: 200/500 × 1633.10 = 653.24; b: 300/500 × 1633.10 = 979.86 (alone they would be 700 + 1050)
    const e = estimateMonthlyCost({
      apis: [rest('a'), rest('b')],
      usage: usageOf({ a: declared(200 * M), b: declared(300 * M) }),
      region: 'us-east-1',
      prices,
    });
    expect(e.apis.a.requestUsd).toBeCloseTo(653.24, 6);
    expect(e.apis.b.requestUsd).toBeCloseTo(979.86, 6);
    expect(e.tiers).toHaveLength(1);
    expect(e.tiers[0]).toMatchObject({ kind: 'RestApi', units: 500 * M });
    expect(e.tiers[0].usd).toBeCloseTo(1633.1, 6);
  });

  it('tiers REST and HTTP separately', () => {
    // REST 400M: 1165.50 + 67 × 2.80 (187.60) = 1353.10; HTTP 400M: 300 + 100 × 0.90 = 390.00
    const e = estimateMonthlyCost({
      apis: [rest('r'), http('h')],
      usage: usageOf({ r: declared(400 * M), h: declared(400 * M) }),
      region: 'us-east-1',
      prices,
    });
    expect(e.apis.r.totalUsd).toBeCloseTo(1353.1, 6);
    expect(e.apis.h.totalUsd).toBeCloseTo(390, 6);
  });

  it.each([
    // 10M HTTP requests in us-east-1 at 1.00/M; each 512 KB step is one billed request
    { kb: undefined, billed: 10 * M, usd: 10 },
    { kb: 512, billed: 10 * M, usd: 10 },
    { kb: 600, billed: 20 * M, usd: 20 }, // 600 KB → 2 steps
    { kb: 1100, billed: 30 * M, usd: 30 }, // 1100 KB → 3 steps
  ])('HTTP metering: 10M requests of $kb KB → $billed billed, $usd', ({ kb, billed, usd }) => {
    const e = estimateMonthlyCost({
      apis: [http('h')],
      usage: usageOf({ h: declared(10 * M, kb) }),
      region: 'us-east-1',
      prices,
    });
    expect(e.apis.h.billedRequests).toBe(billed);
    expect(e.apis.h.totalUsd).toBeCloseTo(usd, 6);
  });

  it.each([
    { gb: 0.5 as const, usd: 14.6 }, // 0.020 × 730
    { gb: 1.6 as const, usd: 27.74 }, // 0.038 × 730
    { gb: 6.1 as const, usd: 146 }, // 0.20 × 730
    { gb: 237 as const, usd: 2774 }, // 3.80 × 730
  ])('REST cache $gb GB costs $usd a month in us-east-1', ({ gb, usd }) => {
    const e = estimateMonthlyCost({ apis: [rest('r', { prod: gb })], usage: new Map(), region: 'us-east-1', prices });
    expect(e.apis.r.cacheUsd).toBeCloseTo(usd, 6);
    expect(e.apis.r.totalUsd).toBeCloseTo(usd, 6);
  });

  it('leaves what the region table lacks unknown (Seoul has no cache prices)', () => {
    const e = estimateMonthlyCost({
      apis: [rest('r', { prod: 0.5 })],
      usage: usageOf({ r: declared(1 * M) }),
      region: 'ap-northeast-2',
      prices,
    });
    expect(e.apis.r.requestUsd).toBeCloseTo(3.81, 6); // 1 × 3.81
    expect(e.apis.r.cacheUsd).toBeNull();
    expect(e.apis.r.totalUsd).toBeNull();
    expect(e.apis.r.unknown).toEqual(['no price for a 0.5 GB cache in ap-northeast-2']);
  });

  it('an unknown region prices nothing and says so', () => {
    const e = estimateMonthlyCost({
      apis: [rest('r')],
      usage: usageOf({ r: declared(1 * M) }),
      region: 'eu-west-3',
      prices,
    });
    expect(e.known).toBe(false);
    expect(e.apis.r.totalUsd).toBeNull();
    expect(e.apis.r.unknown).toEqual(['no REST request prices for eu-west-3']);
    expect(e.rows).toEqual([]);
  });

  it('volume past the last known band is unknown for every API sharing the tier', () => {
    const e = estimateMonthlyCost({
      apis: [http('a'), http('b')],
      usage: usageOf({ a: declared(0.9 * B), b: declared(0.2 * B) }),
      region: 'ap-northeast-2',
      prices,
    });
    expect(e.apis.a.requestUsd).toBeNull();
    expect(e.apis.b.requestUsd).toBeNull();
  });
});
