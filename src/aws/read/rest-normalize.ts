/**
 * PURE: what the API Gateway v1 read calls return → ApiModel + LiveIds, in the form
 * the loader (src/state) compiles gateway-state into, so an unchanged API diffs to nothing.
 * The normalization rules are those at the top of src/model/api.ts.
 *
 * A few fields the loader keeps only when the state declares them, while AWS always
 * reports a value (its default). For those, a live value equal to AWS's default takes
 * the form the state uses: present when the state declares it, absent otherwise (see
 * `declared`). A real difference (any other value) is always kept.
 */
import { modelRefsFromAws } from '../../kinds/model/refs.js';
import type {
  Authorizer,
  Integration,
  Method,
  Model,
  RequestValidator,
  Resource,
  RestApi,
  Stage,
} from '@aws-sdk/client-api-gateway';
import type {
  ApiModel,
  AuthorizerModel,
  CacheSizeGb,
  HttpMethod,
  IntegrationModel,
  IntegrationResponseModel,
  MethodResponseModel,
  ModelSchema,
  RouteModel,
  StageModel,
} from '../../model/api.js';
import { routeKey } from '../../model/api.js';
import { emptyIds, type LiveApi, type LiveIds } from '../../model/live.js';
import { splitTags } from './tags.js';

export interface RestWire {
  api: RestApi;
  resources: Resource[];
  authorizers: Authorizer[];
  validators: RequestValidator[];
  models: Model[];
  stages: Stage[];
}

/** API Gateway's defaults for REST integrations and stages (made explicit or dropped). */
export const REST_DEFAULTS = {
  timeoutInMillis: 29000,
  passthroughBehavior: 'WHEN_NO_MATCH',
  /** What AWS fills into methodSettings['*\/*'] when a stage setting creates the entry. */
  methodThrottling: { rateLimit: 10000, burstLimit: 5000 },
  cacheTtlSeconds: 300,
  authorizerResultTtlSeconds: 300,
} as const;

const PROXY_TYPES = new Set(['HTTP_PROXY', 'AWS_PROXY']);

export function normalizeRestApi(key: string, w: RestWire, desired?: ApiModel): LiveApi {
  const { user, tool } = splitTags(w.api.tags);
  const ids: LiveIds = emptyIds(w.api.id ?? '', tool);
  const authorizerNames = new Map<string, string>();
  const authorizers: Record<string, AuthorizerModel> = {};
  for (const a of w.authorizers) {
    if (!a.id || !a.name) continue;
    authorizerNames.set(a.id, a.name);
    ids.authorizerIds[a.name] = a.id;
    authorizers[a.name] = restAuthorizer(a, desired?.authorizers[a.name]);
  }
  const validatorNames = new Map<string, string>();
  const requestValidators: ApiModel['requestValidators'] = {};
  for (const v of w.validators) {
    if (!v.id || !v.name) continue;
    validatorNames.set(v.id, v.name);
    ids.requestValidatorIds[v.name] = v.id;
    requestValidators[v.name] = { name: v.name, validateRequestBody: v.validateRequestBody ?? false, validateRequestParameters: v.validateRequestParameters ?? false };
  }
  const models: Record<string, ModelSchema> = {};
  for (const m of w.models) if (m.name) models[m.name] = restModel(m);

  const routes: Record<string, RouteModel> = {};
  for (const r of w.resources) {
    if (!r.path || !r.id) continue;
    ids.resourceIds[r.path] = r.id;
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const method = verb.toUpperCase() as HttpMethod;
      const rk = routeKey(method, r.path);
      routes[rk] = restRoute(method, r.path, m, { authorizerNames, validatorNames, declared: desired?.routes[rk] });
    }
  }

  dropBuiltinModels(models, routes, desired);

  const stages: Record<string, StageModel> = {};
  for (const s of w.stages) {
    if (!s.stageName) continue;
    stages[s.stageName] = restStage(s, desired?.stages[s.stageName]);
    const dep: LiveIds['stageDeployments'][string] = {};
    if (s.deploymentId) dep.deploymentId = s.deploymentId;
    if (s.canarySettings?.deploymentId) dep.canaryDeploymentId = s.canarySettings.deploymentId;
    if (s.canarySettings?.percentTraffic !== undefined) dep.canaryPercent = s.canarySettings.percentTraffic;
    ids.stageDeployments[s.stageName] = dep;
  }

  const model: ApiModel = {
    key,
    kind: 'RestApi',
    name: w.api.name ?? '',
    endpointType: (w.api.endpointConfiguration?.types?.[0] ?? 'EDGE') as ApiModel['endpointType'],
    binaryMediaTypes: [...(w.api.binaryMediaTypes ?? [])],
    apiKeySource: (w.api.apiKeySource ?? 'HEADER') as ApiModel['apiKeySource'],
    disableExecuteApiEndpoint: w.api.disableExecuteApiEndpoint ?? false,
    tags: user,
    stages: sortRecord(stages),
    routes: sortRecord(routes),
    authorizers: sortRecord(authorizers),
    requestValidators: sortRecord(requestValidators),
    models: sortRecord(models),
    secrets: [],
  };
  if (w.api.description !== undefined) model.description = w.api.description;
  return { model, ids };
}

