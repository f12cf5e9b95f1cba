/**
 * Fresh API Gateway prices from the AWS Price List API (GetProducts, service code
 * AmazonApiGateway, filtered to one region), paged with NextToken. Parsing is pure and lives
 * in src/cost/prices/price-list.ts; this file only talks to AWS.
 *
 * The Price List API has endpoints in a few regions only (us-east-1 among them), whatever
 * region is being priced, so the client is made for us-east-1 unless told otherwise.
 */
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { AwsCredentialIdentity } from '@smithy/types';
import { parsePriceList, type PriceListParseResult } from '../cost/prices/price-list.js';
import { wrapAwsError } from './errors.js';
import { withoutSdkNodeWarning } from '../node-support.js';

export const PRICE_LIST_REGION = 'us-east-1';

export interface PricingClientOptions {
  /** Default: the SDK's own resolution (AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL, else AWS). */
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  maxAttempts?: number;
}

export function createPricingClient(opts: PricingClientOptions = {}): PricingClient {
  const config = {
    region: PRICE_LIST_REGION,
    maxAttempts: opts.maxAttempts ?? 5,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  };
  return withoutSdkNodeWarning(() => new PricingClient(config));
}

export interface FetchedPrices extends PriceListParseResult {
  /** GetProducts calls made (pages). */
  pages: number;
  products: number;
}

/** Every AmazonApiGateway product of `region`, parsed into a dated RegionPrices table. */
export async function fetchRegionPrices(client: PricingClient, region: string): Promise<FetchedPrices> {
  const raw: unknown[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    let res;
    try {
      res = await client.send(
        new GetProductsCommand({
          ServiceCode: 'AmazonApiGateway',
          FormatVersion: 'aws_v1',
          Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: region }],
          MaxResults: 100,
          ...(token ? { NextToken: token } : {}),
        }),
      );
    } catch (e) {
      throw wrapAwsError('GetProducts', e);
    }
    pages++;
    // The SDK hands each entry over as a JSON string (a LazyJsonString in some versions).
    for (const item of res.PriceList ?? []) raw.push(typeof item === 'string' ? item : String(item));
    token = res.NextToken;
  } while (token);
  return { ...parsePriceList(raw, region), pages, products: raw.length };
}
