/**
 * GetExport: a stage's DEPLOYED snapshot as OpenAPI 3.0.1 (`oas30`) or Swagger 2.0
 * (`swagger`), with the `x-amazon-apigateway-*` extensions API Gateway writes when asked
 * (`extensions=integrations`, `authorizers`, or `apigateway` for all of them).
 */
import { policyDocument } from '../rest-api-settings.js';
import type { Authorizer, DeployedSnapshot, GatewayResponse, Method, Model } from '../types.js';

export type ExportType = 'oas30' | 'swagger';

export interface ExportOptions {
  type: ExportType;
  stageName: string;
  region: string;
  integrations: boolean;
  authorizers: boolean;
  /** All API Gateway extensions (api-level ones too: binary media types, validators, policy...). */
  apigateway: boolean;
}

type Json = Record<string, unknown>;

const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/]+)$/;

/** Models refer to each other by API Gateway model URLs; the export turns them into local refs. */
export function rewriteRefs(v: unknown, toRef: (name: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => rewriteRefs(x, toRef));
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const m = k === '$ref' && typeof x === 'string' ? MODEL_URL.exec(x) : null;
      out[k] = m ? toRef(m[1]) : rewriteRefs(x, toRef);
    }
    return out;
  }
  return v;
}

function modelSchema(m: Model, toRef: (name: string) => string): unknown {
  let parsed: unknown;
  try {
    parsed = m.schema ? JSON.parse(m.schema) : {};
  } catch {
    parsed = {};
  }
  const { $schema: _drop, ...rest } = (parsed ?? {}) as Json;
  return rewriteRefs(rest, toRef);
}

function authorizerScheme(a: Authorizer): Json {
  const header = /^method\.request\.header\.(.+)$/.exec(a.identitySource ?? '');
  const ext: Json = { type: a.type.toLowerCase() };
  if (a.authorizerUri) ext.authorizerUri = a.authorizerUri;
  if (a.authorizerCredentials) ext.authorizerCredentials = a.authorizerCredentials;
  if (a.authorizerResultTtlInSeconds !== undefined) ext.authorizerResultTtlInSeconds = a.authorizerResultTtlInSeconds;
  if (a.identitySource && a.type !== 'TOKEN') ext.identitySource = a.identitySource;
  if (a.identityValidationExpression) ext.identityValidationExpression = a.identityValidationExpression;
  if (a.providerARNs) ext.providerARNs = a.providerARNs;
  return {
    type: 'apiKey',
    name: header ? header[1] : 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': a.authType ?? (a.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'),
    'x-amazon-apigateway-authorizer': ext,
  };
}

function integrationExtension(m: Method): Json | undefined {
  const i = m.methodIntegration;
  if (!i) return undefined;
  const out: Json = { type: i.type.toLowerCase() };
  if (i.httpMethod) out.httpMethod = i.httpMethod;
  if (i.uri) out.uri = i.uri;
  if (i.connectionType && i.connectionType !== 'INTERNET') out.connectionType = i.connectionType;
  if (i.connectionId) out.connectionId = i.connectionId;
  if (i.credentials) out.credentials = i.credentials;
  if (i.requestParameters) out.requestParameters = i.requestParameters;
  if (i.requestTemplates) out.requestTemplates = i.requestTemplates;
  if (i.passthroughBehavior) out.passthroughBehavior = i.passthroughBehavior.toLowerCase();
  if (i.contentHandling) out.contentHandling = i.contentHandling;
  out.timeoutInMillis = i.timeoutInMillis;
  if (i.cacheNamespace) out.cacheNamespace = i.cacheNamespace;
  if (i.cacheKeyParameters.length > 0) out.cacheKeyParameters = i.cacheKeyParameters;
  if (i.tlsConfig) out.tlsConfig = i.tlsConfig;
  const responses = Object.values(i.integrationResponses ?? {});
  if (responses.length > 0) {
    out.responses = Object.fromEntries(
      responses.map((r) => [
        r.selectionPattern ?? 'default',
        Object.fromEntries(
          Object.entries({
            statusCode: r.statusCode,
            responseParameters: r.responseParameters,
            responseTemplates: r.responseTemplates,
            contentHandling: r.contentHandling,
          }).filter(([, v]) => v !== undefined),
        ),
      ]),
    );
  }
  return out;
}

