import type { EmuRequest, EmuResponse, RouteDef } from '../core/types.js';
import { AwsError } from '../core/types.js';

type Handler = (body: Record<string, unknown>, req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

/** A WAFv2 operation: AWS JSON 1.1, POST /, selected by `X-Amz-Target: AWSWAF_20190729.<Op>`. */
export function wafRoute(operation: string, write: boolean, handler: Handler): RouteDef {
  return {
    service: 'wafv2',
    protocol: 'json-1.1',
    operation,
    method: 'POST',
    pattern: '/',
    target: `AWSWAF_20190729.${operation}`,
    write,
    handler: (req) => {
      const b = req.body;
      if (b !== undefined && (typeof b !== 'object' || b === null || Array.isArray(b))) throw new AwsError(400, 'SerializationException', 'Request body must be a JSON object');
      return handler((b ?? {}) as Record<string, unknown>, req);
    },
  };
}

export const ok = (body: unknown = {}) => ({ status: 200, body });

/**
 * WAF's WAFInvalidParameterException: AWS's message ("Error reason: …, field: …, parameter: …")
 * with the Field, Parameter and Reason members the SDK exposes.
 */
export function invalidParameter(field: string, parameter: string, reason: string): AwsError {
  return new AwsError(400, 'WAFInvalidParameterException', `Error reason: ${reason}, field: ${field}, parameter: ${parameter}`, { Field: field, Parameter: parameter, Reason: reason });
}

export const nonexistent = () => new AwsError(400, 'WAFNonexistentItemException', 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.');
export const duplicate = () => new AwsError(400, 'WAFDuplicateItemException', 'AWS WAF could not perform the operation because some resource in your request is a duplicate of an existing one.');
export const optimisticLock = () => new AwsError(400, 'WAFOptimisticLockException', 'AWS WAF couldn’t save your changes because someone changed the resource after you started to edit it. Reapply your changes.');
export const associated = () => new AwsError(400, 'WAFAssociatedItemException', 'AWS WAF couldn’t perform the operation because your resource is being used by another resource or it’s associated with another resource.');
