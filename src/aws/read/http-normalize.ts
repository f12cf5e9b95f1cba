/**
 * PURE: what the API Gateway v2 read calls return for an HTTP API → ApiModel + LiveIds,
 * in the loader's form (see rest-normalize.ts for the `declared` rule). Routes are joined
 * to their integrations through `Target: integrations/<id>`; authorizer ids become names.
 */
import type { Api, Authorizer, Integration, Route, Stage } from '@aws-sdk/client-apigatewayv2';
import type { ApiModel, AuthorizerModel, HttpMethod, IntegrationModel, RouteModel, StageModel } from '../../model/api.js';
import { emptyIds, type LiveApi, type LiveIds } from '../../model/live.js';
import { sortRecord } from './rest-normalize.js';
import { splitTags } from './tags.js';

export interface HttpWire {
  api: Api;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  stages: Stage[];
}

export const HTTP_DEFAULTS = {
  timeoutInMillis: 30000,
  authorizerResultTtlSeconds: 0,
  enableSimpleResponses: false,
} as const;

export function normalizeHttpApi(key: string, w: HttpWire, desired?: ApiModel): LiveApi {
  const { user, tool } = splitTags(w.api.Tags);
  const ids: LiveIds = emptyIds(w.api.ApiId ?? '', tool);
  const authorizerNames = new Map<string, string>();
  const authorizers: Record<string, AuthorizerModel> = {};
  for (const a of w.authorizers) {
    if (!a.AuthorizerId || !a.Name) continue;
    authorizerNames.set(a.AuthorizerId, a.Name);
    ids.authorizerIds[a.Name] = a.AuthorizerId;
    authorizers[a.Name] = httpAuthorizer(a, desired?.authorizers[a.Name]);
  }
  const integrations = new Map(w.integrations.filter((i) => i.IntegrationId).map((i) => [i.IntegrationId!, i]));

  const routes: Record<string, RouteModel> = {};
  for (const r of w.routes) {
    if (!r.RouteKey || !r.RouteId) continue;
    const [method, path] = splitRouteKey(r.RouteKey);
    const rk = r.RouteKey === '$default' ? '$default' : `${method} ${path}`;
    const integrationId = r.Target?.startsWith('integrations/') ? r.Target.slice('integrations/'.length) : undefined;
    ids.routeIds[rk] = r.RouteId;
    if (integrationId) ids.integrationIds[rk] = integrationId;
    const route: RouteModel = {
      method,
      path,
      authorization: { type: (r.AuthorizationType ?? 'NONE') as RouteModel['authorization']['type'], scopes: [...(r.AuthorizationScopes ?? [])] },
      apiKeyRequired: r.ApiKeyRequired ?? false,
      requestParameters: {},
      requestModels: {},
      methodResponses: {},
      integration: httpIntegration(integrationId ? integrations.get(integrationId) : undefined),
    };
    if (r.OperationName) route.operationName = r.OperationName;
    const az = r.AuthorizerId ? authorizerNames.get(r.AuthorizerId) ?? r.AuthorizerId : undefined;
    if (az) route.authorization.authorizer = az;
    routes[rk] = route;
  }

  const stages: Record<string, StageModel> = {};
  for (const s of w.stages) {
    if (!s.StageName) continue;
    stages[s.StageName] = httpStage(s);
    ids.stageDeployments[s.StageName] = s.DeploymentId ? { deploymentId: s.DeploymentId } : {};
  }

  const model: ApiModel = {
    key,
    kind: 'HttpApi',
    name: w.api.Name ?? '',
    binaryMediaTypes: [],
    disableExecuteApiEndpoint: w.api.DisableExecuteApiEndpoint ?? false,
    tags: user,
    stages: sortRecord(stages),
    routes: sortRecord(routes),
    authorizers: sortRecord(authorizers),
    requestValidators: {},
    models: {},
    secrets: [],
  };
  if (w.api.Description !== undefined) model.description = w.api.Description;
  // HTTP APIs have no endpoint configuration in AWS (always regional): the state's word stands.
  if (desired?.endpointType !== undefined) model.endpointType = desired.endpointType;
  const c = w.api.CorsConfiguration;
  if (c) {
    model.cors = {
      allowOrigins: [...(c.AllowOrigins ?? [])],
      allowMethods: [...(c.AllowMethods ?? [])],
      allowHeaders: [...(c.AllowHeaders ?? [])],
      exposeHeaders: [...(c.ExposeHeaders ?? [])],
    };
    if (c.AllowCredentials !== undefined) model.cors.allowCredentials = c.AllowCredentials;
    if (c.MaxAge !== undefined) model.cors.maxAge = c.MaxAge;
  }
  return { model, ids };
}

