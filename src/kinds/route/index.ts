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
import { httpRoute, restRoute, splitRouteKey } from './normalize.js';
import { httpIntegration } from '../integration/normalize.js';
import { markedFor } from '../integration/unused.js';
import type { NormalizeContext } from '../kind.js';
import type { RefTarget } from '../field.js';
import { routeKey, type HttpMethod } from './model.js';

/** REST resources (GetResources, embed=methods) → one route per method; every resource's id is kept. */
function restRoutes(items: object[], ctx: NormalizeContext): Record<string, RouteModel> {
  const routes: Record<string, RouteModel> = {};
  const nameOf = (t: RefTarget, id: string) => ctx.nameOf(t, id);
  for (const r of items as Array<{ id?: string; path?: string; resourceMethods?: Record<string, object> }>) {
    if (!r.path || !r.id) continue;
    ctx.ids.resourceIds[r.path] = r.id;
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const method = verb.toUpperCase() as HttpMethod;
      const rk = routeKey(method, r.path);
      routes[rk] = restRoute(method, r.path, m, { nameOf, declared: ctx.desired?.routes[rk] });
    }
  }
  return routes;
}

/** HTTP routes joined to their integrations through `Target: integrations/<id>`. */
function httpRoutes(items: object[], ctx: NormalizeContext): Record<string, RouteModel> {
  const integrations = new Map(
    (ctx.lists.integration ?? [])
      .map((i) => [(i as { IntegrationId?: string }).IntegrationId, i] as const)
      .filter(([id]) => id),
  );
  const routes: Record<string, RouteModel> = {};
  const used = new Set((items as Array<{ Target?: string }>).map((r) => r.Target));
  for (const [id, i] of integrations) {
    const routeKey = markedFor((i as { Description?: unknown }).Description);
    if (routeKey !== undefined && id && !used.has(`integrations/${id}`))
      (ctx.ids.unusedIntegrations ??= {})[id] = { routeKey, integration: httpIntegration(i) };
  }
  for (const r of items as Array<{ RouteKey?: string; RouteId?: string; Target?: string }>) {
    if (!r.RouteKey || !r.RouteId) continue;
    const [method, path] = splitRouteKey(r.RouteKey);
    const rk = routeKey(method, path);
    const integrationId = r.Target?.startsWith('integrations/') ? r.Target.slice('integrations/'.length) : undefined;
    ctx.ids.routeIds[rk] = r.RouteId;
    if (integrationId) ctx.ids.integrationIds[rk] = integrationId;
    const nameOf = (t: RefTarget, id: string) => ctx.nameOf(t, id);
    routes[rk] = httpRoute(
      method,
      path,
      r,
      httpIntegration(integrationId ? integrations.get(integrationId) : undefined, {
        declared: ctx.desired?.routes[rk]?.integration,
        nameOf,
      }),
      { nameOf },
    );
  }
  return routes;
}

export function routeMethod(r: RouteModel): RouteMethod {
  const { integration: _integration, ...method } = r;
  return method;
}

/** `GET /users/{id}` → 3 segments; `$default` → 0. Parents are created before children and deleted after them. */
export function routePathDepth(key: string): number {
  if (key === '$default') return 0;
  return key
    .slice(key.indexOf(' ') + 1)
    .split('/')
    .filter(Boolean).length;
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
      if (!deepEqual(lr, dr, 'integration'))
        out.push(
          ctx.change({ target: 'route', action: 'update', name: key, before: routeMethod(lr), after: routeMethod(dr) }),
        );
      if (!deepEqual(lr.integration, dr.integration))
        out.push(
          ctx.change({
            target: 'integration',
            action: 'update',
            name: key,
            before: lr.integration,
            after: dr.integration,
          }),
        );
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
  rank: { RestApi: 3, HttpApi: 4, WebSocketApi: 4 },
  snapshot: true,
  byPathDepth: true,
  fields: routeFields,
  modelKey: 'routes',
  read: {
    RestApi: { op: 'GetResources', paging: 'position', input: { embed: ['methods'] }, normalize: restRoutes },
    HttpApi: { op: 'GetRoutes', paging: 'nextToken', normalize: httpRoutes },
  },
  renames: (live, desired, ctx) =>
    ctx.creating
      ? new Map()
      : findRouteRenames(live, desired, ctx.renames.get('authorizer') ?? new Map(), {
          liveResourcePaths: ctx.liveResourcePaths,
        }),
  diff: diffRoutes,
  flags(c, acc) {
    if (c.action === 'delete') acc.breaking.push('route removed');
  },
  facts(a) {
    const auth = a.authorization;
    const req = Object.entries(a.requestParameters ?? {})
      .filter(([, r]) => r)
      .map(([k]) => k);
    return [
      ...(auth && auth.type !== 'NONE'
        ? [['authorization', `${auth.type}${auth.authorizer ? ` (${auth.authorizer})` : ''}`, { raw: true }] as const]
        : []),
      ...(a.apiKeyRequired ? [['apiKeyRequired', true] as const] : []),
      ['required parameters', req.length > 0 ? req.join(', ') : undefined, { raw: true }] as const,
      ['requestValidator', a.requestValidator] as const,
    ].map((f) => [...f] as [string, unknown, { raw?: boolean }?]);
  },
});
