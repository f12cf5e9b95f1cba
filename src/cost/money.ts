/** Formatting shared by reason lines and renderers. Amounts are USD per month. */

/** $1,234.56; `signed` adds + for increases (deltas). Unknown amounts print as "unknown". */
export function formatUsd(usd: number | null | undefined, opts: { signed?: boolean } = {}): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return 'unknown';
  const cents = Math.round(usd * 100) / 100;
  const abs = Math.abs(cents).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (cents === 0) return '$0.00';
  const sign = cents < 0 ? '−' : opts.signed ? '+' : '';
  return `${sign}$${abs}`;
}

/** 1.2M, 333M, 1.5B, 950 — request counts the way the price list speaks. */
export function formatCount(n: number): string {
  const fmt = (v: number, unit: string) => `${Number(v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0))}${unit}`;
  if (n >= 1e9) return fmt(n / 1e9, 'B');
  if (n >= 1e6) return fmt(n / 1e6, 'M');
  if (n >= 1e3) return fmt(n / 1e3, 'K');
  return String(Math.round(n));
}

/** Percent with one decimal and a sign; null when there is nothing to compare with. */
export function formatPercent(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  const v = Math.round(p * 10) / 10;
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}%`;
}
