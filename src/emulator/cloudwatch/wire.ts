/**
 * Reading CloudWatch's AWS JSON 1.0 requests. The client is awsQueryCompatible: errors carry
 * the query-protocol codes (InvalidParameterValue, MissingParameter, ResourceNotFound …),
 * which the core puts in `x-amzn-query-error` and the SDK maps back to its exception classes.
 * Timestamps travel as epoch seconds (numbers, possibly fractional) in both directions.
 */
import { AwsError, type EmuRequest } from '../core/types.js';

export type Body = Record<string, unknown>;

export const invalidValue = (message: string) => new AwsError(400, 'InvalidParameterValue', message);
export const missingParam = (message: string) => new AwsError(400, 'MissingParameter', message);
export const invalidCombination = (message: string) => new AwsError(400, 'InvalidParameterCombination', message);
export const resourceNotFound = (message: string) => new AwsError(404, 'ResourceNotFound', message);

export function bodyOf(req: EmuRequest): Body {
  if (req.body === undefined || req.body === null || req.body === '') return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw invalidValue('Request body must be a JSON object');
  return req.body as Body;
}

export function optStr(b: Body, field: string): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidValue(`The parameter ${field} must be a string.`);
  return v;
}

export function reqStr(b: Body, field: string): string {
  const v = optStr(b, field);
  if (v === undefined || v === '') throw missingParam(`The parameter ${field} is required.`);
  return v;
}

export function optNum(b: Body, field: string): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidValue(`The parameter ${field} must be a number.`);
  return v;
}

export function reqNum(b: Body, field: string): number {
  const v = optNum(b, field);
  if (v === undefined) throw missingParam(`The parameter ${field} is required.`);
  return v;
}

export function optBool(b: Body, field: string): boolean | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidValue(`The parameter ${field} must be a boolean.`);
  return v;
}

export function optList(b: Body, field: string): unknown[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidValue(`The parameter ${field} must be a list.`);
  return v;
}

export function optStrList(b: Body, field: string): string[] | undefined {
  const v = optList(b, field);
  if (v && v.some((x) => typeof x !== 'string'))
    throw invalidValue(`The parameter ${field} must be a list of strings.`);
  return v as string[] | undefined;
}

export function asObj(v: unknown, field: string): Body {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw invalidValue(`The parameter ${field} must be an object.`);
  return v as Body;
}

/** A json-1.0 timestamp: epoch seconds as the SDK sends them (ISO strings accepted for curl users). */
export function readTime(b: Body, field: string, required: true): number;
export function readTime(b: Body, field: string, required: false): number | undefined;
export function readTime(b: Body, field: string, required: boolean): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) {
    if (required) throw missingParam(`The parameter ${field} is required.`);
    return undefined;
  }
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalidValue(`The parameter ${field} must be a timestamp.`);
  return ms;
}

/** Epoch ms → the epoch-seconds number json-1.0 responses carry. */
export const toEpochSeconds = (ms: number) => ms / 1000;

export const ok = (body: unknown = {}) => ({ status: 200, body });
