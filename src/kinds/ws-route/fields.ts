import type { FieldTable, Obj } from '../field.js';
import { requiredMap } from '../route-response/fields.js';
import type { WebSocketRouteModel, WsAuthorizationModel } from './model.js';

const map = <T>() => ({
  load: (m: Record<string, T> | undefined) => ({ ...(m ?? {}) }),
  emit: (m: Record<string, T>) => (Object.keys(m).length ? { ...m } : undefined),
});

function authorizationOf(w: Obj, nameOf: ((id: string) => string | undefined) | undefined): WsAuthorizationModel {
  const a: WsAuthorizationModel = {
    type: ((w.AuthorizationType as string | undefined) ?? 'NONE') as WsAuthorizationModel['type'],
  };
  const id = w.AuthorizerId as string | undefined;
  if (id) a.authorizer = nameOf?.(id) ?? id;
  return a;
}

/**
 * A WebSocket route's own fields (CreateRoute / UpdateRoute, v2). The route key is its
 * identity; `responses`, `integration` and `integrationResponses` are changes of their own.
 * UpdateRoute merges request parameters (a removed one is a DeleteRouteRequestParameter
 * call, which the WebSocket executor makes) and clears a string member sent as "".
 * `state`: the members of one route in the routes file (the model's keys).
 */
export const wsRouteFields: FieldTable<WebSocketRouteModel> = {
  authorization: {
    ws: {
      read: (w, ctx) => authorizationOf(w, (id) => ctx.nameOf?.('authorizer', id)),
      create: (a = { type: 'NONE' }, _r, ctx) => ({
        AuthorizationType: a.type,
        AuthorizerId: a.authorizer ? ctx.ids.requireId('authorizer', a.authorizer) : undefined,
      }),
      // A new authorizer is named by create's members; dropping it takes "".
      update: (b, a) =>
        b?.authorizer && !a?.authorizer ? { AuthorizationType: a?.type ?? 'NONE', AuthorizerId: '' } : {},
    },
    breaking: (b, a) => {
      if (b.authorization.type === 'NONE' && a.authorization.type !== 'NONE') return 'auth added';
      if (
        a.authorization.type !== 'NONE' &&
        (b.authorization.type !== a.authorization.type || b.authorization.authorizer !== a.authorization.authorizer)
      )
        return 'auth changed';
      return undefined;
    },
  },
  apiKeyRequired: {
    ws: { wire: 'ApiKeyRequired', default: false },
    state: {},
    breaking: (b, a) => (!b.apiKeyRequired && a.apiKeyRequired ? 'API key now required' : undefined),
  },
  operationName: { ws: { wire: 'OperationName', omitEmpty: true, clear: '' }, state: {} },
  requestParameters: {
    userKeys: true,
    ws: {
      read: (w) => requiredMap.read(w.RequestParameters),
      create: (m) => ({ RequestParameters: requiredMap.wire(m) }),
      // Merged by AWS: only new and changed entries are sent.
      update: (b = {}, a = {}) => ({
        RequestParameters: requiredMap.wire(Object.fromEntries(Object.entries(a).filter(([k, r]) => b[k] !== r))),
      }),
    },
    state: map<boolean>(),
    breaking: (b, a) =>
      Object.entries(a.requestParameters)
        .filter(([name, required]) => required && !b.requestParameters[name])
        .map(([name]) => `new required parameter ${name}`),
  },
  requestModels: { ws: { wire: 'RequestModels', default: {}, omitEmpty: true }, state: map<string>() },
  modelSelectionExpression: { ws: { wire: 'ModelSelectionExpression', omitEmpty: true, clear: '' }, state: {} },
  routeResponseSelectionExpression: {
    ws: { wire: 'RouteResponseSelectionExpression', omitEmpty: true, clear: '' },
    state: {},
    breaking: (b, a) =>
      b.routeResponseSelectionExpression && !a.routeResponseSelectionExpression
        ? 'route no longer answers clients (one-way now)'
        : undefined,
  },
  responses: {},
  integration: {},
  integrationResponses: {},
};
