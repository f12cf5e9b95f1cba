/**
 * The one place apply talks to the SDK: every call goes through `AwsCaller.run`, which
 * wraps SDK errors once into AwsCallError (operation, AWS code, status), retries a
 * ConflictException caused by a concurrent modification with jittered backoff (the SDK's
 * own retry strategy already covers throttling and 5xx), and reports each write so the
 * engine can say exactly what was done before a failure.
 */
import { AwsCallError } from '../../model/errors.js';
import { awsErrorCode, httpStatusOf, isAwsErrorCode } from '../errors.js';

export interface CallInfo {
  operation: string;
  /** Reads (GetTags, GetDeployment, GetResources) do not count as writes. */
  write: boolean;
}

export interface AwsCallerOptions {
  /** Called after each successful call. */
  onCall?: (info: CallInfo) => void;
  /** Attempts for ConflictException "concurrent modification" (default 4). */
  conflictAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface SdkErrorLike {
  message?: string;
}

export class AwsCaller {
  constructor(private readonly o: AwsCallerOptions = {}) {}

  async run<T>(operation: string, fn: () => Promise<T>, opts: { write?: boolean } = {}): Promise<T> {
    const attempts = this.o.conflictAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await fn();
        this.o.onCall?.({ operation, write: opts.write ?? true });
        return out;
      } catch (e) {
        const code = awsErrorCode(e);
        if (code === 'ConflictException' && isConcurrentModification(e) && attempt < attempts) {
          await (this.o.sleep ?? defaultSleep)(jitter(attempt));
          continue;
        }
        throw wrapAwsError(operation, e);
      }
    }
  }
}

/** Is `e` (an SDK error or an AwsCallError) the AWS error `code`? */
export const isAwsError = isAwsErrorCode;

/** "already exists" conflicts are answers, not races: only retry the concurrent-modification kind. */
function isConcurrentModification(e: unknown): boolean {
  const msg = ((e as SdkErrorLike)?.message ?? '').toLowerCase();
  return !msg.includes('already exist');
}

export function wrapAwsError(operation: string, e: unknown): AwsCallError {
  if (e instanceof AwsCallError) return e;
  const code = awsErrorCode(e);
  // Apply's own hints: they tell the reader that re-running apply resumes (src/aws/errors.ts has the generic ones).
  return new AwsCallError(operation, code, (e as SdkErrorLike)?.message ?? String(e), {
    cause: e,
    status: httpStatusOf(e),
    hint: hintFor(code),
  });
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case 'LimitExceededException':
      return 'an API Gateway limit was reached (the message says which); per-API limits such as 300 resources are hard — split the API';
    case 'TooManyRequestsException':
      return 'the account-wide API Gateway quota is exhausted (other tools share it); run apply again later — it resumes where it stopped';
    case 'ConflictException':
      return 'another change reached this API at the same time; run apply again — it re-reads AWS and finishes the job';
    case 'NotFoundException':
      return 'something was deleted in AWS while apply ran; run `apigw-sync plan` to see the current difference';
    case 'BadRequestException':
      return 'AWS rejected the request; check the value named in the message in gateway-state';
    default:
      return undefined;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (attempt: number) => Math.round(100 * 2 ** attempt * (0.5 + Math.random()));
