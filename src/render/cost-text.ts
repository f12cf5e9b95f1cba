/** The cost table for the terminal (`apigw-sync cost`): aligned columns, reasons below each API. Pure. */
import type { CostReport } from '../cost/delta.js';
import { formatCount, formatUsd } from '../cost/money.js';
import { textTable as table } from './text-table.js';
import {
  bandLabel,
  headline,
  kindLabel,
  sideAmount,
  splitLines,
  sumUsd,
  unknownReasons,
  usagePhrase,
} from './cost-common.js';

export function renderCostText(report: CostReport): string {
  const out = [`Cost impact per month (${report.region})`, '', headline(report), ''];
  if (!report.regionKnown) {
    out.push(
      `! No price table for ${report.region} (known: ${report.knownRegions.join(', ') || 'none'}); nothing is guessed from another region.`,
      `  Run \`apigw-sync prices refresh --region ${report.region} --out prices.json\`, then pass --prices prices.json.`,
      '',
    );
  }
  const { changed, unchanged } = splitLines(report);
  const rows = [['API', 'KIND', 'BEFORE', 'AFTER', 'DELTA']];
  for (const l of changed)
    rows.push([
      l.apiKey,
      kindLabel(l),
      sideAmount(l, 'before'),
      sideAmount(l, 'after'),
      formatUsd(l.deltaUsd, { signed: true }),
    ]);
  if (unchanged.length) {
    const b = sumUsd(unchanged, 'beforeUsd');
    const a = sumUsd(unchanged, 'afterUsd');
    rows.push([
      `(${unchanged.length} unchanged)`,
      '',
      formatUsd(b),
      formatUsd(a),
      formatUsd(a === null || b === null ? null : a - b, { signed: true }),
    ]);
  }
  const t = report.total;
  rows.push(['TOTAL', '', formatUsd(t.beforeUsd), formatUsd(t.afterUsd), formatUsd(t.deltaUsd, { signed: true })]);
  out.push(...table(rows, new Set([2, 3, 4])), '');

  for (const l of changed) {
    out.push(`${l.apiKey}:`);
    for (const r of l.reasons) out.push(`  - ${r.text}`);
    out.push(`  traffic: ${usagePhrase(l.usage, l.kindAfter ?? l.kindBefore).replace(/`/g, '')}`);
    if (l.httpGaps) {
      out.push(
        `  an HTTP API has no: ${l.httpGaps.map((g) => `${g.feature}${g.inUse === true ? ' (used now!)' : g.inUse === null ? ' (check)' : ''}`).join(', ')}`,
      );
    }
    out.push('');
  }
  const unknown = unknownReasons(report);
  if (report.regionKnown && unknown.length) out.push(`Not priced: ${unknown.join('; ')}.`, '');

  for (const d of report.after.tiers.length ? report.after.tiers : report.before.tiers) {
    const bands = d.bands
      .map((b) => `${bandLabel(b.from, b.to)} @ $${b.usdPerMillion.toFixed(2)}/M: ${formatCount(b.units)}`)
      .join(', ');
    out.push(
      `${d.kind === 'RestApi' ? 'REST' : d.kind === 'HttpApi' ? 'HTTP' : 'WebSocket message'} tiers after (account-wide): ${bands || 'no traffic'}`,
    );
  }
  for (const p of report.priceRows) out.push(`prices: ${p.region} ${p.date} — ${p.source}`);
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
