/**
 * Client-side rate limiting below API Gateway's control-plane quotas (quotas.ts).
 *
 * One account-wide token bucket for every v1 and v2 call of the process (AWS counts them
 * together), plus one bucket per v1 operation that has its own quota (GetResources,
 * CreateDeployment, …). Each bucket serves its callers first come, first served, so a
 * caller waiting for a slow operation's token never holds up other operations.
 *
 * Adaptive: another tool in the same account drains the same AWS bucket, so a
 * TooManyRequests answer halves the account rate; each success wins a little back.
 * The clock is injectable, which makes the limiter deterministic under test.
 */
import {
  ACCOUNT_QUOTA,
  ACCOUNT_QUOTA_SERVICES,
  DEFAULT_HEADROOM,
  OPERATION_QUOTAS,
  OPERATION_QUOTA_SERVICE,
  type AwsService,
  type QuotaRule,
} from './quotas.js';

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A token bucket whose refill rate can be lowered and raised (the adaptive factor). */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** 0 < factor ≤ 1: share of the configured rate currently allowed. */
  factor = 1;

  constructor(
    readonly burst: number,
    /** Tokens per second at factor 1. */
    readonly ratePerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond * this.factor);
    this.last = t;
  }

  /** Milliseconds until a token is available; 0 when one is there now. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / (this.ratePerSecond * this.factor)) * 1000);
  }

  take(): void {
    this.tokens -= 1;
  }
}

export interface RateLimiterOptions {
  account?: QuotaRule;
  operations?: Readonly<Record<string, QuotaRule>>;
  /** Multiplies every rate: 1 = AWS's real quotas; the emulator's `quotaScale` for tests. */
  scale?: number;
  /** Share of the quota the client aims for (default 0.9). */
  headroom?: number;
  /** Lower the account rate after a TooManyRequests answer (default true). */
  adaptive?: boolean;
  clock?: LimiterClock;
}

export interface LimiterStats {
  /** Tokens handed out (one per request attempt). */
  acquired: number;
  /** Attempts that had to wait for a token, and for how long in total. */
  waited: number;
  waitedMs: number;
  /** TooManyRequests answers reported back. */
  throttled: number;
}

/** Lowest share of the account rate the adaptive factor goes down to. */
const MIN_FACTOR = 0.2;
/** Share of the rate one success wins back after throttling. */
const RECOVERY_STEP = 0.02;

export class RateLimiter {
  private readonly clock: LimiterClock;
  private readonly account: TokenBucket;
  private readonly operations = new Map<string, TokenBucket>();
  private readonly queues = new Map<TokenBucket, Promise<void>>();
  private readonly adaptive: boolean;
  readonly stats: LimiterStats = { acquired: 0, waited: 0, waitedMs: 0, throttled: 0 };

  constructor(opts: RateLimiterOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    const scale = opts.scale ?? 1;
    const headroom = opts.headroom ?? DEFAULT_HEADROOM;
    const now = () => this.clock.now();
    const acc = opts.account ?? ACCOUNT_QUOTA;
    this.account = new TokenBucket(acc.burst, acc.ratePerSecond * scale * headroom, now);
    for (const [op, rule] of Object.entries(opts.operations ?? OPERATION_QUOTAS)) {
      this.operations.set(op, new TokenBucket(rule.burst, rule.ratePerSecond * scale * headroom, now));
    }
    this.adaptive = opts.adaptive ?? true;
  }

  /** Waits until one request attempt of `operation` may go out, then takes its tokens. */
  async acquire(service: AwsService, operation: string): Promise<void> {
    const started = this.clock.now();
    const own = service === OPERATION_QUOTA_SERVICE ? this.operations.get(operation) : undefined;
    if (own) await this.take(own);
    if (ACCOUNT_QUOTA_SERVICES.includes(service)) await this.take(this.account);
    this.stats.acquired++;
    const waited = this.clock.now() - started;
    if (waited > 0) {
      this.stats.waited++;
      this.stats.waitedMs += waited;
    }
  }

  /** AWS said TooManyRequests: someone else shares the bucket; slow down. */
  throttled(): void {
    this.stats.throttled++;
    if (this.adaptive) this.account.factor = Math.max(MIN_FACTOR, this.account.factor / 2);
  }

  succeeded(): void {
    if (this.account.factor < 1) this.account.factor = Math.min(1, this.account.factor + RECOVERY_STEP);
  }

  /** Current share of the account rate (1 = full; lower after throttling). */
  get accountFactor(): number {
    return this.account.factor;
  }

  /** FIFO per bucket: each caller waits behind the ones that came before it. */
  private take(bucket: TokenBucket): Promise<void> {
    const prev = this.queues.get(bucket) ?? Promise.resolve();
    const mine = prev.then(async () => {
      for (let w = bucket.waitMs(); w > 0; w = bucket.waitMs()) await this.clock.sleep(w);
      bucket.take();
    });
    this.queues.set(bucket, mine);
    return mine;
  }
}

let shared: RateLimiter | undefined;

/** The process-wide limiter every client shares unless given its own. */
export function sharedRateLimiter(): RateLimiter {
  shared ??= new RateLimiter();
  return shared;
}
