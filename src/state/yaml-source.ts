/**
 * YAML and JSON files with source positions, so every issue can point at
 * `file:line:column`. Hostile input fails fast: aliases are capped (alias bombs), duplicate
 * keys are reported, not silently overwritten.
 *
 * Two speeds: files are loaded with JSON.parse / js-yaml and located through a fast
 * key-position index; the full `yaml` document model (exact positions everywhere, every
 * syntax error) is built only for files that need it — those with anchors, errors, or a
 * location the index cannot give.
 */
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import { blockYamlIndex, jsonIndex, pathKey, type PositionIndex } from './position-index.js';

/** Real gateway-state files use a handful of anchors at most; a bomb needs thousands. */
export const MAX_ALIAS_COUNT = 50;

export type DocPath = ReadonlyArray<string | number>;

export interface SourceDoc {
  /** Relative path in the state dir. */
  rel: string;
  /** Path as reported (root-prefixed). */
  file: string;
  text: string;
  /** Plain JS value (undefined when the file could not be parsed). */
  value: unknown;
  /** Fast index (null: not available for this file; undefined: not built yet). */
  index?: PositionIndex | null;
  /** The full document, built on first need. */
  doc?: Document.Parsed;
  lineStarts?: number[];
}

const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m;

/** Deeper than any API definition; deeper still makes parsers slow or overflow the stack. */
export const MAX_NESTING = 128;

export function parseSource(rel: string, file: string, text: string, issues: ValidationIssue[]): SourceDoc {
  const src: SourceDoc = { rel, file, text, value: undefined };
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    issues.push({
      severity: 'error',
      code: 'too-deep',
      message: `${rel} nests deeper than ${MAX_NESTING} levels`,
      hint: 'simplify the file; nesting this deep is not an API definition',
      location: toLoc(src, tooDeep),
    });
    return src;
  }
  const json = /^\s*[{[]/.test(text);
  if (json) {
    try {
      const value = JSON.parse(text) as unknown;
      const index = jsonIndex(text); // undefined also when a key repeats: the full parse reports it
      if (index) {
        src.value = value;
        src.index = index;
        return src;
      }
    } catch {
      /* not strict JSON: YAML flow style, or an error the full parse describes */
    }
  } else if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      // js-yaml throws on duplicate keys and syntax errors; the full parse then reports them.
      src.value = loadYaml(text, { schema: CORE_SCHEMA, filename: file }) ?? null;
      return src;
    } catch {
      /* fall through */
    }
  }
  try {
    parseFully(src, issues);
  } catch (e) {
    // e.g. RangeError from absurd nesting: refuse the file, do not crash the run.
    src.value = undefined;
    issues.push({
      severity: 'error',
      code: 'yaml-unreadable',
      message: `${rel} cannot be read: ${firstLine((e as Error).message)}`,
      hint: 'simplify the file (nesting this deep is not an API definition)',
      location: { file, line: 1, column: 1 },
    });
  }
  return src;
}

/** Offset where bracket nesting or indentation first exceeds `max` levels, if it does. */
function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let quote = '';
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      if (c === 32) {
        if (++indent > max * 4) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 10) {
      lineStart = true;
      indent = 0;
      if (quote === "'") continue;
    }
    if (quote) {
      if (c === 92 && quote === '"') i++;
      else if (c === quote.charCodeAt(0)) quote = '';
    } else if (c === 34) quote = '"';
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

function fullDoc(src: SourceDoc): Document.Parsed {
  // uniqueKeys is checked separately in one pass: the library's check is quadratic per map.
  src.doc ??= parseDocument(src.text, { uniqueKeys: false, prettyErrors: false, strict: true });
  return src.doc;
}

function parseFully(src: SourceDoc, issues: ValidationIssue[]): void {
  const doc = fullDoc(src);
  const pos = (offset: number): SourceLocation => toLoc(src, offset);
  for (const e of doc.errors) {
    issues.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax error: ${firstLine(e.message)}`,
      hint: 'fix the YAML syntax at this position',
      location: pos(e.pos[0]),
    });
  }
  if (doc.errors.length > 0) return;
  const dups = duplicateKeys(doc.contents);
  for (const key of dups) {
    issues.push({
      severity: 'error',
      code: 'duplicate-key',
      message: `duplicate key "${String(key.value)}"`,
      hint: 'keep one of the two entries; YAML does not merge duplicate keys',
      location: pos(key.range?.[0] ?? 0),
    });
  }
  if (dups.length > 0) return;
  try {
    src.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error).message;
    const bomb = /alias/i.test(msg);
    issues.push({
      severity: 'error',
      code: bomb ? 'yaml-alias-limit' : 'yaml-syntax',
      message: bomb
        ? `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}); this looks like an alias bomb`
        : `YAML error: ${firstLine(msg)}`,
      hint: 'write the values out instead of expanding anchors many times',
      location: { file: src.file, line: 1, column: 1 },
    });
  }
}

/** Every scalar key that repeats an earlier key of the same map (iterative: no deep recursion). */
function duplicateKeys(root: unknown): Scalar[] {
  const out: Scalar[] = [];
  const stack: unknown[] = [root];
  let aliases = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const p of node.items) {
        if (isScalar(p.key)) {
          if (seen.has(p.key.value)) out.push(p.key);
          seen.add(p.key.value);
        }
        stack.push(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isAlias(node) && ++aliases > MAX_ALIAS_COUNT) {
      break; // toJS reports the alias bomb
    }
  }
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Where `path` is in the document: the key (for `key: true`, useful for "unknown key")
 * or, for scalars, the value. A missing leaf points at the nearest ancestor that exists.
 */
export function locateIn(src: SourceDoc, path: DocPath, opts: { key?: boolean } = {}): SourceLocation {
  if (src.index === undefined)
    src.index = (/^\s*[{[]/.test(src.text) ? jsonIndex(src.text) : blockYamlIndex(src.text)) ?? null;
  const hit = src.index?.get(pathKey(path));
  if (hit && path.length > 0) return toLoc(src, !opts.key && hit.value !== undefined ? hit.value : hit.key);
  return locatePrecisely(src, path, opts);
}

function locatePrecisely(src: SourceDoc, path: DocPath, opts: { key?: boolean }): SourceLocation {
  let node: unknown = fullDoc(src).contents;
  let here = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      const val = pair.value as Node | null;
      // Point at the key for containers and missing values, at the value for scalars.
      here = last && !opts.key && isScalar(val) ? val : key;
      node = val;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      here = item;
      node = item;
    } else {
      break;
    }
  }
  return toLoc(src, here?.range?.[0] ?? 0);
}

const indexes = new WeakMap<YAMLMap, Map<string, { key: unknown; value: unknown }>>();

/** Key → pair of a map, built once per map: locating is O(path length), not O(keys). */
function keyIndex(map: YAMLMap): Map<string, { key: unknown; value: unknown }> {
  let idx = indexes.get(map);
  if (!idx) {
    idx = new Map();
    for (const p of map.items)
      if (isPair(p) && isScalar(p.key) && !idx.has(String(p.key.value))) idx.set(String(p.key.value), p);
    indexes.set(map, idx);
  }
  return idx;
}

function toLoc(src: SourceDoc, offset: number): SourceLocation {
  if (!src.lineStarts) {
    const starts = [0];
    for (let i = src.text.indexOf('\n'); i >= 0; i = src.text.indexOf('\n', i + 1)) starts.push(i + 1);
    src.lineStarts = starts;
  }
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file: src.file, line: lo + 1, column: offset - starts[lo] + 1 };
}
