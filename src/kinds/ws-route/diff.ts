/**
 * One WebSocket route is up to four changes, so a reviewer reads "integration of sendmessage
 * changed": the route's own fields (`wsRoute`), its integration (`integration`), its route
 * responses (`routeResponse`: the route's map of them) and its integration's responses
 * (`integrationResponse`: likewise). All four are named by the route key.
 */
import type { Change } from '../../model/change.js';
import { deepEqual } from '../../model/canonical.js';
import type { DiffContext } from '../kind.js';
import type { WebSocketRouteModel, WsRouteLevel } from './model.js';

export function wsRouteLevel(r: WebSocketRouteModel): WsRouteLevel {
  const { integration: _i, responses: _r, integrationResponses: _ir, ...level } = r;
  return level;
}

/** Live route as it compares after authorizer renames (AWS references authorizers by id). */
function withAuthorizerRenamed(r: WebSocketRouteModel, renames: Map<string, string> | undefined): WebSocketRouteModel {
  const name = r.authorization.authorizer;
  if (!name || !renames?.has(name)) return r;
  return { ...r, authorization: { ...r.authorization, authorizer: renames.get(name) } };
}

const isEmpty = (m: object) => Object.keys(m).length === 0;

export function diffWsRoutes(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const { live: l, desired: d } = ctx;
  const authRenames = ctx.renames.get('authorizer');
  const maps = (
    target: 'routeResponse' | 'integrationResponse',
    key: string,
    b: object | undefined,
    a: object | undefined,
  ) => {
    const before = b && !isEmpty(b) ? b : undefined;
    const after = a && !isEmpty(a) ? a : undefined;
    if (!before && after) out.push(ctx.change({ target, action: 'create', name: key, after }));
    else if (before && !after) out.push(ctx.change({ target, action: 'delete', name: key, before }));
    else if (before && after && !deepEqual(before, after))
      out.push(ctx.change({ target, action: 'update', name: key, before, after }));
  };
  const keys = [...new Set([...Object.keys(d.wsRoutes), ...Object.keys(l.wsRoutes)])].sort();
  for (const key of keys) {
    const dr = d.wsRoutes[key];
    const lr = l.wsRoutes[key] && withAuthorizerRenamed(l.wsRoutes[key], authRenames);
    if (dr && lr) {
      if (!deepEqual(wsRouteLevel(lr), wsRouteLevel(dr)))
        out.push(
          ctx.change({
            target: 'wsRoute',
            action: 'update',
            name: key,
            before: wsRouteLevel(lr),
            after: wsRouteLevel(dr),
          }),
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
      out.push(ctx.change({ target: 'wsRoute', action: 'create', name: key, after: wsRouteLevel(dr) }));
      out.push(ctx.change({ target: 'integration', action: 'create', name: key, after: dr.integration }));
    } else if (lr) {
      out.push(ctx.change({ target: 'wsRoute', action: 'delete', name: key, before: wsRouteLevel(lr) }));
      out.push(ctx.change({ target: 'integration', action: 'delete', name: key, before: lr.integration }));
    }
    maps('routeResponse', key, lr?.responses, dr?.responses);
    maps('integrationResponse', key, lr?.integrationResponses, dr?.integrationResponses);
  }
  return out;
}
