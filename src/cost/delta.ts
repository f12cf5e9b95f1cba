/**
 * The cost of a change: every API priced as it is live (before) and as desired (after), with
 * the same traffic on both sides, and a reason for each difference. Works from the two models,
 * not from the Change list, so it prices exactly what apply would leave behind. Pure.
 */
import type { ApiKind, ApiModel, GatewayModel } from '../model/api.js';
import type { LiveSnapshot } from '../model/live.js';
import { estimateMonthlyCost, type ApiEstimate, type ConnectionCost, type Estimate } from './estimate.js';
import { httpApiGaps, type HttpGap } from './http-gaps.js';
import { formatCount, formatUsd } from './money.js';
import type { PriceBook, PriceProvenance } from './prices/types.js';
import type { Usage } from './usage.js';
import type { WafCost, WebAclFacts } from './waf.js';

export type CostReasonKind =
  | 'api-added'
  | 'api-removed'
  | 'kind-switch'
  | 'stage-added'
  | 'stage-removed'
  | 'cache-added'
  | 'cache-resized'
  | 'cache-removed'
  | 'connection-minutes'
  | 'waf-added'
  | 'waf-removed'
  | 'waf-replaced'
  | 'tier-share';

export interface CostReason {
  kind: CostReasonKind;
  text: string;
  /** The monthly amount this reason adds (negative = saves), when it has its own. */
  usd?: number | null;
}

export interface ApiCostLine {
  apiKey: string;
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  kindBefore?: ApiKind;
  kindAfter?: ApiKind;
  before?: ApiEstimate;
  after?: ApiEstimate;
  /** A side that does not exist costs 0; null = cannot be priced. */
  beforeUsd: number | null;
  afterUsd: number | null;
  deltaUsd: number | null;
  reasons: CostReason[];
  /** REST→HTTP only: what the HTTP API lacks, next to the saving. */
  httpGaps?: HttpGap[];
  usage: Usage;
}

export interface CostTotals {
  beforeUsd: number | null;
  afterUsd: number | null;
  /** The number the Action exposes as `cost-delta`; null = unknown (some part unpriced). */
  deltaUsd: number | null;
  /** null when unknown or when nothing was spent before. */
  deltaPercent: number | null;
}

export interface CostReport {
  region: string;
  /** False: this region has no price table; every amount is unknown and the comment says so. */
  regionKnown: boolean;
  /** Regions the price book has tables for (named in the unknown-region notice). */
  knownRegions: string[];
  apis: ApiCostLine[];
  total: CostTotals;
  before: Estimate;
  after: Estimate;
  /** Every price-table row used, with date and source. */
  priceRows: PriceProvenance[];
}

export interface CostDeltaInput {
  desired: GatewayModel;
  live: LiveSnapshot;
  usage: Map<string, Usage>;
  prices: PriceBook;
  /** GetWebACL's answers for the web ACLs either side names (rule counts); absent = unknown. */
  webAcls?: Record<string, WebAclFacts>;
}

const KIND: Record<ApiKind, string> = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' };
const NONE: Usage = { source: 'none', monthlyRequests: 0 };

/** "12M requests/mo", or for a WebSocket API "12M messages/mo and 30K connections/mo". */
function trafficText(kind: ApiKind, usage: Usage): string {
  if (kind !== 'WebSocketApi') return `${formatCount(usage.monthlyRequests)} requests/mo`;
  return `${formatCount(usage.monthlyRequests)} messages/mo and ${formatCount(usage.monthlyConnections ?? 0)} connections/mo`;
}

