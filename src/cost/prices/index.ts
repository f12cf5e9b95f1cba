/** The embedded (offline) price book, and lookups that never substitute another region. */
import { AP_NORTHEAST_2 } from './ap-northeast-2.js';
import { US_EAST_1 } from './us-east-1.js';
import type { PriceBook, RegionPrices } from './types.js';

export * from './types.js';
export { parsePriceFile, serializePriceFile, PRICE_FILE_KIND } from './file.js';
export { parsePriceList, type PriceListParseResult } from './price-list.js';

export const EMBEDDED_PRICES: PriceBook = {
  [US_EAST_1.region]: US_EAST_1,
  [AP_NORTHEAST_2.region]: AP_NORTHEAST_2,
};

/** Tables for exactly this region, or undefined: an unknown region is reported, not guessed. */
export function pricesFor(book: PriceBook, region: string): RegionPrices | undefined {
  return Object.hasOwn(book, region) ? book[region] : undefined;
}

/**
 * A refreshed book (from `prices refresh`) wins region by region over the embedded one. The
 * refresh reads API Gateway's prices only (service code AmazonApiGateway): a region it
 * refreshes keeps the embedded AWS WAF row unless the file has its own.
 */
export function withOverrides(base: PriceBook, overrides: PriceBook): PriceBook {
  const out: PriceBook = { ...base, ...overrides };
  for (const [region, p] of Object.entries(overrides)) {
    const waf = p.waf ?? base[region]?.waf;
    if (waf) out[region] = { ...p, waf };
  }
  return out;
}
