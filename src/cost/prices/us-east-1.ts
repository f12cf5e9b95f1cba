import type { RegionPrices } from './types.js';

const M = 1_000_000;
const B = 1_000_000_000;
const DATE = '2026-11-23';
/** Transcribed from the prices table in DESIGN.md on DATE. */
const SOURCE = 'DESIGN.md prices table';

export const US_EAST_1: RegionPrices = {
  region: 'us-east-1',
  rest: {
    region: 'us-east-1',
    date: DATE,
    source: SOURCE,
    tiers: [
      { from: 0, to: 333 * M, usdPerMillion: 3.5 },
      { from: 333 * M, to: 1 * B, usdPerMillion: 2.8 },
      { from: 1 * B, to: 20 * B, usdPerMillion: 2.38 },
      { from: 20 * B, to: null, usdPerMillion: 1.51 },
    ],
  },
  http: {
    region: 'us-east-1',
    date: DATE,
    source: SOURCE,
    meteringKb: 512,
    tiers: [
      { from: 0, to: 300 * M, usdPerMillion: 1.0 },
      { from: 300 * M, to: null, usdPerMillion: 0.9 },
    ],
  },
  webSocket: {
    // DESIGN.md: messages 1.00 per million for the first 1B a month, 0.80 after (32 KB steps); connection minutes 0.25 per million.
    region: 'us-east-1',
    date: DATE,
    source: SOURCE,
    messageMeteringKb: 32,
    messageTiers: [
      { from: 0, to: 1 * B, usdPerMillion: 1.0 },
      { from: 1 * B, to: null, usdPerMillion: 0.8 },
    ],
    connectionMinuteUsdPerMillion: 0.25,
  },
  cache: {
    region: 'us-east-1',
    date: DATE,
    source: SOURCE,
    usdPerHour: {
      '0.5': 0.02,
      '1.6': 0.038,
      '6.1': 0.2,
      '13.5': 0.25,
      '28.4': 0.5,
      '58.2': 1.0,
      '118': 1.9,
      '237': 3.8,
    },
  },
  waf: {
    region: 'us-east-1',
    date: DATE,
    source: SOURCE,
    webAclUsdPerMonth: 5.0,
    ruleUsdPerMonth: 1.0,
    usdPerMillionRequests: 0.6,
  },
};
