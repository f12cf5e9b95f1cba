/**
 * The one model both sides of a reconcile are expressed in.
 *
 * `state/` compiles gateway-state files into it (the desired side); `aws/` reads and
 * normalizes live APIs into it (the live side). `diff/` compares two of them. Nothing
 * here does I/O or knows about the SDK.
 *
 * Normalization rules (both sides obey them, so an unchanged API diffs to nothing):
 * - AWS defaults are explicit: integration timeoutInMillis (REST 29000, HTTP 30000),
 *   passthroughBehavior WHEN_NO_MATCH (REST), connectionType INTERNET, apiKeyRequired false.
 * - Maps are always present (possibly empty), never undefined.
 * - Enum spellings are the AWS API's (HTTP_PROXY, WHEN_NO_MATCH), not OpenAPI's lower case.
 * - Generated ids, dates, cacheNamespace and other server-owned fields are not in the model;
 *   they live in `LiveIds` (see live.ts).
 * - Record keys are stable identities: API key = folder name under `apis/`,
 *   route key = `${method} ${path}` (or `$default`), stage/authorizer/validator/model = name.
 */

export type ApiKind = 'RestApi' | 'HttpApi';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export type EndpointType = 'REGIONAL' | 'EDGE' | 'PRIVATE';

/** REST API cache cluster sizes API Gateway offers, in GB (as strings on the wire). */
export const CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
export type CacheSizeGb = (typeof CACHE_SIZES_GB)[number];

export interface GatewayModel {
  region: string;
  /** `owner:` from gateway.yaml (see TAG_OWNER in live.ts); absent = the repository + path, when known. */
  owner?: string;
  defaults: GatewayDefaults;
  /** Keyed by API key (the folder name under `apis/`). */
  apis: Record<string, ApiModel>;
}

export interface GatewayDefaults {
  /** As written (validated by the schema); resolved per API into ApiModel.rollout. */
  rollout?: Partial<Omit<RolloutPolicy, 'onAlarmReadError'>> & { onAlarmReadError?: string };
  cost?: CostThresholds;
}

export interface CostThresholds {
  /** Show the cost section only when |delta| >= usd OR |delta%| >= percent. */
  commentThreshold?: { usd?: number; percent?: number };
}

export interface ApiModel {
  key: string;
  kind: ApiKind;
  name: string;
  description?: string;
  /** REST only. */
  endpointType?: EndpointType;
  /** REST only (x-amazon-apigateway-binary-media-types). */
  binaryMediaTypes: string[];
  /** REST only: HEADER (default) or AUTHORIZER. */
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  disableExecuteApiEndpoint?: boolean;
  /** HTTP only. */
  cors?: CorsModel;
  /** User tags. The tool's own tags (prefix `apigw-sync:`) are never part of the model. */
  tags: Record<string, string>;
  stages: Record<string, StageModel>;
  /** Keyed by `${method} ${path}`, e.g. `GET /users/{id}`; HTTP APIs may have `$default`. */
  routes: Record<string, RouteModel>;
  authorizers: Record<string, AuthorizerModel>;
  /** REST only. */
  requestValidators: Record<string, RequestValidatorModel>;
  /** REST only: request/response models (JSON Schema draft 4), keyed by model name. */
  models: Record<string, ModelSchema>;
  /** Resolved rollout policy (gateway defaults merged in); absent = deploy directly. */
  rollout?: RolloutPolicy;
  /** Declared traffic for cost estimates of APIs that have no CloudWatch history yet. */
  usage?: UsageOverride;
  /** Names of stage variables / parameters whose values are masked in every output. */
  secrets: string[];
}

export interface CorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

export interface StageModel {
  name: string;
  description?: string;
  variables: Record<string, string>;
  /** Stage-wide default route throttling (REST: methodSettings for all methods; HTTP: defaultRouteSettings). */
  throttling?: { rateLimit: number; burstLimit: number };
  /** REST only. */
  cache?: { sizeGb: CacheSizeGb; ttlSeconds: number };
  accessLog?: { destinationArn: string; format: string };
  /** REST only: X-Ray tracing. */
  tracingEnabled?: boolean;
  /** HTTP only; apigw-sync manages deployments itself, so it is false unless declared. */
  autoDeploy?: boolean;
}

export interface RouteModel {
  method: HttpMethod;
  /** Full path, pathPrefix and basePath already applied; starts with `/` (or `$default`). */
  path: string;
  operationName?: string;
  authorization: AuthorizationModel;
  apiKeyRequired: boolean;
  /** REST only: name of a request validator. */
  requestValidator?: string;
  /** REST: `method.request.path.id` → required. HTTP: unused (empty). */
  requestParameters: Record<string, boolean>;
  /** REST: content type → model name. */
  requestModels: Record<string, string>;
  /** REST: status code → response declaration. */
  methodResponses: Record<string, MethodResponseModel>;
  integration: IntegrationModel;
}

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS' | 'JWT';

export interface AuthorizationModel {
  type: AuthorizationType;
  /** Authorizer name (a key of ApiModel.authorizers) for CUSTOM, COGNITO_USER_POOLS, JWT. */
  authorizer?: string;
  scopes: string[];
}

