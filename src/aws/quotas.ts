/**
 * API Gateway's published control-plane quotas (per account and region, not raisable),
 * as the client-side rate limiter uses them. Source: "Amazon API Gateway quotas" in the
 * API Gateway developer guide (the figures DESIGN.md lists). Kept here rather than
 * imported from the emulator: src/aws talks to AWS and must not depend on test tooling.
 */

export interface QuotaRule {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Calls that may run back to back after a quiet period. */
  burst: number;
}

/** All API Gateway management calls of an account together (v1 and v2): ~10 rps, burst 40. */
export const ACCOUNT_QUOTA: QuotaRule = { ratePerSecond: 10, burst: 40 };

/** Per-operation quotas (API Gateway v1). "1 per 5 s" = rate 0.2, burst 1. */
export const OPERATION_QUOTAS: Readonly<Record<string, QuotaRule>> = {
  CreateDeployment: { ratePerSecond: 1 / 5, burst: 1 },
  CreateRestApi: { ratePerSecond: 1 / 3, burst: 1 },
  ImportRestApi: { ratePerSecond: 1 / 3, burst: 1 },
  PutRestApi: { ratePerSecond: 1, burst: 1 },
  GetResources: { ratePerSecond: 5 / 2, burst: 5 },
  CreateResource: { ratePerSecond: 5, burst: 5 },
  DeleteResource: { ratePerSecond: 5, burst: 5 },
  DeleteRestApi: { ratePerSecond: 1 / 30, burst: 1 },
};

/** Services whose calls draw from the account-wide bucket; the per-operation table is v1's. */
export type AwsService = 'apigateway' | 'apigatewayv2' | 'cloudwatch' | 'wafv2';
export const ACCOUNT_QUOTA_SERVICES: readonly AwsService[] = ['apigateway', 'apigatewayv2'];
export const OPERATION_QUOTA_SERVICE: AwsService = 'apigateway';

/**
 * The client aims below the quota: other tools share the account's bucket, and the client's
 * clock and AWS's never refill in step. 0.9 leaves a tenth for both.
 */
export const DEFAULT_HEADROOM = 0.9;
