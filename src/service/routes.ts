/**
 * The service's routes as the gateway sees them: served as they are, changed, added by
 * this change (not exposed yet), refused (the gateway would not expose them), or removed
 * (served now from the service's file, gone from its spec). Pure.
 */
import type { RouteModel } from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import { deepEqual } from '../diff/index.js';
import type { ServiceCheck } from './check.js';

export type RouteStatus = 'unchanged' | 'changed' | 'added' | 'refused' | 'removed';

export interface ServiceRouteRow {
  /** The route key as the gateway serves it (prefixes applied), e.g. `GET /api/orders`. */
  key: string;
  status: RouteStatus;
  operationName?: string;
  /** Where the spec declares it (absent for removed routes). */
  at?: SourceLocation;
  /** Why a route is refused. */
  reason?: string;
  related?: SourceLocation[];
}

export interface RouteCounts {
  unchanged: number;
  changed: number;
  added: number;
  refused: number;
  removed: number;
}

/**
 * `servedNow`: the routes the gateway serves today — the live API's when AWS was read,
 * else what gateway-state in Git declares (the default).
 */
export function serviceRoutes(
  check: ServiceCheck,
  opts: { servedNow?: Record<string, RouteModel> } = {},
): ServiceRouteRow[] {
  const now = opts.servedNow ?? check.before.apis[check.apiKey]?.routes ?? {};
  const rows: ServiceRouteRow[] = [];
  for (const [key, a] of Object.entries(check.asked)) {
    const row: ServiceRouteRow = { key, status: 'unchanged', at: a.at };
    if (a.route.operationName) row.operationName = a.route.operationName;
    const refused = check.refused[key];
    const after = check.servedAfter[key];
    if (refused || !after) {
      row.status = 'refused';
      row.reason = refused?.reason ?? 'the gateway refuses it (see the problems above)';
      if (refused?.related.length) row.related = refused.related;
    } else if (!now[key]) row.status = 'added';
    else if (!deepEqual(now[key], after)) row.status = 'changed';
    rows.push(row);
  }
  for (const [key, r] of Object.entries(check.servedBefore)) {
    if (key in check.asked || !(key in now)) continue;
    rows.push({ key, status: 'removed', ...(r.operationName ? { operationName: r.operationName } : {}) });
  }
  return rows.sort(byPathThenMethod);
}

export function countRoutes(rows: ServiceRouteRow[]): RouteCounts {
  const c: RouteCounts = { unchanged: 0, changed: 0, added: 0, refused: 0, removed: 0 };
  for (const r of rows) c[r.status]++;
  return c;
}

/** The spec's routes the gateway does not expose today: added by this change, or refused. */
export function notExposed(rows: ServiceRouteRow[]): ServiceRouteRow[] {
  return rows.filter((r) => r.status === 'added' || r.status === 'refused');
}

function byPathThenMethod(a: ServiceRouteRow, b: ServiceRouteRow): number {
  const [am, ap] = split(a.key);
  const [bm, bp] = split(b.key);
  return ap < bp ? -1 : ap > bp ? 1 : am < bm ? -1 : am > bm ? 1 : 0;
}

function split(key: string): [string, string] {
  const i = key.indexOf(' ');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}
