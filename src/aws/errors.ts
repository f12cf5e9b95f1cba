/**
 * SDK errors → AwsCallError, once, at the edge. The SDK has already retried what is
 * transient (retry.ts); what arrives here is final, so the error says what to do next.
 */
import { AwsCallError } from '../model/errors.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The AWS error code of an SDK error (its `name`), or of an already wrapped one. */
export function awsErrorCode(e: unknown): string {
  if (e instanceof AwsCallError) return e.awsCode;
  const err = e as SdkErrorLike | undefined;
  if (err?.name && err.name !== 'Error') return err.name;
  return err?.Code ?? err?.code ?? 'UnknownError';
}

export function httpStatusOf(e: unknown): number | undefined {
  return (e as SdkErrorLike | undefined)?.$metadata?.httpStatusCode;
}

export function isAwsErrorCode(e: unknown, code: string): boolean {
  return awsErrorCode(e) === code;
}

export function hintForAwsError(code: string, status?: number): string | undefined {
  switch (code) {
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'Throttling':
      return 'the account-wide API Gateway quota stayed exhausted through every retry (other tools share it); wait a minute and run the command again';
    case 'ConflictException':
      return 'another change reached this API at the same time; run the command again — it re-reads AWS first';
    case 'NotFoundException':
      return 'the API or one of its parts was deleted in AWS meanwhile; run `apigw-sync plan` to see the current difference';
    case 'UnauthorizedException':
    case 'AccessDeniedException':
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'CredentialsProviderError':
      return 'the AWS credentials are missing, expired or lack apigateway:GET/POST/PATCH/PUT/DELETE permissions; check AWS_PROFILE or the role the job assumes';
    case 'BadRequestException':
      return 'AWS rejected the request; check the value named in the message in gateway-state';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
      return 'the AWS endpoint cannot be reached; check AWS_ENDPOINT_URL / AWS_REGION and the network';
    default:
      return status !== undefined && status >= 500
        ? 'AWS answered with a server error through every retry; try again later'
        : undefined;
  }
}

/** Wraps an SDK error into AwsCallError once; an AwsCallError passes through unchanged. */
export function wrapAwsError(operation: string, e: unknown): AwsCallError {
  if (e instanceof AwsCallError) return e;
  const code = awsErrorCode(e);
  const status = httpStatusOf(e);
  const message = (e as SdkErrorLike | undefined)?.message ?? String(e);
  return new AwsCallError(operation, code, message, { cause: e, status, hint: hintForAwsError(code, status) });
}

/** Runs one SDK call and wraps what it throws. */
export async function awsCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw wrapAwsError(operation, e);
  }
}
