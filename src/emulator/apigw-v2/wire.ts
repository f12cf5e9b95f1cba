/**
 * Reading rest-json request bodies defensively: the SDK sends well-typed JSON, but the CLI,
 * curl and tests may not, and AWS answers a wrong type with BadRequestException.
 */
import { badRequest, type EmuRequest } from '../core/types.js';

export type Body = Record<string, unknown>;

export function bodyOf(req: EmuRequest): Body {
  if (req.body === undefined || req.body === null || req.body === '') return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body))
    throw badRequest('Invalid request body: expected a JSON object');
  return req.body as Body;
}

function wrongType(field: string, expected: string): never {
  throw badRequest(`Invalid input for ${field}: expected ${expected}`);
}

export function optStr(b: Body, field: string): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : wrongType(field, 'a string');
}

export function reqStr(b: Body, field: string): string {
  const v = optStr(b, field);
  if (v === undefined || v === '') throw badRequest(`${field} is required and must not be empty`);
  return v;
}

export function optBool(b: Body, field: string): boolean | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : wrongType(field, 'a boolean');
}

export function optNum(b: Body, field: string): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : wrongType(field, 'a number');
}

export function optStrList(b: Body, field: string): string[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) wrongType(field, 'a list of strings');
  return [...(v as string[])];
}

export function optStrMap(b: Body, field: string): Record<string, string> | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) wrongType(field, 'a map of strings');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as object)) {
    if (typeof x !== 'string') wrongType(`${field}.${k}`, 'a string');
    out[k] = x;
  }
  return out;
}

export function optObj(b: Body, field: string): Body | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) wrongType(field, 'an object');
  return v as Body;
}

export function oneOf<T extends string>(
  value: string | undefined,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Invalid ${field} specified: ${value}; must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Drops undefined fields so responses look like AWS's (absent, not null). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The signing region from SigV4's credential scope (`Credential=AK/date/region/service/...`). */
export function regionOf(req: EmuRequest, fallback = 'us-east-1'): string {
  const auth = req.headers['authorization'] ?? '';
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth);
  return m ? m[1] : fallback;
}

export const json = (status: number, body?: unknown) => ({ status, body });
