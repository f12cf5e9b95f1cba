import type { RegionPrices } from './types.js';

const M = 1_000_000;
const B = 1_000_000_000;
const DATE = '2026-11-23';
/** Quoted in DESIGN.md from the team's notes; not checked against AWS (run `prices refresh`). */
const SOURCE = 'team notes (as quoted in DESIGN.md)';

/**
 * Seoul, exactly as far as the notes go:
 * - REST "3.81 / 3.18 / then 2.22 past 1B": 2.22 is taken as the band AWS sells as "next 19B";
 *   the notes name no rate past 20B, so requests beyond 20B a month are unpriced.
 * - HTTP "1.27 / 0.95 (next 700M)": the 0.95 band ends at 1B; past 1B is unpriced.
 * - WebSocket and cache: no figures in the notes, so no rows (reported as unknown).
 * - AWS WAF: AWS prices it the same in every Region ("The pricing for AWS WAF is consistent
 *   across all AWS Regions", AWS Networking & Content Delivery blog, "Cost-effective ways for
 *   securing your web applications using AWS WAF"), so the us-east-1 figures of DESIGN.md apply.
 */
export const AP_NORTHEAST_2: RegionPrices = {
  region: 'ap-northeast-2',
  rest: {
    region: 'ap-northeast-2',
    date: DATE,
    source: SOURCE,
    tiers: [
      { from: 0, to: 333 * M, usdPerMillion: 3.81 },
      { from: 333 * M, to: 1 * B, usdPerMillion: 3.18 },
      { from: 1 * B, to: 20 * B, usdPerMillion: 2.22 },
    ],
  },
  http: {
    region: 'ap-northeast-2',
    date: DATE,
    source: SOURCE,
    meteringKb: 512,
    tiers: [
      { from: 0, to: 300 * M, usdPerMillion: 1.27 },
      { from: 300 * M, to: 1 * B, usdPerMillion: 0.95 },
    ],
  },
  waf: {
    region: 'ap-northeast-2',
    date: '2026-11-30',
    source:
      'AWS WAF pricing, the same in every Region (AWS blog: "Cost-effective ways for securing your web applications using AWS WAF")',
    webAclUsdPerMonth: 5.0,
    ruleUsdPerMonth: 1.0,
    usdPerMillionRequests: 0.6,
  },
};
