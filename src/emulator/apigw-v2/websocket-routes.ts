/**
 * Routes of WebSocket APIs: the three predefined keys ($connect, $disconnect, $default) and
 * custom keys, authorization only on $connect, REQUEST (Lambda) authorizers or IAM, request
 * parameters, models and two-way routes — as the developer guide ("Working with routes for
 * WebSocket APIs", "Controlling access to WebSocket APIs") and the route members' notes say.
 *
 * AWS's own wording is used where it is known: "The provided route key is not formatted
 * properly" and "Currently, authorization is restricted to the $connect route only" are what
 * API Gateway answers (BadRequestException); other messages are ours (coverage notes).
 */
import { badRequest, notFound, type RouteDef } from '../core/types.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, Route } from './types.js';
import { json } from './wire.js';

export const PREDEFINED_ROUTE_KEYS = ['$connect', '$disconnect', '$default'] as const;

/** Route request parameters of a WebSocket route: a header or query string of the $connect request. */
const REQUEST_PARAMETER_KEY = /^route\.request\.(header|querystring)\.[^\s.][^\s]*$/;

/** Members of a WebSocket route update that an empty string clears (as Terraform's provider relies on). */
const CLEARED_BY_EMPTY = [
  'operationName',
  'modelSelectionExpression',
  'routeResponseSelectionExpression',
  'target',
  'authorizerId',
] as const;

export function checkWebSocketRouteKey(routeKey: string): void {
  if (routeKey.startsWith('$') && !(PREDEFINED_ROUTE_KEYS as readonly string[]).includes(routeKey)) {
    throw badRequest('The provided route key is not formatted properly');
  }
}

function checkModelsExist(st: ApiState, models: Record<string, string> | undefined, what: string): void {
  for (const [contentType, name] of Object.entries(models ?? {})) {
    if (!st.models.some((m) => m.name === name)) {
      throw badRequest(
        `Invalid model ${name} in ${what} for ${contentType}: no model of that name exists in API ${st.api.apiId}; create it first (CreateModel)`,
      );
    }
  }
}

/** A WebSocket route's checks beyond the ones every v2 route gets (unique key, target and authorizer exist). */
export function checkWebSocketRoute(st: ApiState, r: Route): void {
  checkWebSocketRouteKey(r.routeKey);
  if (r.authorizationType === 'JWT')
    throw badRequest(
      'JWT authorization is supported only for HTTP APIs; WebSocket routes take NONE, AWS_IAM or CUSTOM (a REQUEST authorizer)',
    );
  if (r.authorizationType !== 'NONE' && r.routeKey !== '$connect')
    throw badRequest('Currently, authorization is restricted to the $connect route only');
  if (r.authorizationScopes?.length)
    throw badRequest('Authorization scopes are supported only for HTTP APIs with JWT authorization');
  if (r.routeResponseSelectionExpression !== undefined && r.routeResponseSelectionExpression !== '$default') {
    throw badRequest(
      `Invalid route response selection expression ${r.routeResponseSelectionExpression}; currently only $default is supported (it makes the route two-way)`,
    );
  }
  for (const key of Object.keys(r.requestParameters ?? {})) {
    if (!REQUEST_PARAMETER_KEY.test(key)) {
      throw badRequest(
        `Invalid request parameter key ${key}; WebSocket route request parameters are route.request.header.<name> or route.request.querystring.<name>`,
      );
    }
  }
  checkModelsExist(st, r.requestModels, 'requestModels');
}

/**
 * UpdateRoute on a WebSocket route: request parameters merge into the route's (removing one
 * takes DeleteRouteRequestParameter, which is why Terraform's provider calls it), request
 * models replace, and an empty string clears a string member.
 */
export function mergeWebSocketRouteUpdate(current: Route, input: Partial<Route>): Route {
  const next: Route = { ...current, ...input };
  if (input.requestParameters) next.requestParameters = { ...current.requestParameters, ...input.requestParameters };
  for (const k of CLEARED_BY_EMPTY) if (next[k] === '') delete next[k];
  if (next.requestModels && Object.keys(next.requestModels).length === 0) delete next.requestModels;
  return next;
}

export function webSocketRouteRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route(
      'DeleteRouteRequestParameter',
      'DELETE',
      '/v2/apis/{apiId}/routes/{routeId}/requestparameters/{requestParameterKey}',
      true,
      (_req, p) => {
        const st = store.api(p.apiId);
        const route = store.route(st, p.routeId);
        if (!route.requestParameters || !(p.requestParameterKey in route.requestParameters)) {
          throw notFound(`Invalid request parameter key specified ${p.requestParameterKey}`);
        }
        const rest = { ...route.requestParameters };
        delete rest[p.requestParameterKey];
        const next: Route = { ...route, requestParameters: rest };
        if (Object.keys(rest).length === 0) delete next.requestParameters;
        st.routes[st.routes.indexOf(route)] = next;
        store.changed(st);
        return json(204);
      },
    ),
  ];
}
