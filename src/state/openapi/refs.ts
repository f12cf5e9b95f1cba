/**
 * `$ref` resolution for OpenAPI files. Local refs (`#/components/...`) and refs to other
 * files inside the gateway-state directory resolve; remote URLs are refused (no network is
 * ever touched) and so are paths that leave the directory.
 */
import { posix } from 'node:path';
import type { ValidationIssue } from '../../model/issue.js';
import { locateIn, parseSource, type DocPath, type SourceDoc } from '../yaml-source.js';

const MAX_REF_HOPS = 32;

export interface RefContext {
  /** Files of the state dir (relative path → text) and the root to report them under. */
  files: Map<string, string>;
  root: string;
  issues: ValidationIssue[];
  /** Parsed documents by relative path, shared across one compile. */
  cache: Map<string, SourceDoc>;
}

export function sourceFor(ctx: RefContext, rel: string): SourceDoc | undefined {
  const hit = ctx.cache.get(rel);
  if (hit) return hit;
  const text = ctx.files.get(rel);
  if (text === undefined) return undefined;
  const doc = parseSource(rel, posix.join(ctx.root, rel), text, ctx.issues);
  ctx.cache.set(rel, doc);
  return doc;
}

export function isRef(v: unknown): v is { $ref: string } {
  return typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';
}

function pointer(value: unknown, frag: string): unknown {
  if (frag === '' || frag === '/') return value;
  let cur = value;
  for (const raw of frag.replace(/^\//, '').split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export interface Resolved<T = unknown> {
  value: T | undefined;
  /** Document the value came from (for further relative refs and locations). */
  src: SourceDoc;
  /** Name of the last ref target (e.g. `User` for `#/components/schemas/User`). */
  refName?: string;
}

/** Follows `$ref`s from `value` (found at `path` in `src`); reports and returns undefined on failure. */
export function deref<T = unknown>(ctx: RefContext, src: SourceDoc, value: unknown, path: DocPath): Resolved<T> {
  let cur = value;
  let curSrc = src;
  let refName: string | undefined;
  for (let hop = 0; isRef(cur); hop++) {
    const ref = cur.$ref;
    const fail = (code: string, message: string, hint: string): Resolved<T> => {
      ctx.issues.push({ severity: 'error', code, message, hint, location: locateIn(src, [...path, '$ref']) });
      return { value: undefined, src: curSrc };
    };
    if (hop >= MAX_REF_HOPS)
      return fail(
        'ref-cycle',
        `$ref chain "${ref}" is longer than ${MAX_REF_HOPS} hops (a cycle?)`,
        'point the $ref at the definition itself',
      );
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) {
      return fail(
        'remote-ref',
        `remote $ref "${ref}" is not allowed: apigw-sync never fetches from the network`,
        'copy the referenced definition into the gateway-state directory and use a relative $ref',
      );
    }
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const frag = hash < 0 ? '' : ref.slice(hash + 1);
    let target = curSrc;
    if (filePart) {
      const rel = posix.normalize(posix.join(posix.dirname(curSrc.rel), filePart));
      if (rel.startsWith('../') || rel === '..' || posix.isAbsolute(filePart)) {
        return fail(
          'ref-escape',
          `$ref "${ref}" leaves the gateway-state directory`,
          'keep every referenced file inside gateway-state/',
        );
      }
      const t = sourceFor(ctx, rel);
      if (!t)
        return fail(
          'ref-missing',
          `$ref "${ref}": file ${rel} not found in the gateway-state directory`,
          'check the file name, or add the file',
        );
      target = t;
    }
    const next = pointer(target.value, frag);
    if (next === undefined)
      return fail(
        'ref-missing',
        `$ref "${ref}" points at nothing`,
        `define ${frag || 'the target'} or fix the reference`,
      );
    refName = frag.split('/').pop() || refName;
    cur = next;
    curSrc = target;
  }
  return { value: cur as T, src: curSrc, refName };
}
