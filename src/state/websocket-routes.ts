/**
 * A WebSocket API's routes file (`routes: routes.yaml` in api.yaml) → the model's WebSocket
 * routes and models. The format is apigw-sync's own (see src/kinds/ws-route/schema.ts and
 * docs/websocket.md): AWS has no OpenAPI form of a WebSocket API to import or export.
 * Structure is checked here (YAML, the file's schema, with file:line:col); what AWS would
 * refuse is checked by the rules in src/validate/rules/websocket.ts.
 */
import { posix } from 'node:path';
import type {
  ApiModel,
  IntegrationModel,
  RouteResponseModel,
  WebSocketRouteModel,
  WsIntegrationResponseModel,
} from '../model/api.js';
import { fieldsFromDocument, loadFields } from '../kinds/field.js';
import { DEFAULT_PASSTHROUGH, DEFAULT_TIMEOUT_MS, integrationFields } from '../kinds/integration/fields.js';
import { routeResponseFields } from '../kinds/route-response/fields.js';
import { wsIntegrationResponseFields } from '../kinds/ws-integration-response/fields.js';
import { wsRouteFields } from '../kinds/ws-route/fields.js';
import { wsRoutesFileSchema, type WsRouteFile } from '../kinds/ws-route/schema.js';
import { sourceFor, type RefContext } from './openapi/refs.js';
import type { SourceMap } from './types.js';
import { locateIn, type SourceDoc } from './yaml-source.js';
import { zodToIssues } from './zod-issues.js';

const PROXY = new Set(['AWS_PROXY', 'HTTP_PROXY']);

/** The routes file's integration object → the model (AWS's defaults explicit, as the reader makes them). */
export function wsIntegrationOf(raw: WsRouteFile['integration']): IntegrationModel {
  const read = fieldsFromDocument<IntegrationModel>(integrationFields, raw as Record<string, unknown>, 'WebSocketApi');
  const type = read.type ?? 'MOCK';
  const m: IntegrationModel = {
    ...read,
    type,
    requestParameters: read.requestParameters ?? {},
    requestTemplates: read.requestTemplates ?? {},
    responses: {},
    timeoutInMillis: read.timeoutInMillis ?? DEFAULT_TIMEOUT_MS.WebSocketApi,
    connectionType: read.connectionType ?? 'INTERNET',
    cacheKeyParameters: [],
  };
  // Lambda and HTTP backends are called with POST unless the file says otherwise (a Lambda takes nothing else).
  if (!m.httpMethod && type !== 'MOCK') m.httpMethod = 'POST';
  if (!PROXY.has(type)) m.passthroughBehavior ??= DEFAULT_PASSTHROUGH;
  return m;
}

function routeOf(r: WsRouteFile): WebSocketRouteModel {
  const fields = loadFields<WebSocketRouteModel>(wsRouteFields, 'WebSocketApi', r as Partial<WebSocketRouteModel>, {});
  const responses: Record<string, RouteResponseModel> = {};
  for (const [k, rr] of Object.entries(r.responses ?? {}))
    responses[k] = loadFields<RouteResponseModel>(
      routeResponseFields,
      'WebSocketApi',
      rr as Partial<RouteResponseModel>,
      {},
    ) as RouteResponseModel;
  const integrationResponses: Record<string, WsIntegrationResponseModel> = {};
  for (const [k, ir] of Object.entries(r.integration.responses ?? {})) {
    integrationResponses[k] = loadFields<WsIntegrationResponseModel>(
      wsIntegrationResponseFields,
      'WebSocketApi',
      ir as Partial<WsIntegrationResponseModel>,
      {},
    ) as WsIntegrationResponseModel;
  }
  return {
    ...fields,
    authorization: r.authorizer ? { type: 'CUSTOM', authorizer: r.authorizer } : { type: r.authorization ?? 'NONE' },
    apiKeyRequired: r.apiKeyRequired ?? false,
    requestParameters: fields.requestParameters ?? {},
    requestModels: fields.requestModels ?? {},
    responses: sorted(responses),
    integration: wsIntegrationOf(r.integration),
    integrationResponses: sorted(integrationResponses),
  } as WebSocketRouteModel;
}

