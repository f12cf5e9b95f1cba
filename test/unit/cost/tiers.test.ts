import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, meteredUnits, priceTiered } from '../../../src/cost/index.js';

const M = 1_000_000;
const B = 1_000_000_000;
const US = EMBEDDED_PRICES['us-east-1'];
const SEOUL = EMBEDDED_PRICES['ap-northeast-2'];

describe('priceTiered', () => {
  it.each([
    // REST us-east-1: 3.50 first 333M, 2.80 next 667M, 2.38 next 19B, 1.51 over 20B (per million)
    { what: 'REST us-east-1, 0', units: 0, tiers: US.rest!.tiers, usd: 0 },
    { what: 'REST us-east-1, exactly 333M', units: 333 * M, tiers: US.rest!.tiers, usd: 1165.5 }, // 333 × 3.50
    { what: 'REST us-east-1, 334M', units: 334 * M, tiers: US.rest!.tiers, usd: 1168.3 }, // 1165.50 + 1 × 2.80
    { what: 'REST us-east-1, 1B', units: 1 * B, tiers: US.rest!.tiers, usd: 3033.1 }, // 1165.50 + 667 × 2.80 (1867.60)
    { what: 'REST us-east-1, 1.5B', units: 1.5 * B, tiers: US.rest!.tiers, usd: 4223.1 }, // 3033.10 + 500 × 2.38 (1190.00)
    { what: 'REST us-east-1, 21B', units: 21 * B, tiers: US.rest!.tiers, usd: 49763.1 }, // 3033.10 + 19000 × 2.38 (45220) + 1000 × 1.51 (1510)
    { what: 'REST Seoul, exactly 333M', units: 333 * M, tiers: SEOUL.rest!.tiers, usd: 1268.73 }, // 333 × 3.81
    { what: 'REST Seoul, 334M', units: 334 * M, tiers: SEOUL.rest!.tiers, usd: 1271.91 }, // 1268.73 + 1 × 3.18
    { what: 'REST Seoul, 1.5B', units: 1.5 * B, tiers: SEOUL.rest!.tiers, usd: 4499.79 }, // 1268.73 + 667 × 3.18 (2121.06) + 500 × 2.22 (1110)
    { what: 'HTTP us-east-1, 300M', units: 300 * M, tiers: US.http!.tiers, usd: 300 }, // 300 × 1.00
    { what: 'HTTP us-east-1, 400M', units: 400 * M, tiers: US.http!.tiers, usd: 390 }, // 300 + 100 × 0.90
    { what: 'HTTP Seoul, 1B', units: 1 * B, tiers: SEOUL.http!.tiers, usd: 1046 }, // 300 × 1.27 (381) + 700 × 0.95 (665)
  ])('$what → $usd', ({ units, tiers, usd }) => {
    const r = priceTiered(units, tiers);
    expect(r.usd).toBeCloseTo(usd, 6);
    expect(r.unpricedUnits).toBe(0);
    expect(r.bands.reduce((s, b) => s + b.units, 0)).toBe(units);
  });

  it.each([
    { what: 'Seoul REST past 20B (the notes name no rate)', units: 21 * B, tiers: SEOUL.rest!.tiers, unpriced: 1 * B },
    {
      what: 'Seoul HTTP past 1B (only "next 700M" is known)',
      units: 1.2 * B,
      tiers: SEOUL.http!.tiers,
      unpriced: 0.2 * B,
    },
  ])('$what is unknown, not priced with a neighbour band', ({ units, tiers, unpriced }) => {
    const r = priceTiered(units, tiers);
    expect(r.usd).toBeNull();
    expect(r.unpricedUnits).toBeCloseTo(unpriced, 0);
  });
});

describe('meteredUnits', () => {
  it.each([
    { kb: undefined, step: 512, billed: 10 * M }, // size unknown: one unit each
    { kb: 1, step: 512, billed: 10 * M },
    { kb: 512, step: 512, billed: 10 * M }, // exactly one step
    { kb: 600, step: 512, billed: 20 * M }, // 600 KB = 2 steps
    { kb: 1100, step: 512, billed: 30 * M }, // ceil(1100/512) = 3
    { kb: 33, step: 32, billed: 20 * M }, // WebSocket 32 KB steps
  ])('10M requests of $kb KB in $step KB steps bill $billed', ({ kb, step, billed }) => {
    expect(meteredUnits(10 * M, kb, step)).toBe(billed);
  });
});
