/**
 * ExportApi: an HTTP API (its current definition, or a stage's deployed snapshot) as
 * OpenAPI 3.0.1 with the `x-amazon-apigateway-*` extensions API Gateway itself writes, so
 * the document re-imports (ImportApi/ReimportApi) into the same routes and integrations.
 */
import type { Authorizer, DeployedSnapshot, Integration, Route } from './types.js';

export interface ExportOptions {
  apiId: string;
  region: string;
  createdDate: string;
  stageName?: string;
  includeExtensions: boolean;
  /** An API setting, not part of a deployment: written from the live API. */
  disableExecuteApiEndpoint?: boolean;
}

type Doc = Record<string, unknown>;

const ANY = 'x-amazon-apigateway-any-method';

/** `GET /pets/{id}` → ['/pets/{id}', 'get']; `$default` → ['/$default', any-method]. */
export function routeKeyToOperation(routeKey: string): [path: string, method: string] {
  if (routeKey === '$default') return ['/$default', ANY];
  const [method, path] = routeKey.split(' ');
  return [path, method === 'ANY' ? ANY : method.toLowerCase()];
}

function awsDateVersion(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'UTC');
}

function integrationExtension(i: Integration): Doc {
  return stripUndefined({
    type: i.integrationType.toLowerCase(),
    httpMethod: i.integrationMethod,
    uri: i.integrationUri,
    payloadFormatVersion: i.payloadFormatVersion,
    connectionType: i.connectionType,
    connectionId: i.connectionId,
    credentials: i.credentialsArn,
    integrationSubtype: i.integrationSubtype,
    timeoutInMillis: i.timeoutInMillis,
    requestParameters: i.requestParameters,
    responseParameters: i.responseParameters,
    tlsConfig: i.tlsConfig,
    description: i.description,
  });
}

function securityScheme(a: Authorizer, includeExtensions: boolean): Doc {
  if (a.authorizerType === 'JWT') {
    return stripUndefined({
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': includeExtensions
        ? { identitySource: a.identitySource.join(', '), jwtConfiguration: a.jwtConfiguration, type: 'jwt' }
        : undefined,
    });
  }
  const header = /^\$request\.header\.(.+)$/.exec(a.identitySource[0] ?? '');
  return stripUndefined({
    type: 'apiKey',
    name: header ? header[1] : 'Unused',
    in: 'header',
    'x-amazon-apigateway-authorizer': includeExtensions
      ? stripUndefined({
          identitySource: a.identitySource.length > 0 ? a.identitySource.join(', ') : undefined,
          authorizerUri: a.authorizerUri,
          authorizerCredentials: a.authorizerCredentialsArn,
          authorizerPayloadFormatVersion: a.authorizerPayloadFormatVersion,
          authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
          enableSimpleResponses: a.enableSimpleResponses,
          type: 'request',
        })
      : undefined,
  });
}

function operation(route: Route, snap: DeployedSnapshot, opts: ExportOptions, usesSigv4: { value: boolean }): Doc {
  const [path] = routeKeyToOperation(route.routeKey);
  const params = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const op: Doc = stripUndefined({
    operationId: route.operationName,
    parameters: params.length > 0 ? params : undefined,
    responses: { default: { description: `Default response for ${route.routeKey}` } },
  });
  if (route.authorizationType === 'JWT' || route.authorizationType === 'CUSTOM') {
    const a = snap.authorizers.find((x) => x.authorizerId === route.authorizerId);
    if (a) op.security = [{ [a.name]: route.authorizationScopes ?? [] }];
  } else if (route.authorizationType === 'AWS_IAM') {
    op.security = [{ sigv4: [] }];
    usesSigv4.value = true;
  }
  const integrationId = route.target?.replace(/^integrations\//, '');
  const integration = snap.integrations.find((i) => i.integrationId === integrationId);
  if (integration && opts.includeExtensions) op['x-amazon-apigateway-integration'] = integrationExtension(integration);
  return op;
}

export function exportOpenApi(snap: DeployedSnapshot, opts: ExportOptions): Doc {
  const paths: Record<string, Doc> = {};
  const usesSigv4 = { value: false };
  const sorted = [...snap.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey));
  for (const route of sorted) {
    const [path, method] = routeKeyToOperation(route.routeKey);
    (paths[path] ??= {})[method] = operation(route, snap, opts, usesSigv4);
  }
  const schemes: Record<string, Doc> = {};
  for (const a of snap.authorizers) schemes[a.name] = securityScheme(a, opts.includeExtensions);
  if (usesSigv4.value) {
    schemes.sigv4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  }
  return stripUndefined({
    openapi: '3.0.1',
    info: stripUndefined({
      title: snap.api.name,
      description: snap.api.description,
      version: snap.api.version ?? awsDateVersion(opts.createdDate),
    }),
    servers: [
      {
        url: `https://${opts.apiId}.execute-api.${opts.region}.amazonaws.com/{basePath}`,
        variables: { basePath: { default: opts.stageName && opts.stageName !== '$default' ? opts.stageName : '' } },
        ...(opts.includeExtensions && opts.disableExecuteApiEndpoint
          ? { 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }
          : {}),
      },
    ],
    paths,
    components: Object.keys(schemes).length > 0 ? { securitySchemes: schemes } : undefined,
    'x-amazon-apigateway-cors': opts.includeExtensions ? snap.api.corsConfiguration : undefined,
    'x-amazon-apigateway-importexport-version': opts.includeExtensions ? '1.0' : undefined,
  });
}

function stripUndefined<T extends Doc>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
