import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, costDelta, costDeltaOutput, shouldShowCost } from '../../../src/cost/index.js';
import type { ApiModel, CostThresholds } from '../../../src/model/api.js';
import { gateway, snapshot } from '../../helpers/model-builders.js';
import { M, declared, rest, usageOf } from './fixtures.js';

const report = (live: ApiModel[], desired: ApiModel[], region = 'us-east-1') =>
  costDelta({
    desired: gateway(desired, region),
    live: snapshot(live, { region }),
    usage: usageOf({ a: declared(100 * M) }),
    prices: EMBEDDED_PRICES,
  });

// Base: 100M × 3.50 = 350.00 a month.
const noChange = report([rest('a')], [rest('a')]);
const plusCache = report([rest('a')], [rest('a', { prod: 0.5 })]); // +14.60 = +4.17 %
const plusBigCache = report([rest('a')], [rest('a', { prod: 6.1 })]); // +146.00 = +41.7 %
const fresh = report([], [rest('a')]); // +350.00 from nothing
const unknown = report([rest('a')], [rest('a', { prod: 0.5 })], 'eu-west-3');

describe('shouldShowCost', () => {
  const t = (usd?: number, percent?: number): CostThresholds => ({
    commentThreshold: { ...(usd === undefined ? {} : { usd }), ...(percent === undefined ? {} : { percent }) },
  });
  it.each([
    { what: 'no change, no threshold', r: noChange, th: undefined, show: false },
    { what: '+$14.60, no threshold', r: plusCache, th: undefined, show: true },
    { what: '+$14.60 vs $10 / 5 % (usd reached)', r: plusCache, th: t(10, 5), show: true },
    { what: '+$14.60 (4.2 %) vs $20 / 5 %', r: plusCache, th: t(20, 5), show: false },
    { what: '+$14.60 (4.2 %) vs $20 / 4 % (percent reached)', r: plusCache, th: t(20, 4), show: true },
    { what: '+$14.60 vs $14.60 exactly', r: plusCache, th: t(14.6), show: true },
    { what: '+$146 vs $100 only', r: plusBigCache, th: t(100), show: true },
    { what: '+$14.60 vs 50 % only', r: plusCache, th: t(undefined, 50), show: false },
    { what: 'new spend from $0 vs percent only', r: fresh, th: t(undefined, 50), show: true },
    { what: 'unknown delta on a changed API', r: unknown, th: t(1000, 100), show: true },
  ])('$what → $show', ({ r, th, show }) => {
    expect(shouldShowCost(r, th)).toBe(show);
  });
});

describe('costDeltaOutput', () => {
  it.each([
    { r: plusCache, out: '14.60' },
    { r: report([rest('a', { prod: 0.5 })], [rest('a')]), out: '-14.60' },
    { r: noChange, out: '0.00' },
    { r: unknown, out: '' },
  ])('→ "$out"', ({ r, out }) => expect(costDeltaOutput(r)).toBe(out));
});
