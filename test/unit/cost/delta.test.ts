import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, costDelta, fromMeasured, type Usage } from '../../../src/cost/index.js';
import type { ApiModel } from '../../../src/model/api.js';
import { gateway, snapshot } from '../../helpers/model-builders.js';
import { M, declared, http, rest, usageOf } from './fixtures.js';

function delta(liveApis: ApiModel[], desiredApis: ApiModel[], usage: Map<string, Usage>, region = 'us-east-1') {
  return costDelta({
    desired: gateway(desiredApis, region),
    live: snapshot(liveApis, { region }),
    usage,
    prices: EMBEDDED_PRICES,
  });
}

describe('costDelta', () => {
  it('cache resize 0.5 → 6.1 GB', () => {
    // requests 50M × 3.50 = 175.00 on both sides; cache 0.020 × 730 = 14.60 → 0.20 × 730 = 146.00
    const r = delta([rest('shop', { prod: 0.5 })], [rest('shop', { prod: 6.1 })], usageOf({ shop: declared(50 * M) }));
    const l = r.apis[0];
    expect(l.beforeUsd).toBeCloseTo(189.6, 6);
    expect(l.afterUsd).toBeCloseTo(321, 6);
    expect(l.deltaUsd).toBeCloseTo(131.4, 6);
    expect(l.reasons).toEqual([
      { kind: 'cache-resized', text: 'cache on "prod" resized 0.5 → 6.1 GB (+$131.40)', usd: expect.closeTo(131.4, 6) },
    ]);
    expect(r.total.deltaUsd).toBeCloseTo(131.4, 6);
    expect(r.total.deltaPercent).toBeCloseTo((131.4 / 189.6) * 100, 6);
  });

  it('REST → HTTP: same traffic priced as HTTP, the cache goes, and the gaps are listed', () => {
    // before: REST 400M = 1165.50 + 67 × 2.80 = 1353.10, cache 14.60 → 1367.70
    // after:  HTTP 400M = 300 + 100 × 0.90 = 390.00 → delta −977.70
    const before = rest('shop', { prod: 0.5 }, { rollout: undefined });
    const after = http('shop', ['prod'], { name: before.name });
    const r = delta([before], [after], usageOf({ shop: declared(400 * M) }));
    const l = r.apis[0];
    expect(l.beforeUsd).toBeCloseTo(1367.7, 6);
    expect(l.afterUsd).toBeCloseTo(390, 6);
    expect(l.deltaUsd).toBeCloseTo(-977.7, 6);
    expect(l.reasons.map((x) => x.kind)).toEqual(['kind-switch', 'cache-removed']);
    expect(l.reasons[0].text).toBe('REST → HTTP: the same 400M requests/mo priced as HTTP');
    expect(l.reasons[0].usd).toBeCloseTo(-963.1, 6); // 390.00 − 1353.10
    expect(l.reasons[1].text).toBe('cache 0.5 GB removed from "prod" (HTTP APIs have no cache) (−$14.60)');
    expect(l.httpGaps?.map((g) => g.feature)).toEqual([
      'response cache',
      'request validation',
      'mapping templates',
      'usage plans and API keys',
      'canary traffic split (HTTP rolls out by deploy-and-bake)',
      'AWS WAF',
      'private endpoints',
    ]);
    expect(l.httpGaps?.find((g) => g.feature === 'response cache')?.inUse).toBe(true);
    expect(l.httpGaps?.find((g) => g.feature === 'AWS WAF')?.inUse).toBe(false);
  });

  it('a new API with declared usage', () => {
    // HTTP, 50M requests of 700 KB → 100M billed × 1.00 = 100.00
    const r = delta([], [http('events')], usageOf({ events: declared(50 * M, 700) }));
    const l = r.apis[0];
    expect(l.change).toBe('added');
    expect(l.beforeUsd).toBe(0);
    expect(l.afterUsd).toBeCloseTo(100, 6);
    expect(l.reasons[0].text).toBe('new HTTP API, 50M requests/mo (declared)');
    expect(r.total.deltaPercent).toBeNull(); // nothing spent before
  });

  it('a new API without usage is priced at zero traffic and says so', () => {
    const r = delta([], [rest('new', { prod: 1.6 })], new Map());
    expect(r.apis[0].reasons.map((x) => x.text)).toEqual([
      'new REST API, 0 requests/mo (no usage known, assumed 0)',
      'cache 1.6 GB on "prod" (+$27.74)',
    ]);
    expect(r.apis[0].afterUsd).toBeCloseTo(27.74, 6); // 0.038 × 730
    expect(r.apis[0].usage.source).toBe('none');
  });

  it('an API removed saves what it cost', () => {
    const r = delta([rest('old', { prod: 0.5 })], [], usageOf({ old: declared(1 * M) }));
    expect(r.apis[0].change).toBe('removed');
    expect(r.apis[0].deltaUsd).toBeCloseTo(-18.1, 6); // −(1 × 3.50 + 14.60)
  });

  it('a stage removed takes its measured traffic and cache with it', () => {
    // 30 days measured: prod 72M, dev 7.2M → × 730/720 = 73M and 7.3M a month
    // before: 80.3M × 3.50 = 281.05 + dev cache 0.5 GB 14.60 = 295.65; after: 73M × 3.50 = 255.50
    const usage = fromMeasured({ windowDays: 30, stages: { prod: { requests: 72 * M }, dev: { requests: 7.2 * M } } });
    const r = delta(
      [rest('shop', { prod: undefined, dev: 0.5 })],
      [rest('shop', { prod: undefined })],
      usageOf({ shop: usage }),
    );
    const l = r.apis[0];
    expect(l.beforeUsd).toBeCloseTo(295.65, 6);
    expect(l.afterUsd).toBeCloseTo(255.5, 6);
    expect(l.reasons.map((x) => x.text)).toEqual([
      'stage "dev" removed, its 7.3M requests/mo stop and its 0.5 GB cache goes (−$14.60)',
    ]);
  });

  it('a stage added with a cache', () => {
    const r = delta(
      [rest('shop')],
      [rest('shop', { prod: undefined, staging: 1.6 })],
      usageOf({ shop: declared(1 * M) }),
    );
    expect(r.apis[0].deltaUsd).toBeCloseTo(27.74, 6); // 0.038 × 730; declared traffic unchanged
    expect(r.apis[0].reasons.map((x) => x.kind)).toEqual(['stage-added']);
  });

  it("moves an untouched API's share when another API's traffic changes the tier fill", () => {
    // before: a 300M alone = 300 × 3.50 = 1050.00. after: a 300M + new b 300M = 600M:
    // 1165.50 + 267 × 2.80 (747.60) = 1913.10, a's half = 956.55 → a −93.45
    const r = delta([rest('a')], [rest('a'), rest('b')], usageOf({ a: declared(300 * M), b: declared(300 * M) }));
    const a = r.apis.find((l) => l.apiKey === 'a')!;
    expect(a.deltaUsd).toBeCloseTo(-93.45, 6);
    expect(a.reasons.map((x) => x.kind)).toEqual(['tier-share']);
    expect(r.total.deltaUsd).toBeCloseTo(1913.1 - 1050, 6);
  });

  it('an unchanged API stays unchanged with zero delta', () => {
    const r = delta([rest('a', { prod: 0.5 })], [rest('a', { prod: 0.5 })], usageOf({ a: declared(5 * M) }));
    expect(r.apis[0]).toMatchObject({ change: 'unchanged', reasons: [] });
    expect(r.apis[0].deltaUsd).toBe(0);
  });

  it('an unknown region: every amount unknown, nothing guessed', () => {
    const r = delta(
      [rest('a', { prod: 0.5 })],
      [rest('a', { prod: 6.1 })],
      usageOf({ a: declared(5 * M) }),
      'eu-west-3',
    );
    expect(r.regionKnown).toBe(false);
    expect(r.apis[0]).toMatchObject({ beforeUsd: null, afterUsd: null, deltaUsd: null, change: 'changed' });
    expect(r.total).toEqual({ beforeUsd: null, afterUsd: null, deltaUsd: null, deltaPercent: null });
    expect(r.priceRows).toEqual([]);
  });
});
