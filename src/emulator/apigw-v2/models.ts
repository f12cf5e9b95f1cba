/**
 * Models of WebSocket APIs ("Supported only for WebSocket APIs"): JSON-schema documents that
 * routes (RequestModels) and route responses (ResponseModels) name. Names are alphanumeric
 * and unique within the API; the schema must be a JSON object. DeleteModel's model lists no
 * conflict error, so a model still named by a route can be deleted (or renamed); the next
 * deployment then refuses (deployments validate models unless the API disables schema validation).
 */
import { badRequest, conflict, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, Model } from './types.js';
import { requireWebSocket } from './websocket-only.js';
import { bodyOf, compact, json, optStr, type Body } from './wire.js';

export const modelWire = (m: Model) => compact({ ...m });

const WHAT = 'Models';

function readInput(b: Body): Partial<Model> {
  return compact({
    name: optStr(b, 'name'),
    schema: optStr(b, 'schema'),
    contentType: optStr(b, 'contentType'),
    description: optStr(b, 'description'),
  });
}

function parseSchema(schema: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest(
      'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]',
    );
  }
  return parsed as Record<string, unknown>;
}

function check(st: ApiState, m: Model): void {
  if (!/^[A-Za-z0-9]+$/.test(m.name))
    throw badRequest(`Invalid model name ${m.name}; model names can only contain alphanumeric characters`);
  if (st.models.some((x) => x.name === m.name && x.modelId !== m.modelId))
    throw conflict(`Model name ${m.name} already exists for API ${st.api.apiId}`);
  parseSchema(m.schema);
  if (m.description === '') delete m.description;
}

/** A mapping template that passes the schema's top-level properties through (what GetModelTemplate is for). */
export function modelTemplate(m: Model): string {
  const props = (parseSchema(m.schema).properties ?? {}) as Record<string, { type?: string }>;
  const lines = Object.entries(props).map(([name, p]) => {
    const value =
      p?.type === 'string' || p?.type === undefined
        ? `"$inputRoot.${name}"`
        : p.type === 'object' || p.type === 'array'
          ? `$input.json('$.${name}')`
          : `$inputRoot.${name}`;
    return `  "${name}" : ${value}`;
  });
  return `#set($inputRoot = $input.path('$'))\n{\n${lines.join(',\n')}\n}`;
}

/** Model names routes and route responses use that the API does not have (what a deployment refuses). */
export function missingModels(st: ApiState): string[] {
  const names = new Set(st.models.map((m) => m.name));
  const used = [
    ...st.routes.flatMap((r) => Object.values(r.requestModels ?? {}).map((n) => ({ n, where: `route ${r.routeKey}` }))),
    ...st.routes.flatMap((r) =>
      (st.routeResponses[r.routeId] ?? []).flatMap((rr) =>
        Object.values(rr.responseModels ?? {}).map((n) => ({ n, where: `route response of ${r.routeKey}` })),
      ),
    ),
  ];
  return used.filter((u) => !names.has(u.n)).map((u) => `${u.n} (${u.where})`);
}

export function modelRoutes(store: V2Store): RouteDef[] {
  const base = '/v2/apis/{apiId}/models';
  return [
    v2Route('CreateModel', 'POST', base, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const input = readInput(bodyOf(req));
      if (!input.name || input.schema === undefined) throw badRequest('Name and Schema are required');
      const m: Model = { ...input, modelId: newId(ID_LENGTH.model), name: input.name, schema: input.schema };
      check(st, m);
      st.models.push(m);
      store.changed(st);
      return json(201, modelWire(m));
    }),
    v2Route('GetModels', 'GET', base, false, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const pg = page(st.models, req);
      return json(200, compact({ items: pg.items.map(modelWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetModel', 'GET', `${base}/{modelId}`, false, (_req, p) =>
      json(200, modelWire(store.model(store.api(p.apiId), p.modelId))),
    ),
    v2Route('GetModelTemplate', 'GET', `${base}/{modelId}/template`, false, (_req, p) =>
      json(200, { value: modelTemplate(store.model(store.api(p.apiId), p.modelId)) }),
    ),
    v2Route('UpdateModel', 'PATCH', `${base}/{modelId}`, true, (req, p) => {
      const st = store.api(p.apiId);
      requireWebSocket(st, WHAT);
      const current = store.model(st, p.modelId);
      const next: Model = { ...current, ...readInput(bodyOf(req)) };
      check(st, next);
      st.models[st.models.indexOf(current)] = next;
      store.changed(st);
      return json(200, modelWire(next));
    }),
    v2Route('DeleteModel', 'DELETE', `${base}/{modelId}`, true, (_req, p) => {
      const st = store.api(p.apiId);
      const current = store.model(st, p.modelId);
      st.models = st.models.filter((x) => x !== current);
      store.changed(st);
      return json(204);
    }),
  ];
}
