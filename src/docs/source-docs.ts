/**
 * The service OpenAPI files of one API, read for documentation: each operation found by
 * the place the compiler recorded for its route (so the docs show exactly the routes the
 * gateway serves, whatever prefix or base path put them there), and each file's
 * components, renamed where two files use one name differently. What only the gateway
 * should know is dropped on the way: x-amazon-apigateway-* (integration URIs, templates,
 * credentials), the services' own `servers` (their internal addresses) and `externalDocs`
 * (the site links to nothing outside itself). Pure.
 */
import { posix } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import { locateIn, parseSource, type ServiceEntry, type StateFiles } from '../state/index.js';

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

const METHOD_KEYS: Record<string, string> = {
  get: 'get',
  put: 'put',
  post: 'post',
  delete: 'delete',
  options: 'options',
  head: 'head',
  patch: 'patch',
  'x-amazon-apigateway-any-method': 'any',
};
const V3_SECTIONS = [
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'examples',
  'links',
  'callbacks',
];
const MAX_INLINE_DEPTH = 32;

export interface SourceOp {
  /** The operation, OpenAPI 3.0, refs pointing at the merged components. */
  op: Obj;
  /** The service that declared it (its entry in api.yaml). */
  service: string;
}

export interface SourceDocs {
  /** `file:line:column` of an operation (as the compiler's source map has it) → the operation. */
  ops: Map<string, SourceOp>;
  /** Merged components (security schemes excluded: the gateway's authorizers replace them). */
  components: Record<string, Obj>;
  /** Tag declarations of the files, first one wins. */
  tags: Obj[];
}

export const locKey = (l: SourceLocation): string => `${l.file}:${l.line}:${l.column}`;

interface Doc {
  rel: string;
  value: Obj;
  v2: boolean;
  service: string;
  /** `section/name` → name in the merged components. */
  names: Map<string, string>;
}

export function readSourceDocs(files: StateFiles, entries: ServiceEntry[]): SourceDocs {
  const out: SourceDocs = { ops: new Map(), components: {}, tags: [] };
  const docs: Doc[] = [];
  const opDoc = new Map<string, Doc>();
  const parsed = new Map<string, Obj>();
  const parse = (rel: string): Obj | undefined => {
    if (!parsed.has(rel)) {
      const text = files.files.get(rel);
      const issues: ValidationIssue[] = [];
      parsed.set(rel, text === undefined ? {} : obj(parseSource(rel, posix.join(files.root, rel), text, issues).value));
    }
    return parsed.get(rel);
  };

  // Components first: every file's names are settled before any operation is copied.
  for (const e of entries) {
    const text = files.files.get(e.rel);
    if (text === undefined) continue;
    const src = parseSource(e.rel, posix.join(files.root, e.rel), text, []);
    const value = obj(src.value);
    const doc: Doc = { rel: e.rel, value, v2: typeof value.swagger === 'string', service: e.service, names: new Map() };
    parsed.set(e.rel, value);
    docs.push(doc);
    for (const [section, defs] of componentSections(doc)) {
      for (const [name, def] of Object.entries(defs)) {
        const target = (out.components[section] ??= {});
        let chosen = name;
        const existing = target[name];
        if (existing !== undefined && !isDeepStrictEqual(existing, def))
          chosen = uniqueName(target, `${e.service}.${name}`);
        doc.names.set(`${section}/${name}`, chosen);
        if (target[chosen] === undefined) target[chosen] = def; // rewritten below, once names are known
      }
    }
    for (const t of Array.isArray(value.tags) ? value.tags : []) {
      const tag = obj(t);
      if (typeof tag.name === 'string' && !out.tags.some((x) => x.name === tag.name)) out.tags.push(clean(tag));
    }

    // Operations, keyed by where the compiler located them.
    for (const [rawPath, item0] of Object.entries(obj(value.paths))) {
      const item = obj(item0);
      const itemParams = Array.isArray(item.parameters) ? item.parameters : [];
      for (const [verb, op0] of Object.entries(item)) {
        if (!METHOD_KEYS[verb.toLowerCase()]) continue;
        const at = locateIn(src, ['paths', rawPath, verb], { key: true });
        // The service's own `servers` are its internal addresses: the gateway's replace them.
        const { servers: _own, ...op } = obj(op0);
        const params = [...itemParams, ...(Array.isArray(op.parameters) ? op.parameters : [])];
        if (params.length) op.parameters = params;
        out.ops.set(locKey(at), { op: doc.v2 ? v2Operation(op, doc) : op, service: e.service });
        opDoc.set(locKey(at), doc);
      }
    }
  }

  // Now rewrite every copied definition so its refs point at the merged names.
  const rewriteIn = (doc: Doc) => (v: unknown) => rewrite(v, doc, { parse, depth: 0 });
  for (const doc of docs) {
    for (const [section, defs] of componentSections(doc)) {
      for (const name of Object.keys(defs)) {
        const chosen = doc.names.get(`${section}/${name}`)!;
        const def = defs[name];
        const converted =
          doc.v2 && section === 'parameters'
            ? v2Parameter(obj(def))
            : doc.v2 && section === 'responses'
              ? v2Response(obj(def), doc.value)
              : def;
        out.components[section][chosen] = rewriteIn(doc)(converted);
      }
    }
  }
  for (const [key, s] of out.ops) {
    out.ops.set(key, { ...s, op: obj(rewriteIn(opDoc.get(key)!)(s.op)) });
  }
  for (const section of Object.keys(out.components))
    if (Object.keys(out.components[section]).length === 0) delete out.components[section];
  return out;
}

