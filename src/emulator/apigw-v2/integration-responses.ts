/**
 * Integration responses of WebSocket APIs: how a non-proxy integration's answer is selected
 * (key `$default`, the catch-all, or a `/regular expression/` matched against the status code
 * or Lambda error message) and transformed (templates, content handling). Under
 * /v2/apis/{apiId}/integrations/{integrationId}/integrationresponses.
 */
import { badRequest, conflict, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, IntegrationResponse } from './types.js';
import { requireWebSocket } from './websocket-only.js';
import { bodyOf, compact, json, optStr, optStrMap, type Body } from './wire.js';

export const integrationResponseWire = (r: IntegrationResponse) => compact({ ...r });

const WHAT = 'Integration responses';

function readInput(b: Body): Partial<IntegrationResponse> {
  return compact({
    integrationResponseKey: optStr(b, 'integrationResponseKey'),
    contentHandlingStrategy: optStr(b, 'contentHandlingStrategy'),
    responseParameters: optStrMap(b, 'responseParameters'),
    responseTemplates: optStrMap(b, 'responseTemplates'),
    templateSelectionExpression: optStr(b, 'templateSelectionExpression'),
  });
}

/** `$default`, or a regular expression between slashes ("/2\d\d/"). */
function checkKey(key: string): void {
  if (key === '$default') return;
  const m = /^\/(.+)\/$/.exec(key);
  let ok = m !== null;
  if (m) {
    try {
      new RegExp(m[1]);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    throw badRequest(
      `Invalid integration response key ${key}; use $default or a regular expression between slashes, e.g. /4\\d\\d/`,
    );
}

function check(st: ApiState, integrationId: string, r: IntegrationResponse): void {
  checkKey(r.integrationResponseKey);
  const clash = (st.integrationResponses[integrationId] ?? []).find(
    (x) => x.integrationResponseKey === r.integrationResponseKey && x.integrationResponseId !== r.integrationResponseId,
  );
  if (clash)
    throw conflict(
      `Integration response with key ${r.integrationResponseKey} already exists for integration ${integrationId} (${clash.integrationResponseId})`,
    );
  for (const k of ['contentHandlingStrategy', 'templateSelectionExpression'] as const) if (r[k] === '') delete r[k];
}

export function integrationResponseRoutes(store: V2Store): RouteDef[] {
  const base = '/v2/apis/{apiId}/integrations/{integrationId}/integrationresponses';
  return [
    v2Route('CreateIntegrationResponse', 'POST', base, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const integration = store.integration(st, p.integrationId);
      const input = readInput(bodyOf(req));
      if (!input.integrationResponseKey) throw badRequest('IntegrationResponseKey is required');
      const r: IntegrationResponse = {
        ...input,
        integrationResponseId: newId(ID_LENGTH.integrationResponse),
        integrationResponseKey: input.integrationResponseKey,
      };
      check(st, integration.integrationId, r);
      (st.integrationResponses[integration.integrationId] ??= []).push(r);
      store.changed(st);
      return json(201, integrationResponseWire(r));
    }),
    v2Route('GetIntegrationResponses', 'GET', base, false, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const integration = store.integration(st, p.integrationId);
      const pg = page(st.integrationResponses[integration.integrationId] ?? [], req);
      return json(200, compact({ items: pg.items.map(integrationResponseWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetIntegrationResponse', 'GET', `${base}/{integrationResponseId}`, false, (_req, p) => {
      const st = store.api(p.apiId);
      const integrationId = store.integration(st, p.integrationId).integrationId;
      return json(200, integrationResponseWire(store.integrationResponse(st, integrationId, p.integrationResponseId)));
    }),
    v2Route('UpdateIntegrationResponse', 'PATCH', `${base}/{integrationResponseId}`, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const integrationId = store.integration(st, p.integrationId).integrationId;
      const current = store.integrationResponse(st, integrationId, p.integrationResponseId);
      // Maps given on update replace the current ones (our reading: the API reference does not say).
      const next: IntegrationResponse = { ...current, ...readInput(bodyOf(req)) };
      check(st, integrationId, next);
      const list = st.integrationResponses[integrationId]!;
      list[list.indexOf(current)] = next;
      store.changed(st);
      return json(200, integrationResponseWire(next));
    }),
    v2Route('DeleteIntegrationResponse', 'DELETE', `${base}/{integrationResponseId}`, true, (_req, p) => {
      const st = store.api(p.apiId);
      const integrationId = store.integration(st, p.integrationId).integrationId;
      const current = store.integrationResponse(st, integrationId, p.integrationResponseId);
      st.integrationResponses[integrationId] = st.integrationResponses[integrationId]!.filter((x) => x !== current);
      if (st.integrationResponses[integrationId]!.length === 0) delete st.integrationResponses[integrationId];
      store.changed(st);
      return json(204);
    }),
  ];
}
