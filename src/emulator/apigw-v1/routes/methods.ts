/** Methods and MethodResponses: put, get, update (patch), delete. */
import { badRequest, conflict, notFound, type RouteDef } from '../../core/types.js';
import { applyPatch, parsePatchOps, type PatchSpec } from '../patch.js';
import { METHOD, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, Method, MethodResponse } from '../types.js';
import { bodyOf, bool, boolMap, clone, compact, ok, oneOf, reqStr, str, strList, strMap } from '../wire.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'] as const;

const METHOD_PATCH: PatchSpec = {
  authorizationType: 'string',
  authorizerId: 'string',
  apiKeyRequired: 'bool',
  requestValidatorId: 'string',
  operationName: 'string',
  requestParameters: 'boolMap',
  requestModels: 'stringMap',
  authorizationScopes: 'stringSet',
};

const METHOD_RESPONSE_PATCH: PatchSpec = { responseParameters: 'boolMap', responseModels: 'stringMap' };

export function verb(httpMethod: string): string {
  const v = httpMethod.toUpperCase();
  oneOf(v, 'HttpMethod', HTTP_METHODS);
  return v;
}

/** The references a method makes must exist (authorizer, validator), as AWS checks on put and update. */
export function checkMethodRefs(store: V1Store, st: ApiState, m: Method): void {
  oneOf(m.authorizationType, 'authorizationType', AUTHORIZATION_TYPES);
  if ((m.authorizationType === 'CUSTOM' || m.authorizationType === 'COGNITO_USER_POOLS') && !m.authorizerId) {
    throw badRequest(
      `Invalid authorizer ID specified. Setting the authorization type to ${m.authorizationType} requires a valid authorizer.`,
    );
  }
  if (m.authorizerId) store.authorizer(st, m.authorizerId);
  if (m.requestValidatorId) store.requestValidator(st, m.requestValidatorId);
}

export function methodRoutes(store: V1Store): RouteDef[] {
  const methodResponse = (st: ApiState, resourceId: string, httpMethod: string, statusCode: string): MethodResponse => {
    const r = store.method(st, resourceId, httpMethod).methodResponses?.[statusCode];
    if (!r) throw notFound('Invalid Response status code specified');
    return r;
  };
  return [
    route('PUT', METHOD, 'PutMethod', true, (req, p) => {
      const st = store.api(p.restApiId);
      const r = store.resource(st, p.resourceId);
      const v = verb(p.httpMethod);
      if (r.resourceMethods?.[v]) throw conflict('Method already exists for this resource');
      const b = bodyOf(req);
      const m: Method = compact({
        httpMethod: v,
        authorizationType: reqStr(b, 'authorizationType'),
        authorizerId: str(b, 'authorizerId'),
        apiKeyRequired: bool(b, 'apiKeyRequired') ?? false,
        requestValidatorId: str(b, 'requestValidatorId'),
        operationName: str(b, 'operationName'),
        requestParameters: boolMap(b, 'requestParameters'),
        requestModels: strMap(b, 'requestModels'),
        authorizationScopes: strList(b, 'authorizationScopes'),
      });
      checkMethodRefs(store, st, m);
      r.resourceMethods = { ...(r.resourceMethods ?? {}), [v]: m };
      return ok(clone(m), 201);
    }),
    route('GET', METHOD, 'GetMethod', false, (_req, p) =>
      ok(clone(store.method(store.api(p.restApiId), p.resourceId, p.httpMethod))),
    ),
    route('PATCH', METHOD, 'UpdateMethod', true, (req, p) => {
      const st = store.api(p.restApiId);
      const m = store.method(st, p.resourceId, p.httpMethod);
      const next = clone(m);
      applyPatch(next as unknown as Record<string, unknown>, METHOD_PATCH, parsePatchOps(bodyOf(req).patchOperations));
      if (next.authorizationType === 'NONE' || next.authorizationType === 'AWS_IAM') delete next.authorizerId;
      checkMethodRefs(store, st, next);
      store.resource(st, p.resourceId).resourceMethods![m.httpMethod] = next;
      return ok(clone(next));
    }),
    route('DELETE', METHOD, 'DeleteMethod', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const m = store.method(st, p.resourceId, p.httpMethod);
      delete store.resource(st, p.resourceId).resourceMethods![m.httpMethod];
      return ok(undefined, 204);
    }),
    route('PUT', `${METHOD}/responses/{statusCode}`, 'PutMethodResponse', true, (req, p) => {
      const st = store.api(p.restApiId);
      const m = store.method(st, p.resourceId, p.httpMethod);
      if (!/^[1-5]\d\d$/.test(p.statusCode)) throw badRequest('Invalid status code specified: ' + p.statusCode);
      const b = bodyOf(req);
      const mr: MethodResponse = compact({
        statusCode: p.statusCode,
        responseParameters: boolMap(b, 'responseParameters'),
        responseModels: strMap(b, 'responseModels'),
      });
      m.methodResponses = { ...(m.methodResponses ?? {}), [p.statusCode]: mr };
      return ok(clone(mr), 201);
    }),
    route('GET', `${METHOD}/responses/{statusCode}`, 'GetMethodResponse', false, (_req, p) =>
      ok(clone(methodResponse(store.api(p.restApiId), p.resourceId, p.httpMethod, p.statusCode))),
    ),
    route('PATCH', `${METHOD}/responses/{statusCode}`, 'UpdateMethodResponse', true, (req, p) => {
      const mr = methodResponse(store.api(p.restApiId), p.resourceId, p.httpMethod, p.statusCode);
      applyPatch(
        mr as unknown as Record<string, unknown>,
        METHOD_RESPONSE_PATCH,
        parsePatchOps(bodyOf(req).patchOperations),
      );
      return ok(clone(mr), 201);
    }),
    route('DELETE', `${METHOD}/responses/{statusCode}`, 'DeleteMethodResponse', true, (_req, p) => {
      const st = store.api(p.restApiId);
      methodResponse(st, p.resourceId, p.httpMethod, p.statusCode);
      delete store.method(st, p.resourceId, p.httpMethod).methodResponses![p.statusCode];
      return ok(undefined, 204);
    }),
  ];
}
