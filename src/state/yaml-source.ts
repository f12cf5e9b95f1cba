/**
 * YAML (and JSON, which is YAML) parsed with source positions, so every issue can point
 * at `file:line:column`. Hostile input fails fast: aliases are capped (alias bombs),
 * duplicate keys are reported, not silently overwritten.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';

/** Real gateway-state files use a handful of anchors at most; a bomb needs thousands. */
export const MAX_ALIAS_COUNT = 50;

export type DocPath = ReadonlyArray<string | number>;

export interface SourceDoc {
  /** Relative path in the state dir. */
  rel: string;
  /** Path as reported (root-prefixed). */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Plain JS value (undefined when the file could not be parsed). */
  value: unknown;
}

export function parseSource(rel: string, file: string, text: string, issues: ValidationIssue[]): SourceDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const src: SourceDoc = { rel, file, doc, lines, value: undefined };
  const pos = (offset: number): SourceLocation => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  for (const e of doc.errors) {
    const dup = e.code === 'DUPLICATE_KEY';
    issues.push({
      severity: 'error',
      code: dup ? 'duplicate-key' : 'yaml-syntax',
      message: dup ? `duplicate key: ${firstLine(e.message)}` : `YAML syntax error: ${firstLine(e.message)}`,
      hint: dup ? 'keep one of the two entries; YAML does not merge duplicate keys' : 'fix the YAML syntax at this position',
      location: pos(e.pos[0]),
    });
  }
  if (doc.errors.length > 0) return src;
  try {
    src.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error).message;
    issues.push({
      severity: 'error',
      code: /alias/i.test(msg) ? 'yaml-alias-limit' : 'yaml-syntax',
      message: /alias/i.test(msg) ? `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}); this looks like an alias bomb` : `YAML error: ${firstLine(msg)}`,
      hint: 'write the values out instead of expanding anchors many times',
      location: { file, line: 1, column: 1 },
    });
  }
  return src;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Where `path` is in the document: the key (for `key: true`, useful for "unknown key")
 * or the value. Walks as far as the path exists, so a missing leaf points at its parent.
 */
export function locateIn(src: SourceDoc, path: DocPath, opts: { key?: boolean } = {}): SourceLocation {
  let node: unknown = src.doc.contents;
  let here = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
  return toLoc(src, here);
}

function toLoc(src: SourceDoc, node: Node | undefined): SourceLocation {
  const off = node?.range?.[0] ?? 0;
  const p = src.lines.linePos(off);
  return { file: src.file, line: p.line, column: p.col };
}
