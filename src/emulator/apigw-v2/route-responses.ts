/**
 * Route responses of WebSocket APIs (two-way routes): CreateRouteResponse and friends under
 * /v2/apis/{apiId}/routes/{routeId}/routeresponses. "You can only define the $default route
 * response for WebSocket APIs"; response models must name models of the API.
 */
import { badRequest, conflict, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, RouteResponse } from './types.js';
import { requireWebSocket } from './websocket-only.js';
import { bodyOf, compact, json, optObj, optStr, optStrMap, type Body } from './wire.js';

export const routeResponseWire = (r: RouteResponse) => compact({ ...r });

const WHAT = 'Route responses';

function readInput(b: Body): Partial<RouteResponse> {
  const rp = optObj(b, 'responseParameters');
  return compact({
    routeResponseKey: optStr(b, 'routeResponseKey'),
    modelSelectionExpression: optStr(b, 'modelSelectionExpression'),
    responseModels: optStrMap(b, 'responseModels'),
    responseParameters: rp
      ? Object.fromEntries(
          Object.entries(rp).map(([k, v]) => [
            k,
            { required: Boolean((v as { required?: unknown } | null)?.required) },
          ]),
        )
      : undefined,
  });
}

function check(st: ApiState, routeId: string, r: RouteResponse): void {
  if (r.routeResponseKey !== '$default') {
    throw badRequest(
      `Invalid route response key ${r.routeResponseKey}; only the $default route response can be defined for WebSocket APIs`,
    );
  }
  const clash = (st.routeResponses[routeId] ?? []).find(
    (x) => x.routeResponseKey === r.routeResponseKey && x.routeResponseId !== r.routeResponseId,
  );
  if (clash)
    throw conflict(
      `Route response with key ${r.routeResponseKey} already exists for route ${routeId} (${clash.routeResponseId})`,
    );
  for (const [contentType, name] of Object.entries(r.responseModels ?? {})) {
    if (!st.models.some((m) => m.name === name))
      throw badRequest(
        `Invalid model ${name} in responseModels for ${contentType}: no model of that name exists in API ${st.api.apiId}`,
      );
  }
  if (r.modelSelectionExpression === '') delete r.modelSelectionExpression;
}

export function routeResponseRoutes(store: V2Store): RouteDef[] {
  const base = '/v2/apis/{apiId}/routes/{routeId}/routeresponses';
  return [
    v2Route('CreateRouteResponse', 'POST', base, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const route = store.route(st, p.routeId);
      const input = readInput(bodyOf(req));
      if (!input.routeResponseKey) throw badRequest('RouteResponseKey is required');
      const r: RouteResponse = {
        ...input,
        routeResponseId: newId(ID_LENGTH.routeResponse),
        routeResponseKey: input.routeResponseKey,
      };
      check(st, route.routeId, r);
      (st.routeResponses[route.routeId] ??= []).push(r);
      store.changed(st);
      return json(201, routeResponseWire(r));
    }),
    v2Route('GetRouteResponses', 'GET', base, false, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const route = store.route(st, p.routeId);
      const pg = page(st.routeResponses[route.routeId] ?? [], req);
      return json(200, compact({ items: pg.items.map(routeResponseWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetRouteResponse', 'GET', `${base}/{routeResponseId}`, false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(
        200,
        routeResponseWire(store.routeResponse(st, store.route(st, p.routeId).routeId, p.routeResponseId)),
      );
    }),
    v2Route('UpdateRouteResponse', 'PATCH', `${base}/{routeResponseId}`, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const routeId = store.route(st, p.routeId).routeId;
      const current = store.routeResponse(st, routeId, p.routeResponseId);
      const next: RouteResponse = { ...current, ...readInput(bodyOf(req)) };
      check(st, routeId, next);
      const list = st.routeResponses[routeId]!;
      list[list.indexOf(current)] = next;
      store.changed(st);
      return json(200, routeResponseWire(next));
    }),
    v2Route('DeleteRouteResponse', 'DELETE', `${base}/{routeResponseId}`, true, (_req, p) => {
      const st = store.api(p.apiId);
      const routeId = store.route(st, p.routeId).routeId;
      const current = store.routeResponse(st, routeId, p.routeResponseId);
      st.routeResponses[routeId] = st.routeResponses[routeId]!.filter((x) => x !== current);
      if (st.routeResponses[routeId]!.length === 0) delete st.routeResponses[routeId];
      store.changed(st);
      return json(204);
    }),
  ];
}