/** "connection minutes: 30K connections × 12 min (declared) = 360K minutes" — the assumption said where it is made. */
function connectionText(c: ConnectionCost): string {
  if (c.minutes === null)
    return `connection minutes not priced: ${formatCount(c.connections)} connections/mo, and AWS publishes no connection-minutes metric (declare usage.avgConnectionMinutes)`;
  if (c.connections === 0) return 'no connections known, so no connection minutes';
  return `connection minutes: ${formatCount(c.connections)} connections × ${c.avgMinutes} min (declared usage.avgConnectionMinutes) = ${formatCount(c.minutes)} minutes (${signed(c.usd)})`;
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
const signed = (usd: number | null | undefined) => formatUsd(usd, { signed: true });
const neg = (x: number | null) => (x === null ? null : -x);

/** "web ACL shop-waf (2 rules, $7.00/mo in fees, split over 2 stages) and 1.2M requests inspected" */
function wafText(w: WafCost): string {
  const fees =
    w.fixedUsd === null
      ? 'fees unknown'
      : `${formatUsd(w.fixedUsd * w.sharedBy)}/mo in fees${w.sharedBy > 1 ? `, split over ${w.sharedBy} stages` : ''}`;
  const rules = w.rules === null ? 'rules unknown' : `${w.rules} rule${w.rules === 1 ? '' : 's'}`;
  return `web ACL ${w.webAclName} (${rules}, ${fees}) and ${formatCount(w.requests)} requests/mo inspected`;
}

function wafReasons(be: ApiEstimate | undefined, ae: ApiEstimate | undefined): CostReason[] {
  const reasons: CostReason[] = [];
  const stages = [...new Set([...(be?.waf ?? []), ...(ae?.waf ?? [])].map((w) => w.stage))].sort();
  for (const stage of stages) {
    const b = be?.waf.find((w) => w.stage === stage);
    const a = ae?.waf.find((w) => w.stage === stage);
    if (!b && a)
      reasons.push({
        kind: 'waf-added',
        text: `AWS WAF on "${stage}": ${wafText(a)} (${signed(a.monthlyUsd)})`,
        usd: a.monthlyUsd,
      });
    else if (b && !a)
      reasons.push({
        kind: 'waf-removed',
        text: `AWS WAF removed from "${stage}": ${wafText(b)} (${signed(neg(b.monthlyUsd))})`,
        usd: neg(b.monthlyUsd),
      });
    else if (b && a && b.webAclArn !== a.webAclArn) {
      const d = minus(a.monthlyUsd, b.monthlyUsd);
      reasons.push({
        kind: 'waf-replaced',
        text: `AWS WAF on "${stage}" replaced: ${b.webAclName} → ${wafText(a)} (${signed(d)})`,
        usd: d,
      });
    }
  }
  return reasons;
}

function stageReasons(before: ApiModel, after: ApiModel, be: ApiEstimate, ae: ApiEstimate, usage: Usage): CostReason[] {
  const reasons: CostReason[] = [];
  const cacheOf = (e: ApiEstimate, stage: string) => e.cache.find((c) => c.stage === stage);
  const names = [...new Set([...Object.keys(before.stages), ...Object.keys(after.stages)])].sort();
  for (const name of names) {
    const b = before.stages[name];
    const a = after.stages[name];
    const bc = cacheOf(be, name);
    const ac = cacheOf(ae, name);
    if (!b) {
      const cache = ac ? ` with a ${ac.sizeGb} GB cache (${signed(ac.monthlyUsd)})` : '';
      reasons.push({
        kind: 'stage-added',
        text: `stage "${name}" added${cache}; a new stage has no traffic history`,
        usd: ac ? ac.monthlyUsd : 0,
      });
    } else if (!a) {
      const traffic = usage.byStage?.[name] ? `, its ${formatCount(usage.byStage[name])} requests/mo stop` : '';
      const cache = bc ? ` and its ${bc.sizeGb} GB cache goes (${signed(neg(bc.monthlyUsd))})` : '';
      reasons.push({
        kind: 'stage-removed',
        text: `stage "${name}" removed${traffic}${cache}`,
        usd: bc ? neg(bc.monthlyUsd) : undefined,
      });
    } else if (bc && !ac) {
      const why = after.kind === 'HttpApi' && before.kind === 'RestApi' ? ' (HTTP APIs have no cache)' : '';
      reasons.push({
        kind: 'cache-removed',
        text: `cache ${bc.sizeGb} GB removed from "${name}"${why} (${signed(neg(bc.monthlyUsd))})`,
        usd: neg(bc.monthlyUsd),
      });
    } else if (!bc && ac) {
      reasons.push({
        kind: 'cache-added',
        text: `cache ${ac.sizeGb} GB added on "${name}" (${signed(ac.monthlyUsd)})`,
        usd: ac.monthlyUsd,
      });
    } else if (bc && ac && bc.sizeGb !== ac.sizeGb) {
      const d = minus(ac.monthlyUsd, bc.monthlyUsd);
      reasons.push({
        kind: 'cache-resized',
        text: `cache on "${name}" resized ${bc.sizeGb} → ${ac.sizeGb} GB (${signed(d)})`,
        usd: d,
      });
    }
  }
  return [...reasons, ...wafReasons(be, ae)];
}

function line(
  key: string,
  before: ApiModel | undefined,
  after: ApiModel | undefined,
  b: Estimate,
  a: Estimate,
  usage: Usage,
): ApiCostLine {
  const be = before ? b.apis[key] : undefined;
  const ae = after ? a.apis[key] : undefined;
  const beforeUsd = be ? be.totalUsd : 0;
  const afterUsd = ae ? ae.totalUsd : 0;
  const out: ApiCostLine = {
    apiKey: key,
    name: (after ?? before)!.name,
    change: 'unchanged',
    beforeUsd,
    afterUsd,
    deltaUsd: minus(afterUsd, beforeUsd),
    reasons: [],
    usage,
  };
  if (before) out.kindBefore = before.kind;
  if (after) out.kindAfter = after.kind;
  if (be) out.before = be;
  if (ae) out.after = ae;
  const traffic = trafficText((after ?? before)!.kind, usage);

  if (!before && after && ae) {
    out.change = 'added';
    out.reasons.push({
      kind: 'api-added',
      text: `new ${KIND[after.kind]} API, ${traffic} (${usage.source === 'none' ? 'no usage known, assumed 0' : usage.source})`,
      usd: ae.requestUsd,
    });
    if (ae.connections)
      out.reasons.push({ kind: 'connection-minutes', text: connectionText(ae.connections), usd: ae.connections.usd });
    for (const c of ae.cache)
      out.reasons.push({
        kind: 'cache-added',
        text: `cache ${c.sizeGb} GB on "${c.stage}" (${signed(c.monthlyUsd)})`,
        usd: c.monthlyUsd,
      });
    out.reasons.push(...wafReasons(undefined, ae));
    return out;
  }
  if (before && !after && be) {
    out.change = 'removed';
    out.reasons.push({
      kind: 'api-removed',
      text: `API removed: its ${traffic} and ${be.cache.length ? 'caches' : 'stages'} stop`,
      usd: neg(be.totalUsd),
    });
    return out;
  }
  if (!before || !after || !be || !ae) return out;

  if (before.kind !== after.kind) {
    out.reasons.push({
      kind: 'kind-switch',
      text: `${KIND[before.kind]} → ${KIND[after.kind]}: the same ${formatCount(ae.requests)} requests/mo priced as ${KIND[after.kind]}`,
      usd: minus(ae.requestUsd, be.requestUsd),
    });
    if (before.kind === 'RestApi') out.httpGaps = httpApiGaps(before);
  }
  out.reasons.push(...stageReasons(before, after, be, ae, usage));
  const requestMoved =
    be.requestUsd !== ae.requestUsd &&
    (be.requestUsd === null || ae.requestUsd === null || Math.abs(ae.requestUsd - be.requestUsd) >= 0.005);
  const explained = out.reasons.some(
    (r) => r.kind === 'kind-switch' || r.kind === 'stage-removed' || r.kind === 'stage-added',
  );
  if (requestMoved && !explained) {
    const moved = minus(ae.requestUsd, be.requestUsd);
    out.reasons.push({
      kind: 'tier-share',
      text: `request-tier share moved with other APIs' traffic (${signed(moved)}; tiers are account-wide)`,
      usd: moved,
    });
  }
  out.change =
    out.reasons.length > 0 || (out.deltaUsd !== null && Math.abs(out.deltaUsd) >= 0.005) ? 'changed' : 'unchanged';
  return out;
}

function totals(lines: ApiCostLine[]): CostTotals {
  const beforeUsd = lines.reduce<number | null>((s, l) => add(s, l.beforeUsd), 0);
  const afterUsd = lines.reduce<number | null>((s, l) => add(s, l.afterUsd), 0);
  const deltaUsd = minus(afterUsd, beforeUsd);
  const deltaPercent = deltaUsd === null || beforeUsd === null || beforeUsd === 0 ? null : (deltaUsd / beforeUsd) * 100;
  return { beforeUsd, afterUsd, deltaUsd, deltaPercent };
}

export function costDelta(input: CostDeltaInput): CostReport {
  const region = input.desired.region;
  const liveApis = Object.entries(input.live.apis).map(([key, l]) => ({ ...l.model, key }));
  const desiredApis = Object.entries(input.desired.apis).map(([key, m]) => ({ ...m, key }));
  const before = estimateMonthlyCost({
    apis: liveApis,
    usage: input.usage,
    region,
    prices: input.prices,
    webAcls: input.webAcls,
  });
  const after = estimateMonthlyCost({
    apis: desiredApis,
    usage: input.usage,
    region,
    prices: input.prices,
    webAcls: input.webAcls,
  });
  const keys = [...new Set([...Object.keys(input.desired.apis), ...Object.keys(input.live.apis)])].sort();
  const apis = keys.map((k) =>
    line(k, input.live.apis[k]?.model, input.desired.apis[k], before, after, input.usage.get(k) ?? NONE),
  );
  const seen = new Set<string>();
  const priceRows = [...before.rows, ...after.rows].filter((r) => {
    const id = `${r.region}|${r.date}|${r.source}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return {
    region,
    regionKnown: after.known,
    knownRegions: Object.keys(input.prices).sort(),
    apis,
    total: totals(apis),
    before,
    after,
    priceRows,
  };
}
