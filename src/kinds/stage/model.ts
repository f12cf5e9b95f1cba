/** REST API cache cluster sizes API Gateway offers, in GB (as strings on the wire). */
export const CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
export type CacheSizeGb = (typeof CACHE_SIZES_GB)[number];

/** WebSocket execution logging to CloudWatch Logs (RouteSettings LoggingLevel, DataTraceEnabled). */
export interface StageLoggingModel {
  level: 'ERROR' | 'INFO' | 'OFF';
  /** Full request/response data in the logs. */
  dataTrace?: boolean;
}

/** WebSocket: the settings of one route on a stage (RouteSettings[routeKey]). */
export interface RouteSettingsModel {
  throttling?: { rateLimit: number; burstLimit: number };
  logging?: StageLoggingModel;
  detailedMetrics?: boolean;
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
  /** HTTP and WebSocket; apigw-sync manages deployments itself, so it is false unless declared. */
  autoDeploy?: boolean;
  /** WebSocket only: execution logging of every route (DefaultRouteSettings); absent = OFF. */
  logging?: StageLoggingModel;
  /** WebSocket only: per-route CloudWatch metrics (`ApiId`, `Stage`, `Route`) for every route (DefaultRouteSettings); absent = off. */
  detailedMetrics?: boolean;
  /** WebSocket only: settings of single routes, by route key (RouteSettings). */
  routeSettings?: Record<string, RouteSettingsModel>;
}
