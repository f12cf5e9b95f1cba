/**
 * v1 `patchOperations`: JSON-Patch-like ops (add, remove, replace, copy) on a resource, with
 * API Gateway's path conventions: values are strings on the wire, `~1` escapes `/` inside a
 * segment, maps are addressed as `/variables/<name>`, string lists as `/binaryMediaTypes/<item>`.
 * Each resource declares which paths it accepts and their types; anything else is the
 * BadRequestException AWS returns ("Invalid patch path ...").
 */
import { badRequest } from '../core/types.js';

export interface PatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: string;
  from?: string;
}

export type FieldKind = 'string' | 'bool' | 'int' | 'number' | 'stringMap' | 'boolMap' | 'stringSet';

/** path (without the leading slash, nested with `/`) → kind. Map and set kinds take one more segment. */
export type PatchSpec = Record<string, FieldKind>;

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

export function parsePatchOps(raw: unknown): PatchOp[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest('patchOperations must be a list');
  return raw.map((o, i) => {
    if (typeof o !== 'object' || o === null) throw badRequest(`patchOperations[${i}] must be an object`);
    const op = (o as PatchOp).op;
    if (!OPS.includes(op)) throw badRequest(`Invalid patch operation specified. Must be one of: ${OPS.join(', ')}`);
    const path = (o as PatchOp).path;
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw badRequest(`Invalid patch path '${String(path)}' specified`);
    return o as PatchOp;
  });
}

export const unescapeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function splitPath(path: string): string[] {
  return path.slice(1).split('/');
}

export function convert(kind: FieldKind, value: string | undefined, path: string): unknown {
  if (value === undefined) throw badRequest(`Invalid patch operation: value is required for ${path}`);
  switch (kind) {
    case 'bool':
      if (value !== 'true' && value !== 'false') throw badRequest(`Invalid boolean value '${value}' for ${path}`);
      return value === 'true';
    case 'int': {
      const n = Number(value);
      if (!Number.isInteger(n)) throw badRequest(`Invalid integer value '${value}' for ${path}`);
      return n;
    }
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw badRequest(`Invalid number value '${value}' for ${path}`);
      return n;
    }
    default:
      return value;
  }
}

type Obj = Record<string, unknown>;

function parentOf(target: Obj, fieldPath: string[], create: boolean): Obj | undefined {
  let cur: Obj = target;
  for (const seg of fieldPath.slice(0, -1)) {
    if (cur[seg] === undefined || cur[seg] === null) {
      if (!create) return undefined;
      cur[seg] = {};
    }
    cur = cur[seg] as Obj;
  }
  return cur;
}

/** Finds the declared field a path addresses: an exact scalar path, or a map/set path plus its key. */
export function resolvePath(
  spec: PatchSpec,
  path: string,
): { field: string[]; kind: FieldKind; key?: string } | undefined {
  const segs = splitPath(path);
  const exact = segs.join('/');
  if (spec[exact] !== undefined && !['stringMap', 'boolMap', 'stringSet'].includes(spec[exact])) {
    return { field: segs, kind: spec[exact] };
  }
  for (let n = segs.length - 1; n >= 1; n--) {
    const head = segs.slice(0, n).join('/');
    const kind = spec[head];
    if (kind === 'stringMap' || kind === 'boolMap' || kind === 'stringSet') {
      return { field: segs.slice(0, n), kind, key: unescapeSegment(segs.slice(n).join('/')) };
    }
  }
  if (spec[exact] !== undefined) return { field: segs, kind: spec[exact] };
  return undefined;
}

export function readPath(target: Obj, spec: PatchSpec, path: string): unknown {
  const r = resolvePath(spec, path);
  if (!r) throw badRequest(`Invalid patch path '${path}' specified for op 'copy'`);
  const parent = parentOf(target, r.field, false);
  const v = parent?.[r.field[r.field.length - 1]];
  return r.key !== undefined ? (v as Obj | undefined)?.[r.key] : v;
}

/** Applies one add/replace/remove on a declared path. Returns false if the path is not declared. */
export function applyDeclared(target: Obj, spec: PatchSpec, op: PatchOp): boolean {
  const r = resolvePath(spec, op.path);
  if (!r) return false;
  const last = r.field[r.field.length - 1];
  if (op.op === 'remove') {
    const parent = parentOf(target, r.field, false);
    if (!parent) return true;
    if (r.key === undefined) {
      delete parent[last];
    } else if (r.kind === 'stringSet') {
      parent[last] = ((parent[last] as string[] | undefined) ?? []).filter((x) => x !== r.key);
    } else if (parent[last]) {
      delete (parent[last] as Obj)[r.key];
    }
    return true;
  }
  if (op.op !== 'add' && op.op !== 'replace')
    throw badRequest(`Invalid patch operation '${op.op}' for path ${op.path}`);
  const parent = parentOf(target, r.field, true) as Obj;
  if (r.key === undefined) {
    if (r.kind === 'stringMap' || r.kind === 'boolMap' || r.kind === 'stringSet') {
      throw badRequest(`Invalid patch path '${op.path}' specified: name the entry, e.g. ${op.path}/<name>`);
    }
    parent[last] = convert(r.kind, op.value, op.path);
    return true;
  }
  if (r.kind === 'stringSet') {
    const list = (parent[last] as string[] | undefined) ?? [];
    if (op.op === 'replace' && op.value !== undefined) {
      parent[last] = list.map((x) => (x === r.key ? op.value! : x));
    } else if (!list.includes(r.key)) {
      parent[last] = [...list, r.key];
    }
    return true;
  }
  const map = (parent[last] as Obj | undefined) ?? {};
  map[r.key] =
    r.kind === 'boolMap' ? convert('bool', op.value ?? 'false', op.path) : convert('string', op.value, op.path);
  parent[last] = map;
  return true;
}

/** The generic patcher: every op must address a declared path (no copy/move: resources that support them handle those first). */
export function applyPatch(target: Obj, spec: PatchSpec, ops: PatchOp[]): void {
  for (const op of ops) {
    if (!applyDeclared(target, spec, op))
      throw badRequest(
        `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: ${Object.keys(spec)
          .map((k) => '/' + k)
          .join(', ')}`,
      );
  }
}
