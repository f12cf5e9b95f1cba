/**
 * diffApi: one API's desired model against its live model → Changes.
 * Records are matched by key (see model/api.ts); renames per renames.ts.
 */
import type { ApiModel, RouteModel } from '../model/api.js';
import type { Change, ChangeTarget } from '../model/change.js';
import { deepEqual } from './canonical.js';
import { makeChange } from './change.js';
import type { ApiHeader, RouteMethod } from './flags.js';
import { findAuthorizerRenames, findRouteRenames, withAuthorizerRenamed } from './renames.js';

export function apiHeader(m: ApiModel): ApiHeader {
  const h: ApiHeader = { kind: m.kind, name: m.name, binaryMediaTypes: m.binaryMediaTypes };
  if (m.description !== undefined) h.description = m.description;
  if (m.endpointType !== undefined) h.endpointType = m.endpointType;
  if (m.apiKeySource !== undefined) h.apiKeySource = m.apiKeySource;
  if (m.disableExecuteApiEndpoint !== undefined) h.disableExecuteApiEndpoint = m.disableExecuteApiEndpoint;
  if (m.cors !== undefined) h.cors = m.cors;
  return h;
}

export function routeMethod(r: RouteModel): RouteMethod {
  const { integration: _integration, ...method } = r;
  return method;
}

export interface DiffApiOptions {
  /** REST: every live resource path (LiveIds.resourceIds), so a rename never collides with an existing resource. */
  liveResourcePaths?: readonly string[];
}

export function diffApi(apiKey: string, desired?: ApiModel, live?: ApiModel, opts: DiffApiOptions = {}): Change[] {
  if (!desired && !live) return [];
  if (!desired) return [deleteApi(apiKey, live!)];
  if (!live) return createApi(apiKey, desired);
  if (desired.kind !== live.kind) return [deleteApi(apiKey, live, 'API kind changed: replaced'), ...createApi(apiKey, desired)];
  return updateApi(apiKey, desired, live, opts);
}

function deleteApi(apiKey: string, live: ApiModel, why?: string): Change {
  const c = makeChange({ apiKey, apiKind: live.kind, target: 'api', action: 'delete', name: live.name, before: apiHeader(live) });
  const n = Object.keys(live.routes).length;
  c.flags.reasons.push(why ?? `deletes ${n} route${n === 1 ? '' : 's'} and ${Object.keys(live.stages).length} stage(s) with it`);
  return c;
}

/** A new API: the API, then everything in it, each as its own create (each is one AWS call or a few). */
function createApi(apiKey: string, d: ApiModel): Change[] {
  const spec = { apiKey, apiKind: d.kind };
  const out: Change[] = [makeChange({ ...spec, target: 'api', action: 'create', name: d.name, after: apiHeader(d) })];
  if (Object.keys(d.tags).length > 0) out.push(makeChange({ ...spec, target: 'tags', action: 'create', name: 'tags', after: d.tags }));
  out.push(...diffRecords(spec, 'authorizer', {}, d.authorizers));
  out.push(...diffRecords(spec, 'requestValidator', {}, d.requestValidators));
  out.push(...diffRecords(spec, 'model', {}, d.models));
  out.push(...diffRoutes(spec, emptyLike(d), d));
  out.push(...diffRecords(spec, 'stage', {}, d.stages));
  return out;
}

function emptyLike(d: ApiModel): ApiModel {
  return { ...d, routes: {}, authorizers: {}, requestValidators: {}, models: {}, stages: {} };
}