/** A customized gateway response as GetExport writes it (the status code as a number, empty maps left out). */
function gatewayResponseExtension(r: GatewayResponse): Json {
  const out: Json = {};
  if (r.statusCode !== undefined) out.statusCode = Number(r.statusCode);
  if (Object.keys(r.responseParameters).length > 0) out.responseParameters = r.responseParameters;
  if (Object.keys(r.responseTemplates).length > 0) out.responseTemplates = r.responseTemplates;
  return out;
}

const PARAM_LOCATION: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

function parametersOf(m: Method, oas3: boolean): Json[] {
  const out: Json[] = [];
  for (const [key, required] of Object.entries(m.requestParameters ?? {})) {
    const p = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(key);
    if (!p) continue;
    const where = PARAM_LOCATION[p[1]] ?? (p[1] === 'multivaluequerystring' ? 'query' : 'header');
    const param: Json = { name: p[2], in: where, required: where === 'path' ? true : required };
    if (oas3) param.schema = { type: 'string' };
    else param.type = 'string';
    out.push(param);
  }
  return out;
}

export function buildExport(snap: DeployedSnapshot, opts: ExportOptions): Json {
  const oas3 = opts.type === 'oas30';
  const toRef = (name: string) => (oas3 ? `#/components/schemas/${name}` : `#/definitions/${name}`);
  const withIntegrations = opts.integrations || opts.apigateway;
  const withAuthorizers = opts.authorizers || opts.apigateway;
  const api = snap.api;
  const authorizerById = new Map(snap.authorizers.map((a) => [a.id, a]));
  const validatorById = new Map(snap.requestValidators.map((v) => [v.id, v]));
  const securitySchemes: Json = {};

  const paths: Json = {};
  for (const r of snap.resources) {
    const methods = Object.values(r.resourceMethods ?? {});
    if (methods.length === 0) continue;
    const item: Json = {};
    for (const m of methods) {
      const op: Json = {};
      if (m.operationName) op.operationId = m.operationName;
      const params = parametersOf(m, oas3);
      const model = m.requestModels ? Object.entries(m.requestModels)[0] : undefined;
      if (model && oas3) {
        op.requestBody = { content: { [model[0]]: { schema: { $ref: toRef(model[1]) } } }, required: true };
      } else if (model) {
        params.push({ in: 'body', name: model[1], required: true, schema: { $ref: toRef(model[1]) } });
      }
      if (params.length > 0) op.parameters = params;
      const responses: Json = {};
      for (const mr of Object.values(m.methodResponses ?? {})) {
        const resp: Json = { description: `${mr.statusCode} response` };
        const headers = Object.keys(mr.responseParameters ?? {})
          .map((k) => /^method\.response\.header\.(.+)$/.exec(k)?.[1])
          .filter((h): h is string => h !== undefined);
        if (headers.length > 0)
          resp.headers = Object.fromEntries(
            headers.map((h) => [h, oas3 ? { schema: { type: 'string' } } : { type: 'string' }]),
          );
        const models = Object.entries(mr.responseModels ?? {});
        if (models.length > 0 && oas3)
          resp.content = Object.fromEntries(models.map(([ct, name]) => [ct, { schema: { $ref: toRef(name) } }]));
        else if (models.length > 0) resp.schema = { $ref: toRef(models[0][1]) };
        responses[mr.statusCode] = resp;
      }
      op.responses = responses;
      const security: Json[] = [];
      if (m.authorizationType === 'AWS_IAM') {
        securitySchemes.sigv4 = {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        };
        security.push({ sigv4: [] });
      } else if (m.authorizerId && withAuthorizers) {
        const a = authorizerById.get(m.authorizerId);
        if (a) {
          securitySchemes[a.name] = authorizerScheme(a);
          security.push({ [a.name]: m.authorizationScopes ?? [] });
        }
      }
      if (m.apiKeyRequired) {
        securitySchemes.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
        security.push({ api_key: [] });
      }
      if (security.length > 0) op.security = security;
      if (opts.apigateway && m.requestValidatorId) {
        const v = validatorById.get(m.requestValidatorId);
        if (v) op['x-amazon-apigateway-request-validator'] = v.name ?? v.id;
      }
      if (withIntegrations) {
        const ext = integrationExtension(m);
        if (ext) op['x-amazon-apigateway-integration'] = ext;
      }
      item[m.httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : m.httpMethod.toLowerCase()] = op;
    }
    paths[r.path] = item;
  }

  const schemas = Object.fromEntries(snap.models.map((m) => [m.name, modelSchema(m, toRef)]));
  const info: Json = { title: api.name, version: api.version ?? new Date(api.createdDate * 1000).toISOString() };
  if (api.description) info.description = api.description;
  const host = `${api.id}.execute-api.${opts.region}.amazonaws.com`;
  const doc: Json = oas3
    ? {
        openapi: '3.0.1',
        info,
        servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: `/${opts.stageName}` } } }],
        paths,
      }
    : { swagger: '2.0', info, host, basePath: `/${opts.stageName}`, schemes: ['https'], paths };
  if (oas3) {
    const components: Json = {};
    if (Object.keys(schemas).length > 0) components.schemas = schemas;
    if (Object.keys(securitySchemes).length > 0) components.securitySchemes = securitySchemes;
    if (Object.keys(components).length > 0) doc.components = components;
  } else {
    if (Object.keys(securitySchemes).length > 0) doc.securityDefinitions = securitySchemes;
    if (Object.keys(schemas).length > 0) doc.definitions = schemas;
  }
  if (opts.apigateway) {
    if (snap.requestValidators.length > 0) {
      doc['x-amazon-apigateway-request-validators'] = Object.fromEntries(
        snap.requestValidators.map((v) => [
          v.name ?? v.id,
          { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters },
        ]),
      );
    }
    if (api.binaryMediaTypes && api.binaryMediaTypes.length > 0)
      doc['x-amazon-apigateway-binary-media-types'] = api.binaryMediaTypes;
    if (api.minimumCompressionSize !== undefined)
      doc['x-amazon-apigateway-minimum-compression-size'] = api.minimumCompressionSize;
    if (api.apiKeySource !== 'HEADER') doc['x-amazon-apigateway-api-key-source'] = api.apiKeySource;
    if (api.policy) doc['x-amazon-apigateway-policy'] = policyDocument(api.policy);
    const endpoint: Json = {};
    if (api.disableExecuteApiEndpoint) endpoint.disableExecuteApiEndpoint = true;
    if (api.endpointConfiguration.vpcEndpointIds?.length)
      endpoint.vpcEndpointIds = api.endpointConfiguration.vpcEndpointIds;
    if (Object.keys(endpoint).length > 0) {
      // OpenAPI 3 puts it on the server object, Swagger 2 at the top level.
      if (oas3) (doc.servers as Json[])[0]['x-amazon-apigateway-endpoint-configuration'] = endpoint;
      else doc['x-amazon-apigateway-endpoint-configuration'] = endpoint;
    }
    const responses = Object.values(snap.gatewayResponses ?? {});
    if (responses.length > 0)
      doc['x-amazon-apigateway-gateway-responses'] = Object.fromEntries(
        responses.map((r) => [r.responseType, gatewayResponseExtension(r)]),
      );
  }
  return doc;
}
