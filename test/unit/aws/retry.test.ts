/** The retry decider (what the SDK's strategy retries), and the opt-in NotFound retry. */
import { describe, expect, it } from 'vitest';
import type { RetryErrorType } from '@smithy/types';
import { ApigwRetryStrategy, retryErrorType, retryNotFound } from '../../../src/aws/retry.js';
import { AwsCallError } from '../../../src/model/errors.js';

function sdkError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('retryErrorType', () => {
  it.each<[string, Error, RetryErrorType, RetryErrorType]>([
    ['throttling stays throttling', sdkError('TooManyRequestsException', 429), 'THROTTLING', 'THROTTLING'],
    ["the SDK's transient 503 stays transient", sdkError('ServiceUnavailableException', 503), 'TRANSIENT', 'TRANSIENT'],
    [
      'a concurrent-modification conflict is transient',
      sdkError('ConflictException', 409, 'Unable to complete operation due to concurrent modification'),
      'CLIENT_ERROR',
      'TRANSIENT',
    ],
    [
      '"already exists" is an answer, not a race',
      sdkError('ConflictException', 409, 'Resource already exists'),
      'CLIENT_ERROR',
      'CLIENT_ERROR',
    ],
    ['other 5xx are transient', sdkError('InternalFailure', 599), 'SERVER_ERROR', 'TRANSIENT'],
    ['501 Not Implemented is not', sdkError('NotImplemented', 501), 'SERVER_ERROR', 'SERVER_ERROR'],
    ['NotFound is not (opt-in per call)', sdkError('NotFoundException', 404), 'CLIENT_ERROR', 'CLIENT_ERROR'],
    ['BadRequest is not', sdkError('BadRequestException', 400), 'CLIENT_ERROR', 'CLIENT_ERROR'],
  ])('%s', (_name, error, sdkType, expected) => {
    expect(retryErrorType({ error, errorType: sdkType })).toBe(expected);
  });

  it('the strategy retries a conflict and refuses a bad request', async () => {
    const s = new ApigwRetryStrategy(3);
    const token = await s.acquireInitialRetryToken('');
    const next = await s.refreshRetryTokenForRetry(token, {
      error: sdkError('ConflictException', 409, 'concurrent'),
      errorType: 'CLIENT_ERROR',
    } as never);
    expect(next.getRetryCount()).toBe(1);
    await expect(
      s.refreshRetryTokenForRetry(next, {
        error: sdkError('BadRequestException', 400),
        errorType: 'CLIENT_ERROR',
      } as never),
    ).rejects.toThrow(/No retry token/);
  });
});

describe('retryNotFound', () => {
  const noSleep = { sleep: async () => {}, random: () => 0.5 };

  it('retries NotFound right after a write, then succeeds', async () => {
    let calls = 0;
    const slept: number[] = [];
    const out = await retryNotFound(
      async () => {
        if (++calls < 3) throw sdkError('NotFoundException', 404);
        return 'found';
      },
      { ...noSleep, sleep: async (ms) => void slept.push(ms) },
    );
    expect(out).toBe('found');
    expect(calls).toBe(3);
    expect(slept).toEqual([100, 200]); // full jitter: random × 200 ms × 2^n
  });

  it('gives up after its attempts and lets the NotFound through', async () => {
    let calls = 0;
    const err = await retryNotFound(
      async () => {
        calls++;
        throw new AwsCallError('GetStage', 'NotFoundException', 'gone');
      },
      { ...noSleep, attempts: 4 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(calls).toBe(4);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      retryNotFound(async () => {
        calls++;
        throw sdkError('BadRequestException', 400);
      }, noSleep),
    ).rejects.toThrow('BadRequestException');
    expect(calls).toBe(1);
  });
});
