/**
 * Client-side rate limiting below API Gateway's control-plane quotas (quotas.ts).
 *
 * One account-wide token bucket for every v1 and v2 call of the process (AWS counts them
 * together), plus one bucket per v1 operation that has its own quota (GetResources,
 * CreateDeployment, …). A call takes its tokens from both at once, when both have one
 * (pump() below), so what AWS receives is spaced as the client's buckets say.
 *
 * Adaptive: another tool in the same account drains the same AWS bucket, so a
 * TooManyRequests answer halves the rate of the bucket it most likely hit; each success
 * wins a little back.
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

/** Lowest share of a bucket's rate the adaptive factor goes down to. */
const MIN_FACTOR = 0.2;
/** Share of the rate one success wins back after throttling. */
const RECOVERY_STEP = 0.02;

interface Waiter {
  /** The operation's own bucket (v1 operations with their own quota). */
  own?: TokenBucket;
  /** Draws from the account-wide bucket too (v1 and v2). */
  account: boolean;
  resolve: () => void;
}

export class RateLimiter {
  private readonly clock: LimiterClock;
  private readonly account: TokenBucket;
  private readonly operations = new Map<string, TokenBucket>();
  /** Callers waiting for tokens, in arrival order. */
  private readonly waiting: Waiter[] = [];
  /** When the earliest pending wake-up fires (Infinity: none pending). */
  private wakeAt = Infinity;
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

  /**
   * Waits until one request attempt of `operation` may go out, then takes its tokens — from
   * its own bucket and the account's at the same instant, right before the request is sent,
   * so AWS's buckets (which count arrivals) see the spacing the client's buckets allowed.
   */
  async acquire(service: AwsService, operation: string): Promise<void> {
    const started = this.clock.now();
    const own = this.ownBucket(service, operation);
    const account = ACCOUNT_QUOTA_SERVICES.includes(service);
    if (own || account) {
      await new Promise<void>((resolve) => {
        this.waiting.push({ own, account, resolve });
        this.pump();
      });
    }
    this.stats.acquired++;
    const waited = this.clock.now() - started;
    if (waited > 0) {
      this.stats.waited++;
      this.stats.waitedMs += waited;
    }
  }

  /**
   * AWS said TooManyRequests: someone else shares the bucket; slow down. An operation with
   * its own quota slows its own bucket (that is the one it most likely hit); any other
   * slows the account's.
   */
  throttled(service?: AwsService, operation?: string): void {
    this.stats.throttled++;
    if (!this.adaptive) return;
    const bucket = (service && operation && this.ownBucket(service, operation)) || this.account;
    bucket.factor = Math.max(MIN_FACTOR, bucket.factor / 2);
  }

  succeeded(service?: AwsService, operation?: string): void {
    const own = service && operation ? this.ownBucket(service, operation) : undefined;
    for (const b of own ? [own, this.account] : [this.account])
      if (b.factor < 1) b.factor = Math.min(1, b.factor + RECOVERY_STEP);
  }

  /** Current share of the account rate (1 = full; lower after throttling). */
  get accountFactor(): number {
    return this.account.factor;
  }

  private ownBucket(service: AwsService, operation: string): TokenBucket | undefined {
    return service === OPERATION_QUOTA_SERVICE ? this.operations.get(operation) : undefined;
  }

  /**
   * Hands out tokens while some waiter can go now. Callers of one operation go in arrival
   * order; a caller waiting for a slow operation's token never holds up other operations.
   * When the account bucket is the contended one, a caller whose own (slower) bucket has a
   * token goes first: that token is lost to the bucket's cap if it waits, while the others
   * lose nothing by letting it pass.
   */
  private pump(): void {
    for (;;) {
      if (this.waiting.length === 0) return;
      const accountWait = this.account.waitMs();
      let pick = -1;
      let soonest = Infinity;
      for (let i = 0; i < this.waiting.length; i++) {
        const w = this.waiting[i];
        const wait = Math.max(w.own ? w.own.waitMs() : 0, w.account ? accountWait : 0);
        if (wait > 0) {
          soonest = Math.min(soonest, wait);
          continue;
        }
        if (pick < 0) pick = i;
        if (w.own) {
          pick = i;
          break;
        }
      }
      if (pick < 0) return this.wakeIn(soonest);
      const [w] = this.waiting.splice(pick, 1);
      w.own?.take();
      if (w.account) this.account.take();
      w.resolve();
    }
  }

  private wakeIn(ms: number): void {
    const at = this.clock.now() + ms;
    if (at >= this.wakeAt) return;
    this.wakeAt = at;
    void this.clock.sleep(ms).then(() => {
      if (this.wakeAt === at) this.wakeAt = Infinity;
      this.pump();
    });
  }
}

let shared: RateLimiter | undefined;

/** The process-wide limiter every client shares unless given its own. */
export function sharedRateLimiter(): RateLimiter {
  shared ??= new RateLimiter();
  return shared;
}