function componentSections(doc: Doc): Array<[string, Obj]> {
  if (doc.v2)
    return [
      ['schemas', obj(doc.value.definitions)],
      ['parameters', obj(doc.value.parameters)],
      ['responses', obj(doc.value.responses)],
    ];
  const c = obj(doc.value.components);
  return V3_SECTIONS.filter((s) => s in c).map((s) => [s, obj(c[s])]);
}

function uniqueName(target: Obj, base: string): string {
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '_');
  let name = safe;
  for (let i = 2; target[name] !== undefined; i++) name = `${safe}${i}`;
  return name;
}

interface RewriteCtx {
  parse: (rel: string) => Obj | undefined;
  depth: number;
}

/**
 * Deep copy with refs fixed: local component refs → the merged name; any other ref (a
 * pointer elsewhere in the file, another file of the state) inlined. Gateway-only keys go.
 */
function rewrite(v: unknown, doc: Doc, ctx: RewriteCtx): unknown {
  if (Array.isArray(v)) return v.map((x) => rewrite(x, doc, ctx));
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Obj;
  if (typeof o.$ref === 'string') {
    const ref = o.$ref;
    const local = componentRef(ref, doc);
    if (local) return { $ref: local };
    if (ctx.depth >= MAX_INLINE_DEPTH) return { description: `(definition too deeply nested: ${ref})` };
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const frag = hash < 0 ? '' : ref.slice(hash + 1);
    const rel = filePart ? posix.normalize(posix.join(posix.dirname(doc.rel), filePart)) : doc.rel;
    const target = filePart ? ctx.parse(rel) : doc.value;
    const value = pointer(target, frag);
    if (value === undefined) return { description: `(unresolved reference ${ref})` };
    // Inside another file, its own local refs are relative to it: inline them too.
    const inner: Doc = filePart
      ? { rel, value: obj(target), v2: typeof obj(target).swagger === 'string', service: doc.service, names: new Map() }
      : doc;
    return rewrite(value, inner, { ...ctx, depth: ctx.depth + 1 });
  }
  const out: Obj = {};
  for (const [k, x] of Object.entries(o)) {
    // Gateway internals and links off the site stay out (an External Documentation object
    // has a `url`; a schema property that happens to be named externalDocs does not).
    if (k.startsWith('x-amazon-apigateway-') || (k === 'externalDocs' && typeof obj(x).url === 'string')) continue;
    out[k] = rewrite(x, doc, ctx);
  }
  return out;
}

