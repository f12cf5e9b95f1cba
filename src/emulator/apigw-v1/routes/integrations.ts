/**
 * Integrations and IntegrationResponses. PutIntegration fills the defaults AWS fills
 * (timeoutInMillis 29000, passthroughBehavior WHEN_NO_MATCH, connectionType INTERNET,
 * cacheNamespace = the resource id, cacheKeyParameters []).
 */
import { badRequest, notFound, type RouteDef } from '../../core/types.js';
import { applyPatch, parsePatchOps, type PatchSpec } from '../patch.js';
import { METHOD, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, Integration, IntegrationResponse } from '../types.js';
import { bodyOf, bool, clone, compact, num, obj, ok, oneOf, reqStr, str, strList, strMap } from '../wire.js';
import { HTTP_METHODS } from './methods.js';

export const INTEGRATION_TYPES = ['HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY', 'MOCK'] as const;
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
const CONNECTION_TYPES = ['INTERNET', 'VPC_LINK'] as const;
const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] as const;

const INTEGRATION_PATCH: PatchSpec = {
  type: 'string',
  httpMethod: 'string',
  uri: 'string',
  connectionType: 'string',
  connectionId: 'string',
  credentials: 'string',
  passthroughBehavior: 'string',
  contentHandling: 'string',
  timeoutInMillis: 'int',
  cacheNamespace: 'string',
  cacheKeyParameters: 'stringSet',
  requestParameters: 'stringMap',
  requestTemplates: 'stringMap',
  'tlsConfig/insecureSkipVerification': 'bool',
};

const INTEGRATION_RESPONSE_PATCH: PatchSpec = {
  selectionPattern: 'string',
  contentHandling: 'string',
  responseParameters: 'stringMap',
  responseTemplates: 'stringMap',
};

