/**
 * PURE: ApiModel → the OpenAPI 3.0.1 document API Gateway itself exports (paths with
 * x-amazon-apigateway-integration, authorizers as security schemes, request validators,
 * models as component schemas, binary media types), shaped so that src/state loads it
 * back to the same routes, authorizers, validators and models.
 */
import type { ApiModel, AuthorizerModel, IntegrationModel, RouteModel } from '../model/api.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { emitFields } from '../kinds/field.js';

type Obj = Record<string, unknown>;

/** Scheme names API Gateway's exports use for IAM and API keys. */
const IAM_SCHEME = 'sigv4';
const API_KEY_SCHEME = 'api_key';

const PARAM_IN: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

export interface EmittedOpenapi {
  doc: Obj;
  /** Parts of the model the OpenAPI form cannot carry (reported, never silently dropped). */
  warnings: string[];
}

export function emitOpenapi(api: ApiModel): EmittedOpenapi {
  const warnings: string[] = [];
  const rest = api.kind === 'RestApi';
  const names = new Set(Object.keys(api.authorizers));
  const iamScheme = freeName(IAM_SCHEME, names);
  const apiKeyScheme = freeName(API_KEY_SCHEME, names);
  let usesIam = false;
  let usesApiKey = false;

  const paths: Record<string, Obj> = {};
  for (const [key, r] of Object.entries(api.routes)) {
    if (r.integration.timeoutInMillis === 0) {
      warnings.push(`${key}: has no integration in AWS; left out (add one, then import again)`);
      continue;
    }
    const path = r.path === '$default' ? '/$default' : r.path;
    const verb = r.method === 'ANY' ? 'x-amazon-apigateway-any-method' : r.method.toLowerCase();
    const op: Obj = {};
    if (r.operationName) op.operationId = r.operationName;
    if (rest) {
      const params = emitParameters(key, r, warnings);
      if (params.length) op.parameters = params;
      if (Object.keys(r.requestModels).length) {
        op.requestBody = { content: Object.fromEntries(Object.entries(r.requestModels).map(([ct, m]) => [ct, { schema: ref(m) }])) };
      }
      op.responses = emitResponses(key, r, warnings);
    }
    const security: Obj = {};
    if (r.authorization.type === 'AWS_IAM') {
      security[iamScheme] = [];
      usesIam = true;
    } else if (r.authorization.authorizer) {
      security[r.authorization.authorizer] = [...r.authorization.scopes];
    }
    if (r.apiKeyRequired) {
      security[apiKeyScheme] = [];
      usesApiKey = true;
    }
    if (Object.keys(security).length) op.security = [security];
    if (r.requestValidator) op['x-amazon-apigateway-request-validator'] = r.requestValidator;
    op['x-amazon-apigateway-integration'] = emitIntegration(r.integration, { rest });
    (paths[path] ??= {})[verb] = op;
  }

  const schemes: Record<string, Obj> = {};
  for (const [name, a] of Object.entries(api.authorizers)) schemes[name] = emitAuthorizer(name, a, warnings);
  if (usesIam) schemes[iamScheme] = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  if (usesApiKey) schemes[apiKeyScheme] = { type: 'apiKey', name: 'x-api-key', in: 'header' };

  const components: Obj = {};
  if (rest && Object.keys(api.models).length) {
    components.schemas = Object.fromEntries(Object.entries(api.models).map(([n, m]) => [n, m.schema]));
    for (const [n, m] of Object.entries(api.models)) {
      if (m.contentType !== 'application/json') warnings.push(`model ${n}: content type ${m.contentType} becomes application/json (OpenAPI schemas carry none)`);
      const own = (m.schema as { description?: unknown } | null)?.description;
      if (m.description !== undefined && own !== m.description) warnings.push(`model ${n}: its AWS description differs from the schema's own "description"; the schema's is kept`);
    }
  }
  if (Object.keys(schemes).length) components.securitySchemes = schemes;

  const doc: Obj = { openapi: '3.0.1', info: { title: api.name, version: '1.0' } };
  if (api.description !== undefined) (doc.info as Obj).description = api.description;
  doc.paths = sortObj(paths);
  if (Object.keys(components).length) doc.components = components;
  if (rest && Object.keys(api.requestValidators).length) {
    doc['x-amazon-apigateway-request-validators'] = Object.fromEntries(
      Object.values(api.requestValidators).map((v) => [v.name, { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters }]),
    );
  }
  Object.assign(doc, emitFields<ApiFieldsModel>(apiFields, api.kind, api).extensions);
  return { doc, warnings };
}

function emitParameters(key: string, r: RouteModel, warnings: string[]): Obj[] {
  const out: Obj[] = [];
  for (const [p, required] of Object.entries(r.requestParameters)) {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
    if (!m) {
      warnings.push(`${key}: request parameter ${p} has no OpenAPI form; left out`);
      continue;
    }
    if (m[1] === 'path' && !required) warnings.push(`${key}: path parameter ${m[2]} is optional in AWS; OpenAPI path parameters are always required`);
    const param: Obj = { name: m[2], in: PARAM_IN[m[1]], schema: { type: 'string' } };
    if (required || m[1] === 'path') param.required = true;
    out.push(param);
  }
  return out;
}

