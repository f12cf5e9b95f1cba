import type { FieldTable, Obj } from '../field.js';
import type { RouteResponseModel } from './model.js';

/** `{ name: { Required: bool } }` on the wire ⇄ `{ name: bool }` in the model (route request parameters, route response parameters). */
export const requiredMap = {
  read: (v: unknown): Record<string, boolean> =>
    Object.fromEntries(
      Object.entries((v ?? {}) as Record<string, { Required?: boolean }>).map(([k, c]) => [k, Boolean(c?.Required)]),
    ),
  wire: (m: Record<string, boolean> | undefined): Obj | undefined =>
    m && Object.keys(m).length
      ? Object.fromEntries(Object.entries(m).map(([k, r]) => [k, { Required: r }]))
      : undefined,
};

/**
 * WebSocket route responses (CreateRouteResponse / UpdateRouteResponse), one per route
 * response key. `state`: the members of one entry of a route's `responses` in the routes file.
 */
export const routeResponseFields: FieldTable<RouteResponseModel> = {
  modelSelectionExpression: { ws: { wire: 'ModelSelectionExpression', omitEmpty: true, clear: '' }, state: {} },
  responseModels: {
    ws: { wire: 'ResponseModels', default: {}, omitEmpty: true },
    state: { load: (m) => ({ ...(m ?? {}) }), emit: (m) => (Object.keys(m).length ? { ...m } : undefined) },
  },
  responseParameters: {
    userKeys: true,
    ws: {
      read: (w) => requiredMap.read(w.ResponseParameters),
      create: (m) => ({ ResponseParameters: requiredMap.wire(m) }),
      update: (_b, a) => ({ ResponseParameters: requiredMap.wire(a) ?? {} }),
    },
    state: { load: (m) => ({ ...(m ?? {}) }), emit: (m) => (Object.keys(m).length ? { ...m } : undefined) },
  },
};
