/** Monthly tiered pricing: fill the bands in order. Pure arithmetic. */
import { MILLION, type PriceTier } from './prices/types.js';

export interface BandUse {
  from: number;
  to: number | null;
  usdPerMillion: number;
  /** Units that fell in this band. */
  units: number;
  usd: number;
}

export interface TieredCost {
  units: number;
  /** null when some units fall past the last known band (the table cannot price them). */
  usd: number | null;
  bands: BandUse[];
  /** Units past the last known band. */
  unpricedUnits: number;
}

export function priceTiered(units: number, tiers: readonly PriceTier[]): TieredCost {
  const bands: BandUse[] = [];
  let left = units;
  let usd = 0;
  for (const t of tiers) {
    if (left <= 0) break;
    const width = t.to === null ? Infinity : t.to - t.from;
    const n = Math.min(left, width);
    const cost = (n / MILLION) * t.usdPerMillion;
    bands.push({ from: t.from, to: t.to, usdPerMillion: t.usdPerMillion, units: n, usd: cost });
    usd += cost;
    left -= n;
  }
  return { units, usd: left > 0 ? null : usd, bands, unpricedUnits: Math.max(0, left) };
}

/** Units billed for a payload metered in `stepKb` increments (a 600 KB response at 512 KB = 2). */
export function meteredUnits(count: number, avgKb: number | undefined, stepKb: number): number {
  const per = avgKb === undefined || avgKb <= 0 ? 1 : Math.ceil(avgKb / stepKb);
  return count * per;
}
