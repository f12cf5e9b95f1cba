/**
 * Hand-built ApiModel fixtures for diff/plan/render tests. Every builder returns a fully
 * normalized value (maps present, AWS defaults explicit — see src/model/api.ts), and takes
 * a partial override so each test states only what it is about.
 */
import type {
  ApiModel,
  AuthorizerModel,
  GatewayModel,
  IntegrationModel,
  RouteModel,
  StageModel,
  HttpMethod,
} from '../../src/model/api.js';
import { routeKey } from '../../src/model/api.js';
import type { LiveApi, LiveSnapshot, UnmanagedLiveApi } from '../../src/model/live.js';

type Over<T> = Partial<T>;

export function integration(kind: ApiModel['kind'], over: Over<IntegrationModel> = {}): IntegrationModel {
  const base: IntegrationModel =
    kind === 'RestApi'
      ? {
          type: 'HTTP_PROXY',
          uri: 'https://backend.internal.example.com/',
          httpMethod: 'ANY',
          passthroughBehavior: 'WHEN_NO_MATCH',
          requestParameters: {},
          requestTemplates: {},
          responses: {},
          timeoutInMillis: 29000,
          connectionType: 'INTERNET',
          cacheKeyParameters: [],
        }
      : {
          type: 'HTTP_PROXY',
          uri: 'https://backend.internal.example.com/',
          httpMethod: 'ANY',
          requestParameters: {},
          requestTemplates: {},
          responses: {},
          timeoutInMillis: 30000,
          connectionType: 'INTERNET',
          cacheKeyParameters: [],
          payloadFormatVersion: '1.0',
        };
  return { ...base, ...over };
}

export function route(
  kind: ApiModel['kind'],
  method: HttpMethod,
  path: string,
  over: Over<Omit<RouteModel, 'integration'>> & { integration?: Over<IntegrationModel> } = {},
): RouteModel {
  const { integration: integ, ...rest } = over;
  return {
    method,
    path,
    authorization: { type: 'NONE', scopes: [] },
    apiKeyRequired: false,
    requestParameters: {},
    requestModels: {},
    methodResponses: {},
    ...rest,
    integration: integration(kind, integ),
  };
}

export function stage(name: string, over: Over<StageModel> = {}): StageModel {
  return { name, variables: {}, ...over };
}

export function authorizer(name: string, over: Over<AuthorizerModel> = {}): AuthorizerModel {
  return {
    name,
    type: 'TOKEN',
    authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`,
    identitySource: ['method.request.header.Authorization'],
    resultTtlSeconds: 300,
    providerArns: [],
    ...over,
  };
}

/** An API with routes given as a list (keys computed), everything else empty unless overridden. */
export function api(
  key: string,
  kind: ApiModel['kind'],
  over: Over<Omit<ApiModel, 'routes'>> & { routes?: RouteModel[] } = {},
): ApiModel {
  const { routes = [], ...rest } = over;
  return {
    key,
    kind,
    name: `${key}-api`,
    binaryMediaTypes: [],
    tags: {},
    stages: {},
    routes: Object.fromEntries(routes.map((r) => [routeKey(r.method, r.path), r])),
    wsRoutes: {},
    authorizers: {},
    requestValidators: {},
    models: {},
    gatewayResponses: {},
    secrets: [],
    ...(kind === 'RestApi' ? { endpointType: 'REGIONAL' as const } : {}),
    ...rest,
  };
}

export function gateway(apis: ApiModel[], region = 'ap-northeast-2'): GatewayModel {
  return { region, defaults: {}, apis: Object.fromEntries(apis.map((a) => [a.key, a])) };
}

export function liveApi(model: ApiModel, apiId = `id-${model.key}`): LiveApi {
  return {
    model,
    ids: {
      apiId,
      resourceIds: {},
      routeIds: {},
      integrationIds: {},
      authorizerIds: {},
      requestValidatorIds: {},
      modelIds: {},
      routeResponseIds: {},
      integrationResponseIds: {},
      stageDeployments: Object.fromEntries(Object.keys(model.stages).map((s) => [s, { deploymentId: `dep-${s}-1` }])),
      toolTags: {},
    },
  };
}

export function snapshot(
  apis: ApiModel[],
  opts: { region?: string; unmanaged?: UnmanagedLiveApi[] } = {},
): LiveSnapshot {
  return {
    region: opts.region ?? 'ap-northeast-2',
    apis: Object.fromEntries(apis.map((a) => [a.key, liveApi(a)])),
    unmanaged: opts.unmanaged ?? [],
  };
}

/** Deep copy, so a test can change one field of a "live" twin without touching the desired side. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}