function updateApi(apiKey: string, d: ApiModel, l: ApiModel, opts: DiffApiOptions): Change[] {
  const spec = { apiKey, apiKind: d.kind };
  const out: Change[] = [];
  const hb = apiHeader(l);
  const ha = apiHeader(d);
  if (!deepEqual(hb, ha)) out.push(makeChange({ ...spec, target: 'api', action: 'update', name: d.name, before: hb, after: ha }));
  if (!deepEqual(l.tags, d.tags)) out.push(makeChange({ ...spec, target: 'tags', action: 'update', name: 'tags', before: l.tags, after: d.tags }));

  const authRenames = findAuthorizerRenames(l.authorizers, d.authorizers);
  out.push(...diffRecords(spec, 'authorizer', l.authorizers, d.authorizers, authRenames));
  out.push(...diffRecords(spec, 'requestValidator', l.requestValidators, d.requestValidators));
  out.push(...diffRecords(spec, 'model', l.models, d.models));
  out.push(...diffRoutes(spec, l, d, authRenames, opts));
  out.push(...diffRecords(spec, 'stage', l.stages, d.stages));
  return out;
}

interface Spec {
  apiKey: string;
  apiKind: ApiModel['kind'];
}

/** Name-keyed records (authorizers, validators, models, stages): create, update, delete, rename. */
function diffRecords<T>(
  spec: Spec,
  target: ChangeTarget,
  live: Record<string, T>,
  desired: Record<string, T>,
  renames: Map<string, string> = new Map(),
): Change[] {
  const out: Change[] = [];
  const renamedTo = new Set(renames.values());
  for (const name of Object.keys(desired).sort()) {
    const after = desired[name];
    if (name in live) {
      if (!deepEqual(live[name], after)) out.push(makeChange({ ...spec, target, action: 'update', name, before: live[name], after }));
    } else if (!renamedTo.has(name)) {
      out.push(makeChange({ ...spec, target, action: 'create', name, after }));
    }
  }
  for (const name of Object.keys(live).sort()) {
    if (name in desired) continue;
    const to = renames.get(name);
    if (to) out.push(makeChange({ ...spec, target, action: 'update', name: to, before: live[name], after: desired[to] }));
    else out.push(makeChange({ ...spec, target, action: 'delete', name, before: live[name] }));
  }
  return out;
}

/**
 * Routes: one `route` Change for the method-level fields and, separately, one
 * `integration` Change per route, so a reviewer reads "integration of GET /users changed".
 * The integration change of a renamed route carries the new route key; the `route` change
 * with the same name holds the old path in `before`.
 */
function diffRoutes(
  spec: Spec,
  l: ApiModel,
  d: ApiModel,
  authRenames: Map<string, string> = new Map(),
  opts: DiffApiOptions = {},
): Change[] {
  const out: Change[] = [];
  const routeRenames = findRouteRenames(l, d, authRenames, opts);
  const renamedFrom = new Map([...routeRenames].map(([from, to]) => [to, from]));

  const pair = (key: string, lr: RouteModel | undefined, dr: RouteModel | undefined) => {
    if (dr && lr) {
      // Compare in place first: most routes are unchanged, and copies of 5,000 routes cost more than the diff.
      if (!deepEqual(lr, dr, 'integration')) {
        out.push(makeChange({ ...spec, target: 'route', action: 'update', name: key, before: routeMethod(lr), after: routeMethod(dr) }));
      }
      if (!deepEqual(lr.integration, dr.integration)) {
        out.push(makeChange({ ...spec, target: 'integration', action: 'update', name: key, before: lr.integration, after: dr.integration }));
      }
    } else if (dr) {
      out.push(makeChange({ ...spec, target: 'route', action: 'create', name: key, after: routeMethod(dr) }));
      out.push(makeChange({ ...spec, target: 'integration', action: 'create', name: key, after: dr.integration }));
    } else if (lr) {
      out.push(makeChange({ ...spec, target: 'route', action: 'delete', name: key, before: routeMethod(lr) }));
      out.push(makeChange({ ...spec, target: 'integration', action: 'delete', name: key, before: lr.integration }));
    }
  };

  for (const key of Object.keys(d.routes).sort()) {
    const from = renamedFrom.get(key);
    const liveKey = from ?? key;
    const lr = l.routes[liveKey];
    pair(key, lr && withAuthorizerRenamed(lr, authRenames), d.routes[key]);
  }
  for (const key of Object.keys(l.routes).sort()) {
    if (key in d.routes || routeRenames.has(key)) continue;
    pair(key, l.routes[key], undefined);
  }
  return out;
}
