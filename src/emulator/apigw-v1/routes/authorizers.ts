/**
 * Authorizers, RequestValidators and Models: the API-level definitions methods refer to.
 * Deleting one a method still uses is refused, as AWS does.
 */
import { badRequest, conflict, type RouteDef } from '../../core/types.js';
import { ID_LENGTH, newId } from '../ids.js';
import { applyPatch, parsePatchOps, type PatchSpec } from '../patch.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, Authorizer, Method, Model, RequestValidator } from '../types.js';
import { checkLimit, V1_LIMITS } from '../limits.js';
import { bodyOf, bool, clone, compact, num, ok, oneOf, page, reqStr, str, strList } from '../wire.js';

export const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'] as const;

const AUTHORIZER_PATCH: PatchSpec = {
  name: 'string',
  type: 'string',
  authType: 'string',
  authorizerUri: 'string',
  authorizerCredentials: 'string',
  identitySource: 'string',
  identityValidationExpression: 'string',
  authorizerResultTtlInSeconds: 'int',
  providerARNs: 'stringSet',
};

const VALIDATOR_PATCH: PatchSpec = { name: 'string', validateRequestBody: 'bool', validateRequestParameters: 'bool' };
const MODEL_PATCH: PatchSpec = { description: 'string', schema: 'string' };

function methodsOf(st: ApiState): Array<{ path: string; m: Method }> {
  return st.resources.flatMap((r) => Object.values(r.resourceMethods ?? {}).map((m) => ({ path: r.path, m })));
}

export function checkAuthorizer(a: Authorizer): void {
  oneOf(a.type, 'authorizer type', AUTHORIZER_TYPES);
  if (a.type === 'COGNITO_USER_POOLS') {
    if (!a.providerARNs || a.providerARNs.length === 0)
      throw badRequest('ProviderARNs need to be specified for a COGNITO_USER_POOLS authorizer');
  } else if (!a.authorizerUri) {
    throw badRequest(`Authorizer URI is required for a ${a.type} authorizer`);
  }
  if (a.type === 'TOKEN' && !a.identitySource) throw badRequest('Identity source is required for a TOKEN authorizer');
  const ttl = a.authorizerResultTtlInSeconds;
  // The identity sources are the cache key: "for the REQUEST authorizer, this is required when authorization caching is enabled".
  if (a.type === 'REQUEST' && !a.identitySource && (ttl ?? 0) > 0) {
    throw badRequest(
      'Identity source is required for a REQUEST authorizer when authorization caching is enabled (authorizerResultTtlInSeconds > 0)',
    );
  }
  if (ttl !== undefined && (ttl < 0 || ttl > 3600))
    throw badRequest('Authorizer result TTL must be between 0 and 3600 seconds');
}

export function authorizerFromBody(b: Record<string, unknown>): Omit<Authorizer, 'id'> {
  const type = reqStr(b, 'type');
  return compact({
    name: reqStr(b, 'name'),
    type,
    providerARNs: strList(b, 'providerARNs'),
    authType: str(b, 'authType'),
    authorizerUri: str(b, 'authorizerUri'),
    authorizerCredentials: str(b, 'authorizerCredentials'),
    identitySource: str(b, 'identitySource'),
    identityValidationExpression: str(b, 'identityValidationExpression'),
    authorizerResultTtlInSeconds:
      num(b, 'authorizerResultTtlInSeconds') ?? (type === 'COGNITO_USER_POOLS' ? undefined : 300),
  });
}

