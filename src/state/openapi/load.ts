/**
 * One OpenAPI 3.0.x or Swagger 2.0 file (as API Gateway exports and imports it, or a plain
 * generated service file plus defaults from api.yaml) → the routes, authorizers,
 * validators and models it contributes to an API. Pure: works on parsed documents.
 */
import type {
  ApiKind,
  AuthorizationModel,
  HttpMethod,
  MethodResponseModel,
  ModelSchema,
  RequestValidatorModel,
  RouteModel,
} from '../../model/api.js';
import { routeKey } from '../../model/api.js';
import type { SourceLocation } from '../../model/errors.js';
import { locateIn, type DocPath, type SourceDoc } from '../yaml-source.js';
import { apiFields, type ApiFieldsModel } from '../../kinds/api/fields.js';
import { fieldsFromDocument } from '../../kinds/field.js';
import { normalizeIntegration } from '../../kinds/integration/openapi.js';
import { deref, type RefContext } from './refs.js';
import { schemeMeaning, type SchemeMeaning } from '../../kinds/authorizer/openapi.js';
import { modelFromSchema } from '../../kinds/model/openapi.js';
import { REQUEST_VALIDATORS_EXT, validatorsFromDocument } from '../../kinds/request-validator/openapi.js';
import { gatewayResponsesFromDocument } from '../../kinds/gateway-response/openapi.js';
import { GATEWAY_RESPONSES_EXT } from '../../kinds/gateway-response/types.js';
import type { GatewayResponseModel } from '../../kinds/gateway-response/model.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface ServiceDefaults {
  pathPrefix?: string;
  /** How `servers[].variables.basePath` / Swagger `basePath` is used, as ImportRestApi's `basepath` mode. */
  basePath?: 'ignore' | 'prepend';
  /** Integration in the extension's shape, plus `baseUri` (the route's own path is appended). */
  integration?: Obj & { baseUri?: string };
  integrationAt?: SourceLocation;
  authorizer?: string;
  authorizerAt?: SourceLocation;
}

export interface LoadedRoute {
  key: string;
  route: RouteModel;
  /** Location of the operation, and finer `integration`, `integration/uri`, … under it. */
  at: SourceLocation;
  sub: Record<string, SourceLocation>;
}

export interface OpenapiPart {
  file: string;
  routes: LoadedRoute[];
  schemes: Array<{ name: string; meaning: SchemeMeaning; raw: unknown; at: SourceLocation }>;
  validators: Array<{ name: string; model: RequestValidatorModel; at: SourceLocation }>;
  models: Array<{ name: string; model: ModelSchema; at: SourceLocation }>;
  /** REST: x-amazon-apigateway-gateway-responses. */
  gatewayResponses: Array<{ model: GatewayResponseModel; at: SourceLocation }>;
  /** Every component (section/name → definition) for cross-file conflict checks. */
  components: Array<{ id: string; value: unknown; at: SourceLocation }>;
  /** The API's own fields the document declares through extensions (x-amazon-apigateway-binary-media-types, …). */
  header: Partial<ApiFieldsModel>;
}

const METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

const PARAM_IN: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };

