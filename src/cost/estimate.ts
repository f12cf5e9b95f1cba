/**
 * Monthly cost of a set of APIs in one region. Request tiers apply per account and region,
 * so the traffic of all APIs of a kind is summed, tiered once, and each API is attributed
 * its share (its billed units / all billed units). WebSocket APIs: messages are their
 * requests (32 KB steps, their own tiers), and connection minutes — connections × the
 * declared mean duration, since AWS publishes no such metric — cost a flat rate. Pure.
 */
import type { ApiKind, ApiModel } from '../model/api.js';
import {
  HOURS_PER_MONTH,
  type PriceBook,
  type PriceProvenance,
  type RegionPrices,
  type TieredPrice,
  type WafPrice,
} from './prices/types.js';
import { pricesFor } from './prices/index.js';
import { meteredUnits, priceTiered, type TieredCost } from './tiers.js';
import { connectionsFor, requestsFor, type Usage } from './usage.js';
import { wafCosts, type WafCost, type WebAclFacts } from './waf.js';
import { connectionMinutes, connectionMinutesUsd } from './websocket.js';

export interface CacheCost {
  stage: string;
  sizeGb: number;
  usdPerHour: number | null;
  monthlyUsd: number | null;
}

export interface ApiEstimate {
  apiKey: string;
  kind: ApiKind;
  /** Requests a month this configuration serves. */
  requests: number;
  /** Units billed (HTTP: requests × 512 KB steps). */
  billedRequests: number;
  /** This API's share of the account-wide tiered request cost; null = cannot be priced. */
  requestUsd: number | null;
  cache: CacheCost[];
  cacheUsd: number | null;
  /** AWS WAF on its REST stages (web ACL and rule fees shared, requests inspected). */
  waf: WafCost[];
  wafUsd: number | null;
  /** WebSocket: connection minutes (connections × the declared mean duration) at a flat rate. */
  connections?: ConnectionCost;
  totalUsd: number | null;
  /** Why a part is unknown, one phrase each. */
  unknown: string[];
}

export interface ConnectionCost {
  /** Connections a month. */
  connections: number;
  /** The declared mean connection duration (minutes); undefined = not declared. */
  avgMinutes?: number;
  /** null when no duration is declared (and there are connections). */
  minutes: number | null;
  usdPerMillionMinutes: number | null;
  usd: number | null;
}

export interface TierDetail extends TieredCost {
  kind: ApiKind;
  provenance: PriceProvenance;
}

export interface Estimate {
  region: string;
  /** False when the region has no price table at all. */
  known: boolean;
  apis: Record<string, ApiEstimate>;
  /** The account-wide tier fill per kind (for the "tiers used" details). */
  tiers: TierDetail[];
  /** Provenance of every table row used. */
  rows: PriceProvenance[];
  /** The AWS WAF prices used, when a stage has a web ACL. */
  waf?: WafPrice;
}

export interface EstimateInput {
  apis: ApiModel[];
  usage: Map<string, Usage>;
  region: string;
  prices: PriceBook;
  /** GetWebACL's answers for the web ACLs the stages name (their rule counts). */
  webAcls?: Record<string, WebAclFacts>;
}

const sum = (xs: Array<number | null>): number | null =>
  xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x as number), 0);

const KIND_LABEL: Record<ApiKind, string> = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' };
const WHAT: Record<ApiKind, string> = { RestApi: 'request', HttpApi: 'request', WebSocketApi: 'message' };

function billedUnits(
  api: ApiModel,
  usage: Usage | undefined,
  table: RegionPrices | undefined,
): { requests: number; billed: number } {
  const requests = requestsFor(Object.keys(api.stages), usage);
  if (api.kind === 'RestApi') return { requests, billed: requests };
  if (api.kind === 'WebSocketApi')
    return { requests, billed: meteredUnits(requests, usage?.avgMessageKb, table?.webSocket?.messageMeteringKb ?? 32) };
  return { requests, billed: meteredUnits(requests, usage?.avgResponseKb, table?.http?.meteringKb ?? 512) };
}

/** The tiered row that prices a kind's requests (WebSocket: messages). */
function requestRow(kind: ApiKind, table: RegionPrices | undefined): TieredPrice | undefined {
  if (kind === 'RestApi') return table?.rest;
  if (kind === 'HttpApi') return table?.http;
  const ws = table?.webSocket;
  return ws && { region: ws.region, date: ws.date, source: ws.source, tiers: ws.messageTiers };
}

