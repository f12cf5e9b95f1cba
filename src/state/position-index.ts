/**
 * Fast key → offset indexes for the two layouts real files use: block-style YAML and JSON.
 * They exist for speed (a 5,000-route state must validate in well under 2 s, and a full
 * YAML document model costs ~2 µs per byte); anything they cannot place exactly (flow
 * collections, anchors, tags, multi-line keys) is simply absent and the caller falls back
 * to the full `yaml` parse for that one location.
 */

export interface IndexEntry {
  /** Offset of the key (for sequence items: of the item). */
  key: number;
  /** Offset of the value when it is a scalar (or block scalar indicator) on the key's line. */
  value?: number;
}

/** Path (segments joined by NUL) → entry. */
export type PositionIndex = Map<string, IndexEntry>;

export const pathKey = (path: ReadonlyArray<string | number>): string => path.join('\u0000');

/** A path as its index key; `undefined` is the document root. */
type P = string | undefined;
const child = (p: P, seg: string | number): string => (p === undefined ? String(seg) : `${p}\u0000${seg}`);

interface Frame {
  indent: number;
  path: P;
  kind: 'map' | 'seq';
  next: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},&*!|>?%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?:[ \t]+|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) return JSON.parse(k) as string;
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

/** Index of block-style YAML. Returns undefined when the layout is beyond it (tabs, `?` keys). */
export function blockYamlIndex(text: string): PositionIndex | undefined {
  const idx: PositionIndex = new Map();
  const frames: Frame[] = [{ indent: 0, path: undefined, kind: 'map', next: 0 }];
  let pending: { path: P; col: number } | undefined;
  let skipDeeperThan = -1; // block scalars, multi-line flow and plain-scalar continuations
  let flowDepth = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (flowDepth > 0) {
      flowDepth += bracketBalance(line);
      continue;
    }
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed === '\r' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (/^\s*\t/.test(line)) return undefined;
    if (skipDeeperThan >= 0 && indent > skipDeeperThan) continue;
    skipDeeperThan = -1;
    if (indent === 0 && (trimmed.startsWith('---') || trimmed.startsWith('...') || trimmed.startsWith('%'))) continue;
    if (trimmed.startsWith('? ')) return undefined;

    let col = indent;
    let content = trimmed.replace(/\r$/, '');
    const isItem = (c: string) => c === '-' || c.startsWith('- ');
    const isEntryLine = isItem(content);
    // Close containers this line is not inside of.
    while (frames.length > 1) {
      const top = frames[frames.length - 1];
      if (top.indent > col || (top.indent === col && top.kind === 'seq' && !isEntryLine)) frames.pop();
      else break;
    }
    // Walk `- - key: value` chains on one line.
    for (;;) {
      const top = frames[frames.length - 1];
      if (isItem(content)) {
        let seq: Frame;
        if (top.kind === 'seq' && top.indent === col) seq = top;
        else if (pending && col >= pending.col) {
          seq = { indent: col, path: pending.path, kind: 'seq', next: 0 };
          frames.push(seq);
        } else return undefined;
        pending = undefined;
        const itemPath = child(seq.path, seq.next++);
        const rest = content.slice(1).trimStart();
        const restCol = col + (content.length - rest.length);
        if (rest === '' || rest.startsWith('#')) {
          idx.set(itemPath, { key: lineStart + restCol });
          pending = { path: itemPath, col: col + 1 };
          break;
        }
        idx.set(itemPath, { key: lineStart + restCol, ...(KEY.test(rest) ? {} : scalarAt(rest, lineStart + restCol)) });
        if (KEY.test(rest)) {
          frames.push({ indent: restCol, path: itemPath, kind: 'map', next: 0 });
          content = rest;
          col = restCol;
          continue;
        }
        if (opensFlow(rest)) {
          flowDepth = bracketBalance(rest);
          if (flowDepth === 0) indexFlow(idx, itemPath, rest, lineStart + restCol);
        } else skipDeeperThan = col;
        break;
      }
      const m = KEY.exec(content);
      if (!m) return undefined; // a layout this index does not follow
      let map = top;
      if (!(map.kind === 'map' && map.indent === col)) {
        if (!pending || col <= pending.col) return undefined;
        map = { indent: col, path: pending.path, kind: 'map', next: 0 };
        frames.push(map);
      }
      const key = unquote(m[1].trim());
      const path = child(map.path, key);
      const rest = content.slice(m[0].length);
      const restCol = col + m[0].length;
      const entry: IndexEntry = { key: lineStart + col };
      pending = undefined;
      if (rest === '' || rest.startsWith('#')) {
        pending = { path, col };
        skipDeeperThan = -1;
      } else if (rest.startsWith('|') || rest.startsWith('>')) {
        entry.value = lineStart + restCol;
        skipDeeperThan = col;
      } else if (opensFlow(rest)) {
        flowDepth = bracketBalance(rest);
        if (flowDepth === 0) indexFlow(idx, path, rest, lineStart + restCol);
      } else if (/^[&!*]/.test(rest)) {
        // anchors, tags, aliases: leave to the full parser
      } else {
        Object.assign(entry, scalarAt(rest, lineStart + restCol));
        skipDeeperThan = col; // a following deeper line can only continue this scalar
      }
      if (idx.has(path)) return undefined; // duplicate key: the full parser reports it
      idx.set(path, entry);
      break;
    }
  }
  return idx;
}

