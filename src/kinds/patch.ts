/**
 * JSON-Patch operations for API Gateway v1 `Update*` calls. Paths are JSON pointers, so map
 * keys with `/` or `~` (content types, header names) are escaped: `application/json` →
 * `application~1json`. Only differences produce operations, so an unchanged field costs nothing.
 */

/** A JSON-Patch operation as API Gateway v1 Update* calls take it (structurally the SDK's PatchOperation). */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: string;
  from?: string;
}

export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** `replace /path value` when the scalar changed; `remove` when it was dropped (if AWS allows). */
export function scalarOps(
  path: string,
  before: unknown,
  after: unknown,
  opts: { removeWith?: 'remove' | 'empty' } = {},
): PatchOperation[] {
  if (str(before) === str(after)) return [];
  if (after === undefined || after === null) {
    if (before === undefined) return [];
    return opts.removeWith === 'remove' ? [{ op: 'remove', path }] : [{ op: 'replace', path, value: '' }];
  }
  return [{ op: 'replace', path, value: String(after) }];
}

/** Per-key ops for a string map: add new keys, replace changed ones, remove dropped ones. */
export function mapOps(
  prefix: string,
  before: Record<string, unknown> = {},
  after: Record<string, unknown> = {},
  opts: { replaceOp?: 'replace' | 'add' } = {},
): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const [k, v] of Object.entries(after)) {
    const path = `${prefix}/${escapePointer(k)}`;
    if (!(k in before)) ops.push({ op: 'add', path, value: String(v) });
    else if (String(before[k]) !== String(v)) ops.push({ op: opts.replaceOp ?? 'replace', path, value: String(v) });
  }
  for (const k of Object.keys(before)) {
    if (!(k in after)) ops.push({ op: 'remove', path: `${prefix}/${escapePointer(k)}` });
  }
  return ops;
}

/** Set-like list (binaryMediaTypes, cacheKeyParameters): `add`/`remove` of `/prefix/<item>`. */
export function setOps(prefix: string, before: string[] = [], after: string[] = []): PatchOperation[] {
  const b = new Set(before);
  const a = new Set(after);
  return [
    ...[...a]
      .filter((x) => !b.has(x))
      .map((x): PatchOperation => ({ op: 'add', path: `${prefix}/${escapePointer(x)}` })),
    ...[...b]
      .filter((x) => !a.has(x))
      .map((x): PatchOperation => ({ op: 'remove', path: `${prefix}/${escapePointer(x)}` })),
  ];
}

/** Structural equality for model values (plain JSON data; undefined members are absent). */
export { deepEqual as same } from '../model/canonical.js';