function connectionCost(
  api: ApiModel,
  usage: Usage | undefined,
  table: RegionPrices | undefined,
): ConnectionCost | undefined {
  if (api.kind !== 'WebSocketApi') return undefined;
  const connections = connectionsFor(Object.keys(api.stages), usage);
  const minutes = connectionMinutes(connections, usage?.avgConnectionMinutes);
  const price = table?.webSocket;
  const usd = minutes === undefined ? null : minutes === 0 ? 0 : price ? connectionMinutesUsd(price, minutes) : null;
  return {
    connections,
    ...(usage?.avgConnectionMinutes !== undefined ? { avgMinutes: usage.avgConnectionMinutes } : {}),
    minutes: minutes ?? null,
    usdPerMillionMinutes: price?.connectionMinuteUsdPerMillion ?? null,
    usd,
  };
}

function cacheCosts(api: ApiModel, table: RegionPrices | undefined): CacheCost[] {
  if (api.kind !== 'RestApi') return [];
  return Object.values(api.stages)
    .filter((s) => s.cache)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => {
      const perHour = table?.cache?.usdPerHour[String(s.cache!.sizeGb)];
      const usdPerHour = perHour === undefined ? null : perHour;
      return {
        stage: s.name,
        sizeGb: s.cache!.sizeGb,
        usdPerHour,
        monthlyUsd: usdPerHour === null ? null : usdPerHour * HOURS_PER_MONTH,
      };
    });
}

export function estimateMonthlyCost(input: EstimateInput): Estimate {
  const table = pricesFor(input.prices, input.region);
  const units = new Map(input.apis.map((a) => [a.key, billedUnits(a, input.usage.get(a.key), table)]));
  const waf = wafCosts(input.apis, input.usage, table, input.webAcls ?? {}, input.region);

  const tiers: TierDetail[] = [];
  const tierFor = new Map<ApiKind, TieredCost | undefined>();
  for (const kind of ['RestApi', 'HttpApi', 'WebSocketApi'] as const) {
    const ofKind = input.apis.filter((a) => a.kind === kind);
    if (!ofKind.length) continue;
    const row = requestRow(kind, table);
    const total = ofKind.reduce((s, a) => s + units.get(a.key)!.billed, 0);
    const cost = row ? priceTiered(total, row.tiers) : undefined;
    tierFor.set(kind, cost);
    if (row && cost)
      tiers.push({ ...cost, kind, provenance: { region: row.region, date: row.date, source: row.source } });
  }

  const apis: Record<string, ApiEstimate> = {};
  for (const api of input.apis) {
    const { requests, billed } = units.get(api.key)!;
    const unknown: string[] = [];
    const fill = tierFor.get(api.kind);
    let requestUsd: number | null;
    if (billed === 0) requestUsd = 0;
    else if (!fill) {
      requestUsd = null;
      unknown.push(`no ${KIND_LABEL[api.kind]} ${WHAT[api.kind]} prices for ${input.region}`);
    } else if (fill.usd === null) {
      requestUsd = null;
      unknown.push(
        `${KIND_LABEL[api.kind]} ${WHAT[api.kind]} prices for ${input.region} stop before the account's monthly volume`,
      );
    } else requestUsd = (fill.usd * billed) / fill.units;

    const cache = cacheCosts(api, table);
    for (const c of cache)
      if (c.monthlyUsd === null) unknown.push(`no price for a ${c.sizeGb} GB cache in ${input.region}`);
    const cacheUsd = sum(cache.map((c) => c.monthlyUsd));
    const apiWaf = waf.get(api.key) ?? [];
    for (const w of apiWaf) if (w.unknown && !unknown.includes(w.unknown)) unknown.push(w.unknown);
    const wafUsd = sum(apiWaf.map((w) => w.monthlyUsd));
    const connections = connectionCost(api, input.usage.get(api.key), table);
    if (connections?.minutes === null)
      unknown.push(
        `connection minutes of ${api.key}: AWS publishes no connection-minutes metric — declare usage.avgConnectionMinutes in its api.yaml`,
      );
    else if (connections && connections.usd === null && !table?.webSocket)
      unknown.push(`no WebSocket connection-minute price for ${input.region}`);
    const totalUsd = sum([requestUsd, cacheUsd, wafUsd, connections ? connections.usd : 0]);
    apis[api.key] = {
      apiKey: api.key,
      kind: api.kind,
      requests,
      billedRequests: billed,
      requestUsd,
      cache,
      cacheUsd,
      waf: apiWaf,
      wafUsd,
      ...(connections ? { connections } : {}),
      totalUsd,
      unknown,
    };
  }

  const rows: PriceProvenance[] = [];
  // The WAF row only when a stage uses a web ACL: a table row is listed where it priced something.
  if (table)
    for (const r of [table.rest, table.http, table.webSocket, table.cache, waf.size ? table.waf : undefined])
      if (r) rows.push({ region: r.region, date: r.date, source: r.source });
  return {
    region: input.region,
    known: table !== undefined,
    apis,
    tiers,
    rows,
    ...(waf.size && table?.waf ? { waf: table.waf } : {}),
  };
}
