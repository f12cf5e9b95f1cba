/**
 * PURE: a WebSocket API's routes and models → its routes file (apigw-sync's own format, see
 * src/kinds/ws-route/schema.ts), shaped so that src/state loads it back to the same model.
 * AWS has no export of a WebSocket API (ExportApi refuses them), so this file is all there is.
 * What the loader fills in by itself (AWS's defaults) is left out, so the file stays short.
 */
import type { ApiModel, AuthorizerModel, IntegrationModel, WebSocketRouteModel } from '../model/api.js';
import { emitFields, emitObject } from '../kinds/field.js';
import { DEFAULT_PASSTHROUGH, DEFAULT_TIMEOUT_MS, integrationFields } from '../kinds/integration/fields.js';
import { routeResponseFields } from '../kinds/route-response/fields.js';
import { wsIntegrationResponseFields } from '../kinds/ws-integration-response/fields.js';
import { wsRouteFields } from '../kinds/ws-route/fields.js';

type Obj = Record<string, unknown>;

export const WEBSOCKET_ROUTES_FILE = 'routes.yaml';

/** Said by import (and at the top of the file): why a WebSocket API's routes are not in OpenAPI. */
export const WEBSOCKET_FORMAT_NOTE =
  "routes.yaml is apigw-sync's own format: AWS has no OpenAPI (or any other) export of a WebSocket API, so import reads the routes, integrations and responses one by one";

/** The members the loader takes as AWS's defaults are left out. */
function emitIntegration(i: IntegrationModel): Obj {
  const x = emitObject<IntegrationModel>(integrationFields, 'WebSocketApi', i);
  if (i.timeoutInMillis === DEFAULT_TIMEOUT_MS.WebSocketApi) delete x.timeoutInMillis;
  if (i.connectionType === 'INTERNET') delete x.connectionType;
  if (i.httpMethod === 'POST') delete x.httpMethod;
  if (i.passthroughBehavior === DEFAULT_PASSTHROUGH && i.type !== 'AWS_PROXY' && i.type !== 'HTTP_PROXY')
    delete x.passthroughBehavior;
  return x;
}

function emitRoute(r: WebSocketRouteModel): Obj {
  const out: Obj = {};
  if (r.authorization.type === 'CUSTOM' && r.authorization.authorizer) out.authorizer = r.authorization.authorizer;
  else if (r.authorization.type === 'AWS_IAM') out.authorization = 'AWS_IAM';
  Object.assign(out, emitFields<WebSocketRouteModel>(wsRouteFields, 'WebSocketApi', r).apiYaml);
  if (out.apiKeyRequired === false) delete out.apiKeyRequired;
  if (Object.keys(r.responses).length) {
    out.responses = Object.fromEntries(
      Object.entries(r.responses).map(([k, rr]) => [k, emitFields(routeResponseFields, 'WebSocketApi', rr).apiYaml]),
    );
  }
  const integration = emitIntegration(r.integration);
  if (Object.keys(r.integrationResponses).length) {
    integration.responses = Object.fromEntries(
      Object.entries(r.integrationResponses).map(([k, ir]) => [
        k,
        emitFields(wsIntegrationResponseFields, 'WebSocketApi', ir).apiYaml,
      ]),
    );
  }
  out.integration = integration;
  return out;
}

export function emitWebSocketRoutes(api: ApiModel): { doc: Obj; warnings: string[] } {
  const warnings: string[] = [];
  const routes: Obj = {};
  for (const [key, r] of Object.entries(api.wsRoutes)) {
    if (r.integration.timeoutInMillis === 0) {
      warnings.push(`route ${key} has no integration in AWS; left out (add one, then import again)`);
      continue;
    }
    routes[key] = emitRoute(r);
  }
  const doc: Obj = { routes };
  if (Object.keys(api.models).length) {
    doc.models = Object.fromEntries(
      Object.entries(api.models).map(([name, m]) => {
        const o: Obj = { schema: m.schema };
        if (m.contentType !== 'application/json') o.contentType = m.contentType;
        if (m.description !== undefined) o.description = m.description;
        if (typeof m.schema !== 'object' || m.schema === null || Array.isArray(m.schema))
          warnings.push(`model ${name}: its schema is not a JSON object; the routes file needs one`);
        return [name, o];
      }),
    );
  }
  return { doc, warnings };
}

/** WebSocket authorizers as api.yaml declares them (they have no OpenAPI form either). */
export function emitWebSocketAuthorizers(authorizers: Record<string, AuthorizerModel>): Obj | undefined {
  const out: Obj = {};
  for (const [name, a] of Object.entries(authorizers)) {
    const o: Obj = { type: a.type };
    if (a.authorizerUri !== undefined) o.authorizerUri = a.authorizerUri;
    if (a.authorizerCredentials !== undefined) o.authorizerCredentials = a.authorizerCredentials;
    if (a.identitySource.length) o.identitySource = [...a.identitySource];
    out[name] = o;
  }
  return Object.keys(out).length ? out : undefined;
}