/** The two models AWS puts into every new REST API (console and CreateRestApi alike). */
const BUILTIN_MODEL_TITLES: Record<string, string> = { Empty: 'Empty Schema', Error: 'Error Schema' };

/**
 * AWS's own `Empty` and `Error` models are defaults, not configuration: dropped unless the
 * state declares them or (no state: import) a route refers to them.
 */
export function dropBuiltinModels(models: Record<string, ModelSchema>, routes: Record<string, RouteModel>, desired?: ApiModel): void {
  for (const [name, title] of Object.entries(BUILTIN_MODEL_TITLES)) {
    const m = models[name];
    if (!m || (m.schema as { title?: unknown } | null)?.title !== title) continue;
    if (desired ? name in desired.models : isReferenced(name, routes)) continue;
    delete models[name];
  }
}

function isReferenced(model: string, routes: Record<string, RouteModel>): boolean {
  return Object.values(routes).some(
    (r) => Object.values(r.requestModels).includes(model) || Object.values(r.methodResponses).some((mr) => Object.values(mr.responseModels).includes(model)),
  );
}

export function restAuthorizer(a: Authorizer, declared?: AuthorizerModel): AuthorizerModel {
  const m: AuthorizerModel = {
    name: a.name ?? '',
    type: (a.type ?? 'TOKEN') as AuthorizerModel['type'],
    identitySource: splitList(a.identitySource),
    providerArns: [...(a.providerARNs ?? [])],
  };
  if (a.authorizerUri) m.authorizerUri = a.authorizerUri;
  if (a.authorizerCredentials) m.authorizerCredentials = a.authorizerCredentials;
  if (a.identityValidationExpression) m.identityValidationExpression = a.identityValidationExpression;
  const ttl = a.authorizerResultTtlInSeconds;
  if (ttl !== undefined && !(ttl === REST_DEFAULTS.authorizerResultTtlSeconds && declared && declared.resultTtlSeconds === undefined)) m.resultTtlSeconds = ttl;
  return m;
}

function restModel(m: Model): ModelSchema {
  let schema: unknown = m.schema;
  if (typeof m.schema === 'string') {
    try {
      schema = modelRefsFromAws(JSON.parse(m.schema));
    } catch {
      schema = m.schema; // not JSON: compared as text
    }
  }
  const out: ModelSchema = { contentType: m.contentType ?? 'application/json', schema };
  if (m.description) out.description = m.description;
  return out;
}

function restRoute(
  method: HttpMethod,
  path: string,
  m: Method,
  names: { authorizerNames: Map<string, string>; validatorNames: Map<string, string>; declared?: RouteModel },
): RouteModel {
  const methodResponses: Record<string, MethodResponseModel> = {};
  for (const [code, r] of Object.entries(m.methodResponses ?? {})) {
    methodResponses[code] = { responseParameters: { ...(r.responseParameters ?? {}) }, responseModels: { ...(r.responseModels ?? {}) } };
  }
  const route: RouteModel = {
    method,
    path,
    authorization: {
      type: (m.authorizationType ?? 'NONE') as RouteModel['authorization']['type'],
      scopes: [...(m.authorizationScopes ?? [])],
    },
    apiKeyRequired: m.apiKeyRequired ?? false,
    requestParameters: { ...(m.requestParameters ?? {}) },
    requestModels: { ...(m.requestModels ?? {}) },
    methodResponses: sortRecord(methodResponses),
    integration: restIntegration(m.methodIntegration, names.declared?.integration),
  };
  if (m.operationName) route.operationName = m.operationName;
  const az = m.authorizerId ? names.authorizerNames.get(m.authorizerId) ?? m.authorizerId : undefined;
  if (az) route.authorization.authorizer = az;
  const validator = m.requestValidatorId ? names.validatorNames.get(m.requestValidatorId) ?? m.requestValidatorId : undefined;
  if (validator) route.requestValidator = validator;
  return route;
}

/**
 * A method without an integration (possible in AWS, never deployable) reads as a MOCK
 * with timeout 0: it equals nothing a state can declare, so the plan always fixes it.
 */