const sorted = <T>(r: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Where each part of a route is declared, for the rules (keys under `<api>/routes/<route key>`). */
function routeSources(doc: SourceDoc, rk: string, r: WsRouteFile, base: string, sources: SourceMap): void {
  const at = (p: Array<string | number>, key = false) => locateIn(doc, ['routes', rk, ...p], { key });
  sources[base] = at([], true);
  if (r.authorizer || r.authorization)
    sources[`${base}/authorization`] = at([r.authorizer ? 'authorizer' : 'authorization']);
  for (const k of [
    'apiKeyRequired',
    'requestParameters',
    'requestModels',
    'modelSelectionExpression',
    'routeResponseSelectionExpression',
    'responses',
  ] as const) {
    if (r[k] !== undefined) sources[`${base}/${k}`] = at([k], true);
  }
  for (const k of Object.keys(r.responses ?? {})) sources[`${base}/responses/${k}`] = at(['responses', k], true);
  sources[`${base}/integration`] = at(['integration'], true);
  for (const k of Object.keys(r.integration)) sources[`${base}/integration/${k}`] = at(['integration', k]);
  for (const k of Object.keys(r.integration.responses ?? {}))
    sources[`${base}/integration/responses/${k}`] = at(['integration', 'responses', k], true);
}

/**
 * Loads the routes file named by api.yaml `routes:` into `api` (its wsRoutes and models), with
 * the source of every route, route part and model.
 */
export function loadWebSocketRoutes(a: {
  key: string;
  routesFile: string | undefined;
  src: SourceDoc;
  ctx: RefContext;
  api: ApiModel;
  sources: SourceMap;
}): void {
  const { key, ctx, src, sources } = a;
  const issues = ctx.issues;
  if (a.routesFile === undefined) {
    issues.push({
      severity: 'error',
      code: 'websocket-routes-missing',
      location: locateIn(src, ['kind']),
      message: `WebSocket API ${key} names no routes file`,
      hint: 'add `routes: routes.yaml` and list the routes ($connect, $disconnect, $default, custom keys) there; `apigw-sync import` writes one from a live API',
    });
    return;
  }
  const at = locateIn(src, ['routes']);
  const rel = posix.normalize(posix.join(`apis/${key}`, a.routesFile));
  if (rel.startsWith('../') || posix.isAbsolute(a.routesFile) || !rel.startsWith(`apis/${key}/`)) {
    issues.push({
      severity: 'error',
      code: 'path-escape',
      location: at,
      message: `routes file "${a.routesFile}" is outside the API's folder`,
      hint: 'keep the routes file next to api.yaml',
    });
    return;
  }
  const doc = sourceFor(ctx, rel);
  if (!doc) {
    issues.push({
      severity: 'error',
      code: 'routes-file-missing',
      location: at,
      message: `routes file "${a.routesFile}" not found (looked for ${posix.join(ctx.root, rel)})`,
      hint: 'check the file name, or add the file next to api.yaml',
    });
    return;
  }
  if (doc.value === undefined) return;
  const parsed = wsRoutesFileSchema.safeParse(doc.value ?? {}, { reportInput: true });
  if (!parsed.success) {
    issues.push(...zodToIssues(parsed.error, wsRoutesFileSchema, doc, rel));
    return;
  }
  for (const [rk, r] of Object.entries(parsed.data.routes).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    a.api.wsRoutes[rk] = routeOf(r);
    routeSources(doc, rk, r, `${key}/routes/${rk}`, sources);
  }
  for (const [name, m] of Object.entries(parsed.data.models ?? {})) {
    a.api.models[name] = {
      contentType: m.contentType ?? 'application/json',
      schema: m.schema,
      ...(m.description !== undefined ? { description: m.description } : {}),
    };
    sources[`${key}/models/${name}`] = locateIn(doc, ['models', name], { key: true });
  }
}
