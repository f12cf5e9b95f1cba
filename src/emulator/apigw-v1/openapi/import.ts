/**
 * ImportRestApi / PutRestApi: an OpenAPI 3 or Swagger 2 document (JSON or YAML, with the
 * `x-amazon-apigateway-*` extensions) turned into the API's definitions: resources, methods,
 * integrations, responses, models, authorizers and request validators. Whatever cannot be
 * imported becomes a warning (and a BadRequest with `failonwarnings=true`), as on AWS.
 */
import { parse as parseYaml } from 'yaml';
import { badRequest } from '../../core/types.js';
import { checkCompressionSize } from '../rest-api-settings.js';
import { oneOf } from '../wire.js';
import { ID_LENGTH, newId } from '../ids.js';
import { checkResponseType, customGatewayResponse } from '../gateway-responses.js';
import type {
  Authorizer,
  GatewayResponse,
  Integration,
  IntegrationResponse,
  Method,
  MethodResponse,
  Model,
  RequestValidator,
  Resource,
  RestApi,
} from '../types.js';

type Json = Record<string, unknown>;

export interface ImportedDefinitions {
  /** API-level settings the document declares (`policy` as written: normalized once the API id is known). */
  api: Partial<Omit<RestApi, 'id' | 'createdDate' | 'rootResourceId' | 'endpointConfiguration'>> & {
    name?: string;
    vpcEndpointIds?: string[];
  };
  /** Path → methods (keyed by verb); integrations use the resource id filled in by the caller. */
  paths: Map<string, Record<string, Method>>;
  models: Model[];
  authorizers: Authorizer[];
  requestValidators: RequestValidator[];
  /** `x-amazon-apigateway-gateway-responses`, by response type. */
  gatewayResponses: Record<string, GatewayResponse>;
  warnings: string[];
}

const VERBS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

export function parseDocument(raw: string): Json {
  let doc: unknown;
  try {
    doc = /^\s*[{[]/.test(raw) ? JSON.parse(raw) : parseYaml(raw);
  } catch (e) {
    throw badRequest(
      `Invalid OpenAPI input: the body is neither JSON nor YAML (${(e as Error).message.split('\n')[0]})`,
    );
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw badRequest('Invalid OpenAPI input: expected an OpenAPI 3 or Swagger 2 document');
  const d = doc as Json;
  if (typeof d.openapi !== 'string' && d.swagger !== '2.0') {
    throw badRequest("Invalid OpenAPI input: the document has neither 'openapi: 3.x' nor 'swagger: \"2.0\"'");
  }
  return d;
}

const asObj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const asStrMap = (v: unknown): Record<string, string> | undefined => {
  const o = asObj(v);
  const entries = Object.entries(o).filter(([, x]) => typeof x === 'string') as Array<[string, string]>;
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? /#\/(?:components\/schemas|definitions)\/(.+)$/.exec(ref)?.[1] : undefined;
}

/** Local refs become the model URLs API Gateway stores inside model schemas. */
function toModelUrls(v: unknown, apiId: string): unknown {
  if (Array.isArray(v)) return v.map((x) => toModelUrls(x, apiId));
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const name = k === '$ref' ? refName(x) : undefined;
      out[k] = name ? `https://apigateway.amazonaws.com/restapis/${apiId}/models/${name}` : toModelUrls(x, apiId);
    }
    return out;
  }
  return v;
}

function integrationFrom(ext: Json, warnings: string[], where: string): Integration | undefined {
  const type = typeof ext.type === 'string' ? ext.type.toUpperCase() : undefined;
  if (!type) {
    warnings.push(`Unable to put integration on '${where}': x-amazon-apigateway-integration has no type`);
    return undefined;
  }
  const responses: Record<string, IntegrationResponse> = {};
  for (const [pattern, r] of Object.entries(asObj(ext.responses))) {
    const o = asObj(r);
    const statusCode = String(o.statusCode ?? '');
    if (!/^[1-5]\d\d$/.test(statusCode)) {
      warnings.push(`Unable to put integration response on '${where}' for pattern '${pattern}': invalid statusCode`);
      continue;
    }
    responses[statusCode] = Object.fromEntries(
      Object.entries({
        statusCode,
        selectionPattern: pattern === 'default' ? undefined : pattern,
        responseParameters: asStrMap(o.responseParameters),
        responseTemplates: asStrMap(o.responseTemplates),
        contentHandling: typeof o.contentHandling === 'string' ? o.contentHandling : undefined,
      }).filter(([, v]) => v !== undefined),
    ) as unknown as IntegrationResponse;
  }
  const str = (k: string) => (typeof ext[k] === 'string' ? (ext[k] as string) : undefined);
  const i: Json = {
    type,
    httpMethod: str('httpMethod')?.toUpperCase(),
    uri: str('uri'),
    connectionType: str('connectionType')?.toUpperCase() ?? 'INTERNET',
    connectionId: str('connectionId'),
    credentials: str('credentials'),
    requestParameters: asStrMap(ext.requestParameters),
    requestTemplates: asStrMap(ext.requestTemplates),
    passthroughBehavior: str('passthroughBehavior')?.toUpperCase() ?? 'WHEN_NO_MATCH',
    contentHandling: str('contentHandling'),
    timeoutInMillis: typeof ext.timeoutInMillis === 'number' ? ext.timeoutInMillis : 29000,
    cacheNamespace: str('cacheNamespace'),
    cacheKeyParameters: Array.isArray(ext.cacheKeyParameters)
      ? ext.cacheKeyParameters.filter((x) => typeof x === 'string')
      : [],
    integrationResponses: Object.keys(responses).length > 0 ? responses : undefined,
    tlsConfig: ext.tlsConfig && typeof ext.tlsConfig === 'object' ? ext.tlsConfig : undefined,
  };
  if (type !== 'MOCK' && (!i.httpMethod || !i.uri)) {
    warnings.push(`Unable to put integration on '${where}': ${type} integrations need httpMethod and uri`);
    return undefined;
  }
  return Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as unknown as Integration;
}

const LOCATION: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };

