/**
 * PURE: ApiModel → the OpenAPI 3.0.1 document API Gateway itself exports (paths with
 * x-amazon-apigateway-integration, authorizers as security schemes, request validators,
 * models as component schemas, binary media types), shaped so that src/state loads it
 * back to the same routes, authorizers, validators and models.
 */
import type { ApiModel } from '../model/api.js';
import { emitAuthorizer } from '../kinds/authorizer/openapi.js';
import { emitIntegration } from '../kinds/integration/openapi.js';
import { emitMethodResponses } from '../kinds/method-response/openapi.js';
import { emitParameters } from '../kinds/route/openapi.js';
import { modelsToSchemas } from '../kinds/model/openapi.js';
import { REQUEST_VALIDATORS_EXT, validatorsToDocument } from '../kinds/request-validator/openapi.js';
import { gatewayResponsesToDocument } from '../kinds/gateway-response/openapi.js';
import { GATEWAY_RESPONSES_EXT } from '../kinds/gateway-response/types.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { emitFields } from '../kinds/field.js';

type Obj = Record<string, unknown>;

/** Scheme names API Gateway's exports use for IAM and API keys. */
const IAM_SCHEME = 'sigv4';
const API_KEY_SCHEME = 'api_key';

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
        op.requestBody = {
          content: Object.fromEntries(Object.entries(r.requestModels).map(([ct, m]) => [ct, { schema: ref(m) }])),
        };
      }
      op.responses = emitMethodResponses(key, r.methodResponses, warnings);
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
  if (usesIam)
    schemes[iamScheme] = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    };
  if (usesApiKey) schemes[apiKeyScheme] = { type: 'apiKey', name: 'x-api-key', in: 'header' };

  const components: Obj = {};
  if (rest && Object.keys(api.models).length) {
    const out = modelsToSchemas(api.models);
    components.schemas = out.schemas;
    warnings.push(...out.warnings);
  }
  if (Object.keys(schemes).length) components.securitySchemes = schemes;

  // The API's own fields where API Gateway's exports put them: info.description, the server
  // object's endpoint configuration, the document-level extensions (the api field table says which).
  const placed = emitFields<ApiFieldsModel>(apiFields, api.kind, api);
  const doc: Obj = { openapi: '3.0.1', info: { title: api.name, ...placed.info, version: '1.0' } };
  if (Object.keys(placed.server).length) doc.servers = [{ url: '/', ...placed.server }];
  doc.paths = sortObj(paths);
  if (Object.keys(components).length) doc.components = components;
  const validators = rest ? validatorsToDocument(api.requestValidators) : undefined;
  if (validators) doc[REQUEST_VALIDATORS_EXT] = validators;
  const gatewayResponses = rest ? gatewayResponsesToDocument(api.gatewayResponses) : undefined;
  if (gatewayResponses) doc[GATEWAY_RESPONSES_EXT] = gatewayResponses;
  Object.assign(doc, placed.extensions);
  // What ExportApi writes: the import algorithm the document is meant for.
  if (!rest) doc['x-amazon-apigateway-importexport-version'] = '1.0';
  return { doc, warnings };
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