export function definitionRoutes(store: V1Store): RouteDef[] {
  return [
    // Authorizers
    route('POST', `${API}/authorizers`, 'CreateAuthorizer', true, (req, p) => {
      const st = store.api(p.restApiId);
      const a: Authorizer = { id: newId(ID_LENGTH.authorizer), ...authorizerFromBody(bodyOf(req)) };
      checkAuthorizer(a);
      checkLimit(st.authorizers.length, V1_LIMITS.authorizersPerApi, 'authorizers per API');
      st.authorizers.push(a);
      return ok(clone(a), 201);
    }),
    route('GET', `${API}/authorizers`, 'GetAuthorizers', false, (req, p) =>
      ok(page(clone(store.api(p.restApiId).authorizers), req)),
    ),
    route('GET', `${API}/authorizers/{authorizerId}`, 'GetAuthorizer', false, (_req, p) =>
      ok(clone(store.authorizer(store.api(p.restApiId), p.authorizerId))),
    ),
    route('PATCH', `${API}/authorizers/{authorizerId}`, 'UpdateAuthorizer', true, (req, p) => {
      const st = store.api(p.restApiId);
      const a = store.authorizer(st, p.authorizerId);
      const next = clone(a);
      applyPatch(
        next as unknown as Record<string, unknown>,
        AUTHORIZER_PATCH,
        parsePatchOps(bodyOf(req).patchOperations),
      );
      checkAuthorizer(next);
      st.authorizers = st.authorizers.map((x) => (x === a ? next : x));
      return ok(clone(next));
    }),
    route('DELETE', `${API}/authorizers/{authorizerId}`, 'DeleteAuthorizer', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const a = store.authorizer(st, p.authorizerId);
      const user = methodsOf(st).find(({ m }) => m.authorizerId === a.id);
      if (user)
        throw conflict(
          `Cannot delete authorizer '${a.name}', is referenced in method: ${user.m.httpMethod}:${user.path}`,
        );
      st.authorizers = st.authorizers.filter((x) => x !== a);
      return ok(undefined, 202);
    }),

    // Request validators
    route('POST', `${API}/requestvalidators`, 'CreateRequestValidator', true, (req, p) => {
      const st = store.api(p.restApiId);
      const b = bodyOf(req);
      const v: RequestValidator = {
        id: newId(ID_LENGTH.requestValidator),
        name: str(b, 'name'),
        validateRequestBody: bool(b, 'validateRequestBody') ?? false,
        validateRequestParameters: bool(b, 'validateRequestParameters') ?? false,
      };
      if (v.name !== undefined && st.requestValidators.some((x) => x.name === v.name))
        throw conflict(`Validator with name ${v.name} already exists`);
      st.requestValidators.push(v);
      return ok(clone(v), 201);
    }),
    route('GET', `${API}/requestvalidators`, 'GetRequestValidators', false, (req, p) =>
      ok(page(clone(store.api(p.restApiId).requestValidators), req)),
    ),
    route('GET', `${API}/requestvalidators/{requestValidatorId}`, 'GetRequestValidator', false, (_req, p) =>
      ok(clone(store.requestValidator(store.api(p.restApiId), p.requestValidatorId))),
    ),
    route('PATCH', `${API}/requestvalidators/{requestValidatorId}`, 'UpdateRequestValidator', true, (req, p) => {
      const v = store.requestValidator(store.api(p.restApiId), p.requestValidatorId);
      applyPatch(v as unknown as Record<string, unknown>, VALIDATOR_PATCH, parsePatchOps(bodyOf(req).patchOperations));
      return ok(clone(v));
    }),
    route('DELETE', `${API}/requestvalidators/{requestValidatorId}`, 'DeleteRequestValidator', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const v = store.requestValidator(st, p.requestValidatorId);
      const user = methodsOf(st).find(({ m }) => m.requestValidatorId === v.id);
      if (user)
        throw conflict(
          `Cannot delete request validator '${v.name}', is referenced in method: ${user.m.httpMethod}:${user.path}`,
        );
      st.requestValidators = st.requestValidators.filter((x) => x !== v);
      return ok(undefined, 202);
    }),

    // Models
    route('POST', `${API}/models`, 'CreateModel', true, (req, p) => {
      const st = store.api(p.restApiId);
      const b = bodyOf(req);
      const m: Model = compact({
        id: newId(ID_LENGTH.model),
        name: reqStr(b, 'name'),
        contentType: reqStr(b, 'contentType'),
        description: str(b, 'description'),
        schema: str(b, 'schema'),
      });
      if (!/^[A-Za-z0-9]+$/.test(m.name)) throw badRequest('Model name must be alphanumeric: ' + m.name);
      if (st.models.some((x) => x.name === m.name)) throw conflict('Model name already exists for this REST API');
      if (m.schema !== undefined) checkSchema(m.schema);
      st.models.push(m);
      return ok(clone(m), 201);
    }),
    route('GET', `${API}/models`, 'GetModels', false, (req, p) => ok(page(clone(store.api(p.restApiId).models), req))),
    route('GET', `${API}/models/{modelName}`, 'GetModel', false, (_req, p) =>
      ok(clone(store.model(store.api(p.restApiId), p.modelName))),
    ),
    route('GET', `${API}/models/{modelName}/default_template`, 'GetModelTemplate', false, (_req, p) => {
      const m = store.model(store.api(p.restApiId), p.modelName);
      return ok({ value: `#set($inputRoot = $input.path('$'))\n## template for model ${m.name}\n$input.json('$')` });
    }),
    route('PATCH', `${API}/models/{modelName}`, 'UpdateModel', true, (req, p) => {
      const m = store.model(store.api(p.restApiId), p.modelName);
      const next = clone(m);
      applyPatch(next as unknown as Record<string, unknown>, MODEL_PATCH, parsePatchOps(bodyOf(req).patchOperations));
      if (next.schema !== undefined) checkSchema(next.schema);
      Object.assign(m, next);
      return ok(clone(m));
    }),
    route('DELETE', `${API}/models/{modelName}`, 'DeleteModel', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const model = store.model(st, p.modelName);
      const user = methodsOf(st).find(
        ({ m }) =>
          Object.values(m.requestModels ?? {}).includes(model.name) ||
          Object.values(m.methodResponses ?? {}).some((r) =>
            Object.values(r.responseModels ?? {}).includes(model.name),
          ),
      );
      if (user)
        throw conflict(
          `Cannot delete model '${model.name}', is referenced in method: ${user.m.httpMethod}:${user.path}`,
        );
      st.models = st.models.filter((x) => x !== model);
      return ok(undefined, 202);
    }),
  ];
}

function checkSchema(schema: string): void {
  try {
    JSON.parse(schema);
  } catch {
    throw badRequest(
      'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]',
    );
  }
}