export type BasePathMode = 'ignore' | 'prepend' | 'split';

/** The document's base path: Swagger's `basePath`, or the path of OpenAPI 3's first server URL (variables at their defaults). */
export function documentBasePath(doc: Json): string {
  let path = '';
  if (typeof doc.basePath === 'string') {
    path = doc.basePath;
  } else if (Array.isArray(doc.servers) && doc.servers.length > 0) {
    const server = asObj(doc.servers[0]);
    const vars = asObj(server.variables);
    const url = String(server.url ?? '').replace(/\{([^}]+)\}/g, (_m, name: string) =>
      String(asObj(vars[name]).default ?? ''),
    );
    path = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
  }
  return path
    .split('/')
    .filter((p) => p !== '')
    .join('/');
}

/**
 * ImportRestApi's `basepath` parameter: `ignore` (default) drops the base path, `prepend`
 * puts all of it in front of every path, `split` drops its first segment and prepends the rest.
 */
export function basePathPrefix(doc: Json, mode: BasePathMode): string {
  const parts = documentBasePath(doc)
    .split('/')
    .filter((p) => p !== '');
  const kept = mode === 'prepend' ? parts : mode === 'split' ? parts.slice(1) : [];
  return kept.length > 0 ? `/${kept.join('/')}` : '';
}

