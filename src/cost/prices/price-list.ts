/**
 * Parses what the AWS Price List API's GetProducts returns for service code AmazonApiGateway
 * into a RegionPrices table. Pure: the SDK call lives in src/aws/pricing.ts.
 *
 * Format (FormatVersion aws_v1): `PriceList` is an array of JSON *strings*, each
 *   { product: { productFamily, attributes: { usagetype, location, regionCode, cacheMemorySizeGb, … }, sku },
 *     serviceCode, terms: { OnDemand: { "<sku>.<offerTermCode>": { effectiveDate, priceDimensions: {
 *       "<rateCode>": { unit, beginRange, endRange ("Inf" = open), description, pricePerUnit: { USD } } } } } },
 *     version, publicationDate }
 * Request prices are USD per request (e.g. "0.0000035000"); cache prices are USD per hour.
 */
import type { CachePrice, HttpRequestPrice, PriceTier, RegionPrices, TieredPrice, WebSocketPrice } from './types.js';

interface PriceDimension {
  unit?: string;
  beginRange?: string;
  endRange?: string;
  description?: string;
  pricePerUnit?: { USD?: string };
}

interface PriceListItem {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { effectiveDate?: string; priceDimensions?: Record<string, PriceDimension> }> };
  publicationDate?: string;
}

type Family = 'rest' | 'http' | 'wsMessage' | 'wsMinute' | 'cache';

const USAGE_FAMILIES: Array<[RegExp, Family]> = [
  [/(^|-)ApiGatewayRequest$/, 'rest'],
  [/(^|-)ApiGatewayHttpRequest$/, 'http'],
  [/(^|-)ApiGatewayMessage$/, 'wsMessage'],
  [/(^|-)ApiGatewayMinute$/, 'wsMinute'],
];

export interface PriceListParseResult {
  prices: RegionPrices;
  /** Products that were read but do not feed a table (other usage types), by usagetype. */
  ignored: string[];
  /** Problems that made a part unusable (that part is left out, i.e. unknown). */
  problems: string[];
}

function classify(item: PriceListItem): Family | undefined {
  if (item.product?.productFamily === 'Amazon API Gateway Cache') return 'cache';
  const usage = item.product?.attributes?.usagetype ?? '';
  return USAGE_FAMILIES.find(([re]) => re.test(usage))?.[1];
}

/** "0.0000035000" USD per unit → 3.5 USD per million, without float dust. */
const perMillion = (usd: number) => Number((usd * 1_000_000).toFixed(8));

function dimensions(item: PriceListItem): PriceDimension[] {
  const terms = Object.values(item.terms?.OnDemand ?? {});
  return terms.flatMap((t) => Object.values(t.priceDimensions ?? {}));
}

function toTiers(dims: PriceDimension[], what: string, problems: string[]): PriceTier[] | undefined {
  const seen = new Map<string, PriceTier>();
  for (const d of dims) {
    const usd = Number(d.pricePerUnit?.USD);
    const from = Number(d.beginRange ?? '0');
    const to = d.endRange === undefined || d.endRange === 'Inf' ? null : Number(d.endRange);
    if (!Number.isFinite(usd) || !Number.isFinite(from) || (to !== null && !Number.isFinite(to))) {
      problems.push(`${what}: unreadable price dimension ${JSON.stringify(d)}`);
      return undefined;
    }
    seen.set(`${from}-${to}`, { from, to, usdPerMillion: perMillion(usd) });
  }
  const tiers = [...seen.values()].sort((a, b) => a.from - b.from);
  let expected = 0;
  for (const t of tiers) {
    if (t.from !== expected) {
      problems.push(`${what}: bands are not contiguous (a band starts at ${t.from}, expected ${expected})`);
      return undefined;
    }
    expected = t.to ?? Infinity;
  }
  return tiers.length ? tiers : undefined;
}

function parseItem(raw: unknown): PriceListItem | undefined {
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as PriceListItem;
    } catch {
      return undefined;
    }
  }
  return raw !== null && typeof raw === 'object' ? (raw as PriceListItem) : undefined;
}

export function parsePriceList(priceList: readonly unknown[], region: string): PriceListParseResult {
  const problems: string[] = [];
  const ignored: string[] = [];
  const byFamily = new Map<Family, PriceListItem[]>();
  priceList.forEach((raw, i) => {
    const item = parseItem(raw);
    if (!item?.product) {
      problems.push(`PriceList[${i}] is not a product JSON document`);
      return;
    }
    const code = item.product.attributes?.regionCode;
    if (code !== undefined && code !== region) return;
    const family = classify(item);
    if (!family) {
      ignored.push(item.product.attributes?.usagetype ?? '(no usagetype)');
      return;
    }
    byFamily.set(family, [...(byFamily.get(family) ?? []), item]);
  });

  const dated = (items: PriceListItem[]) => {
    const dates = items
      .map((i) => i.publicationDate ?? '')
      .filter(Boolean)
      .sort();
    const location = items[0]?.product?.attributes?.location;
    return {
      region,
      date: (dates.at(-1) ?? '').slice(0, 10) || 'unknown',
      source: `AWS Price List API (AmazonApiGateway${location ? `, ${location}` : ''})`,
    };
  };
  const tiered = (family: Family, what: string): TieredPrice | undefined => {
    const items = byFamily.get(family) ?? [];
    const tiers = items.length ? toTiers(items.flatMap(dimensions), what, problems) : undefined;
    return tiers ? { ...dated(items), tiers } : undefined;
  };

  const prices: RegionPrices = { region };
  const rest = tiered('rest', 'REST requests');
  if (rest) prices.rest = rest;
  const http = tiered('http', 'HTTP requests');
  if (http) prices.http = { ...http, meteringKb: 512 } satisfies HttpRequestPrice;

  const messages = tiered('wsMessage', 'WebSocket messages');
  const minutes = tiered('wsMinute', 'WebSocket connection minutes');
  if (messages && minutes) {
    if (minutes.tiers.length !== 1) problems.push('WebSocket connection minutes: expected one flat rate');
    else {
      const { tiers: messageTiers, ...provenance } = messages;
      prices.webSocket = {
        ...provenance,
        messageMeteringKb: 32,
        messageTiers,
        connectionMinuteUsdPerMillion: minutes.tiers[0].usdPerMillion,
      } satisfies WebSocketPrice;
    }
  }

  const cacheItems = byFamily.get('cache') ?? [];
  if (cacheItems.length) {
    const usdPerHour: Record<string, number> = {};
    for (const item of cacheItems) {
      const size = Number(item.product?.attributes?.cacheMemorySizeGb);
      const usd = Number(dimensions(item)[0]?.pricePerUnit?.USD);
      if (!Number.isFinite(size) || !Number.isFinite(usd))
        problems.push(`cache: unreadable product ${item.product?.attributes?.usagetype ?? ''}`);
      else usdPerHour[String(size)] = usd;
    }
    if (Object.keys(usdPerHour).length) prices.cache = { ...dated(cacheItems), usdPerHour } satisfies CachePrice;
  }
  return { prices, ignored: [...new Set(ignored)].sort(), problems };
}