/** AWS's checks on an integration: a type; HTTP/AWS kinds need an http method and a URI; timeout 50..29000 ms. */
export function checkIntegration(i: Integration): void {
  oneOf(i.type, 'integration type', INTEGRATION_TYPES);
  if (i.type !== 'MOCK') {
    if (!i.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    oneOf(i.httpMethod.toUpperCase(), 'HttpMethod', HTTP_METHODS);
    if (!i.uri) throw badRequest('Invalid HTTP endpoint specified for URI');
  }
  oneOf(i.passthroughBehavior, 'passthroughBehavior', PASSTHROUGH);
  oneOf(i.connectionType, 'connectionType', CONNECTION_TYPES);
  oneOf(i.contentHandling, 'contentHandling', CONTENT_HANDLING);
  if (i.connectionType === 'VPC_LINK' && !i.connectionId)
    throw badRequest('connectionId is required when connectionType is VPC_LINK');
  if (i.timeoutInMillis < 50 || i.timeoutInMillis > 29000)
    throw badRequest('Timeout should be between 50 ms and 29000 ms');
}

export function integrationFromBody(b: Record<string, unknown>, resourceId: string): Integration {
  const tls = obj(b, 'tlsConfig');
  return compact({
    type: reqStr(b, 'type'),
    httpMethod: str(b, 'httpMethod'),
    uri: str(b, 'uri'),
    connectionType: str(b, 'connectionType') ?? 'INTERNET',
    connectionId: str(b, 'connectionId'),
    credentials: str(b, 'credentials'),
    requestParameters: strMap(b, 'requestParameters'),
    requestTemplates: strMap(b, 'requestTemplates'),
    passthroughBehavior: str(b, 'passthroughBehavior') ?? 'WHEN_NO_MATCH',
    contentHandling: str(b, 'contentHandling'),
    timeoutInMillis: num(b, 'timeoutInMillis') ?? 29000,
    cacheNamespace: str(b, 'cacheNamespace') ?? resourceId,
    cacheKeyParameters: strList(b, 'cacheKeyParameters') ?? [],
    tlsConfig: tls ? compact({ insecureSkipVerification: bool(tls, 'insecureSkipVerification') }) : undefined,
  });
}

export function integrationRoutes(store: V1Store): RouteDef[] {
  const integration = (st: ApiState, resourceId: string, httpMethod: string): Integration => {
    const i = store.method(st, resourceId, httpMethod).methodIntegration;
    if (!i) throw notFound('No integration defined for method');
    return i;
  };
  const integrationResponse = (st: ApiState, p: Record<string, string>): IntegrationResponse => {
    const r = integration(st, p.resourceId, p.httpMethod).integrationResponses?.[p.statusCode];
    if (!r) throw notFound('Invalid Response status code specified');
    return r;
  };
  return [
    route('PUT', `${METHOD}/integration`, 'PutIntegration', true, (req, p) => {
      const st = store.api(p.restApiId);
      const m = store.method(st, p.resourceId, p.httpMethod);
      const i = integrationFromBody(bodyOf(req), p.resourceId);
      checkIntegration(i);
      store.events.guard({ type: 'rest-integration.put', restApiId: st.api.id, integration: i });
      m.methodIntegration = i;
      return ok(clone(i), 201);
    }),
    route('GET', `${METHOD}/integration`, 'GetIntegration', false, (_req, p) =>
      ok(clone(integration(store.api(p.restApiId), p.resourceId, p.httpMethod))),
    ),
    route('PATCH', `${METHOD}/integration`, 'UpdateIntegration', true, (req, p) => {
      const st = store.api(p.restApiId);
      const m = store.method(st, p.resourceId, p.httpMethod);
      const next = clone(integration(st, p.resourceId, p.httpMethod));
      applyPatch(
        next as unknown as Record<string, unknown>,
        INTEGRATION_PATCH,
        parsePatchOps(bodyOf(req).patchOperations),
      );
      checkIntegration(next);
      store.events.guard({ type: 'rest-integration.put', restApiId: st.api.id, integration: next });
      m.methodIntegration = next;
      return ok(clone(next));
    }),
    route('DELETE', `${METHOD}/integration`, 'DeleteIntegration', true, (_req, p) => {
      const st = store.api(p.restApiId);
      integration(st, p.resourceId, p.httpMethod);
      delete store.method(st, p.resourceId, p.httpMethod).methodIntegration;
      return ok(undefined, 204);
    }),
    route('PUT', `${METHOD}/integration/responses/{statusCode}`, 'PutIntegrationResponse', true, (req, p) => {
      const st = store.api(p.restApiId);
      const i = integration(st, p.resourceId, p.httpMethod);
      if (!/^[1-5]\d\d$/.test(p.statusCode)) throw badRequest('Invalid status code specified: ' + p.statusCode);
      const b = bodyOf(req);
      const ir: IntegrationResponse = compact({
        statusCode: p.statusCode,
        selectionPattern: str(b, 'selectionPattern'),
        responseParameters: strMap(b, 'responseParameters'),
        responseTemplates: strMap(b, 'responseTemplates'),
        contentHandling: oneOf(str(b, 'contentHandling'), 'contentHandling', CONTENT_HANDLING),
      });
      i.integrationResponses = { ...(i.integrationResponses ?? {}), [p.statusCode]: ir };
      return ok(clone(ir), 201);
    }),
    route('GET', `${METHOD}/integration/responses/{statusCode}`, 'GetIntegrationResponse', false, (_req, p) =>
      ok(clone(integrationResponse(store.api(p.restApiId), p))),
    ),
    route('PATCH', `${METHOD}/integration/responses/{statusCode}`, 'UpdateIntegrationResponse', true, (req, p) => {
      const ir = integrationResponse(store.api(p.restApiId), p);
      applyPatch(
        ir as unknown as Record<string, unknown>,
        INTEGRATION_RESPONSE_PATCH,
        parsePatchOps(bodyOf(req).patchOperations),
      );
      return ok(clone(ir));
    }),
    route('DELETE', `${METHOD}/integration/responses/{statusCode}`, 'DeleteIntegrationResponse', true, (_req, p) => {
      const st = store.api(p.restApiId);
      integrationResponse(st, p);
      delete integration(st, p.resourceId, p.httpMethod).integrationResponses![p.statusCode];
      return ok(undefined, 204);
    }),
  ];
}
