/**
 * Route renames AWS can carry out in place, so they are planned as updates, not
 * delete + create (which would change ids, drop caches and break references):
 * - Route: a deleted and a created route with the same method and the same depth whose
 *   paths differ in exactly one segment, and whose method-level config is identical
 *   (a renamed path parameter `{id}` → `{userId}` may rename `method.request.path.id` too).
 *   REST (UpdateResource `replace /pathPart`) only when the old resource serves no other
 *   live or desired route and no live resource exists at the new path (LiveIds.resourceIds
 *   when known) — renaming a resource moves everything under it. HTTP (UpdateRoute `RouteKey`) has no resource tree.
 * Pairs must be unique both ways; anything ambiguous stays delete + create.
 * Not detected: stages, request validators and models (AWS cannot rename them).
 */
import type { ApiModel } from '../../model/api.js';
import { deepEqual } from '../../model/canonical.js';
import { uniquePairs } from '../renames.js';
import type { RouteModel } from './model.js';

export function findRouteRenames(
  live: ApiModel,
  desired: ApiModel,
  authorizerRenames: Map<string, string>,
  opts: { liveResourcePaths?: readonly string[] } = {},
): Map<string, string> {
  const deleted = Object.keys(live.routes).filter((k) => !(k in desired.routes));
  const created = Object.keys(desired.routes).filter((k) => !(k in live.routes));
  if (deleted.length === 0 || created.length === 0) return new Map();
  const candidate = (d: string, c: string): boolean => {
    const lr = withAuthorizerRenamed(live.routes[d], authorizerRenames);
    const dr = desired.routes[c];
    if (lr.method !== dr.method || lr.path === '$default' || dr.path === '$default') return false;
    const seg = differingSegment(lr.path, dr.path);
    if (seg === undefined) return false;
    const renamed = renameParam(lr, seg.before, seg.after);
    if (!deepEqual(methodConfig(renamed), methodConfig(dr))) return false;
    if (desired.kind === 'RestApi') {
      // A live resource at the new path (even one without methods) would collide with the renamed one.
      if (opts.liveResourcePaths?.some((p) => under(p, seg.newPrefix))) return false;
      return restResourceMovable(live, desired, d, seg.oldPrefix, seg.newPrefix);
    }
    return true;
  };
  return uniquePairs(deleted, created, candidate);
}

/** Live route as it compares after authorizer renames (AWS references authorizers by id). */
export function withAuthorizerRenamed(r: RouteModel, renames: Map<string, string>): RouteModel {
  const name = r.authorization.authorizer;
  if (name === undefined || !renames.has(name)) return r;
  return { ...r, authorization: { ...r.authorization, authorizer: renames.get(name) } };
}

interface SegmentDiff {
  before: string;
  after: string;
  oldPrefix: string;
  newPrefix: string;
}

function differingSegment(a: string, b: string): SegmentDiff | undefined {
  const as = a.split('/');
  const bs = b.split('/');
  if (as.length !== bs.length) return undefined;
  const idx = as.map((s, i) => (s === bs[i] ? -1 : i)).filter((i) => i >= 0);
  if (idx.length !== 1) return undefined;
  const i = idx[0];
  return {
    before: as[i],
    after: bs[i],
    oldPrefix: as.slice(0, i + 1).join('/'),
    newPrefix: bs.slice(0, i + 1).join('/'),
  };
}

const PARAM = /^\{([^}+]+)\+?\}$/;

/** `{id}` → `{userId}` also renames the method's `method.request.path.id` parameter. */
function renameParam(r: RouteModel, before: string, after: string): RouteModel {
  const b = PARAM.exec(before)?.[1];
  const a = PARAM.exec(after)?.[1];
  if (!b || !a) return r;
  const from = `method.request.path.${b}`;
  if (!(from in r.requestParameters)) return r;
  const requestParameters: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(r.requestParameters))
    requestParameters[k === from ? `method.request.path.${a}` : k] = v;
  return { ...r, requestParameters };
}

function methodConfig(r: RouteModel): unknown {
  const { path: _path, integration: _integration, ...rest } = r;
  return rest;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function restResourceMovable(
  live: ApiModel,
  desired: ApiModel,
  routeKeyOld: string,
  oldPrefix: string,
  newPrefix: string,
): boolean {
  const liveRoutes = Object.entries(live.routes);
  if (liveRoutes.some(([k, r]) => k !== routeKeyOld && under(r.path, oldPrefix))) return false;
  if (liveRoutes.some(([, r]) => under(r.path, newPrefix))) return false;
  return !Object.values(desired.routes).some((r) => under(r.path, oldPrefix));
}