export interface MethodResponseModel {
  /** `method.response.header.X` → required. */
  responseParameters: Record<string, boolean>;
  /** content type → model name. */
  responseModels: Record<string, string>;
}

export type IntegrationType = 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY' | 'MOCK';

export interface IntegrationModel {
  type: IntegrationType;
  uri?: string;
  /** Backend HTTP method (REST `httpMethod`, HTTP API `integrationMethod`). */
  httpMethod?: string;
  /** REST only; default WHEN_NO_MATCH. */
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  requestParameters: Record<string, string>;
  /** REST only. */
  requestTemplates: Record<string, string>;
  /** REST only: keyed by selection pattern (`default` for the catch-all). */
  responses: Record<string, IntegrationResponseModel>;
  timeoutInMillis: number;
  connectionType: 'INTERNET' | 'VPC_LINK';
  connectionId?: string;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  credentials?: string;
  cacheKeyParameters: string[];
  /** HTTP API only: '1.0' or '2.0'. */
  payloadFormatVersion?: string;
}

export interface IntegrationResponseModel {
  statusCode: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
}

export interface AuthorizerModel {
  name: string;
  /** REST: TOKEN | REQUEST | COGNITO_USER_POOLS. HTTP: JWT | REQUEST (Lambda). */
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS' | 'JWT';
  /** Lambda authorizers: the invocation ARN. */
  authorizerUri?: string;
  authorizerCredentials?: string;
  /** REST: `method.request.header.Authorization`; HTTP: `$request.header.Authorization`. */
  identitySource: string[];
  identityValidationExpression?: string;
  resultTtlSeconds?: number;
  /** Cognito user pool ARNs. */
  providerArns: string[];
  /** HTTP JWT authorizers. */
  jwt?: { issuer: string; audience: string[] };
  /** HTTP Lambda authorizers. */
  payloadFormatVersion?: string;
  enableSimpleResponses?: boolean;
}

export interface RequestValidatorModel {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface ModelSchema {
  contentType: string;
  /** JSON Schema (draft 4) as a plain object; compared structurally. */
  schema: unknown;
  description?: string;
}

/**
 * INSUFFICIENT_DATA is never a pass: a step cannot complete while any guarding alarm has no data.
 * - `rollback` (default): keep waiting; when the rollout timeout expires, roll back.
 * - `fail-fast`: roll back as soon as the step's bake time is over and an alarm still has no data.
 */
export type InsufficientDataAction = 'rollback' | 'fail-fast';

/**
 * When a guarding alarm cannot be read (CloudWatch error, throttling past the retries, a
 * missing alarm): the canary is not known to be healthy.
 * - `rollback` (default, fail safe): roll back at once.
 * - `wait <seconds>`: keep polling; roll back only when the alarms stay unreadable that long
 *   (a CloudWatch blip of a few seconds then does not undo a healthy release). A readable
 *   ALARM, the rollout timeout and Ctrl-C still roll back at once.
 */
export type AlarmReadErrorAction = 'rollback' | `wait ${number}`;

/** Seconds `wait <seconds>` tolerates unreadable alarms; 0 for `rollback`. */
export function alarmReadWaitSeconds(action: AlarmReadErrorAction): number {
  const m = /^wait (\d+)$/.exec(action);
  return m ? Number(m[1]) : 0;
}

export interface RolloutPolicy {
  stage: string;
  /** Increasing traffic percentages ending at 100, e.g. [5, 25, 50, 100]. */
  steps: number[];
  bakeSeconds: number;
  pollSeconds: number;
  /** Requests the canary must have served before a step may pass. */
  minRequests: number;
  /** Give up (and roll back) when the rollout has not finished after this long. */
  timeoutSeconds: number;
  /** See InsufficientDataAction. */
  onInsufficientData: InsufficientDataAction;
  /** See AlarmReadErrorAction. */
  onAlarmReadError: AlarmReadErrorAction;
  /**
   * The driver's lease on the rollout record: renewed at every poll; a driver that stops
   * renewing (killed, partitioned) is replaced by another once it expires.
   */
  leaseSeconds: number;
  /** Names of existing CloudWatch alarms that guard the rollout. */
  alarms: string[];
  /** Alarms apigw-sync creates and keeps on the canary's own metrics. */
  managedAlarms: ManagedAlarmModel[];
}

export interface ManagedAlarmModel {
  /** Suffix; the alarm is named `apigw-sync-<api>-<stage>-<name>`. */
  name: string;
  metric: '5XXError' | '4XXError' | 'Latency' | 'IntegrationLatency' | '5xx' | '4xx';
  statistic: 'Average' | 'Sum' | 'Maximum' | 'p99' | 'p95' | 'p90';
  threshold: number;
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
  periodSeconds: number;
  evaluationPeriods: number;
}

export interface UsageOverride {
  monthlyRequests?: number;
  avgResponseKb?: number;
}

/** The route key used in ApiModel.routes. */
export function routeKey(method: string, path: string): string {
  return path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`;
}
