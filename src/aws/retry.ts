/**
 * Retries. The SDK's own StandardRetryStrategy does the work — full-jitter exponential
 * backoff (random × min(base × 2^n, 20 s); base 1 s for throttling, 50 ms otherwise),
 * honouring the Retry-After advice TooManyRequestsException carries, with a retry budget
 * per client. It already retries throttling (429, TooManyRequestsException) and the
 * transient 500/502/503/504; we only widen its decider (`retryErrorType`):
 *
 * - ConflictException "concurrent modification" is transient (retry with jitter); a
 *   conflict that says "already exists" is an answer, not a race, and is not retried.
 * - Any other 5xx except 501 Not Implemented is transient too.
 *
 * NotFound right after a write (AWS is eventually consistent) is not something to retry
 * for every call, so it is opt-in per call: `retryNotFound(fn)`.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryErrorType, StandardRetryToken } from '@smithy/types';
import { awsErrorCode, httpStatusOf } from './errors.js';

/** The SDK's classification, widened for API Gateway (see the file comment). Pure. */
export function retryErrorType(info: { error?: unknown; errorType: RetryErrorType }): RetryErrorType {
  if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') return info.errorType;
  const code = awsErrorCode(info.error);
  if (code === 'ConflictException' && isConcurrentModification(info.error)) return 'TRANSIENT';
  const status = httpStatusOf(info.error);
  if (status !== undefined && status >= 500 && status !== 501) return 'TRANSIENT';
  return info.errorType;
}

function isConcurrentModification(e: unknown): boolean {
  const msg = String((e as { message?: unknown } | undefined)?.message ?? '').toLowerCase();
  return !msg.includes('already exist');
}

/** The SDK's standard strategy with API Gateway's decider. */
export class ApigwRetryStrategy extends StandardRetryStrategy {
  constructor(maxAttempts: number) {
    super({ maxAttempts });
  }

  override refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    return super.refreshRetryTokenForRetry(token, { ...errorInfo, errorType: retryErrorType(errorInfo) });
  }
}

export const DEFAULT_MAX_ATTEMPTS = 8;

export interface NotFoundRetryOptions {
  /** Attempts in total (default 5). */
  attempts?: number;
  /** First delay in ms, doubled each time, full jitter (default 200). */
  baseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * For a read right after a write: retries NotFoundException briefly (≈ 3 s in all by
 * default), then lets it through.
 */
export async function retryNotFound<T>(fn: () => Promise<T>, opts: NotFoundRetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const base = opts.baseMs ?? 200;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (awsErrorCode(e) !== 'NotFoundException' || attempt >= attempts) throw e;
      await sleep(Math.floor(random() * base * 2 ** (attempt - 1)));
    }
  }
}
