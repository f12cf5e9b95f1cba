/** REST API cache cluster sizes API Gateway offers, in GB (as strings on the wire). */
export const CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
export type CacheSizeGb = (typeof CACHE_SIZES_GB)[number];

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
  /** REST only: the client certificate (client-certificates/<name>.yaml) the stage presents to backends (mutual TLS). */
  clientCertificate?: string;
}