function componentRef(ref: string, doc: Doc): string | undefined {
  const m = doc.v2
    ? /^#\/(definitions|parameters|responses)\/([^/]+)$/.exec(ref)
    : /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!m) return undefined;
  const section = doc.v2 ? (m[1] === 'definitions' ? 'schemas' : m[1]) : m[1];
  const name = decodePointer(m[2]);
  const chosen = doc.names.get(`${section}/${name}`);
  return chosen === undefined ? undefined : `#/components/${section}/${encodePointer(chosen)}`;
}

function pointer(value: unknown, frag: string): unknown {
  if (frag === '' || frag === '/') return value;
  let cur = value;
  for (const raw of frag.replace(/^\//, '').split('/')) {
    const seg = decodePointer(raw);
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Obj)[seg];
  }
  return cur;
}

const decodePointer = (s: string) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
const encodePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function clean(o: Obj): Obj {
  return Object.fromEntries(
    Object.entries(o).filter(([k]) => !k.startsWith('x-amazon-apigateway-') && k !== 'externalDocs'),
  );
}

// --- Swagger 2.0 → OpenAPI 3.0, as far as documentation needs it --------------------------

const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
];

function v2Parameter(p: Obj): Obj {
  if (typeof p.$ref === 'string') return p;
  const schema = Object.fromEntries(SCHEMA_KEYS.filter((k) => k in p).map((k) => [k, p[k]]));
  const out: Obj = {
    name: p.name,
    in: p.in,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.required !== undefined ? { required: p.required } : {}),
  };
  out.schema = Object.keys(schema).length ? schema : { type: 'string' };
  return out;
}

function v2Response(r: Obj, doc: Obj, op: Obj = {}): Obj {
  if (typeof r.$ref === 'string') return r;
  const out: Obj = { description: r.description ?? '' };
  if (r.schema !== undefined) {
    const types = Array.isArray(op.produces)
      ? op.produces
      : Array.isArray(doc.produces)
        ? doc.produces
        : ['application/json'];
    out.content = Object.fromEntries(types.map((t) => [String(t), { schema: r.schema }]));
  }
  if (r.headers)
    out.headers = Object.fromEntries(
      Object.entries(obj(r.headers)).map(([k, h]) => [
        k,
        { schema: obj(h), ...(obj(h).description ? { description: obj(h).description } : {}) },
      ]),
    );
  return out;
}

function v2Operation(op: Obj, doc: Doc): Obj {
  const { parameters, responses, consumes, produces: _p, schemes: _s, ...rest } = op;
  const out: Obj = { ...rest };
  const params: Obj[] = [];
  const form: Obj = {};
  for (const p0 of Array.isArray(parameters) ? parameters : []) {
    const p = obj(p0);
    if (p.in === 'body') {
      const types = Array.isArray(consumes)
        ? consumes
        : Array.isArray(doc.value.consumes)
          ? doc.value.consumes
          : ['application/json'];
      out.requestBody = {
        ...(p.description ? { description: p.description } : {}),
        required: p.required === true,
        content: Object.fromEntries(types.map((t) => [String(t), { schema: p.schema ?? {} }])),
      };
    } else if (p.in === 'formData') form[String(p.name)] = v2Parameter(p).schema;
    else params.push(v2Parameter(p));
  }
  if (Object.keys(form).length)
    out.requestBody = {
      content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: form } } },
    };
  if (params.length) out.parameters = params;
  out.responses = Object.fromEntries(
    Object.entries(obj(responses)).map(([code, r]) => [code, v2Response(obj(r), doc.value, op)]),
  );
  return out;
}
