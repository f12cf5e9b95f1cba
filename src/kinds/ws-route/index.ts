/**
 * WebSocket routes, keyed by route key ($connect, $disconnect, $default, custom keys). Each
 * route carries its integration, route responses and integration responses; the diff makes
 * up to four changes of it (diff.ts). Read: GetRoutes joined with the integrations and the
 * responses listed per route and per integration (normalize.ts).
 */
import { defineKind } from '../kind.js';
import { diffWsRoutes } from './diff.js';
import { wsRouteFields } from './fields.js';
import type { WebSocketRouteModel } from './model.js';
import { wsRoutes } from './normalize.js';

export const wsRouteKind = defineKind<WebSocketRouteModel>({
  target: 'wsRoute',
  label: 'route',
  section: 'route',
  // Only WebSocket APIs have them; an integration exists before the route that targets it.
  rank: { RestApi: 4, HttpApi: 4, WebSocketApi: 4 },
  snapshot: true,
  fields: wsRouteFields,
  modelKey: 'wsRoutes',
  read: { WebSocketApi: { op: 'GetRoutes', paging: 'nextToken', normalize: wsRoutes } },
  diff: diffWsRoutes,
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
      ...(a.routeResponseSelectionExpression
        ? [['two-way', `responses selected by ${a.routeResponseSelectionExpression}`, { raw: true }] as const]
        : []),
    ].map((f) => [...f] as [string, unknown, { raw?: boolean }?]);
  },
});