export function restIntegration(i: Integration | undefined, declared?: IntegrationModel): IntegrationModel {
  if (!i) {
    return { type: 'MOCK', requestParameters: {}, requestTemplates: {}, responses: {}, timeoutInMillis: 0, connectionType: 'INTERNET', cacheKeyParameters: [] };
  }
  const type = (i.type ?? 'MOCK') as IntegrationModel['type'];
  const responses: Record<string, IntegrationResponseModel> = {};
  for (const r of Object.values(i.integrationResponses ?? {})) {
    const resp: IntegrationResponseModel = {
      statusCode: r.statusCode ?? '200',
      responseParameters: { ...(r.responseParameters ?? {}) },
      responseTemplates: { ...(r.responseTemplates ?? {}) },
    };
    if (r.contentHandling) resp.contentHandling = r.contentHandling as IntegrationResponseModel['contentHandling'];
    responses[r.selectionPattern ? r.selectionPattern : 'default'] = resp;
  }
  const m: IntegrationModel = {
    type,
    requestParameters: { ...(i.requestParameters ?? {}) },
    requestTemplates: { ...(i.requestTemplates ?? {}) },
    responses: sortRecord(responses),
    timeoutInMillis: i.timeoutInMillis ?? REST_DEFAULTS.timeoutInMillis,
    connectionType: (i.connectionType ?? 'INTERNET') as IntegrationModel['connectionType'],
    cacheKeyParameters: [...(i.cacheKeyParameters ?? [])],
  };
  if (i.uri) m.uri = i.uri;
  if (i.httpMethod) m.httpMethod = i.httpMethod.toUpperCase();
  // Proxy integrations ignore passthroughBehavior; AWS still reports its default, the state omits it.
  const pb = (i.passthroughBehavior ?? REST_DEFAULTS.passthroughBehavior) as IntegrationModel['passthroughBehavior'];
  if (!PROXY_TYPES.has(type) || pb !== REST_DEFAULTS.passthroughBehavior || declared?.passthroughBehavior !== undefined) m.passthroughBehavior = pb;
  if (i.connectionId) m.connectionId = i.connectionId;
  if (i.contentHandling) m.contentHandling = i.contentHandling as IntegrationModel['contentHandling'];
  if (i.credentials) m.credentials = i.credentials;
  return m;
}

/**
 * Stage-wide settings live in methodSettings['*\/*'] (throttling, cache TTL). Throttling
 * that is "off" (-1) or AWS's own fill-in (10000/5000, the account default) is no
 * throttling — unless the state declares exactly those numbers.
 * `autoDeploy` is not a REST setting: it is whatever the state says (ignored).
 */
export function restStage(s: Stage, declared?: StageModel): StageModel {
  const all = s.methodSettings?.['*/*'];
  const stage: StageModel = { name: s.stageName ?? '', variables: { ...(s.variables ?? {}) } };
  if (s.description) stage.description = s.description;
  const rate = all?.throttlingRateLimit;
  const burst = all?.throttlingBurstLimit;
  const declaredDefault = declared?.throttling && isDefaultThrottling(declared.throttling.rateLimit, declared.throttling.burstLimit);
  if (rate !== undefined && burst !== undefined && rate >= 0 && burst >= 0 && (!isDefaultThrottling(rate, burst) || declaredDefault)) {
    stage.throttling = { rateLimit: rate, burstLimit: burst };
  }
  if (s.cacheClusterEnabled) {
    stage.cache = {
      sizeGb: Number(s.cacheClusterSize ?? '0.5') as CacheSizeGb,
      ttlSeconds: all?.cacheTtlInSeconds ?? REST_DEFAULTS.cacheTtlSeconds,
    };
  }
  if (s.accessLogSettings?.destinationArn) {
    stage.accessLog = { destinationArn: s.accessLogSettings.destinationArn, format: s.accessLogSettings.format ?? '' };
  }
  if (s.tracingEnabled || declared?.tracingEnabled !== undefined) stage.tracingEnabled = s.tracingEnabled ?? false;
  if (declared?.autoDeploy !== undefined) stage.autoDeploy = declared.autoDeploy;
  return stage;
}

export function isDefaultThrottling(rate: number, burst: number): boolean {
  return rate === REST_DEFAULTS.methodThrottling.rateLimit && burst === REST_DEFAULTS.methodThrottling.burstLimit;
}

export function splitList(v: string | string[] | undefined): string[] {
  if (Array.isArray(v)) return v.map((s) => s.trim()).filter(Boolean);
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Records in key order, so reads are stable whatever order AWS lists things in. */
export function sortRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
