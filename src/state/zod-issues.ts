/**
 * Turns zod issues into ValidationIssues a person can act on: the location of the
 * offending key or value, and for unknown keys the closest known key.
 */
import type { z } from 'zod';
import type { ValidationIssue } from '../model/issue.js';
import { locateIn, type SourceDoc } from './yaml-source.js';
import { didYouMean } from './did-you-mean.js';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  keyType?: AnySchema;
  entries?: Record<string, string>;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
  left?: AnySchema;
}

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object keys the schema allows at `path` (for "did you mean"). */
export function knownKeysAt(root: AnySchema, path: ReadonlyArray<PropertyKey>): string[] {
  let cur: AnySchema[] = [root];
  const unwrap = (list: AnySchema[]): AnySchema[] =>
    list.flatMap((s) => {
      const d = defOf(s);
      if (d.innerType) return unwrap([d.innerType]);
      if (d.type === 'union' && d.options) return unwrap(d.options);
      if (d.type === 'pipe' && d.in) return unwrap([d.in]);
      return [s];
    });
  for (const seg of path) {
    cur = unwrap(cur).flatMap((s) => {
      const d = defOf(s);
      if (d.type === 'object' && d.shape && typeof seg === 'string' && seg in d.shape) return [d.shape[seg]];
      if (d.type === 'record' && d.valueType) return [d.valueType];
      if (d.type === 'array' && d.element && typeof seg === 'number') return [d.element];
      return [];
    });
  }
  return unwrap(cur).flatMap((s) => {
    const d = defOf(s);
    if (d.type === 'object' && d.shape) return Object.keys(d.shape);
    // A record keyed by an enum (gateway responses by response type): the enum's values.
    if (d.type === 'record' && d.keyType) return Object.values(defOf(d.keyType).entries ?? {});
    return [];
  });
}

type Issue = z.ZodError['issues'][number];

/**
 * A union (a routes file name or inline routes) whose value got past the type check of exactly
 * one option is reported with that option's issues, not as "Invalid input".
 */
function flattenUnions(issues: readonly Issue[], base: ReadonlyArray<PropertyKey> = []): Issue[] {
  return issues.flatMap((iss) => {
    const path = [...base, ...iss.path];
    if (iss.code === 'invalid_union') {
      const typed = iss.errors.filter((errs) => !errs.every((e) => e.code === 'invalid_type' && e.path.length === 0));
      if (typed.length === 1) return flattenUnions(typed[0], path);
    }
    return [{ ...iss, path } as Issue];
  });
}

export function zodToIssues(err: z.ZodError, schema: AnySchema, src: SourceDoc, what: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const iss of flattenUnions(err.issues)) {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol');
    const dotted = path.join('.');
    if (iss.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of iss.keys) {
        const guess = didYouMean(key, known);
        out.push({
          severity: 'error',
          code: 'unknown-key',
          message: `unknown key "${key}"${dotted ? ` in ${dotted}` : ''} of ${what}${guess ? ` — did you mean "${guess}"?` : ''}`,
          hint: guess ? `rename "${key}" to "${guess}"` : `remove "${key}"; allowed keys here: ${known.join(', ')}`,
          location: locateIn(src, [...path, key], { key: true }),
          path: [...path, key].join('.'),
        });
      }
      continue;
    }
    if (iss.code === 'invalid_key') {
      // A map key the schema's key pattern refuses: say why, at the key.
      const why = iss.issues[0]?.message ?? iss.message;
      out.push({
        severity: 'error',
        code: 'invalid-value',
        message: `${dotted}: key ${why}`,
        hint: `use ${why.replace(/^must (be |use )?/, '')}`,
        location: locateIn(src, path, { key: true }),
        path: dotted,
      });
      continue;
    }
    const missing = iss.code === 'invalid_type' && iss.input === undefined;
    let hint = 'see schema/gateway-state.schema.json for the allowed values';
    let guess: string | undefined;
    if (iss.code === 'invalid_value' && 'values' in iss) {
      const values = iss.values.map((v) => String(v));
      const input = (iss as { input?: unknown }).input;
      guess = typeof input === 'string' ? didYouMean(input, values) : undefined;
      hint = guess ? `use "${guess}" (allowed: ${values.join(', ')})` : `use one of: ${values.join(', ')}`;
    } else if (iss.code === 'invalid_format') hint = `use ${iss.message.replace(/^must (be |use )?/, '')}`;
    else if (missing) hint = `add "${path[path.length - 1]}"`;
    out.push({
      severity: 'error',
      code: missing ? 'missing-key' : 'invalid-value',
      message: missing
        ? `${dotted || what} is required in ${what}`
        : `${dotted || what}: ${iss.message}${guess ? ` — did you mean "${guess}"?` : ''}`,
      hint,
      location: locateIn(src, path),
      path: dotted,
    });
  }
  return out;
}
