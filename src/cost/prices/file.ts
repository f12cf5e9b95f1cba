/**
 * The price file `apigw-sync prices refresh` writes and `--prices <file>` reads: JSON, one
 * dated table per region, the same shape as the embedded tables. Parsing is pure (text in).
 */
import { z } from 'zod';
import { ApigwSyncError } from '../../model/errors.js';
import type { PriceBook } from './types.js';

export const PRICE_FILE_KIND = 'apigw-sync/prices';

const provenance = {
  region: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-23'),
  source: z.string().min(1),
};
const tier = z.object({
  from: z.number().nonnegative(),
  to: z.number().positive().nullable(),
  usdPerMillion: z.number().nonnegative(),
});
const tiers = z.array(tier).min(1);

const regionPrices = z.object({
  region: z.string().min(1),
  rest: z.object({ ...provenance, tiers }).optional(),
  http: z.object({ ...provenance, tiers, meteringKb: z.number().positive() }).optional(),
  webSocket: z
    .object({
      ...provenance,
      messageMeteringKb: z.number().positive(),
      messageTiers: tiers,
      connectionMinuteUsdPerMillion: z.number().nonnegative(),
    })
    .optional(),
  cache: z.object({ ...provenance, usdPerHour: z.record(z.string(), z.number().nonnegative()) }).optional(),
  waf: z
    .object({
      ...provenance,
      webAclUsdPerMonth: z.number().nonnegative(),
      ruleUsdPerMonth: z.number().nonnegative(),
      usdPerMillionRequests: z.number().nonnegative(),
    })
    .optional(),
});

const priceFile = z.object({
  kind: z.literal(PRICE_FILE_KIND),
  version: z.literal(1),
  generatedAt: z.string(),
  regions: z.record(z.string(), regionPrices),
});

export class PriceFileError extends ApigwSyncError {
  constructor(file: string, message: string) {
    super('PRICE_FILE', `${file}: ${message}`, { hint: 'regenerate it with `apigw-sync prices refresh --out <file>`' });
  }
}

/** Checks that bands are contiguous from 0, so a gap can never be priced by accident. */
function checkTiers(file: string, where: string, list: Array<{ from: number; to: number | null }>): void {
  let expected = 0;
  list.forEach((t, i) => {
    if (t.from !== expected)
      throw new PriceFileError(
        file,
        `${where}[${i}] starts at ${t.from}, expected ${expected} (bands must be contiguous from 0)`,
      );
    if (t.to === null && i !== list.length - 1)
      throw new PriceFileError(file, `${where}[${i}] is unbounded but is not the last band`);
    if (t.to !== null && t.to <= t.from) throw new PriceFileError(file, `${where}[${i}] ends before it starts`);
    expected = t.to ?? Infinity;
  });
}

export function parsePriceFile(text: string, file = 'prices.json'): PriceBook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PriceFileError(file, `not JSON (${(e as Error).message})`);
  }
  const r = priceFile.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new PriceFileError(file, `${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  for (const [key, p] of Object.entries(r.data.regions)) {
    if (p.region !== key) throw new PriceFileError(file, `regions.${key} describes region ${p.region}`);
    if (p.rest) checkTiers(file, `regions.${key}.rest.tiers`, p.rest.tiers);
    if (p.http) checkTiers(file, `regions.${key}.http.tiers`, p.http.tiers);
    if (p.webSocket) checkTiers(file, `regions.${key}.webSocket.messageTiers`, p.webSocket.messageTiers);
  }
  return r.data.regions;
}

export function serializePriceFile(book: PriceBook, generatedAt: Date): string {
  return (
    JSON.stringify(
      { kind: PRICE_FILE_KIND, version: 1, generatedAt: generatedAt.toISOString(), regions: book },
      null,
      2,
    ) + '\n'
  );
}