function splitRouteKey(routeKey: string): [HttpMethod, string] {
  if (routeKey === '$default') return ['ANY', '$default'];
  const at = routeKey.indexOf(' ');
  return [routeKey.slice(0, at).toUpperCase() as HttpMethod, routeKey.slice(at + 1)];
}

/** A route without a target reads like a REST method without integration (rest-normalize.ts). */
export function httpIntegration(i: Integration | undefined): IntegrationModel {
  const m: IntegrationModel = {
    type: (i?.IntegrationType ?? 'MOCK') as IntegrationModel['type'],
    requestParameters: { ...(i?.RequestParameters ?? {}) },
    requestTemplates: { ...(i?.RequestTemplates ?? {}) },
    responses: {},
    timeoutInMillis: i ? (i.TimeoutInMillis ?? HTTP_DEFAULTS.timeoutInMillis) : 0,
    connectionType: (i?.ConnectionType ?? 'INTERNET') as IntegrationModel['connectionType'],
    cacheKeyParameters: [],
  };
  if (!i) return m;
  if (i.IntegrationUri) m.uri = i.IntegrationUri;
  if (i.IntegrationMethod) m.httpMethod = i.IntegrationMethod.toUpperCase();
  if (i.ConnectionId) m.connectionId = i.ConnectionId;
  if (i.ContentHandlingStrategy) m.contentHandling = i.ContentHandlingStrategy as IntegrationModel['contentHandling'];
  if (i.CredentialsArn) m.credentials = i.CredentialsArn;
  m.payloadFormatVersion = i.PayloadFormatVersion ?? (m.type === 'AWS_PROXY' ? '2.0' : '1.0');
  return m;
}

export function httpAuthorizer(a: Authorizer, declared?: AuthorizerModel): AuthorizerModel {
  const type = a.AuthorizerType === 'JWT' ? 'JWT' : 'REQUEST';
  const m: AuthorizerModel = {
    name: a.Name ?? '',
    type,
    identitySource: [...(a.IdentitySource ?? [])],
    providerArns: [],
  };
  if (a.AuthorizerUri) m.authorizerUri = a.AuthorizerUri;
  if (a.AuthorizerCredentialsArn) m.authorizerCredentials = a.AuthorizerCredentialsArn;
  if (a.IdentityValidationExpression) m.identityValidationExpression = a.IdentityValidationExpression;
  const ttl = a.AuthorizerResultTtlInSeconds;
  if (ttl !== undefined && !(ttl === HTTP_DEFAULTS.authorizerResultTtlSeconds && declared && declared.resultTtlSeconds === undefined)) m.resultTtlSeconds = ttl;
  if (type === 'JWT') m.jwt = { issuer: a.JwtConfiguration?.Issuer ?? '', audience: [...(a.JwtConfiguration?.Audience ?? [])] };
  if (type === 'REQUEST') {
    m.payloadFormatVersion = a.AuthorizerPayloadFormatVersion ?? '2.0';
    const simple = a.EnableSimpleResponses;
    if (simple !== undefined && !(simple === HTTP_DEFAULTS.enableSimpleResponses && declared && declared.enableSimpleResponses === undefined)) m.enableSimpleResponses = simple;
  }
  return m;
}

export function httpStage(s: Stage): StageModel {
  const stage: StageModel = { name: s.StageName ?? '', variables: { ...(s.StageVariables ?? {}) }, autoDeploy: s.AutoDeploy ?? false };
  if (s.Description) stage.description = s.Description;
  const rate = s.DefaultRouteSettings?.ThrottlingRateLimit;
  const burst = s.DefaultRouteSettings?.ThrottlingBurstLimit;
  if (rate !== undefined && burst !== undefined) stage.throttling = { rateLimit: rate, burstLimit: burst };
  if (s.AccessLogSettings?.DestinationArn) {
    stage.accessLog = { destinationArn: s.AccessLogSettings.DestinationArn, format: s.AccessLogSettings.Format ?? '' };
  }
  return stage;
}
