/**
 * The cost section of the PR comment (GitHub-flavoured Markdown): a headline, one table row
 * per changed API (before, after, delta, why) with a totals row, where each API's traffic
 * figure came from, the REST→HTTP trade-offs next to the saving, and the tiers and price rows
 * used folded away. User data (API keys, names, stage names) is escaped. Pure.
 */
import type { ApiCostLine, CostReport } from '../cost/delta.js';
import type { TierDetail } from '../cost/estimate.js';
import { formatCount, formatUsd } from '../cost/money.js';
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
import { codeSpan, escapeHtml, escapeMarkdownText } from './escape.js';

export interface CostMarkdownOptions {
  /** First line; default `### 💰 Cost impact (per month)`. */
  heading?: string;
}

const SUP = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const superscript = (n: number) =>
  String(n)
    .split('')
    .map((d) => SUP[Number(d)])
    .join('');

/** A literal dollar sign: GitHub reads `$…$` pairs as math. */
const dollars = (s: string) => s.replace(/\$/g, '\\$');
const money = (usd: number | null) => dollars(formatUsd(usd));
const text = (s: string) => dollars(escapeMarkdownText(s));
function deltaCell(usd: number | null): string {
  if (usd === null) return '**unknown**';
  if (Math.abs(usd) < 0.005) return '$0.00';
  return `**${dollars(formatUsd(usd, { signed: true }))}**`;
}

function whyCell(l: ApiCostLine): string {
  if (!l.reasons.length) return l.deltaUsd === null ? 'price unknown' : '';
  return l.reasons.map((r) => text(r.text)).join('<br>');
}

function row(l: ApiCostLine, note: number): string {
  const api = `${codeSpan(l.apiKey, { inTable: true })}${superscript(note)} ${kindLabel(l)}`;
  return `| ${api} | ${dollars(sideAmount(l, 'before'))} | ${dollars(sideAmount(l, 'after'))} | ${deltaCell(l.deltaUsd)} | ${whyCell(l)} |`;
}

function gapsBlock(l: ApiCostLine): string[] {
  if (!l.httpGaps) return [];
  const saving = l.deltaUsd !== null && l.deltaUsd < 0 ? ` saves ${money(-l.deltaUsd)}/mo, but` : '';
  const items = l.httpGaps.map((g) => {
    const use =
      g.inUse === true
        ? ' — **used by this API now**'
        : g.inUse === null
          ? ' — check: not visible in gateway-state'
          : '';
    return `> - ${text(g.feature)}${use}`;
  });
  return [`> ⚖️ **${codeSpan(l.apiKey)} REST → HTTP**${saving} an HTTP API has no:`, ...items, ''];
}

function tierTable(kind: TierDetail['kind'], before: TierDetail | undefined, after: TierDetail | undefined): string[] {
  const detail = (after ?? before)!;
  const label =
    kind === 'RestApi'
      ? 'REST requests'
      : kind === 'HttpApi'
        ? 'HTTP requests (billed in 512 KB steps)'
        : 'WebSocket messages (sent and received, billed in 32 KB steps)';
  const out = [
    `**${label}**, ${text(detail.provenance.source)}, ${detail.provenance.date}`,
    '',
    '| Band | \\$/million | Before | After |',
    '|---|--:|--:|--:|',
  ];
  const used = (d: TierDetail | undefined, i: number) =>
    d?.bands[i] ? `${formatCount(d.bands[i].units)} → ${money(d.bands[i].usd)}` : '—';
  const bands = Math.max(before?.bands.length ?? 0, after?.bands.length ?? 0);
  for (let i = 0; i < bands; i++) {
    const b = (after?.bands[i] ?? before?.bands[i])!;
    out.push(`| ${bandLabel(b.from, b.to)} | ${b.usdPerMillion.toFixed(2)} | ${used(before, i)} | ${used(after, i)} |`);
  }
  const unpriced = Math.max(before?.unpricedUnits ?? 0, after?.unpricedUnits ?? 0);
  if (unpriced > 0)
    out.push(
      `| past the last known band | unknown | ${formatCount(before?.unpricedUnits ?? 0)} | ${formatCount(after?.unpricedUnits ?? 0)} |`,
    );
  return [...out, ''];
}

/** WebSocket connection minutes per API: the one figure no metric gives, so its assumption is shown. */
function connectionTable(r: CostReport): string[] {
  const rows = r.apis.flatMap((l) => (l.after?.connections ? [[l.apiKey, l.after.connections] as const] : []));
  if (!rows.length) return [];
  const rate = rows.find(([, c]) => c.usdPerMillionMinutes !== null)?.[1].usdPerMillionMinutes;
  const out = [
    `**WebSocket connection minutes** (${rate === undefined || rate === null ? 'no price for this region' : `\\$${rate.toFixed(2)} per million minutes`}; AWS publishes no connection-minutes metric, so minutes = connections × the declared \`usage.avgConnectionMinutes\`)`,
    '',
    '| API | Connections | Minutes each | Minutes | \\$/month |',
    '|---|--:|--:|--:|--:|',
  ];
  for (const [key, c] of rows) {
    out.push(
      `| ${codeSpan(key, { inTable: true })} | ${formatCount(c.connections)} | ${c.avgMinutes ?? 'not declared'} | ${c.minutes === null ? 'unknown' : formatCount(c.minutes)} | ${money(c.usd)} |`,
    );
  }
  return [...out, ''];
}

