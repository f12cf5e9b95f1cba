/**
 * ImportApi/ReimportApi: an OpenAPI 3 document (JSON or YAML) with API Gateway's extensions
 * becomes routes, integrations and authorizers. Things the emulator cannot map become
 * warnings (and a BadRequest under failOnWarnings), never silent guesses.
 */
import { parse as parseYaml } from 'yaml';
import { badRequest } from '../core/types.js';
import { buildAuthorizer } from './authorizers.js';
import { corsFromExtension } from './cors.js';
import { buildIntegration, targetOf } from './integrations.js';
import { newRoute } from './routes.js';
import type { Authorizer, Cors, Integration, Route } from './types.js';

export interface ImportedDefinition {
  name: string;
  description?: string;
  version?: string;
  cors?: Cors;
  /** `servers[].x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint`. */
  disableExecuteApiEndpoint?: boolean;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  warnings: string[];
}

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

const OPERATION_KEYS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

function parseDocument(body: string): Doc {
  let doc: unknown;
  try {
    doc = parseYaml(body);
  } catch (e) {
    throw badRequest(`Unable to parse the API definition: ${(e as Error).message}`);
  }
  if (!isObj(doc)) throw badRequest('The API definition must be an OpenAPI 3 object');
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw badRequest(
      `Unsupported definition version ${String(doc.openapi ?? doc.swagger ?? '(none)')}; this emulator imports OpenAPI 3.0 documents`,
    );
  }
  return doc;
}

const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v.map(String)
    : typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;

function readAuthorizers(doc: Doc, warnings: string[]): { authorizers: Authorizer[]; sigv4: Set<string> } {
  const schemes = isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const authorizers: Authorizer[] = [];
  const sigv4 = new Set<string>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObj(scheme)) continue;
    if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') {
      sigv4.add(name);
      continue;
    }
    const ext = scheme['x-amazon-apigateway-authorizer'];
    if (!isObj(ext)) {
      warnings.push(`Security scheme ${name} has no x-amazon-apigateway-authorizer; it was ignored`);
      continue;
    }
    const type = String(ext.type ?? '').toLowerCase();
    const identitySource = strList(ext.identitySource) ?? [];
    if (type === 'jwt') {
      const jwt = isObj(ext.jwtConfiguration) ? ext.jwtConfiguration : {};
      authorizers.push(
        buildAuthorizer({
          name,
          authorizerType: 'JWT',
          identitySource,
          jwtConfiguration: { issuer: jwt.issuer as string | undefined, audience: strList(jwt.audience) },
        }),
      );
    } else if (type === 'request') {
      authorizers.push(
        buildAuthorizer({
          name,
          authorizerType: 'REQUEST',
          identitySource,
          authorizerUri: ext.authorizerUri as string | undefined,
          authorizerCredentialsArn: ext.authorizerCredentials as string | undefined,
          authorizerPayloadFormatVersion: ext.authorizerPayloadFormatVersion as string | undefined,
          authorizerResultTtlInSeconds: ext.authorizerResultTtlInSeconds as number | undefined,
          enableSimpleResponses: ext.enableSimpleResponses as boolean | undefined,
        }),
      );
    } else {
      warnings.push(`Authorizer ${name} has unsupported type ${type || '(none)'}; it was ignored`);
    }
  }
  return { authorizers, sigv4 };
}

function readIntegration(ext: Doc): Integration {
  const type = String(ext.type ?? '').toUpperCase() as Integration['integrationType'];
  const tls = isObj(ext.tlsConfig)
    ? { serverNameToVerify: ext.tlsConfig.serverNameToVerify as string | undefined }
    : undefined;
  return buildIntegration(
    Object.fromEntries(
      Object.entries({
        integrationType: type,
        integrationUri: ext.uri as string | undefined,
        integrationMethod: ext.httpMethod as string | undefined,
        payloadFormatVersion: ext.payloadFormatVersion as string | undefined,
        connectionType: ext.connectionType as Integration['connectionType'] | undefined,
        connectionId: ext.connectionId as string | undefined,
        credentialsArn: ext.credentials as string | undefined,
        integrationSubtype: ext.integrationSubtype as string | undefined,
        timeoutInMillis: ext.timeoutInMillis as number | undefined,
        requestParameters: isObj(ext.requestParameters) ? (ext.requestParameters as Record<string, string>) : undefined,
        responseParameters: isObj(ext.responseParameters)
          ? (ext.responseParameters as Record<string, Record<string, string>>)
          : undefined,
        tlsConfig: tls,
        description: ext.description as string | undefined,
      }).filter(([, v]) => v !== undefined),
    ),
  );
}

