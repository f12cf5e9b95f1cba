/**
 * fetchRegionPrices with the real SDK client against a 127.0.0.1 stand-in for the Price List
 * endpoint that replays the recorded GetProducts pages (AWS JSON 1.1), following NextToken.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricingClient, fetchRegionPrices } from '../../../src/aws/pricing.js';
import { AwsCallError } from '../../../src/model/errors.js';
import { pricesRefreshCommand } from '../../../src/cli/prices.js';
import { loadPriceBook } from '../../../src/cli/cost.js';
import { parsePriceFile } from '../../../src/cost/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'pricing');
const page1 = readFileSync(join(FIX, 'get-products-us-east-1.page1.json'), 'utf8');
const page2 = readFileSync(join(FIX, 'get-products-us-east-1.page2.json'), 'utf8');
const token = (JSON.parse(page1) as { NextToken: string }).NextToken;

let server: Server;
let url: string;
const requests: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data) as Record<string, unknown>;
      requests.push({ target: req.headers['x-amz-target'] as string | undefined, body });
      const filters = body.Filters as Array<{ Value: string }>;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (filters[0]?.Value === 'eu-nowhere-1') {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'InvalidParameterException', message: 'Invalid filter value' }));
        return;
      }
      if (filters[0]?.Value === 'ap-southeast-9') {
        res.end(JSON.stringify({ FormatVersion: 'aws_v1', PriceList: [] }));
        return;
      }
      res.end(body.NextToken === token ? page2 : page1);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () =>
  createPricingClient({ endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

describe('fetchRegionPrices', () => {
  it('pages GetProducts for AmazonApiGateway in one region and parses the table', async () => {
    requests.length = 0;
    const r = await fetchRegionPrices(client(), 'us-east-1');
    expect(requests.map((q) => q.target)).toEqual([
      'AWSPriceListService.GetProducts',
      'AWSPriceListService.GetProducts',
    ]);
    expect(requests[0].body).toEqual({
      ServiceCode: 'AmazonApiGateway',
      FormatVersion: 'aws_v1',
      Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }],
      MaxResults: 100,
    });
    expect(requests[1].body.NextToken).toBe(token);
    expect(r).toMatchObject({ pages: 2, products: 13, problems: [], ignored: ['USE1-ApiGatewayPortalRequest'] });
    expect(r.prices.rest?.tiers.map((t) => t.usdPerMillion)).toEqual([3.5, 2.8, 2.38, 1.51]);
    expect(r.prices.http?.tiers.map((t) => t.usdPerMillion)).toEqual([1, 0.9]);
    expect(Object.keys(r.prices.cache?.usdPerHour ?? {})).toHaveLength(8);
  });

  it('wraps an AWS error once, with the operation', async () => {
    const err = await fetchRegionPrices(client(), 'eu-nowhere-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect((err as AwsCallError).message).toMatch(/^GetProducts failed: InvalidParameterException/);
  });
});

describe('apigw-sync prices refresh', () => {
  it('writes a dated price file that cost --prices loads in preference to the embedded table', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'prices-')), 'prices.json');
    // An existing file: its other regions are kept.
    writeFileSync(
      out,
      JSON.stringify({
        kind: 'apigw-sync/prices',
        version: 1,
        generatedAt: '2026-01-01T00:00:00Z',
        regions: { 'eu-west-3': { region: 'eu-west-3' } },
      }),
    );
    const r = await pricesRefreshCommand({
      regions: ['us-east-1'],
      out,
      client: client(),
      now: new Date('2026-11-23T09:00:00Z'),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('us-east-1: rest, http, webSocket, cache from 13 products in 2 page(s)');
    const book = parsePriceFile(readFileSync(out, 'utf8'));
    expect(Object.keys(book).sort()).toEqual(['eu-west-3', 'us-east-1']);
    expect(book['us-east-1'].rest?.date).toBe('2026-10-31');

    const loaded = await loadPriceBook(out);
    expect(loaded['us-east-1'].rest?.source).toBe('AWS Price List API (AmazonApiGateway, US East (N. Virginia))');
    expect(loaded['ap-northeast-2'].rest?.source).toBe('team notes (as quoted in DESIGN.md)'); // embedded, not overridden
  });

  it('prints the file without --out, and fails for a region the Price List API does not know', async () => {
    const printed = await pricesRefreshCommand({ regions: ['us-east-1'], client: client() });
    expect(Object.keys(parsePriceFile(printed.stdout))).toEqual(['us-east-1']);
    const none = await pricesRefreshCommand({ regions: ['ap-southeast-9'], client: client() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('ap-southeast-9: the Price List API has no API Gateway prices for this region');
  });
});