export function joinPath(...parts: Array<string | undefined>): string {
  const joined = parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

export function loadOpenapi(
  ctx: RefContext,
  src: SourceDoc,
  opts: { kind: ApiKind; defaults: ServiceDefaults; apiAuthorizers?: string[] },
): OpenapiPart {
  const doc = obj(src.value);
  const part: OpenapiPart = {
    file: src.file,
    routes: [],
    schemes: [],
    validators: [],
    models: [],
    gatewayResponses: [],
    components: [],
    header: {},
  };
  const issue = (code: string, path: DocPath, message: string, hint: string, severity: 'error' | 'warning' = 'error') =>
    ctx.issues.push({
      severity,
      code,
      message,
      hint,
      location: locateIn(src, path, { key: true }),
      path: path.join('.'),
    });
  const http = opts.kind === 'HttpApi';

  const swagger = str(doc.swagger);
  const openapi = str(doc.openapi);
  if (!(swagger?.startsWith('2.') || openapi?.startsWith('3.0'))) {
    issue(
      'openapi-version',
      openapi !== undefined ? ['openapi'] : ['swagger'],
      `${src.rel} is not OpenAPI 3.0.x or Swagger 2.0 (found ${openapi ? `openapi: ${openapi}` : swagger ? `swagger: ${swagger}` : 'neither `openapi` nor `swagger`'})`,
      'API Gateway imports OpenAPI 3.0.x and Swagger 2.0; set `openapi: 3.0.1` (convert 3.1 files first)',
    );
    return part;
  }
  const v2 = swagger !== undefined;

  // Components: models (REST), security schemes, everything for conflict checks.
  const compRoot: DocPath = v2 ? [] : ['components'];
  const sections: Array<[string, DocPath]> = v2
    ? [
        ['definitions', ['definitions']],
        ['parameters', ['parameters']],
        ['responses', ['responses']],
        ['securityDefinitions', ['securityDefinitions']],
      ]
    : Object.keys(obj(doc.components)).map((k) => [k, [...compRoot, k]] as [string, DocPath]);
  for (const [section, p] of sections) {
    const secVal = obj(p.reduce<unknown>((v, s) => obj(v)[s as string], doc));
    for (const [name, value] of Object.entries(secVal)) {
      const id = `${section === 'definitions' ? 'schemas' : section === 'securityDefinitions' ? 'securitySchemes' : section}/${name}`;
      part.components.push({ id, value, at: locateIn(src, [...p, name], { key: true }) });
    }
  }
  const schemas = obj(v2 ? doc.definitions : obj(doc.components).schemas);
  if (!http) {
    for (const [name, schema] of Object.entries(schemas)) {
      part.models.push({
        name,
        model: modelFromSchema(schema),
        at: locateIn(src, [...(v2 ? ['definitions'] : ['components', 'schemas']), name], { key: true }),
      });
    }
  }
  const schemesPath: DocPath = v2 ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const gatewayAuthorizers = new Set(opts.apiAuthorizers ?? []);
  const declaredHint = gatewayAuthorizers.size
    ? `, or name one of the authorizers api.yaml declares (${[...gatewayAuthorizers].join(', ')})`
    : '';
  const schemeMap = new Map<string, SchemeMeaning>();
  for (const [name, raw0] of Object.entries(obj(v2 ? doc.securityDefinitions : obj(doc.components).securitySchemes))) {
    const raw = deref(ctx, src, raw0, [...schemesPath, name]).value;
    const meaning = schemeMeaning(name, raw, { http });
    const at = locateIn(src, [...schemesPath, name], { key: true });
    // A plain scheme (bearer, oauth2…) named like an api.yaml authorizer documents that authorizer.
    if (meaning.kind === 'unsupported' && gatewayAuthorizers.has(name)) continue;
    if (meaning.kind === 'unsupported')
      issue(
        'unsupported-security-scheme',
        [...schemesPath, name],
        `security scheme "${name}": ${meaning.why}`,
        meaning.hint ??
          `declare it with x-amazon-apigateway-authtype / x-amazon-apigateway-authorizer as API Gateway exports it${declaredHint}`,
      );
    schemeMap.set(name, meaning);
    part.schemes.push({ name, meaning, raw, at });
  }

  // API-level extensions.
  for (const [name, model] of validatorsFromDocument(doc)) {
    part.validators.push({ name, model, at: locateIn(src, [REQUEST_VALIDATORS_EXT, name], { key: true }) });
  }
  if (!http) {
    for (const model of gatewayResponsesFromDocument(doc))
      part.gatewayResponses.push({
        model,
        at: locateIn(src, [GATEWAY_RESPONSES_EXT, model.responseType], { key: true }),
      });
  }
  const defaultValidator = str(doc['x-amazon-apigateway-request-validator']);
  part.header = fieldsFromDocument<ApiFieldsModel>(apiFields, doc, opts.kind);

  let basePath = '';
  if (opts.defaults.basePath === 'prepend') {
    basePath = v2
      ? (str(doc.basePath) ?? '')
      : (str(obj(obj(obj(obj((doc.servers as unknown[] | undefined)?.[0]).variables).basePath)).default) ?? '');
  }
  const topSecurity = doc.security;

  for (const [rawPath, item0] of Object.entries(obj(doc.paths))) {
    const itemPath: DocPath = ['paths', rawPath];
    const item = obj(deref(ctx, src, item0, itemPath).value);
    const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [verb, op0] of Object.entries(item)) {
      const method = METHODS[verb.toLowerCase()];
      if (!method) continue;
      const opPath: DocPath = [...itemPath, verb];
      const op = obj(op0);
      const isDefault = rawPath === '/$default' || rawPath === '$default';
      const fullPath = isDefault ? '$default' : joinPath(basePath, opts.defaults.pathPrefix, rawPath);
      const key = routeKey(method, fullPath);
      const at = locateIn(src, opPath, { key: true });
      const sub: Record<string, SourceLocation> = {};

      // Method request parameters (REST); path params of HTTP APIs are implied by the route.
      const requestParameters: Record<string, boolean> = {};
      const params = [...pathParams, ...(Array.isArray(op.parameters) ? op.parameters : [])];
      const ownCount = pathParams.length;
      const requestModels: Record<string, string> = {};
      params.forEach((p0, i) => {
        const pPath: DocPath = i < ownCount ? [...itemPath, 'parameters', i] : [...opPath, 'parameters', i - ownCount];
        const p = obj(deref(ctx, src, p0, pPath).value);
        const where = str(p.in);
        const name = str(p.name);
        if (!where || !name) return;
        if (where === 'body' && v2) {
          const ref = deref(ctx, src, p.schema, [...pPath, 'schema']);
          const consumes = Array.isArray(op.consumes)
            ? op.consumes
            : Array.isArray(doc.consumes)
              ? doc.consumes
              : ['application/json'];
          if (isRefObj(p.schema) && ref.refName && !http)
            for (const ct of consumes) requestModels[String(ct)] = ref.refName;
          return;
        }
        const aws = PARAM_IN[where];
        if (!aws) return;
        if (!http) requestParameters[`method.request.${aws}.${name}`] = where === 'path' ? true : p.required === true;
      });
      sub['parameters'] = at;

      if (!v2 && op.requestBody !== undefined && !http) {
        const body = obj(deref(ctx, src, op.requestBody, [...opPath, 'requestBody']).value);
        for (const [ct, media] of Object.entries(obj(body.content))) {
          const schema = obj(media).schema;
          if (isRefObj(schema)) {
            const r = deref(ctx, src, schema, [...opPath, 'requestBody', 'content', ct, 'schema']);
            if (r.refName) requestModels[ct] = r.refName;
          }
        }
      }

      const methodResponses: Record<string, MethodResponseModel> = {};
      if (!http) {
        for (const [code, r0] of Object.entries(obj(op.responses))) {
          const r = obj(deref(ctx, src, r0, [...opPath, 'responses', code]).value);
          const resp: MethodResponseModel = { responseParameters: {}, responseModels: {} };
          for (const h of Object.keys(obj(r.headers))) resp.responseParameters[`method.response.header.${h}`] = false;
          if (v2) {
            if (isRefObj(r.schema)) {
              const name = deref(ctx, src, r.schema, [...opPath, 'responses', code, 'schema']).refName;
              const produces = Array.isArray(op.produces)
                ? op.produces
                : Array.isArray(doc.produces)
                  ? doc.produces
                  : ['application/json'];
              if (name) for (const ct of produces) resp.responseModels[String(ct)] = name;
            }
          } else {
            for (const [ct, media] of Object.entries(obj(r.content))) {
              const schema = obj(media).schema;
              if (isRefObj(schema)) {
                const name = deref(ctx, src, schema, [...opPath, 'responses', code, 'content', ct, 'schema']).refName;
                if (name) resp.responseModels[ct] = name;
              }
            }
          }
          methodResponses[code] = resp;
        }
      }

      // Security: operation `security` overrides the document's; else the service default.
      const authorization: AuthorizationModel = { type: 'NONE', scopes: [] };
      let apiKeyRequired = false;
      const security = op.security ?? topSecurity;
      if (Array.isArray(security)) {
        for (const req of security) {
          for (const [name, scopes] of Object.entries(obj(req))) {
            const meaning = schemeMap.get(name);
            if (!meaning && gatewayAuthorizers.has(name)) {
              // An authorizer of api.yaml, named by the service: its type is settled by the compiler.
              authorization.type = 'CUSTOM';
              authorization.authorizer = name;
              if (Array.isArray(scopes)) authorization.scopes = scopes.map(String);
              continue;
            }
            if (!meaning) {
              issue(
                'security-scheme-undefined',
                [...opPath, 'security'],
                `${key} uses security scheme "${name}", which neither ${src.rel} nor api.yaml \`authorizers:\` declares`,
                `add "${name}" under ${v2 ? 'securityDefinitions' : 'components.securitySchemes'}${declaredHint}`,
              );
              continue;
            }
            if (meaning.kind === 'api-key') apiKeyRequired = true;
            else if (meaning.kind === 'iam') authorization.type = 'AWS_IAM';
            else if (meaning.kind === 'authorizer') {
              authorization.type =
                meaning.model.type === 'JWT'
                  ? 'JWT'
                  : meaning.model.type === 'COGNITO_USER_POOLS'
                    ? 'COGNITO_USER_POOLS'
                    : 'CUSTOM';
              authorization.authorizer = name;
              if (Array.isArray(scopes)) authorization.scopes = scopes.map(String);
            }
          }
        }
        sub['authorization'] = locateIn(src, op.security !== undefined ? [...opPath, 'security'] : ['security']);
      } else if (opts.defaults.authorizer && opts.defaults.authorizer !== 'NONE') {
        // Type is settled by the compiler once api.yaml authorizers are known too.
        const m = schemeMap.get(opts.defaults.authorizer);
        if (m?.kind === 'iam') authorization.type = 'AWS_IAM';
        else if (m?.kind === 'api-key') apiKeyRequired = true;
        else {
          authorization.type = 'CUSTOM';
          authorization.authorizer = opts.defaults.authorizer;
        }
        if (opts.defaults.authorizerAt) sub['authorization'] = opts.defaults.authorizerAt;
      }

      // x-amazon-apigateway-auth sets the authorization type itself (NONE or AWS_IAM), over `security`, as API Gateway's import does.
      const authType = str(obj(op['x-amazon-apigateway-auth']).type)?.toUpperCase();
      if (authType === 'AWS_IAM' || authType === 'NONE') {
        authorization.type = authType;
        delete authorization.authorizer;
        authorization.scopes = [];
        sub['authorization'] = locateIn(src, [...opPath, 'x-amazon-apigateway-auth']);
      }

      // Integration: the extension wins; else the service file's defaults.
      const extPath: DocPath = [...opPath, 'x-amazon-apigateway-integration'];
      let integrationRaw: Obj | undefined;
      if (op['x-amazon-apigateway-integration'] !== undefined) {
        integrationRaw = obj(deref(ctx, src, op['x-amazon-apigateway-integration'], extPath).value);
        sub['integration'] = locateIn(src, extPath, { key: true });
        for (const k of [
          'uri',
          'timeoutInMillis',
          'type',
          'requestParameters',
          'requestTemplates',
          'connectionId',
          'payloadFormatVersion',
          'connectionType',
          'vpcLink',
        ]) {
          if (k in integrationRaw) sub[`integration/${k}`] = locateIn(src, [...extPath, k]);
        }
      } else if (opts.defaults.integration) {
        const d = opts.defaults.integration;
        integrationRaw = { ...d };
        delete integrationRaw.baseUri;
        if (d.baseUri !== undefined) integrationRaw.uri = `${d.baseUri.replace(/\/+$/, '')}${isDefault ? '' : rawPath}`;
        if (!http && d.baseUri !== undefined) {
          // A generated service file has no mappings: forward each path parameter by name
          // (declaring it, as AWS refuses a mapping from an undeclared method parameter).
          const mapped: Record<string, string> = {};
          for (const m of rawPath.matchAll(/\{([^}+]+)\+?\}/g)) {
            mapped[`integration.request.path.${m[1]}`] = `method.request.path.${m[1]}`;
            requestParameters[`method.request.path.${m[1]}`] = true;
          }
          integrationRaw.requestParameters = mapped;
        }
        if (opts.defaults.integrationAt) {
          sub['integration'] = opts.defaults.integrationAt;
        }
      } else {
        issue(
          'missing-integration',
          opPath,
          `${key} has no integration`,
          "add x-amazon-apigateway-integration to the operation, or an `integration:` default (type, baseUri) to this file's entry under `openapi:` in api.yaml",
        );
        continue;
      }

      const route: RouteModel = {
        method,
        path: fullPath,
        authorization,
        apiKeyRequired,
        requestParameters,
        requestModels,
        methodResponses,
        integration: normalizeIntegration(integrationRaw, { kind: opts.kind, routeMethod: method }),
      };
      const opName = str(op.operationId);
      if (opName) route.operationName = opName;
      const validator = str(op['x-amazon-apigateway-request-validator']) ?? defaultValidator;
      if (validator) {
        route.requestValidator = validator;
        sub['requestValidator'] = locateIn(
          src,
          op['x-amazon-apigateway-request-validator'] !== undefined
            ? [...opPath, 'x-amazon-apigateway-request-validator']
            : ['x-amazon-apigateway-request-validator'],
        );
      }
      part.routes.push({ key, route, at, sub });
    }
  }
  return part;
}

function isRefObj(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';
}
