/**
 * Routes of HTTP APIs: `METHOD /path` or `$default`, a target `integrations/<id>` that must
 * exist, and authorization that must match the authorizer's type (JWT ↔ JWT, CUSTOM ↔ REQUEST).
 */
import { badRequest, conflict, notFound, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, Route } from './types.js';
import { isWebSocket } from './websocket-api.js';
import { checkWebSocketRoute, mergeWebSocketRouteUpdate } from './websocket-routes.js';
import { bodyOf, compact, json, oneOf, optBool, optObj, optStr, optStrList, optStrMap, type Body } from './wire.js';

export const routeWire = (r: Route) => compact({ ...r });

const ROUTE_KEY = /^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[^\s]*|\$default))$/;

function readRouteInput(b: Body): Partial<Route> {
  const rp = optObj(b, 'requestParameters');
  const requestParameters = rp
    ? Object.fromEntries(
        Object.entries(rp).map(([k, v]) => [k, { required: Boolean((v as { required?: unknown } | null)?.required) }]),
      )
    : undefined;
  return compact({
    routeKey: optStr(b, 'routeKey'),
    apiKeyRequired: optBool(b, 'apiKeyRequired'),
    authorizationScopes: optStrList(b, 'authorizationScopes'),
    authorizationType: oneOf(optStr(b, 'authorizationType'), 'authorizationType', ['NONE', 'JWT', 'CUSTOM', 'AWS_IAM']),
    authorizerId: optStr(b, 'authorizerId'),
    operationName: optStr(b, 'operationName'),
    requestModels: optStrMap(b, 'requestModels'),
    requestParameters,
    routeResponseSelectionExpression: optStr(b, 'routeResponseSelectionExpression'),
    modelSelectionExpression: optStr(b, 'modelSelectionExpression'),
    target: optStr(b, 'target'),
  });
}

/** Validates a route against its API (keys unique, target and authorizer exist and fit). */
export function checkRoute(store: V2Store, st: ApiState, r: Route): void {
  if (isWebSocket(st)) checkWebSocketRoute(st, r);
  else if (!ROUTE_KEY.test(r.routeKey)) {
    throw badRequest(`Invalid route key ${r.routeKey}; use "$default" or "METHOD /path" (e.g. "GET /pets/{id}")`);
  }
  const clash = st.routes.find((x) => x.routeKey === r.routeKey && x.routeId !== r.routeId);
  if (clash) throw conflict(`Route with key ${r.routeKey} already exists for this API (${clash.routeId})`);
  if (r.target !== undefined && r.target !== '') {
    const m = /^integrations\/([a-z0-9]+)$/.exec(r.target);
    if (!m) throw badRequest(`Invalid target ${r.target}; must be of the form integrations/<integrationId>`);
    if (!st.integrations.some((i) => i.integrationId === m[1]))
      throw notFound(`Invalid Integration identifier specified ${m[1]}`);
  }
  if (r.authorizationType === 'JWT' || r.authorizationType === 'CUSTOM') {
    if (!r.authorizerId) throw badRequest(`authorizerId is required when authorizationType is ${r.authorizationType}`);
    const a = store.authorizer(st, r.authorizerId);
    const expected = r.authorizationType === 'JWT' ? 'JWT' : 'REQUEST';
    if (a.authorizerType !== expected) {
      throw badRequest(
        `Authorization type ${r.authorizationType} needs a ${expected} authorizer, but ${a.authorizerId} is ${a.authorizerType}`,
      );
    }
  } else if (r.authorizerId) {
    throw badRequest(
      `authorizerId can only be set when authorizationType is JWT or CUSTOM, not ${r.authorizationType}`,
    );
  }
  if (r.authorizationScopes?.length && r.authorizationType !== 'JWT') {
    throw badRequest('authorizationScopes are only supported with authorizationType JWT');
  }
}

export function newRoute(input: Partial<Route>): Route {
  if (!input.routeKey) throw badRequest('routeKey is required');
  return compact({
    ...input,
    routeId: newId(ID_LENGTH.route),
    routeKey: input.routeKey,
    apiKeyRequired: input.apiKeyRequired ?? false,
    authorizationType: input.authorizationType ?? 'NONE',
  });
}

export function routeRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateRoute', 'POST', '/v2/apis/{apiId}/routes', true, (req, p) => {
      const st = store.api(p.apiId);
      const route = newRoute(readRouteInput(bodyOf(req)));
      checkRoute(store, st, route);
      st.routes.push(route);
      store.changed(st);
      return json(201, routeWire(route));
    }),
    v2Route('GetRoutes', 'GET', '/v2/apis/{apiId}/routes', false, (req, p) => {
      const pg = page(store.api(p.apiId).routes, req);
      return json(200, compact({ items: pg.items.map(routeWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetRoute', 'GET', '/v2/apis/{apiId}/routes/{routeId}', false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(200, routeWire(store.route(st, p.routeId)));
    }),
    v2Route('UpdateRoute', 'PATCH', '/v2/apis/{apiId}/routes/{routeId}', true, (req, p) => {
      const st = store.api(p.apiId);
      const current = store.route(st, p.routeId);
      const input = readRouteInput(bodyOf(req));
      const next: Route = isWebSocket(st)
        ? mergeWebSocketRouteUpdate(current, input)
        : compact({ ...current, ...input });
      // Switching to NONE/AWS_IAM drops the authorizer, as the console and CLI expect.
      if (
        input.authorizationType &&
        input.authorizationType !== 'JWT' &&
        input.authorizationType !== 'CUSTOM' &&
        input.authorizerId === undefined
      ) {
        delete next.authorizerId;
        delete next.authorizationScopes;
      }
      if (next.target === '') delete next.target;
      checkRoute(store, st, next);
      st.routes[st.routes.indexOf(current)] = next;
      store.changed(st);
      return json(200, routeWire(next));
    }),
    v2Route('DeleteRoute', 'DELETE', '/v2/apis/{apiId}/routes/{routeId}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const route = store.route(st, p.routeId);
      st.routes = st.routes.filter((x) => x !== route);
      delete st.routeResponses[route.routeId];
      for (const stage of st.stages) delete stage.routeSettings[route.routeKey];
      store.changed(st);
      return json(204);
    }),
  ];
}
