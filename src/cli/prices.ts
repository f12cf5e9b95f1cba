/**
 * `apigw-sync prices refresh [--region r]... [--out file]`: fresh API Gateway prices from the
 * AWS Price List API, written as a dated price file that `cost --prices <file>` (and the
 * Action) use in preference to the embedded tables. An existing --out file keeps the regions
 * not refreshed this time.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createPricingClient, fetchRegionPrices, type PricingClient } from '../aws/pricing.js';
import { parsePriceFile, serializePriceFile, type PriceBook } from '../cost/prices/index.js';
import { commandRegion } from './aws-env.js';
import { action, EXIT } from './run.js';

export interface RefreshOptions {
  regions: string[];
  out?: string;
  client: PricingClient;
  now?: Date;
}

export async function pricesRefreshCommand(
  o: RefreshOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const book: PriceBook = o.out && existsSync(o.out) ? parsePriceFile(await readFile(o.out, 'utf8'), o.out) : {};
  const notes: string[] = [];
  let missing = 0;
  for (const region of o.regions) {
    const r = await fetchRegionPrices(o.client, region);
    const parts = (['rest', 'http', 'webSocket', 'cache'] as const).filter((k) => r.prices[k]);
    if (!parts.length) {
      missing++;
      notes.push(
        `${region}: the Price List API has no API Gateway prices for this region (${r.products} products read); not written\n`,
      );
      continue;
    }
    book[region] = r.prices;
    const absent = (['rest', 'http', 'webSocket', 'cache'] as const).filter((k) => !r.prices[k]);
    notes.push(
      `${region}: ${parts.join(', ')} from ${r.products} products in ${r.pages} page(s)${absent.length ? `; unknown: ${absent.join(', ')}` : ''}\n`,
    );
    for (const p of r.problems) notes.push(`  warning: ${p}\n`);
  }
  const text = serializePriceFile(book, o.now ?? new Date());
  if (o.out) {
    if (Object.keys(book).length) await writeFile(o.out, text);
    notes.push(`price file written to ${o.out}; use it with \`apigw-sync cost --prices ${o.out}\`\n`);
  }
  return { code: missing ? EXIT.error : EXIT.ok, stdout: o.out ? '' : text, stderr: notes.join('') };
}

export function register(program: Command): void {
  const prices = program.command('prices').description('API Gateway price tables used by `cost`');
  prices
    .command('refresh')
    .description('fetch current prices from the AWS Price List API into a dated price file')
    .option('--region <region...>', 'regions to fetch (default: AWS_REGION, else gateway-state/gateway.yaml)')
    .option('--out <file>', 'write (or update) this price file instead of printing it')
    .action(
      action(async (opts: { region?: string[]; out?: string }) => {
        const regions = opts.region?.length ? opts.region : [await commandRegion()];
        const r = await pricesRefreshCommand({ regions, out: opts.out, client: createPricingClient() });
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
