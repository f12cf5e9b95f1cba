import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PRICES, parsePriceFile, parsePriceList, serializePriceFile } from '../../../src/cost/index.js';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'pricing');
const page = (n: number) =>
  JSON.parse(readFileSync(join(FIX, `get-products-us-east-1.page${n}.json`), 'utf8')) as { PriceList: string[] };
const recorded = [...page(1).PriceList, ...page(2).PriceList];

describe('parsePriceList (recorded GetProducts pages)', () => {
  const r = parsePriceList(recorded, 'us-east-1');

  it('reads every PriceList entry as a JSON string', () => {
    expect(recorded.every((x) => typeof x === 'string')).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual(['USE1-ApiGatewayPortalRequest']);
  });

  it('builds the REST bands from beginRange/endRange, "Inf" as open', () => {
    expect(r.prices.rest?.tiers).toEqual([
      { from: 0, to: 333e6, usdPerMillion: 3.5 },
      { from: 333e6, to: 1e9, usdPerMillion: 2.8 },
      { from: 1e9, to: 20e9, usdPerMillion: 2.38 },
      { from: 20e9, to: null, usdPerMillion: 1.51 },
    ]);
    expect(r.prices.rest).toMatchObject({
      region: 'us-east-1',
      date: '2026-10-31',
      source: 'AWS Price List API (AmazonApiGateway, US East (N. Virginia))',
    });
  });

  it('matches the embedded us-east-1 REST, HTTP and cache figures', () => {
    const embedded = EMBEDDED_PRICES['us-east-1'];
    expect(r.prices.rest?.tiers).toEqual(embedded.rest?.tiers);
    expect(r.prices.http?.tiers).toEqual(embedded.http?.tiers);
    expect(r.prices.http?.meteringKb).toBe(512);
    expect(r.prices.cache?.usdPerHour).toEqual(embedded.cache?.usdPerHour);
  });

  it('reads WebSocket messages in bands and connection minutes as one rate', () => {
    expect(r.prices.webSocket?.messageTiers).toEqual([
      { from: 0, to: 1e9, usdPerMillion: 1 },
      { from: 1e9, to: null, usdPerMillion: 0.8 },
    ]);
    expect(r.prices.webSocket?.connectionMinuteUsdPerMillion).toBe(0.25);
    expect(r.prices.webSocket?.messageMeteringKb).toBe(32);
  });

  it('keeps only the asked region and never fills a missing part from elsewhere', () => {
    const other = parsePriceList(recorded, 'eu-west-3');
    expect(other.prices).toEqual({ region: 'eu-west-3' });
  });

  it.each([
    {
      what: 'a gap between bands',
      edit: (p: any) => {
        const dims = Object.values(Object.values(p.terms.OnDemand as Record<string, any>)[0].priceDimensions) as any[];
        dims.find((d) => d.beginRange === '333000000').beginRange = '334000000';
      },
      problem: /REST requests: bands are not contiguous/,
    },
    {
      what: 'an unreadable price',
      edit: (p: any) => {
        const dims = Object.values(Object.values(p.terms.OnDemand as Record<string, any>)[0].priceDimensions) as any[];
        dims[0].pricePerUnit.USD = 'n/a';
      },
      problem: /REST requests: unreadable price dimension/,
    },
  ])('leaves REST unknown on $what', ({ edit, problem }) => {
    const list = recorded.map((s) => {
      const p = JSON.parse(s);
      if (p.product.attributes.usagetype === 'USE1-ApiGatewayRequest') edit(p);
      return JSON.stringify(p);
    });
    const bad = parsePriceList(list, 'us-east-1');
    expect(bad.prices.rest).toBeUndefined();
    expect(bad.problems.join('\n')).toMatch(problem);
    expect(bad.prices.http).toBeDefined();
  });
});

describe('price file', () => {
  it('round-trips a parsed table', () => {
    const book = { 'us-east-1': parsePriceList(recorded, 'us-east-1').prices };
    const text = serializePriceFile(book, new Date('2026-11-23T09:00:00Z'));
    expect(parsePriceFile(text)).toEqual(book);
  });

  it.each([
    { what: 'not JSON', text: '{', error: /prices.json: not JSON/ },
    {
      what: 'wrong kind',
      text: JSON.stringify({ kind: 'x', version: 1, generatedAt: '', regions: {} }),
      error: /kind/,
    },
    {
      what: 'a region filed under another key',
      text: serializePriceFile({ 'us-east-1': { region: 'us-west-2' } }, new Date(0)),
      error: /regions.us-east-1 describes region us-west-2/,
    },
    {
      what: 'non-contiguous bands',
      text: serializePriceFile(
        {
          'us-east-1': {
            region: 'us-east-1',
            rest: {
              region: 'us-east-1',
              date: '2026-11-23',
              source: 's',
              tiers: [
                { from: 0, to: 10, usdPerMillion: 1 },
                { from: 11, to: null, usdPerMillion: 1 },
              ],
            },
          },
        },
        new Date(0),
      ),
      error: /starts at 11, expected 10/,
    },
  ])('rejects $what', ({ text, error }) => {
    expect(() => parsePriceFile(text)).toThrow(error);
  });
});
