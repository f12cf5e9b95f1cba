/**
 * Reading v1 request bodies and query strings the way API Gateway validates them: a wrong
 * type or a missing required field is a BadRequestException naming the field.
 */
import { badRequest, type EmuRequest } from '../core/types.js';
import type { StrMap } from './types.js';

export type Body = Record<string, unknown>;

export function bodyOf(req: EmuRequest): Body {
  if (req.body === undefined || req.body === null || req.body === '') return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body))
    throw badRequest('Invalid request body: expected a JSON object');
  return req.body as Body;
}

function wrong(field: string, expected: string): never {
  throw badRequest(`Invalid value for ${field}: expected ${expected}`);
}

export function str(b: Body, field: string): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : wrong(field, 'a string');
}

export function reqStr(b: Body, field: string): string {
  const v = str(b, field);
  if (v === undefined || v === '') throw badRequest(`${field} must be non-empty`);
  return v;
}

export function bool(b: Body, field: string): boolean | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : wrong(field, 'a boolean');
}

export function num(b: Body, field: string): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : wrong(field, 'a number');
}

export function strList(b: Body, field: string): string[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) wrong(field, 'a list of strings');
  return [...(v as string[])];
}

export function strMap(b: Body, field: string): StrMap | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) wrong(field, 'a map of strings');
  for (const [k, x] of Object.entries(v as object)) if (typeof x !== 'string') wrong(`${field}.${k}`, 'a string');
  return { ...(v as StrMap) };
}

export function boolMap(b: Body, field: string): Record<string, boolean> | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) wrong(field, 'a map of booleans');
  for (const [k, x] of Object.entries(v as object)) if (typeof x !== 'boolean') wrong(`${field}.${k}`, 'a boolean');
  return { ...(v as Record<string, boolean>) };
}

export function obj(b: Body, field: string): Body | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) wrong(field, 'an object');
  return v as Body;
}

export function oneOf<T extends string>(
  value: string | undefined,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Invalid ${field} specified. Valid values are: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Drops undefined fields so responses look like AWS's (absent, not null). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Copies state a handler keeps or changes. Read handlers may return live state objects
 * without a copy: handlers are synchronous and the core serializes the response in the same
 * tick, so nothing can change them in between (this keeps 10,000 reads well under 5 s).
 */
export const clone = <T>(v: T): T => structuredClone(v);

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** v1 paging: `limit` (default 25, at most 500) and an opaque `position` token. */
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export function page<T>(items: T[], req: EmuRequest): { item: T[]; position?: string } {
  const rawLimit = req.query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw badRequest(
        `1 validation error detected: Value '${rawLimit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
      );
    }
  }
  const token = req.query.get('position');
  let start = 0;
  if (token !== null && token !== '') {
    const m = /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw badRequest('Invalid position parameter');
    start = Number(m[1]);
  }
  const slice = items.slice(start, start + limit);
  return start + limit < items.length
    ? { item: slice, position: Buffer.from(`p${start + limit}`).toString('base64url') }
    : { item: slice };
}

/** The signing region from SigV4's credential scope (`Credential=AK/date/region/service/...`). */
export function regionOf(req: EmuRequest, fallback = 'us-east-1'): string {
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(req.headers['authorization'] ?? '');
  return m ? m[1] : fallback;
}

export const ok = (body?: unknown, status = 200) => ({ status, body });