function opensFlow(s: string): boolean {
  return s.startsWith('{') || s.startsWith('[');
}

function scalarAt(rest: string, at: number): { value: number } | Record<string, never> {
  return opensFlow(rest) ? {} : { value: at };
}

/**
 * Entries of a flow collection that opens and closes on one line (`{ a: 1, b: [x] }`).
 * Stops quietly at anything unusual: what it recorded so far is still exact.
 */
function indexFlow(idx: PositionIndex, path: P, s: string, base: number): void {
  new FlowScanner(idx, s, base).collection(path);
}

/** A class rather than closures: this runs once per flow line of very large files. */
class FlowScanner {
  i = 0;
  constructor(
    private readonly idx: PositionIndex,
    private readonly s: string,
    private readonly base: number,
  ) {}

  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private quoted(): string | undefined {
    const { s } = this;
    const q = s[this.i];
    let j = this.i + 1;
    while (j < s.length && s[j] !== q) j += s[j] === '\\' && q === '"' ? 2 : 1;
    if (j >= s.length) return undefined;
    const raw = s.slice(this.i, j + 1);
    this.i = j + 1;
    return unquote(raw);
  }

  private plain(stops: string): string {
    const { s } = this;
    const start = this.i;
    let i = this.i;
    while (
      i < s.length &&
      !stops.includes(s[i]) &&
      !(s[i] === ':' && (s[i + 1] === ' ' || s[i + 1] === ',' || s[i + 1] === '}')) &&
      !(s[i] === '#' && s[i - 1] === ' ')
    )
      i++;
    this.i = i;
    return s.slice(start, i).trimEnd();
  }

  private node(p: string, keyAt: number): boolean {
    this.ws();
    const at = this.i;
    const c = this.s[at];
    if (c === '{' || c === '[') {
      this.idx.set(p, { key: keyAt });
      return this.collection(p);
    }
    if (c === '"' || c === "'") {
      if (this.quoted() === undefined) return false;
    } else if (c === undefined || '&*!|>'.includes(c)) return false;
    else this.plain(',]}');
    this.idx.set(p, { key: keyAt, value: this.base + at });
    return true;
  }

  collection(p: P): boolean {
    const { s } = this;
    const close = s[this.i] === '{' ? '}' : ']';
    this.i++;
    for (let n = 0; ; n++) {
      this.ws();
      if (s[this.i] === close) {
        this.i++;
        return true;
      }
      if (close === '}') {
        const keyAt = this.base + this.i;
        const key = s[this.i] === '"' || s[this.i] === "'" ? this.quoted() : this.plain(',}:');
        if (key === undefined || s[this.i] !== ':') return false;
        this.i++;
        if (!this.node(child(p, key), keyAt)) return false;
      } else {
        this.ws();
        if (!this.node(child(p, n), this.base + this.i)) return false;
      }
      this.ws();
      if (s[this.i] === ',') this.i++;
      else if (s[this.i] !== close) return false;
    }
  }
}

/** Net `{[` minus `]}` outside quotes. */
function bracketBalance(s: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) break;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

interface JFrame {
  kind: 'obj' | 'arr';
  path: P;
  next: number;
  key?: string;
  keyAt?: number;
}

/** Exact index of a JSON text; undefined when it is not JSON or repeats a key. */
export function jsonIndex(text: string): PositionIndex | undefined {
  const idx: PositionIndex = new Map();
  const stack: JFrame[] = [];
  let i = 0;
  const n = text.length;
  const place = (at: number, scalar: boolean): { path: P } | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return { path: undefined };
    if (top.kind === 'arr') {
      const path = child(top.path, top.next);
      idx.set(path, scalar ? { key: at, value: at } : { key: at });
      return { path };
    }
    if (top.key === undefined) return undefined;
    const path = child(top.path, top.key);
    const k = path;
    if (idx.has(k)) return undefined;
    idx.set(k, scalar ? { key: top.keyAt!, value: at } : { key: top.keyAt! });
    top.key = undefined;
    return { path };
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ':') {
      i++;
    } else if (c === '{' || c === '[') {
      const placed = place(i, false);
      if (!placed) return undefined;
      stack.push({ kind: c === '{' ? 'obj' : 'arr', path: placed.path, next: 0 });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'arr') top.next++;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'obj' && top.key === undefined) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.keyAt = i;
      } else if (!place(i, true)) return undefined;
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !',]} \n\r\t'.includes(text[j])) j++;
      if (j === i || !place(i, true)) return undefined;
      i = j;
    }
  }
  return idx;
}
