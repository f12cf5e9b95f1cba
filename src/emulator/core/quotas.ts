/**
 * API Gateway's control-plane quotas (per account and region, not raisable), as token
 * buckets. Every management call of v1 and v2 draws from the account-wide bucket; some v1
 * operations also have their own, much slower bucket. The table is exported so the bench
 * and the client-side rate limiter compute the same quota-bound minimum the emulator enforces.
 */
import type { ServiceName } from './types.js';

export interface QuotaRule {
  /** Sustained rate, requests per second. */
  ratePerSecond: number;
  /** Bucket size: how many calls may run back to back after a quiet period. */
  burst: number;
}

/** The account-wide bucket shared by all API Gateway management calls (v1 and v2). */
export const ACCOUNT_QUOTA: QuotaRule = { ratePerSecond: 10, burst: 40 };

/** Services whose calls draw from the account-wide API Gateway bucket. */
export const QUOTA_SERVICES: readonly ServiceName[] = ['apigateway', 'apigatewayv2'];

/**
 * Per-operation v1 quotas ("1 per 5 s" = rate 0.2, burst 1), from "API Gateway quotas for
 * creating, deploying and managing an API" (fixed, per account and region).
 */
export const OPERATION_QUOTAS: Readonly<Record<string, QuotaRule>> = {
  CreateDeployment: { ratePerSecond: 1 / 5, burst: 1 },
  CreateRestApi: { ratePerSecond: 1 / 3, burst: 1 },
  ImportRestApi: { ratePerSecond: 1 / 3, burst: 1 },
  PutRestApi: { ratePerSecond: 1, burst: 1 },
  GetResources: { ratePerSecond: 5 / 2, burst: 5 },
  CreateResource: { ratePerSecond: 5, burst: 5 },
  DeleteResource: { ratePerSecond: 5, burst: 5 },
  DeleteRestApi: { ratePerSecond: 1 / 30, burst: 1 },
  CreateApiKey: { ratePerSecond: 5, burst: 5 },
  DeleteApiKey: { ratePerSecond: 5, burst: 5 },
  CreateDomainName: { ratePerSecond: 1 / 30, burst: 1 },
  UpdateDomainName: { ratePerSecond: 1 / 30, burst: 1 },
  DeleteDomainName: { ratePerSecond: 1 / 30, burst: 1 },
  UpdateUsagePlan: { ratePerSecond: 1 / 20, burst: 1 },
  UpdateAccount: { ratePerSecond: 1 / 20, burst: 1 },
};

/** The `OPERATION_QUOTAS` table is API Gateway v1's (the service the figures are for). */
export const OPERATION_QUOTA_SERVICE: ServiceName = 'apigateway';

/**
 * Every per-operation quota AWS publishes for the services the emulator serves, by service:
 * v1's table above; v2's VPC links (same page, "(V2)"); SSM's parameter API ("Systems Manager
 * endpoints and quotas": PutParameter 3, GetParameter 40 transactions per second, default
 * throughput); Secrets Manager's ("Secrets Manager quotas": GetSecretValue 10,000,
 * CreateSecret and PutSecretValue 50 per second). WAFv2 publishes none for these calls.
 */
export const SERVICE_OPERATION_QUOTAS: Readonly<Partial<Record<ServiceName, Readonly<Record<string, QuotaRule>>>>> = {
  apigateway: OPERATION_QUOTAS,
  apigatewayv2: {
    CreateVpcLink: { ratePerSecond: 1 / 15, burst: 1 },
    DeleteVpcLink: { ratePerSecond: 1 / 30, burst: 1 },
  },
  ssm: {
    PutParameter: { ratePerSecond: 3, burst: 3 },
    GetParameter: { ratePerSecond: 40, burst: 40 },
  },
  secretsmanager: {
    GetSecretValue: { ratePerSecond: 10_000, burst: 10_000 },
    CreateSecret: { ratePerSecond: 50, burst: 50 },
    PutSecretValue: { ratePerSecond: 50, burst: 50 },
  },
};

/**
 * The least wall-clock time `calls` calls of one kind can take from a full bucket:
 * the burst goes at once, the rest at the sustained rate.
 */
export function minimumSeconds(rule: QuotaRule, calls: number, scale = 1): number {
  const beyondBurst = Math.max(0, calls - rule.burst);
  return beyondBurst / (rule.ratePerSecond * scale);
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly rule: QuotaRule,
    private readonly scale: number,
    private readonly now: () => number,
  ) {
    this.tokens = rule.burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    const elapsedSeconds = (t - this.last) / 1000;
    this.last = t;
    this.tokens = Math.min(this.rule.burst, this.tokens + elapsedSeconds * this.rule.ratePerSecond * this.scale);
  }

  /** Seconds until one token is available (0 if one is available now). */
  waitSeconds(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return (1 - this.tokens) / (this.rule.ratePerSecond * this.scale);
  }

  take(): void {
    this.tokens -= 1;
  }
}

export interface QuotaOptions {
  /** Multiplies every refill rate: 1 = AWS's real rates, >1 refills faster for tests. */
  scale?: number;
  now?: () => number;
}

export type QuotaDecision = { ok: true } | { ok: false; bucket: string; retryAfterSeconds: number };

export class Quotas {
  private readonly scale: number;
  private readonly now: () => number;
  private account: TokenBucket;
  private readonly perOperation = new Map<string, TokenBucket>();

  constructor(opts: QuotaOptions = {}) {
    this.scale = opts.scale ?? 1;
    this.now = opts.now ?? Date.now;
    this.account = new TokenBucket(ACCOUNT_QUOTA, this.scale, this.now);
  }

  /** Takes a token from every bucket the call draws from, or none if any is empty. */
  admit(service: ServiceName, operation: string): QuotaDecision {
    const buckets: Array<[string, TokenBucket]> = QUOTA_SERVICES.includes(service) ? [['account', this.account]] : [];
    const rule = SERVICE_OPERATION_QUOTAS[service]?.[operation];
    if (rule) {
      // v1 buckets keep the bare operation name (what the bench and the throttling message say).
      const key = service === OPERATION_QUOTA_SERVICE ? operation : `${service}:${operation}`;
      let b = this.perOperation.get(key);
      if (!b) {
        b = new TokenBucket(rule, this.scale, this.now);
        this.perOperation.set(key, b);
      }
      buckets.push([operation, b]);
    }
    if (buckets.length === 0) return { ok: true };
    for (const [name, b] of buckets) {
      const wait = b.waitSeconds();
      if (wait > 0) return { ok: false, bucket: name, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    for (const [, b] of buckets) b.take();
    return { ok: true };
  }

  reset(): void {
    this.account = new TokenBucket(ACCOUNT_QUOTA, this.scale, this.now);
    this.perOperation.clear();
  }
}
