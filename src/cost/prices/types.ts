/**
 * Price tables: plain data, dated and sourced row by row, so a reviewer can see where every
 * dollar came from and how old it is. Nothing here is computed; see ../tiers.ts.
 */

/** Where a row's figures come from and as of when. */
export interface PriceProvenance {
  region: string;
  /** ISO date (YYYY-MM-DD) the figures were taken. */
  date: string;
  /** Who said so: "AWS Price List API (…)", "team notes", "DESIGN.md". */
  source: string;
}

/**
 * One band of a monthly tiered price: units in [from, to) cost usdPerMillion.
 * `to: null` = no upper bound. Traffic past the last band's finite `to` is *unpriced*
 * (the table does not know that band), never priced with a neighbour's rate.
 */
export interface PriceTier {
  from: number;
  to: number | null;
  usdPerMillion: number;
}

export interface TieredPrice extends PriceProvenance {
  tiers: PriceTier[];
}

export interface HttpRequestPrice extends TieredPrice {
  /** A request is billed once per this many KB (rounded up). */
  meteringKb: number;
}

export interface WebSocketPrice extends PriceProvenance {
  /** A message is billed once per this many KB (rounded up). */
  messageMeteringKb: number;
  messageTiers: PriceTier[];
  connectionMinuteUsdPerMillion: number;
}

/**
 * AWS WAF, what a web ACL on a REST stage costs: a monthly fee per web ACL and per rule in it
 * (prorated by the hour, whether or not it inspects anything) and a charge per request inspected.
 */
export interface WafPrice extends PriceProvenance {
  webAclUsdPerMonth: number;
  ruleUsdPerMonth: number;
  usdPerMillionRequests: number;
}

export interface CachePrice extends PriceProvenance {
  /** Cache size in GB as API Gateway spells it ("0.5", "6.1", "118") → USD per hour. */
  usdPerHour: Record<string, number>;
}

/** Everything known about one region; a missing row is unknown, not free. */
export interface RegionPrices {
  region: string;
  rest?: TieredPrice;
  http?: HttpRequestPrice;
  webSocket?: WebSocketPrice;
  cache?: CachePrice;
  waf?: WafPrice;
}

/** Tables by region code. */
export type PriceBook = Record<string, RegionPrices>;

/** A month, as AWS bills hourly resources. */
export const HOURS_PER_MONTH = 730;
export const MILLION = 1_000_000;
