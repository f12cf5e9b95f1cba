/** REST API cache cluster sizes API Gateway offers, in GB (as strings on the wire). */
export const CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
export type CacheSizeGb = (typeof CACHE_SIZES_GB)[number];

/** Execution log levels (REST methods, WebSocket routes; HTTP APIs have no execution logs). */
export const LOGGING_LEVELS = ['OFF', 'ERROR', 'INFO'] as const;
export type LoggingLevel = (typeof LOGGING_LEVELS)[number];

/** What API Gateway does when a client without execute-api:InvalidateCache sends `Cache-Control: max-age=0`. */
export const UNAUTHORIZED_CACHE_STRATEGIES = [
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
] as const;
export type UnauthorizedCacheStrategy = (typeof UNAUTHORIZED_CACHE_STRATEGIES)[number];

export interface Throttling {
  rateLimit: number;
  burstLimit: number;
}

/** Execution logging to CloudWatch Logs (`API-Gateway-Execution-Logs_{apiId}/{stage}`). */
export interface ExecutionLogging {
  level: LoggingLevel;
  /** Full request and response bodies in the execution log. */
  dataTrace: boolean;
}

/** REST method caching; a member left out is the stage's (its `cache`). */
export interface MethodCaching {
  enabled?: boolean;
  ttlSeconds?: number;
  encrypted?: boolean;
  /** Clients need execute-api:InvalidateCache to invalidate an entry with `Cache-Control: max-age=0`. */
  requireAuthorization?: boolean;
  unauthorizedStrategy?: UnauthorizedCacheStrategy;
}

/**
 * One route's settings on a stage (REST: a method setting `{resourcePath}/{httpMethod}`; HTTP
 * and WebSocket: a RouteSettings entry), keyed by the route key. A member left out is the
 * stage's own value; the model holds only what differs from it (or what the state declares).
 */
export interface RouteSettingsModel {
  throttling?: Throttling;
  detailedMetrics?: boolean;
  /** REST (and WebSocket) only. */
  logging?: ExecutionLogging;
  /** REST only. */
  caching?: MethodCaching;
}

/** The stage's cache cluster (REST) and the caching every method gets unless its route settings say otherwise. */
export interface StageCache {
  sizeGb: CacheSizeGb;
  ttlSeconds: number;
  /** Every method caches (AWS `*\/*` caching/enabled); false: only routes whose settings enable it. Default true. */
  allMethods?: boolean;
  /** Default false. */
  encrypted?: boolean;
  /** Default true. */
  requireAuthorization?: boolean;
  /** Default SUCCEED_WITH_RESPONSE_HEADER. */
  unauthorizedStrategy?: UnauthorizedCacheStrategy;
}

export interface StageModel {
  name: string;
  description?: string;
  variables: Record<string, string>;
  /** Stage-wide default route throttling (REST: methodSettings for all methods; HTTP: defaultRouteSettings). */
  throttling?: Throttling;
  /** REST only. */
  cache?: StageCache;
  /** Detailed (per method / per route) CloudWatch metrics for every route (REST `*\/*` metrics; HTTP DefaultRouteSettings). */
  detailedMetrics?: boolean;
  /** REST (every method, `*\/*`) and WebSocket (DefaultRouteSettings): execution logging. Needs the account's CloudWatch Logs role. */
  logging?: ExecutionLogging;
  /** Per-route overrides of the stage-wide settings above, keyed by route key (`GET /pets/{id}`). */
  routeSettings?: Record<string, RouteSettingsModel>;
  accessLog?: { destinationArn: string; format: string };
  /** REST only: X-Ray tracing. */
  tracingEnabled?: boolean;
  /** HTTP only; apigw-sync manages deployments itself, so it is false unless declared. */
  autoDeploy?: boolean;
  /** REST only: the client certificate (client-certificates/<name>.yaml) the stage presents to backends (mutual TLS). */
  clientCertificate?: string;
  /** REST only: the AWS WAF (wafv2) web ACL protecting the stage, written through WAFv2 AssociateWebACL. */
  webAclArn?: string;
}
