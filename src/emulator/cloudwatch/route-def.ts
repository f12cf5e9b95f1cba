import { isListedError } from '../contract/validate-input.js';
import { AwsError, type EmuRequest, type EmuResponse, type RouteDef } from '../core/types.js';

type Handler = (req: EmuRequest, params: Record<string, string>) => EmuResponse | Promise<EmuResponse>;

/** A CloudWatch operation: AWS JSON 1.0, POST /, selected by `X-Amz-Target: GraniteServiceVersion20100801.<Op>`. */
export function cwRoute(operation: string, write: boolean, handler: Handler): RouteDef {
  return {
    service: 'cloudwatch',
    protocol: 'json-1.0',
    operation,
    method: 'POST',
    pattern: '/',
    target: `GraniteServiceVersion20100801.${operation}`,
    write,
    handler: async (req, params) => {
      try {
        return await handler(req, params);
      } catch (e) {
        throw asModelledError(operation, e);
      }
    },
  };
}

/**
 * CloudWatch answers a bad request with an error its model lists for the operation, or else
 * with its generic ValidationError (e.g. PutMetricAlarm's model lists only LimitExceeded, and
 * AWS reports "Statistic should not be set if list of Metrics is set" as ValidationError).
 * Handlers throw the precise Query codes; this keeps the ones the model allows.
 */
function asModelledError(operation: string, e: unknown): unknown {
  if (!(e instanceof AwsError) || e.status !== 400 || e.code === 'ValidationError' || e.code === 'Throttling') return e;
  return isListedError('cloudwatch', operation, e.code) ? e : new AwsError(400, 'ValidationError', e.message, e.extra);
}