export function readDefinitions(
  doc: Json,
  apiIdForRefs: string,
  opts: { basePath?: BasePathMode } = {},
): ImportedDefinitions {
  const prefix = basePathPrefix(doc, opts.basePath ?? 'ignore');
  const oas3 = typeof doc.openapi === 'string';
  const warnings: string[] = [];
  const info = asObj(doc.info);
  const components = asObj(doc.components);
  const schemas = oas3 ? asObj(components.schemas) : asObj(doc.definitions);
  const schemes = oas3 ? asObj(components.securitySchemes) : asObj(doc.securityDefinitions);

  const models: Model[] = Object.entries(schemas).map(([name, schema]) => ({
    id: newId(ID_LENGTH.model),
    name,
    contentType: 'application/json',
    schema: JSON.stringify(toModelUrls(schema, apiIdForRefs)),
  }));

  const authorizers: Authorizer[] = [];
  const schemeKinds = new Map<string, 'authorizer' | 'api_key' | 'sigv4'>();
  for (const [name, raw] of Object.entries(schemes)) {
    const s = asObj(raw);
    const ext = asObj(s['x-amazon-apigateway-authorizer']);
    if (s['x-amazon-apigateway-authtype'] === 'awsSigv4') {
      schemeKinds.set(name, 'sigv4');
    } else if (Object.keys(ext).length > 0) {
      const type = String(ext.type ?? 'token').toUpperCase();
      const header = typeof s.name === 'string' && s.name !== 'Unused' ? `method.request.header.${s.name}` : undefined;
      authorizers.push(
        Object.fromEntries(
          Object.entries({
            id: newId(ID_LENGTH.authorizer),
            name,
            type,
            authType:
              typeof s['x-amazon-apigateway-authtype'] === 'string' ? s['x-amazon-apigateway-authtype'] : undefined,
            authorizerUri: ext.authorizerUri,
            authorizerCredentials: ext.authorizerCredentials,
            identitySource:
              ext.identitySource ?? (type === 'TOKEN' || type === 'COGNITO_USER_POOLS' ? header : undefined),
            identityValidationExpression: ext.identityValidationExpression,
            authorizerResultTtlInSeconds:
              typeof ext.authorizerResultTtlInSeconds === 'number'
                ? ext.authorizerResultTtlInSeconds
                : type === 'COGNITO_USER_POOLS'
                  ? undefined
                  : 300,
            providerARNs: Array.isArray(ext.providerARNs) ? ext.providerARNs : undefined,
          }).filter(([, v]) => v !== undefined),
        ) as unknown as Authorizer,
      );
      schemeKinds.set(name, 'authorizer');
    } else if (s.type === 'apiKey' && String(s.name).toLowerCase() === 'x-api-key') {
      schemeKinds.set(name, 'api_key');
    } else {
      warnings.push(`Ignoring security scheme '${name}': not an API Gateway authorizer, API key or SigV4 scheme`);
    }
  }

  const requestValidators: RequestValidator[] = Object.entries(
    asObj(doc['x-amazon-apigateway-request-validators']),
  ).map(([name, raw]) => {
    const v = asObj(raw);
    return {
      id: newId(ID_LENGTH.requestValidator),
      name,
      validateRequestBody: v.validateRequestBody === true,
      validateRequestParameters: v.validateRequestParameters === true,
    };
  });
  const validatorId = (name: unknown, where: string): string | undefined => {
    if (typeof name !== 'string') return undefined;
    const v = requestValidators.find((x) => x.name === name);
    if (!v) warnings.push(`Unknown request validator '${name}' on '${where}'`);
    return v?.id;
  };
  const defaultValidator = doc['x-amazon-apigateway-request-validator'];
  const docSecurity = Array.isArray(doc.security) ? doc.security : undefined;

  const paths = new Map<string, Record<string, Method>>();
  for (const [path, rawItem] of Object.entries(asObj(doc.paths))) {
    if (!path.startsWith('/')) {
      warnings.push(`Ignoring path '${path}': paths start with '/'`);
      continue;
    }
    const item = asObj(rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    const methods: Record<string, Method> = {};
    const entries: Array<[string, Json]> = [];
    for (const v of VERBS) if (item[v]) entries.push([v.toUpperCase(), asObj(item[v])]);
    if (item['x-amazon-apigateway-any-method']) entries.push(['ANY', asObj(item['x-amazon-apigateway-any-method'])]);
    for (const [verb, op] of entries) {
      const where = `${verb} ${path}`;
      const requestParameters: Record<string, boolean> = {};
      const requestModels: Record<string, string> = {};
      for (const rawP of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = asObj(rawP);
        if (p.in === 'body') {
          const name = refName(asObj(p.schema).$ref);
          if (name)
            requestModels[(Array.isArray(op.consumes) ? op.consumes[0] : undefined) ?? 'application/json'] = name;
          continue;
        }
        const loc = LOCATION[String(p.in)];
        if (loc && typeof p.name === 'string')
          requestParameters[`method.request.${loc}.${p.name}`] = p.required === true;
      }
      for (const [ct, media] of Object.entries(asObj(asObj(op.requestBody).content))) {
        const name = refName(asObj(asObj(media).schema).$ref);
        if (name) requestModels[ct] = name;
      }
      const methodResponses: Record<string, MethodResponse> = {};
      for (const [code, rawR] of Object.entries(asObj(op.responses))) {
        if (!/^[1-5]\d\d$/.test(code)) continue;
        const r = asObj(rawR);
        const headers = Object.keys(asObj(r.headers));
        const responseModels: Record<string, string> = {};
        for (const [ct, media] of Object.entries(asObj(r.content))) {
          const name = refName(asObj(asObj(media).schema).$ref);
          if (name) responseModels[ct] = name;
        }
        const swaggerModel = refName(asObj(r.schema).$ref);
        if (swaggerModel) responseModels['application/json'] = swaggerModel;
        methodResponses[code] = Object.fromEntries(
          Object.entries({
            statusCode: code,
            responseParameters:
              headers.length > 0
                ? Object.fromEntries(headers.map((h) => [`method.response.header.${h}`, false]))
                : undefined,
            responseModels: Object.keys(responseModels).length > 0 ? responseModels : undefined,
          }).filter(([, v]) => v !== undefined),
        ) as unknown as MethodResponse;
      }
      let authorizationType = 'NONE';
      let authorizerId: string | undefined;
      let authorizationScopes: string[] | undefined;
      let apiKeyRequired = false;
      const security = Array.isArray(op.security) ? op.security : docSecurity;
      for (const req of security ?? []) {
        for (const [name, scopes] of Object.entries(asObj(req))) {
          const kind = schemeKinds.get(name);
          if (kind === 'api_key') apiKeyRequired = true;
          else if (kind === 'sigv4') authorizationType = 'AWS_IAM';
          else if (kind === 'authorizer') {
            const a = authorizers.find((x) => x.name === name)!;
            authorizationType = a.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
            authorizerId = a.id;
            if (Array.isArray(scopes) && scopes.length > 0)
              authorizationScopes = scopes.filter((s): s is string => typeof s === 'string');
          } else warnings.push(`Unknown security scheme '${name}' on '${where}'`);
        }
      }
      // x-amazon-apigateway-auth sets the authorization type of the method directly (NONE or AWS_IAM, any case).
      const auth = asObj(op['x-amazon-apigateway-auth']).type;
      if (typeof auth === 'string' && ['NONE', 'AWS_IAM'].includes(auth.toUpperCase()))
        authorizationType = auth.toUpperCase();
      else if (auth !== undefined)
        warnings.push(`Unsupported x-amazon-apigateway-auth type '${String(auth)}' on '${where}': use NONE or AWS_IAM`);
      const ext = op['x-amazon-apigateway-integration'];
      const methodIntegration = ext ? integrationFrom(asObj(ext), warnings, where) : undefined;
      if (!ext)
        warnings.push(
          `No x-amazon-apigateway-integration on '${where}': the method is imported without an integration`,
        );
      methods[verb] = Object.fromEntries(
        Object.entries({
          httpMethod: verb,
          authorizationType,
          authorizerId,
          apiKeyRequired,
          requestValidatorId: validatorId(op['x-amazon-apigateway-request-validator'] ?? defaultValidator, where),
          operationName: typeof op.operationId === 'string' ? op.operationId : undefined,
          requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
          requestModels: Object.keys(requestModels).length > 0 ? requestModels : undefined,
          methodResponses: Object.keys(methodResponses).length > 0 ? methodResponses : undefined,
          methodIntegration,
          authorizationScopes,
        }).filter(([, v]) => v !== undefined),
      ) as unknown as Method;
    }
    const full = prefix + (path === '/' && prefix ? '' : path);
    paths.set(full.length > 1 ? full.replace(/\/+$/, '') : full, methods);
  }

  // OpenAPI 3 declares the endpoint configuration on a server object, Swagger 2 at the top.
  const endpoint = oas3
    ? asObj(
        (Array.isArray(doc.servers) ? doc.servers : [])
          .map((x) => asObj(x)['x-amazon-apigateway-endpoint-configuration'])
          .find((x) => x !== undefined),
      )
    : asObj(doc['x-amazon-apigateway-endpoint-configuration']);
  const vpcEndpointIds = Array.isArray(endpoint.vpcEndpointIds)
    ? endpoint.vpcEndpointIds.filter((x): x is string => typeof x === 'string')
    : undefined;
  const policy = doc['x-amazon-apigateway-policy'];
  const api: ImportedDefinitions['api'] = Object.fromEntries(
    Object.entries({
      name: typeof info.title === 'string' && info.title !== '' ? info.title : undefined,
      description: typeof info.description === 'string' ? info.description : undefined,
      version: info.version !== undefined ? String(info.version) : undefined,
      binaryMediaTypes: Array.isArray(doc['x-amazon-apigateway-binary-media-types'])
        ? (doc['x-amazon-apigateway-binary-media-types'] as string[])
        : undefined,
      minimumCompressionSize: checkCompressionSize(doc['x-amazon-apigateway-minimum-compression-size']),
      apiKeySource:
        typeof doc['x-amazon-apigateway-api-key-source'] === 'string'
          ? oneOf(doc['x-amazon-apigateway-api-key-source'].toUpperCase(), 'apiKeySource', ['HEADER', 'AUTHORIZER'])
          : undefined,
      policy: policy === undefined ? undefined : typeof policy === 'string' ? policy : JSON.stringify(policy),
      disableExecuteApiEndpoint:
        typeof endpoint.disableExecuteApiEndpoint === 'boolean' ? endpoint.disableExecuteApiEndpoint : undefined,
      vpcEndpointIds: vpcEndpointIds && vpcEndpointIds.length > 0 ? vpcEndpointIds : undefined,
    }).filter(([, v]) => v !== undefined),
  );
  const gatewayResponses = readGatewayResponses(doc['x-amazon-apigateway-gateway-responses'], warnings);
  return { api, paths, models, authorizers, requestValidators, gatewayResponses, warnings };
}

/** `x-amazon-apigateway-gateway-responses`: one customization per response type; invalid ones become warnings. */
function readGatewayResponses(raw: unknown, warnings: string[]): Record<string, GatewayResponse> {
  const out: Record<string, GatewayResponse> = {};
  for (const [type, value] of Object.entries(asObj(raw))) {
    const r = asObj(value);
    try {
      checkResponseType(type);
      const statusCode =
        typeof r.statusCode === 'number' || typeof r.statusCode === 'string' ? String(r.statusCode) : undefined;
      out[type] = customGatewayResponse(type, {
        statusCode,
        responseParameters: asStrMap(r.responseParameters),
        responseTemplates: asStrMap(r.responseTemplates),
      });
    } catch (e) {
      warnings.push(`Unable to put gateway response '${type}': ${(e as Error).message}`);
    }
  }
  return out;
}

/** Finds or creates the resource chain for `path` under the root, returning the leaf. */
export function ensureResource(resources: Resource[], rootId: string, path: string): Resource {
  let current = resources.find((r) => r.id === rootId)!;
  if (path === '/') return current;
  for (const part of path.split('/').filter((p) => p !== '')) {
    let next = resources.find((r) => r.parentId === current.id && r.pathPart === part);
    if (!next) {
      next = {
        id: newId(ID_LENGTH.resource),
        parentId: current.id,
        pathPart: part,
        path: current.path === '/' ? `/${part}` : `${current.path}/${part}`,
      };
      resources.push(next);
    }
    current = next;
  }
  return current;
}
