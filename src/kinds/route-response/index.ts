/**
 * WebSocket route responses: what API Gateway sends back to the client on a two-way route.
 * One change per route, named by its route key, whose before/after is the route's map of
 * route responses (response key → fields); `fields` describes one of them. Diffed with the
 * route (kinds/ws-route/diff.ts), written with it by the WebSocket executor.
 */
import { defineKind } from '../kind.js';
import { routeResponseFields } from './fields.js';
import type { RouteResponseModel } from './model.js';

export const routeResponseKind = defineKind<RouteResponseModel>({
  target: 'routeResponse',
  label: 'route response',
  section: 'route',
  rank: { RestApi: 5, HttpApi: 5, WebSocketApi: 5 },
  snapshot: true,
  fields: routeResponseFields,
  // Listed per route: the route's id goes in as RouteId and is kept on each item.
  read: {
    WebSocketApi: {
      op: 'GetRouteResponses',
      paging: 'nextToken',
      parent: { target: 'wsRoute', id: 'RouteId', input: 'RouteId' },
    },
  },
  diff: () => [],
  facts: (a) =>
    Object.entries(a as unknown as Record<string, RouteResponseModel>).map(([key, r]): [string, unknown] => [
      key,
      r.responseModels && Object.keys(r.responseModels).length
        ? { responseModels: r.responseModels }
        : 'passes the integration response through',
    ]),
});
