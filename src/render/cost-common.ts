/** Wording shared by the Markdown and text cost renderers. Pure. */
import type { ApiCostLine, CostReport } from '../cost/delta.js';
import { formatCount, formatPercent, formatUsd } from '../cost/money.js';
import type { Usage } from '../cost/usage.js';
import type { ApiKind } from '../model/api.js';

export const KIND_WORD = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' } as const;

export function kindLabel(l: ApiCostLine): string {
  if (l.kindBefore && l.kindAfter && l.kindBefore !== l.kindAfter)
    return `${KIND_WORD[l.kindBefore]}→${KIND_WORD[l.kindAfter]}`;
  return KIND_WORD[(l.kindAfter ?? l.kindBefore)!];
}

/** "Monthly cost will increase by $131.40 (+69.3%), from $189.60 to $321.00." */
export function headline(r: CostReport): string {
  const { beforeUsd, afterUsd, deltaUsd, deltaPercent } = r.total;
  if (r.apis.every((l) => l.change === 'unchanged')) {
    return afterUsd === null
      ? 'No API changes, so no cost change.'
      : `No API changes; monthly cost stays at ${formatUsd(afterUsd)}.`;
  }
  if (!r.regionKnown) return `Monthly cost: unknown (no price table for ${r.region}).`;
  if (deltaUsd === null) return 'Monthly cost change: unknown (part of it cannot be priced; see below).';
  if (Math.abs(deltaUsd) < 0.005) return `Monthly cost stays at ${formatUsd(afterUsd)}.`;
  const verb = deltaUsd > 0 ? 'increase' : 'decrease';
  const pct = deltaPercent === null ? '' : ` (${formatPercent(deltaPercent)})`;
  return `Monthly cost will ${verb} by ${formatUsd(Math.abs(deltaUsd))}${pct}, from ${formatUsd(beforeUsd)} to ${formatUsd(afterUsd)}.`;
}

/** Where an API's traffic figure came from, in one phrase (WebSocket APIs: messages, connections and the connection-duration assumption). */
export function usagePhrase(u: Usage, kind?: ApiKind): string {
  const ws = kind === 'WebSocketApi';
  const size = ws
    ? u.avgMessageKb === undefined
      ? ''
      : `, ${Math.round(u.avgMessageKb)} KB/message (declared)`
    : u.avgResponseKb === undefined
      ? ''
      : `, ${Math.round(u.avgResponseKb)} KB/request (${u.avgResponseKbSource === 'declared' ? 'declared' : 'CloudWatch DataProcessed'})`;
  const what = ws
    ? `${formatCount(u.monthlyRequests)} messages/mo and ${formatCount(u.monthlyConnections ?? 0)} connections/mo`
    : `${formatCount(u.monthlyRequests)} requests/mo`;
  const minutes = !ws
    ? ''
    : u.avgConnectionMinutes === undefined
      ? '; connection minutes unknown (AWS publishes no connection-minutes metric: declare `usage.avgConnectionMinutes`)'
      : `; ${Number(u.avgConnectionMinutes.toFixed(1))} min per connection (declared \`usage.avgConnectionMinutes\`: AWS publishes no connection-minutes metric)`;
  switch (u.source) {
    case 'cloudwatch': {
      const metrics = ws ? 'MessageCount, ConnectCount; ' : '';
      return `${what} from CloudWatch (${metrics}last ${Number((u.windowDays ?? 0).toFixed(1))} days, extrapolated to 730 h)${size}${minutes}`;
    }
    case 'declared':
      return `${what} declared in api.yaml \`usage\`${size}${minutes}`;
    case 'none':
      return ws
        ? `no traffic known (no CloudWatch data, no \`usage.monthlyMessages\`/\`monthlyConnections\` in api.yaml): assumed 0 messages and connections${size}${minutes}`
        : `no traffic known (no CloudWatch data, no \`usage\` in api.yaml): assumed 0 requests${size}`;
  }
}

/** Changed lines first in key order; unchanged ones are summed into one row by the renderers. */
export function splitLines(r: CostReport): { changed: ApiCostLine[]; unchanged: ApiCostLine[] } {
  return {
    changed: r.apis.filter((l) => l.change !== 'unchanged'),
    unchanged: r.apis.filter((l) => l.change === 'unchanged'),
  };
}

export function sumUsd(lines: ApiCostLine[], side: 'beforeUsd' | 'afterUsd'): number | null {
  return lines.reduce<number | null>((s, l) => (s === null || l[side] === null ? null : s + (l[side] as number)), 0);
}

/** Every distinct "why unknown" phrase of the report. */
export function unknownReasons(r: CostReport): string[] {
  const all = r.apis.flatMap((l) => [...(l.before?.unknown ?? []), ...(l.after?.unknown ?? [])]);
  return [...new Set(all)];
}

export function bandLabel(from: number, to: number | null): string {
  if (from === 0 && to !== null) return `first ${formatCount(to)}`;
  if (to === null) return `over ${formatCount(from)}`;
  return `${formatCount(from)}–${formatCount(to)}`;
}

/**
 * A side's amount for display: the total, or — when part of it cannot be priced — the known
 * part as a lower bound ("≥ $38.10"), since unknown parts can only add. null side = unknown.
 */
export function sideAmount(l: ApiCostLine, side: 'before' | 'after'): string {
  const total = side === 'before' ? l.beforeUsd : l.afterUsd;
  if (total !== null) return formatUsd(total);
  const e = l[side];
  if (!e) return 'unknown';
  const known = (e.requestUsd ?? 0) + e.cache.reduce((s, c) => s + (c.monthlyUsd ?? 0), 0) + (e.connections?.usd ?? 0);
  return known > 0 ? `≥ ${formatUsd(known)}` : 'unknown';
}

/** The cost part of a PR comment, rendered by src/cost (renderCostMarkdown); shown only when `show`. */
export interface CostSection {
  markdown: string;
  show: boolean;
  /** Monthly delta in USD, for the summary line; absent when unknown (e.g. unknown region). */
  monthlyDeltaUsd?: number;
}

/** `+$12.40`, `−$3.00`, `±$0.00`. */
export function formatUsdDelta(usd: number): string {
  const sign = usd > 0 ? '+' : usd < 0 ? '−' : '±';
  return `${sign}$${Math.abs(usd).toFixed(2)}`;
}