export function importOpenApi(body: string): ImportedDefinition {
  const doc = parseDocument(body);
  const info = isObj(doc.info) ? doc.info : {};
  const name = typeof info.title === 'string' && info.title !== '' ? info.title : undefined;
  if (!name) throw badRequest('The API definition needs info.title (it becomes the API name)');
  const warnings: string[] = [];
  const { authorizers, sigv4 } = readAuthorizers(doc, warnings);
  const routes: Route[] = [];
  const integrations: Integration[] = [];
  const globalSecurity = Array.isArray(doc.security) ? doc.security : undefined;
  for (const [path, item] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (!isObj(item)) continue;
    for (const [key, op] of Object.entries(item)) {
      const method = OPERATION_KEYS[key];
      if (!method || !isObj(op)) continue;
      const routeKey = path === '/$default' && method === 'ANY' ? '$default' : `${method} ${path}`;
      const route = newRoute({
        routeKey,
        operationName: typeof op.operationId === 'string' ? op.operationId : undefined,
      });
      const ext = op['x-amazon-apigateway-integration'] ?? item['x-amazon-apigateway-integration'];
      if (isObj(ext)) {
        const integration = readIntegration(ext);
        integrations.push(integration);
        route.target = targetOf(integration.integrationId);
      }
      const security = Array.isArray(op.security) ? op.security : globalSecurity;
      const requirement = security?.find((r) => isObj(r) && Object.keys(r).length > 0) as
        Record<string, unknown> | undefined;
      if (requirement) {
        const [schemeName, scopes] = Object.entries(requirement)[0];
        const a = authorizers.find((x) => x.name === schemeName);
        if (sigv4.has(schemeName)) route.authorizationType = 'AWS_IAM';
        else if (a) {
          route.authorizationType = a.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM';
          route.authorizerId = a.authorizerId;
          const list = strList(scopes) ?? [];
          if (a.authorizerType === 'JWT' && list.length > 0) route.authorizationScopes = list;
        } else
          warnings.push(
            `Route ${routeKey} refers to security scheme ${schemeName}, which is not defined with an authorizer`,
          );
      }
      // x-amazon-apigateway-auth sets the route's authorization type directly (NONE or AWS_IAM, any case).
      const auth = isObj(op['x-amazon-apigateway-auth']) ? op['x-amazon-apigateway-auth'].type : undefined;
      if (typeof auth === 'string' && auth.toUpperCase() === 'AWS_IAM') route.authorizationType = 'AWS_IAM';
      else if (typeof auth === 'string' && auth.toUpperCase() === 'NONE') route.authorizationType = 'NONE';
      else if (auth !== undefined)
        warnings.push(
          `Route ${routeKey} has unsupported x-amazon-apigateway-auth type ${String(auth)}; use NONE or AWS_IAM`,
        );
      routes.push(route);
    }
  }
  const endpoint = (Array.isArray(doc.servers) ? doc.servers : [])
    .map((x) => (isObj(x) ? x['x-amazon-apigateway-endpoint-configuration'] : undefined))
    .find(isObj);
  return {
    name,
    description: typeof info.description === 'string' ? info.description : undefined,
    version: typeof info.version === 'string' ? info.version : undefined,
    cors: corsFromExtension(doc['x-amazon-apigateway-cors']),
    disableExecuteApiEndpoint:
      typeof endpoint?.disableExecuteApiEndpoint === 'boolean' ? endpoint.disableExecuteApiEndpoint : undefined,
    routes,
    integrations,
    authorizers,
    warnings,
  };
}
