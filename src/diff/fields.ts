/**
 * Field-level differences of two model objects, as FieldChanges with readable paths.
 *
 * json-diff-ts finds the differences; this file only turns its nested changeset into
 * flat, sorted FieldChanges. Two deliberate shapes:
 * - Arrays are compared whole (one FieldChange with both lists): the model's arrays are
 *   sets or short lists (binaryMediaTypes, scopes, identitySource), and per-index changes
 *   ("[1]: b → c") read worse than "[a, b] → [a, c]".
 * - An added or removed object is flattened to its leaves (`cache.sizeGb`, `cache.ttlSeconds`),
 *   so every FieldChange holds a scalar or a list and masking by name sees every key.
 * Keys that are not plain identifiers are bracketed: `requestParameters["method.request.path.id"]`.
 */
import { diff, type IChange } from 'json-diff-ts';
import type { FieldChange } from '../model/change.js';
import { deepEqual, stripUndefined } from '../model/canonical.js';

const IDENT = /^[A-Za-z_$][\w$-]*$/;

export function joinPath(parent: string, key: string): string {
  const seg = IDENT.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return seg;
  return seg.startsWith('[') ? `${parent}${seg}` : `${parent}.${seg}`;
}

/** Splits a path made by joinPath back into its keys. */
export function splitPath(path: string): string[] {
  const keys: string[] = [];
  const re = /\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g;
  for (const m of path.matchAll(re)) keys.push(m[1] !== undefined ? (JSON.parse(m[1]) as string) : m[2]);
  return keys;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (deepEqual(before, after)) return [];
  const b = stripUndefined(before);
  const a = stripUndefined(after);
  const out = new Map<string, FieldChange>();
  if (!isPlainObject(b) || !isPlainObject(a)) {
    put(out, '', b, a);
  } else {
    walk(diff(b, a), '', b, a, out);
  }
  return [...out.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

function walk(changes: IChange[], parent: string, b: unknown, a: unknown, out: Map<string, FieldChange>): void {
  for (const c of changes) {
    const path = joinPath(parent, c.key);
    const bv = isPlainObject(b) ? b[c.key] : undefined;
    const av = isPlainObject(a) ? a[c.key] : undefined;
    if (Array.isArray(bv) || Array.isArray(av)) {
      put(out, path, bv, av);
    } else if (c.changes && isPlainObject(bv) && isPlainObject(av)) {
      walk(c.changes, path, bv, av, out);
    } else {
      put(out, path, bv, av);
    }
  }
}

/** Records one difference; objects on either side are split into their leaves. */
function put(out: Map<string, FieldChange>, path: string, before: unknown, after: unknown): void {
  if (deepEqual(before, after)) return;
  if (isPlainObject(before) || isPlainObject(after)) {
    const bo = isPlainObject(before) ? before : {};
    const ao = isPlainObject(after) ? after : {};
    // A scalar replaced by an object (or the reverse) keeps the scalar side at the parent path.
    if (!isPlainObject(before) && before !== undefined) out.set(path, { path, before, after: undefined });
    if (!isPlainObject(after) && after !== undefined) out.set(path, { path, before: undefined, after });
    for (const k of new Set([...Object.keys(bo), ...Object.keys(ao)])) put(out, joinPath(path, k), bo[k], ao[k]);
    return;
  }
  const fc: FieldChange = { path };
  if (before !== undefined) fc.before = before;
  if (after !== undefined) fc.after = after;
  out.set(path, fc);
}
