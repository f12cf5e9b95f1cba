/**
 * Finds every `x-amazon-apigateway-*` key in a parsed OpenAPI document, with its path, so
 * each can be checked against the catalog and located as `file:line:col`. The walk does
 * not descend into an extension's value: its members are the extension's own fields.
 */
import type { DocPath, SourceDoc } from '../../../state/yaml-source.js';
import { locateIn } from '../../../state/yaml-source.js';
import type { ValidationIssue } from '../../../model/issue.js';

export const PREFIX = 'x-amazon-apigateway-';

export interface Occurrence {
  name: string;
  /** Path of the key in the document. */
  path: DocPath;
  value: unknown;
}

export function scanExtensions(value: unknown): Occurrence[] {
  const out: Occurrence[] = [];
  // One path stack, copied only for a hit: large documents have hundreds of thousands of nodes.
  const path: Array<string | number> = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (k.startsWith(PREFIX)) {
        out.push({ name: k, path: [...path, k], value: x });
      } else if (typeof x === 'object' && x !== null) {
        path.push(k);
        walk(x);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An issue at a place in an OpenAPI file (the key when `key`, else the value). */
export function docIssue(
  src: SourceDoc,
  path: DocPath,
  i: { code: string; message: string; hint: string; severity?: 'error' | 'warning'; key?: boolean },
): ValidationIssue {
  return {
    severity: i.severity ?? 'error',
    code: i.code,
    message: i.message,
    hint: i.hint,
    location: locateIn(src, path, { key: i.key ?? true }),
    path: path.join('.'),
  };
}
