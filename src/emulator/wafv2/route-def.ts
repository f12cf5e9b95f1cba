import { json11Route, jsonOk, type JsonHandler } from '../core/json-route.js';
import { AwsError, type RouteDef } from '../core/types.js';

/** A WAFv2 operation: AWS JSON 1.1, `X-Amz-Target: AWSWAF_20190729.<Op>`. */
export const wafRoute = (operation: string, write: boolean, handler: JsonHandler): RouteDef =>
  json11Route('wafv2', 'AWSWAF_20190729', operation, write, handler);

export const ok = jsonOk;

/**
 * WAF's WAFInvalidParameterException: AWS's message ("Error reason: …, field: …, parameter: …")
 * with the Field, Parameter and Reason members the SDK exposes.
 */
export function invalidParameter(field: string, parameter: string, reason: string): AwsError {
  return new AwsError(
    400,
    'WAFInvalidParameterException',
    `Error reason: ${reason}, field: ${field}, parameter: ${parameter}`,
    { Field: field, Parameter: parameter, Reason: reason },
  );
}

export const nonexistent = () =>
  new AwsError(
    400,
    'WAFNonexistentItemException',
    'AWS WAF couldn’t perform the operation because your resource doesn’t exist.',
  );
export const duplicate = () =>
  new AwsError(
    400,
    'WAFDuplicateItemException',
    'AWS WAF could not perform the operation because some resource in your request is a duplicate of an existing one.',
  );
export const optimisticLock = () =>
  new AwsError(
    400,
    'WAFOptimisticLockException',
    'AWS WAF couldn’t save your changes because someone changed the resource after you started to edit it. Reapply your changes.',
  );
export const associated = () =>
  new AwsError(
    400,
    'WAFAssociatedItemException',
    'AWS WAF couldn’t perform the operation because your resource is being used by another resource or it’s associated with another resource.',
  );
