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

import type { ApiHeaderModel } from '../kinds/api/model.js';
import type { AccountModel } from './account.js';
import type { AuthorizerModel } from '../kinds/authorizer/model.js';
import type { GatewayResponseModel } from '../kinds/gateway-response/model.js';
import type { ModelSchema } from '../kinds/model/model.js';
import type { RequestValidatorModel } from '../kinds/request-validator/model.js';
import type { RouteModel } from '../kinds/route/model.js';
import type { StageModel } from '../kinds/stage/model.js';
import type { TagsModel } from '../kinds/tags/model.js';
import type { WebSocketRouteModel } from '../kinds/ws-route/model.js';

// Each resource kind's model type lives with the rest of that kind (src/kinds/<kind>/model.ts);
// they are re-exported here so the model stays one vocabulary to import from.
export type { ApiKind, OpenApiKind, EndpointType, CorsModel, ApiHeaderModel } from '../kinds/api/model.js';
export {
  CACHE_SIZES_GB,
  type CacheSizeGb,
  type StageModel,
  type ExecutionLogging,
  type RouteSettingsModel,
} from '../kinds/stage/model.js';
export {
  routeKey,
  type HttpMethod,
  type AuthorizationType,
  type AuthorizationModel,
  type RouteModel,
  type RouteMethod,
} from '../kinds/route/model.js';
export type { MethodResponseModel } from '../kinds/method-response/model.js';
export type { IntegrationType, IntegrationModel } from '../kinds/integration/model.js';
export type { IntegrationResponseModel } from '../kinds/integration-response/model.js';
export type { AuthorizerModel } from '../kinds/authorizer/model.js';
export type { RequestValidatorModel } from '../kinds/request-validator/model.js';
export type { ModelSchema } from '../kinds/model/model.js';
export type { GatewayResponseModel } from '../kinds/gateway-response/model.js';
export type { TagsModel } from '../kinds/tags/model.js';
export {
  PREDEFINED_ROUTE_KEYS,
  type WebSocketRouteModel,
  type WsAuthorizationModel,
  type WsRouteLevel,
} from '../kinds/ws-route/model.js';
export type { RouteResponseModel } from '../kinds/route-response/model.js';
export type { WsIntegrationResponseModel } from '../kinds/ws-integration-response/model.js';

export interface GatewayModel {
  region: string;
  /** `owner:` from gateway.yaml (see TAG_OWNER in live.ts); absent = the repository + path, when known. */
  owner?: string;
  /** The environment this model was resolved for (`environments/<name>.yaml`); absent for a state without one. */
  environment?: string;
  defaults: GatewayDefaults;
  /** Keyed by API key (the folder name under `apis/`). */
  apis: Record<string, ApiModel>;
  /**
   * Account-scope records (custom domains, VPC links, client certificates, …: model/account.ts).
   * Absent when the state declares none (then a plan still deletes this owner's live ones).
   */
  account?: AccountModel;
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

/** One API: its own fields (ApiHeaderModel) and the records of every other kind, keyed by name. */
export interface ApiModel extends ApiHeaderModel {
  key: string;
  /** User tags. The tool's own tags (prefix `apigw-sync:`) are never part of the model. */
  tags: TagsModel;
  stages: Record<string, StageModel>;
  /** REST and HTTP: keyed by `${method} ${path}`, e.g. `GET /users/{id}`; HTTP APIs may have `$default`. */
  routes: Record<string, RouteModel>;
  /** WebSocket: keyed by route key (`$connect`, `$disconnect`, `$default`, `sendmessage`). */
  wsRoutes: Record<string, WebSocketRouteModel>;
  authorizers: Record<string, AuthorizerModel>;
  /** REST only. */
  requestValidators: Record<string, RequestValidatorModel>;
  /** REST and WebSocket: request/response models (JSON Schema draft 4), keyed by model name. */
  models: Record<string, ModelSchema>;
  /** REST only: gateway responses customized away from AWS's defaults, keyed by response type. */
  gatewayResponses: Record<string, GatewayResponseModel>;
  /** Resolved rollout policy (gateway defaults merged in); absent = deploy directly. */
  rollout?: RolloutPolicy;
  /** Declared traffic for cost estimates of APIs that have no CloudWatch history yet. */
  usage?: UsageOverride;
  /** Names of stage variables / parameters whose values are masked in every output. */
  secrets: string[];
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
  /** REST, HTTP, and WebSocket metrics (see src/validate/rules/rollout.ts for which kind has which). */
  metric:
    | '5XXError'
    | '4XXError'
    | 'Latency'
    | 'IntegrationLatency'
    | '5xx'
    | '4xx'
    | 'ConnectCount'
    | 'MessageCount'
    | 'IntegrationError'
    | 'ClientError'
    | 'ExecutionError';
  statistic: 'Average' | 'Sum' | 'Maximum' | 'p99' | 'p95' | 'p90';
  threshold: number;
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
  periodSeconds: number;
  evaluationPeriods: number;
}

export interface UsageOverride {
  monthlyRequests?: number;
  avgResponseKb?: number;
  /** WebSocket: messages a month (sent and received). */
  monthlyMessages?: number;
  /** WebSocket: connections a month. */
  monthlyConnections?: number;
  /** WebSocket: mean minutes a connection stays open (AWS publishes no connection-minutes metric). */
  avgConnectionMinutes?: number;
  /** WebSocket: mean message size in KB (32 KB metering). */
  avgMessageKb?: number;
}
