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
  const walk = (v: unknown, path: Array<string | number>) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i]));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith(PREFIX)) out.push({ name: k, path: [...path, k], value: x });
      else walk(x, [...path, k]);
    }
  };
  walk(value, []);
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