/** AWS WAF per web ACL: the stages it inspects on each side, their requests and what it costs. */
function wafTable(r: CostReport): string[] {
  const sides = [r.before, r.after].map((e) => Object.values(e.apis).flatMap((a) => a.waf));
  const arns = [...new Set(sides.flat().map((w) => w.webAclArn))].sort();
  if (!arns.length) return [];
  const p = r.after.waf ?? r.before.waf;
  const prices = p
    ? `, ${text(p.source)}, ${p.date}: ${money(p.webAclUsdPerMonth)} per web ACL and ${money(p.ruleUsdPerMonth)} per rule a month, ${money(p.usdPerMillionRequests)} per million requests inspected`
    : ' (no prices for this region)';
  const cell = (ws: (typeof sides)[number]) => {
    if (!ws.length) return '—';
    const usd = ws.some((w) => w.monthlyUsd === null) ? null : ws.reduce((s, w) => s + w.monthlyUsd!, 0);
    return `${ws.map((w) => text(w.stage)).join(', ')}: ${formatCount(ws.reduce((s, w) => s + w.requests, 0))} requests → ${money(usd)}`;
  };
  const out = [`**AWS WAF**${prices}`, '', '| Web ACL | Rules | Before | After |', '|---|--:|---|---|'];
  for (const arn of arns) {
    const [b, a] = sides.map((ws) => ws.filter((w) => w.webAclArn === arn));
    const any = [...a, ...b][0];
    out.push(`| ${codeSpan(any.webAclName)} | ${any.rules ?? 'unknown'} | ${cell(b)} | ${cell(a)} |`);
  }
  return [...out, ''];
}

function detailsBlock(r: CostReport): string[] {
  const out = ['<details><summary>Tiers and prices used</summary>', ''];
  out.push(
    'Request tiers apply to the whole account in the region: the traffic of all APIs of a kind is tiered together, and each API pays its share.',
    '',
  );
  for (const kind of ['RestApi', 'HttpApi', 'WebSocketApi'] as const) {
    const b = r.before.tiers.find((t) => t.kind === kind);
    const a = r.after.tiers.find((t) => t.kind === kind);
    if (a || b) out.push(...tierTable(kind, b, a));
  }
  out.push(...connectionTable(r));
  const caches = [...Object.values(r.before.apis), ...Object.values(r.after.apis)].flatMap((e) => e.cache);
  const sizes = [...new Map(caches.map((c) => [c.sizeGb, c])).values()].sort((x, y) => x.sizeGb - y.sizeGb);
  if (sizes.length) {
    out.push('**REST cache** (730 hours a month)', '', '| Size | \\$/hour | \\$/month |', '|--:|--:|--:|');
    for (const c of sizes)
      out.push(
        `| ${c.sizeGb} GB | ${c.usdPerHour === null ? 'unknown' : c.usdPerHour.toFixed(3)} | ${money(c.monthlyUsd)} |`,
      );
    out.push('');
  }
  out.push(...wafTable(r));
  out.push('Price tables:', '');
  for (const p of r.priceRows) out.push(`- ${codeSpan(p.region)} ${p.date} — ${text(p.source)}`);
  if (!r.priceRows.length) out.push('- none for this region');
  return [...out, '', '</details>'];
}

export function renderCostMarkdown(report: CostReport, opts: CostMarkdownOptions = {}): string {
  const out = [opts.heading ?? '### 💰 Cost impact (per month)', '', `**${dollars(headline(report))}**`, ''];

  if (!report.regionKnown) {
    const known = report.knownRegions.map((k) => codeSpan(k)).join(', ') || 'none';
    out.push(
      `> [!WARNING]`,
      `> No price table for ${codeSpan(report.region)}. apigw-sync knows ${known} and never prices one region with another's numbers.`,
      `> Run \`apigw-sync prices refresh --region ${escapeHtml(report.region)} --out prices.json\` and pass \`--prices prices.json\`.`,
      '',
    );
  }

  const { changed, unchanged } = splitLines(report);
  out.push('| API | Before | After | Δ / month | Why |', '|---|--:|--:|--:|---|');
  changed.forEach((l, i) => out.push(row(l, i + 1)));
  if (unchanged.length) {
    // Unchanged = no reason and no movement, so one summed row says enough.
    const n = unchanged.length;
    const b = sumUsd(unchanged, 'beforeUsd');
    const a = sumUsd(unchanged, 'afterUsd');
    out.push(
      `| _${n} unchanged API${n === 1 ? '' : 's'}_ | ${money(b)} | ${money(a)} | ${deltaCell(a === null || b === null ? null : a - b)} | |`,
    );
  }
  const t = report.total;
  out.push(`| **Total** | **${money(t.beforeUsd)}** | **${money(t.afterUsd)}** | ${deltaCell(t.deltaUsd)} | |`, '');

  if (changed.length) {
    out.push('<sub>Traffic used for each API (the same on both sides):</sub><br>');
    changed.forEach((l, i) =>
      out.push(
        `<sub>${superscript(i + 1)} ${codeSpan(l.apiKey)}: ${usagePhrase(l.usage, l.kindAfter ?? l.kindBefore)}</sub><br>`,
      ),
    );
    out.push('');
  }

  for (const l of changed) out.push(...gapsBlock(l));

  const unknown = unknownReasons(report);
  if (report.regionKnown && unknown.length) {
    out.push(`> [!NOTE]`, `> Not priced (nothing is guessed): ${unknown.map(text).join('; ')}.`, '');
  }
  out.push(...detailsBlock(report));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
