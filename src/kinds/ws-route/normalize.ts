/**
 * WebSocket routes as read: GetRoutes items joined to their integrations (`Target:
 * integrations/<id>`), each route's route responses (GetRouteResponses per route) and each
 * integration's integration responses (GetIntegrationResponses per integration). The lists of
 * responses carry the id of the route or integration they were listed for (see ReadSpec.parent).
 */
import { readFields, type Obj } from '../field.js';
import { integrationFields } from '../integration/fields.js';
import type { IntegrationModel } from '../integration/model.js';
import { restIntegration } from '../integration/normalize.js';
import type { NormalizeContext } from '../kind.js';
import { sortRecord } from '../records.js';
import { routeResponseFields } from '../route-response/fields.js';
import type { RouteResponseModel } from '../route-response/model.js';
import { wsIntegrationResponseFields } from '../ws-integration-response/fields.js';
import type { WsIntegrationResponseModel } from '../ws-integration-response/model.js';
import { wsRouteFields } from './fields.js';
import type { WebSocketRouteModel } from './model.js';

/** A WebSocket integration (GetIntegrations item); a route without one reads like a REST method without integration (nothing a state can declare). */
export function wsIntegration(i: object | undefined, declared?: IntegrationModel): IntegrationModel {
  if (!i) return restIntegration(undefined);
  const m = readFields<IntegrationModel>(integrationFields, 'WebSocketApi', i, { declared }) as IntegrationModel;
  m.responses = {};
  return m;
}

function groupBy(items: object[] | undefined, member: string): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const i of (items ?? []) as Obj[]) {
    const id = i[member] as string | undefined;
    if (id) out.set(id, [...(out.get(id) ?? []), i]);
  }
  return out;
}

export function wsRoutes(items: object[], ctx: NormalizeContext): Record<string, WebSocketRouteModel> {
  const integrations = new Map(
    ((ctx.lists.integration ?? []) as Obj[]).map((i) => [i.IntegrationId as string, i] as const),
  );
  const routeResponses = groupBy(ctx.lists.routeResponse, 'RouteId');
  const integrationResponses = groupBy(ctx.lists.integrationResponse, 'IntegrationId');
  const routes: Record<string, WebSocketRouteModel> = {};
  for (const r of items as Obj[]) {
    const key = r.RouteKey as string | undefined;
    const routeId = r.RouteId as string | undefined;
    if (!key || !routeId) continue;
    const declared = ctx.desired?.wsRoutes[key];
    const target = r.Target as string | undefined;
    const integrationId = target?.startsWith('integrations/') ? target.slice('integrations/'.length) : undefined;
    ctx.ids.routeIds[key] = routeId;
    if (integrationId) ctx.ids.integrationIds[key] = integrationId;

    const responses: Record<string, RouteResponseModel> = {};
    for (const rr of routeResponses.get(routeId) ?? []) {
      const k = rr.RouteResponseKey as string;
      responses[k] = readFields<RouteResponseModel>(routeResponseFields, 'WebSocketApi', rr, {
        declared: declared?.responses[k],
      }) as RouteResponseModel;
      (ctx.ids.routeResponseIds[key] ??= {})[k] = rr.RouteResponseId as string;
    }
    const irs: Record<string, WsIntegrationResponseModel> = {};
    for (const ir of integrationId ? (integrationResponses.get(integrationId) ?? []) : []) {
      const k = ir.IntegrationResponseKey as string;
      irs[k] = readFields<WsIntegrationResponseModel>(wsIntegrationResponseFields, 'WebSocketApi', ir, {
        declared: declared?.integrationResponses[k],
      }) as WsIntegrationResponseModel;
      (ctx.ids.integrationResponseIds[key] ??= {})[k] = ir.IntegrationResponseId as string;
    }
    routes[key] = {
      ...(readFields<WebSocketRouteModel>(wsRouteFields, 'WebSocketApi', r, {
        declared,
        nameOf: (t, id) => ctx.nameOf(t, id),
      }) as WebSocketRouteModel),
      responses: sortRecord(responses),
      integration: wsIntegration(integrationId ? integrations.get(integrationId) : undefined, declared?.integration),
      integrationResponses: sortRecord(irs),
    };
  }
  return routes;
}
