/**
 * Routes: REST methods (on their resources) and HTTP routes, keyed by `METHOD /path`.
 * One route is two changes, so a reviewer reads "integration of GET /users changed":
 * a `route` change for the method-level fields and an `integration` change.
 */
import type { RouteModel, RouteMethod } from './model.js';
import { defineKind, type DiffContext } from '../kind.js';
import type { Change } from '../../model/change.js';
import { deepEqual } from '../../model/canonical.js';
import { routeFields } from './fields.js';
import { findRouteRenames, withAuthorizerRenamed } from './renames.js';

export function routeMethod(r: RouteModel): RouteMethod {
  const { integration: _integration, ...method } = r;
  return method;
}

/** `GET /users/{id}` → 3 segments; `$default` → 0. Parents are created before children and deleted after them. */
export function routePathDepth(key: string): number {
  if (key === '$default') return 0;
  return key.slice(key.indexOf(' ') + 1).split('/').filter(Boolean).length;
}

/**
 * The integration change of a renamed route carries the new route key; the `route` change
 * with the same name holds the old path in `before`.
 */
function diffRoutes(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const { live: l, desired: d } = ctx;
  const authRenames = ctx.renames.get('authorizer') ?? new Map<string, string>();
  const routeRenames = ctx.renames.get('route') ?? new Map<string, string>();
  const renamedFrom = new Map([...routeRenames].map(([from, to]) => [to, from]));

  const pair = (key: string, lr: RouteModel | undefined, dr: RouteModel | undefined) => {
    if (dr && lr) {
      // Compare in place first: most routes are unchanged, and copies of 5,000 routes cost more than the diff.
      if (!deepEqual(lr, dr, 'integration')) out.push(ctx.change({ target: 'route', action: 'update', name: key, before: routeMethod(lr), after: routeMethod(dr) }));
      if (!deepEqual(lr.integration, dr.integration)) out.push(ctx.change({ target: 'integration', action: 'update', name: key, before: lr.integration, after: dr.integration }));
    } else if (dr) {
      out.push(ctx.change({ target: 'route', action: 'create', name: key, after: routeMethod(dr) }));
      out.push(ctx.change({ target: 'integration', action: 'create', name: key, after: dr.integration }));
    } else if (lr) {
      out.push(ctx.change({ target: 'route', action: 'delete', name: key, before: routeMethod(lr) }));
      out.push(ctx.change({ target: 'integration', action: 'delete', name: key, before: lr.integration }));
    }
  };

  for (const key of Object.keys(d.routes).sort()) {
    const lr = l.routes[renamedFrom.get(key) ?? key];
    pair(key, lr && withAuthorizerRenamed(lr, authRenames), d.routes[key]);
  }
  for (const key of Object.keys(l.routes).sort()) {
    if (key in d.routes || routeRenames.has(key)) continue;
    pair(key, l.routes[key], undefined);
  }
  return out;
}

export const routeKind = defineKind<RouteModel>({
  target: 'route',
  label: 'route',
  section: 'route',
  rank: { RestApi: 3, HttpApi: 4 },
  snapshot: true,
  byPathDepth: true,
  fields: routeFields,
  modelKey: 'routes',
  renames: (live, desired, ctx) => (ctx.creating ? new Map() : findRouteRenames(live, desired, ctx.renames.get('authorizer') ?? new Map(), { liveResourcePaths: ctx.liveResourcePaths })),
  diff: diffRoutes,
  flags(c, acc) {
    if (c.action === 'delete') acc.breaking.push('route removed');
  },
  facts(a) {
    const auth = a.authorization;
    const req = Object.entries(a.requestParameters ?? {}).filter(([, r]) => r).map(([k]) => k);
    return [
      ...(auth && auth.type !== 'NONE' ? [['authorization', `${auth.type}${auth.authorizer ? ` (${auth.authorizer})` : ''}`, { raw: true }] as const] : []),
      ...(a.apiKeyRequired ? [['apiKeyRequired', true] as const] : []),
      ['required parameters', req.length > 0 ? req.join(', ') : undefined, { raw: true }] as const,
      ['requestValidator', a.requestValidator] as const,
    ].map((f) => [...f] as [string, unknown, { raw?: boolean }?]);
  },
});