function emitResponses(key: string, r: RouteModel, warnings: string[]): Obj {
  const out: Obj = {};
  for (const [code, resp] of Object.entries(r.methodResponses)) {
    const o: Obj = { description: `${code} response` };
    const headers: Obj = {};
    for (const [p, required] of Object.entries(resp.responseParameters)) {
      const m = /^method\.response\.header\.(.+)$/.exec(p);
      if (!m) {
        warnings.push(`${key}: response parameter ${p} has no OpenAPI form; left out`);
        continue;
      }
      if (required) warnings.push(`${key}: response header ${m[1]} is required in AWS; OpenAPI import makes it optional`);
      headers[m[1]] = { schema: { type: 'string' } };
    }
    if (Object.keys(headers).length) o.headers = headers;
    if (Object.keys(resp.responseModels).length) {
      o.content = Object.fromEntries(Object.entries(resp.responseModels).map(([ct, m]) => [ct, { schema: ref(m) }]));
    }
    out[code] = o;
  }
  return out;
}

export function emitIntegration(i: IntegrationModel, opts: { rest: boolean }): Obj {
  const x: Obj = { type: i.type.toLowerCase() };
  if (i.uri !== undefined) x.uri = i.uri;
  if (i.httpMethod !== undefined) x.httpMethod = i.httpMethod;
  if (opts.rest && i.passthroughBehavior !== undefined) x.passthroughBehavior = i.passthroughBehavior.toLowerCase();
  if (Object.keys(i.requestParameters).length) x.requestParameters = { ...i.requestParameters };
  if (Object.keys(i.requestTemplates).length) x.requestTemplates = { ...i.requestTemplates };
  if (Object.keys(i.responses).length) {
    x.responses = Object.fromEntries(
      Object.entries(i.responses).map(([pattern, r]) => {
        const o: Obj = { statusCode: r.statusCode };
        if (Object.keys(r.responseParameters).length) o.responseParameters = { ...r.responseParameters };
        if (Object.keys(r.responseTemplates).length) o.responseTemplates = { ...r.responseTemplates };
        if (r.contentHandling) o.contentHandling = r.contentHandling;
        return [pattern, o];
      }),
    );
  }
  x.timeoutInMillis = i.timeoutInMillis;
  x.connectionType = i.connectionType;
  if (i.connectionId !== undefined) x.connectionId = i.connectionId;
  if (i.contentHandling !== undefined) x.contentHandling = i.contentHandling;
  if (i.credentials !== undefined) x.credentials = i.credentials;
  if (i.cacheKeyParameters.length) x.cacheKeyParameters = [...i.cacheKeyParameters];
  if (i.payloadFormatVersion !== undefined) x.payloadFormatVersion = i.payloadFormatVersion;
  return x;
}

/** Authorizers as API Gateway exports them: a security scheme with x-amazon-apigateway-authorizer. */
export function emitAuthorizer(name: string, a: AuthorizerModel, warnings: string[]): Obj {
  const az: Obj = {};
  if (a.authorizerUri !== undefined) az.authorizerUri = a.authorizerUri;
  if (a.authorizerCredentials !== undefined) az.authorizerCredentials = a.authorizerCredentials;
  if (a.identityValidationExpression !== undefined) az.identityValidationExpression = a.identityValidationExpression;
  if (a.resultTtlSeconds !== undefined) az.authorizerResultTtlInSeconds = a.resultTtlSeconds;
  if (a.type === 'JWT') {
    return {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        ...az,
        type: 'jwt',
        identitySource: a.identitySource.join(','),
        jwtConfiguration: { issuer: a.jwt?.issuer ?? '', audience: [...(a.jwt?.audience ?? [])] },
      },
    };
  }
  if (a.type === 'REQUEST') {
    const x: Obj = { ...az, type: 'request', identitySource: a.identitySource.join(',') };
    if (a.payloadFormatVersion !== undefined) x.authorizerPayloadFormatVersion = a.payloadFormatVersion;
    if (a.enableSimpleResponses !== undefined) x.enableSimpleResponses = a.enableSimpleResponses;
    return { type: 'apiKey', name: 'Unused', in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': x };
  }
  // TOKEN and Cognito authorizers read one header, named by the scheme.
  const header = /^method\.request\.header\.(.+)$/.exec(a.identitySource[0] ?? '')?.[1] ?? 'Authorization';
  if (a.identitySource.length !== 1 || !a.identitySource[0].startsWith('method.request.header.')) {
    warnings.push(`authorizer ${name}: identity source ${a.identitySource.join(',') || '(none)'} is not one header; ${header} is used`);
  }
  if (a.type === 'COGNITO_USER_POOLS') {
    return {
      type: 'apiKey',
      name: header,
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { ...az, type: 'cognito_user_pools', providerARNs: [...a.providerArns] },
    };
  }
  return { type: 'apiKey', name: header, in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': { ...az, type: 'token' } };
}

const ref = (model: string) => ({ $ref: `#/components/schemas/${model}` });

function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

function sortObj<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
