/**
 * Errors in the exact shape the SDK's deserializers read them.
 *
 * rest-json (API Gateway v1, v2): `loadRestJsonErrorCode` reads the `x-amzn-ErrorType`
 * header first, then `code`/`__type` in the body; the message comes from `message`.
 * TooManyRequestsException binds `retryAfterSeconds` to the `Retry-After` header.
 *
 * json-1.0 (CloudWatch, which is awsQueryCompatible): the code comes from `__type`
 * (`namespace#Code`), and the query-compat header `x-amzn-query-error: Code;Sender`
 * fills `Error.Code`/`Error.Type` as the query protocol did.
 *
 * json-1.1 (WAFv2, SSM, Secrets Manager): `__type` carries the error shape's name and the
 * message travels in the member the shape names (`Message` for WAF and Secrets Manager,
 * `message` for SSM and the common errors), extra members (WAF's `Field`, `Parameter`) beside it.
 */
import { errorMessageMember, errorShapeOf } from '../contract/validate-input.js';
import { AwsError, isJsonProtocol, type Protocol, type ServiceName } from './types.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const NAMESPACES: Partial<Record<ServiceName, string>> = { cloudwatch: 'com.amazonaws.cloudwatch' };

export function serializeError(err: AwsError, protocol: Protocol, service: ServiceName): WireResponse {
  const { retryAfterSeconds, ...extra } = err.extra;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  if (protocol === 'json-1.0') {
    const ns = NAMESPACES[service] ?? `com.amazonaws.${service}`;
    headers['Content-Type'] = 'application/x-amz-json-1.0';
    headers['x-amzn-query-error'] = `${err.code};${err.status >= 500 ? 'Receiver' : 'Sender'}`;
    // awsQueryCompatible: __type names the error shape, x-amzn-query-error carries the Query code.
    return {
      status: err.status,
      headers,
      body: JSON.stringify({
        __type: `${ns}#${errorShapeOf(service, err.code) ?? err.code}`,
        message: err.message,
        ...extra,
      }),
    };
  }
  if (protocol === 'json-1.1') {
    headers['Content-Type'] = 'application/x-amz-json-1.1';
    return {
      status: err.status,
      headers,
      body: JSON.stringify({ __type: err.code, [errorMessageMember(service, err.code)]: err.message, ...extra }),
    };
  }
  headers['Content-Type'] = 'application/json';
  if (protocol === 'rest-json') headers['x-amzn-ErrorType'] = err.code;
  const body =
    protocol === 'control' ? { error: err.code, message: err.message, ...extra } : { message: err.message, ...extra };
  return { status: err.status, headers, body: JSON.stringify(body) };
}

/** How a service says "slow down": API Gateway's TooManyRequestsException, CloudWatch's Throttling, the JSON 1.1 services' ThrottlingException. */
export function throttlingError(protocol: Protocol, message: string, retryAfterSeconds: number): AwsError {
  if (protocol === 'json-1.0') return new AwsError(400, 'Throttling', message);
  if (protocol === 'json-1.1') return new AwsError(400, 'ThrottlingException', message);
  return new AwsError(429, 'TooManyRequestsException', message, { retryAfterSeconds });
}

/** The generic server-side failure of a service (used by injected `error` faults without a code). */
export function defaultFaultCode(protocol: Protocol, status: number): string {
  if (protocol === 'json-1.0') return status === 503 ? 'ServiceUnavailable' : 'InternalServiceError';
  if (isJsonProtocol(protocol)) return status === 503 ? 'ServiceUnavailable' : 'InternalFailure';
  if (status === 503) return 'ServiceUnavailableException';
  if (status === 429) return 'TooManyRequestsException';
  if (status === 409) return 'ConflictException';
  if (status === 404) return 'NotFoundException';
  if (status >= 400 && status < 500) return 'BadRequestException';
  return 'InternalFailure';
}
