/** Apis: create (including quick create with `target`), get, list, update, delete, and DeleteCorsConfiguration. */
import { checkTags } from '../core/tags.js';
import { badRequest, notFound, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { Api, ApiState, Cors } from './types.js';
import { buildIntegration } from './integrations.js';
import { checkCors } from './cors.js';
import { newStage } from './stages.js';
import {
  checkApiKeySelectionExpression,
  checkRouteSelectionExpression,
  refuseHttpOnlyApiMembers,
  webSocketEndpoint,
} from './websocket-api.js';
import {
  bodyOf,
  compact,
  json,
  oneOf,
  optBool,
  optObj,
  optStr,
  optStrList,
  optNum,
  optStrMap,
  regionOf,
  reqStr,
  type Body,
} from './wire.js';

export const apiWire = (a: Api) => compact({ ...a });

export function readCors(b: Body): Cors | undefined {
  const c = optObj(b, 'corsConfiguration');
  if (!c) return undefined;
  return checkCors(
    compact({
      allowCredentials: optBool(c, 'allowCredentials'),
      allowHeaders: optStrList(c, 'allowHeaders'),
      allowMethods: optStrList(c, 'allowMethods'),
      allowOrigins: optStrList(c, 'allowOrigins'),
      exposeHeaders: optStrList(c, 'exposeHeaders'),
      maxAge: optNum(c, 'maxAge'),
    }),
  );
}

type NewApiFields = {
  name: string;
  region: string;
  description?: string;
  version?: string;
  cors?: Cors;
  tags?: Record<string, string>;
  protocolType?: Api['protocolType'];
};

/** A new API with AWS's defaults, stored. */
export function newApiState(store: V2Store, fields: NewApiFields): ApiState {
  const st = buildApiState(store, fields);
  store.state.apis.push(st);
  return st;
}

/** A new API with AWS's defaults, not yet stored (CreateApi validates it first, so a refusal leaves nothing behind). */
function buildApiState(store: V2Store, fields: NewApiFields): ApiState {
  const apiId = newId(ID_LENGTH.api);
  const webSocket = fields.protocolType === 'WEBSOCKET';
  const st: ApiState = {
    api: compact({
      apiId,
      name: fields.name,
      protocolType: fields.protocolType ?? 'HTTP',
      apiEndpoint: webSocket
        ? webSocketEndpoint(apiId, fields.region)
        : `https://${apiId}.execute-api.${fields.region}.amazonaws.com`,
      apiKeySelectionExpression: '$request.header.x-api-key',
      // WebSocket APIs have no default: CreateApi refuses them without one (set by applyApiFields).
      routeSelectionExpression: webSocket ? '' : '$request.method $request.path',
      corsConfiguration: fields.cors,
      createdDate: store.isoNow(),
      description: fields.description,
      disableExecuteApiEndpoint: false,
      ipAddressType: 'ipv4',
      version: fields.version,
      tags: fields.tags ?? {},
    }),
    routes: [],
    integrations: [],
    authorizers: [],
    stages: [],
    deployments: [],
    routeResponses: {},
    integrationResponses: {},
    models: [],
  };
  return st;
}

function applyApiFields(api: Api, b: Body): void {
  if (api.protocolType === 'WEBSOCKET') refuseHttpOnlyApiMembers(b);
  const set = <K extends keyof Api>(k: K, v: Api[K] | undefined) => {
    if (v !== undefined) api[k] = v;
  };
  set('name', optStr(b, 'name'));
  set('description', optStr(b, 'description'));
  set('version', optStr(b, 'version'));
  set('corsConfiguration', readCors(b));
  set('disableExecuteApiEndpoint', optBool(b, 'disableExecuteApiEndpoint'));
  set('disableSchemaValidation', optBool(b, 'disableSchemaValidation'));
  set('routeSelectionExpression', optStr(b, 'routeSelectionExpression'));
  set('apiKeySelectionExpression', optStr(b, 'apiKeySelectionExpression'));
  set('ipAddressType', oneOf(optStr(b, 'ipAddressType'), 'ipAddressType', ['ipv4', 'dualstack']));
  if (api.routeSelectionExpression !== '$request.method $request.path' && api.protocolType === 'HTTP') {
    throw badRequest(
      `Invalid routeSelectionExpression ${api.routeSelectionExpression}; HTTP APIs only support $request.method $request.path`,
    );
  }
  if (api.protocolType === 'WEBSOCKET') {
    if (!api.routeSelectionExpression)
      throw badRequest('RouteSelectionExpression is required for WebSocket APIs, e.g. $request.body.action');
    checkRouteSelectionExpression(api.routeSelectionExpression);
    checkApiKeySelectionExpression(api.apiKeySelectionExpression);
  }
}

/** Quick create: AWS makes the integration, the route and an auto-deploying $default stage. */
function quickCreate(store: V2Store, st: ApiState, b: Body): void {
  const target = optStr(b, 'target');
  if (target === undefined) return;
  const lambda = /^arn:aws[a-z-]*:lambda:/.test(target);
  const integration = buildIntegration({
    integrationType: lambda ? 'AWS_PROXY' : 'HTTP_PROXY',
    integrationUri: target,
    integrationMethod: lambda ? 'POST' : 'ANY',
    payloadFormatVersion: lambda ? '2.0' : '1.0',
  });
  st.integrations.push(integration);
  st.routes.push({
    routeId: newId(ID_LENGTH.route),
    routeKey: optStr(b, 'routeKey') ?? '$default',
    apiKeyRequired: false,
    authorizationType: 'NONE',
    target: `integrations/${integration.integrationId}`,
    apiGatewayManaged: true,
  });
  integration.apiGatewayManaged = true;
  const stage = newStage(store, { stageName: '$default', autoDeploy: true });
  stage.apiGatewayManaged = true;
  st.stages.push(stage);
  store.autoDeployStage(st, stage);
}

export function apiRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateApi', 'POST', '/v2/apis', true, (req) => {
      const b = bodyOf(req);
      const name = reqStr(b, 'name');
      const protocolType = oneOf(reqStr(b, 'protocolType'), 'protocolType', ['HTTP', 'WEBSOCKET'])!;
      if (protocolType === 'HTTP' && optStr(b, 'routeKey') !== undefined && optStr(b, 'target') === undefined) {
        throw badRequest('routeKey can only be specified together with target (quick create)');
      }
      const tags = checkTags(optStrMap(b, 'tags'));
      const st = buildApiState(store, { name, region: regionOf(req), tags, protocolType });
      applyApiFields(st.api, b);
      store.state.apis.push(st);
      if (protocolType === 'HTTP') quickCreate(store, st, b);
      return json(201, apiWire(st.api));
    }),
    v2Route('GetApis', 'GET', '/v2/apis', false, (req) => {
      const p = page(store.state.apis, req);
      return json(200, compact({ items: p.items.map((s) => apiWire(s.api)), nextToken: p.nextToken }));
    }),
    v2Route('GetApi', 'GET', '/v2/apis/{apiId}', false, (_req, p) => json(200, apiWire(store.api(p.apiId).api))),
    v2Route('UpdateApi', 'PATCH', '/v2/apis/{apiId}', true, (req, p) => {
      const st = store.api(p.apiId);
      const next = structuredClone(st.api);
      applyApiFields(next, bodyOf(req));
      st.api = next;
      store.changed(st);
      return json(200, apiWire(st.api));
    }),
    v2Route('DeleteCorsConfiguration', 'DELETE', '/v2/apis/{apiId}/cors', true, (_req, p) => {
      const st = store.api(p.apiId);
      if (!st.api.corsConfiguration) throw notFound(`No CORS configuration for API ${p.apiId}`);
      delete st.api.corsConfiguration;
      store.changed(st);
      return json(204);
    }),
    v2Route('DeleteApi', 'DELETE', '/v2/apis/{apiId}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const event = { type: 'http-api.delete' as const, apiId: st.api.apiId };
      store.events.guard(event);
      store.state.apis = store.state.apis.filter((x) => x !== st);
      store.events.cascade(event);
      return json(204);
    }),
  ];
}
