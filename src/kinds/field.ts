/**
 * The field table: ONE row per model field of a kind, and the columns every stage of the
 * pipeline reads, so that they cannot disagree:
 *
 *   model key ─ rest / http / ws: the wire member (Get* output, Create* input), AWS's default,
 *               the v1 PATCH path (and how a change becomes operations), the v2 Update* member
 *               (`ws`: WebSocket APIs, v2 like HTTP APIs but with their own set of members)
 *             ─ state: the api.yaml key and OpenAPI extension, both ways (load and import)
 *             ─ breaking / redeploy: the reasons a change of the field gives the plan
 *             ─ userKeys: a map whose keys people name (masked by name in every output)
 *
 * Plain data covers a plain field: `{ wire: 'description', path: '/description' }` reads
 * `description`, creates with it, and patches `replace /description`. A field AWS spreads
 * over several members (stage throttling lives in methodSettings) gives functions instead.
 * The generic builders below turn a table into read records, create inputs, patch
 * operations and v2 update inputs; kinds and src/aws call only these.
 */
import type { ApiKind } from '../model/api.js';
import { mapOps, same, scalarOps, setOps, type PatchOperation } from './patch.js';

export type Obj = Record<string, unknown>;

/** Kinds other records refer to by name: an API's own (authorizer, request validator) or the account's (VPC link, client certificate). */
export type RefTarget = 'authorizer' | 'requestValidator' | 'vpcLink' | 'clientCertificate';

/** References between kinds are names in the model and ids on the wire. */
export interface IdResolver {
  /** The AWS id of a record of another kind (authorizer, request validator, VPC link, …), if it exists. */
  idOf(target: RefTarget, name: string): string | undefined;
  /** The same, for a reference the write needs: throws a clear error when it does not exist. */
  requireId(target: RefTarget, name: string): string;
}

export interface ReadContext<R> {
  /** The record the state declares (absent when importing): fields AWS always reports take its form. */
  declared?: R;
  /** AWS id → name of another kind's record. */
  nameOf?(target: RefTarget, id: string): string | undefined;
}

export interface WriteContext {
  /** The API being written (REST model `$ref`s carry its id). */
  apiId: string;
  ids: IdResolver;
}

/** How one field maps to one API flavour's wire format. */
export interface WireColumn<R, K extends keyof R> {
  /** The member of the AWS object holding the field (read and create). */
  wire?: string;
  /** The Create* / Put* input member when it differs from `wire` (REST integration `integrationHttpMethod`). */
  createAs?: string;
  /** AWS's value when it reports none. */
  default?: R[K];
  /** `''` reads as absent, and an empty list or map is not sent on create. */
  omitEmpty?: boolean;
  /** Wire → model value (undefined = absent). Default: the `wire` member, else `default`. */
  read?(w: Obj, ctx: ReadContext<R>): R[K] | undefined;
  /** Model → Create* members. Default: `{ [createAs ?? wire]: value }`. `false`: not settable at create. */
  create?: false | ((v: R[K] | undefined, rec: R, ctx: WriteContext) => Obj);
  /** v1 PATCH path of the field; with `style` that is all a plain field needs. */
  path?: string;
  /** How a change becomes operations at `path`: one value (default), a map (per key) or a set (per member). */
  style?: 'scalar' | 'map' | 'set';
  /** map style: operation for a changed key (AWS wants `replace` for stage variables). */
  replaceOp?: 'replace' | 'add';
  /** v1 PATCH operations, for fields that are not one path. Called only when the field changed. */
  patch?(b: R[K] | undefined, a: R[K] | undefined, ctx: WriteContext & { before: R; after: R }): PatchOperation[];
  /** v2: the Update* members for a changed field (whole records in `ctx`). Default: `{ [wire]: after ?? clear }`. */
  update?(b: R[K] | undefined, a: R[K] | undefined, ctx: { before: R; after: R }): Obj;
  /** v2: what Update* takes to clear the field (e.g. '' for a description). */
  clear?: unknown;
}

/** Why a change of a field matters to a reviewer (evaluated on updates, whole records given). */
export interface FieldFlags<R> {
  /** The change only reaches clients through a new deployment (REST). */
  redeploy?(b: R, a: R, flavour: ApiKind): string | undefined;
  /** Clients that work today may fail after the change. */
  breaking?(b: R, a: R, flavour: ApiKind): string | string[] | undefined;
  /** The change weakens protection or auditing (a web ACL removed, access logging turned off). */
  security?(b: R, a: R, flavour: ApiKind): string | undefined;
}

/**
 * How gateway-state declares the field and how import writes it back (used for the API's
 * own fields: api.yaml keys and OpenAPI document extensions).
 */
export interface StateColumn<R, K extends keyof R> {
  /** The OpenAPI document extension that carries it (x-amazon-apigateway-…): read from every file. */
  ext?: string;
  /** Extension value → model value (undefined: not a value AWS knows, left out). */
  fromExt?(v: unknown): R[K] | undefined;
  /** Several files declare it: how their values combine (default: the later file wins). */
  merge?(a: R[K], b: R[K]): R[K];
  /** The api.yaml value (already schema-checked) and the files' → the model. Default: api.yaml, else the files. */
  load?(file: R[K] | undefined, fromFiles: R[K] | undefined, flavour: ApiKind): R[K] | undefined;
  /** Import: the value to write, or undefined to leave it out (AWS's default). Default: the value. */
  emit?(v: R[K], flavour: ApiKind): unknown;
  /** Import writes it into api.yaml (default) or, for an `ext` field, into the OpenAPI document. */
  emitTo?: 'api.yaml' | 'openapi';
  /**
   * Where the document holds `ext` when it is not a top-level member: `info` (the API's
   * description is `info.description`), or `server` (OpenAPI 3's server object; Swagger 2's
   * top level), where API Gateway reads x-amazon-apigateway-endpoint-configuration.
   */
  at?: 'info' | 'server';
  /** Only an API described by one OpenAPI file takes it from the file (several service files each describe their service, not the API). */
  oneFile?: boolean;
}

export interface FieldRow<R, K extends keyof R = keyof R> extends FieldFlags<R> {
  /** gateway-state: api.yaml key (the model key) and OpenAPI extension, both ways. */
  state?: StateColumn<R, K>;
  /** REST (v1) wire mapping; absent = the field has no REST form. */
  rest?: WireColumn<R, K>;
  /** HTTP (v2) wire mapping; absent = the field has no HTTP form. */
  http?: WireColumn<R, K>;
  /** WebSocket (v2) wire mapping; absent = the field has no WebSocket form. */
  ws?: WireColumn<R, K>;
  /** The field is a map whose keys people name (stage variables, parameters): masked by name. */
  userKeys?: boolean;
  /** The field stands for a secret (an API key value's hash): its values are masked in every output, whatever they look like. */
  sensitive?: boolean;
  /**
   * The state does not declare the field: the engine derives it from outside the state (an
   * API key value's hash, from the value's source). Left out of the desired-state digest
   * reviewers approve (plan/fingerprint.ts); the plan fingerprint keeps it.
   */
  derived?: boolean;
  /**
   * Fields whose change is written through this one as well (a stage's route settings follow
   * its stage-wide settings): its `patch` / `update` is called when any of them changed too.
   */
  dependsOn?: ReadonlyArray<keyof R>;
}

/** Every model field of a kind, in the order apply writes them. `satisfies FieldTable<R>` makes a missing row a compile error. */
export type FieldTable<R> = { [K in keyof R]-?: FieldRow<R, K> };

/** A table's rows for the fields that are not identities (e.g. a stage's `name`, a route's method/path). */
export type FieldRows<R> = Array<[keyof R & string, FieldRow<R>]>;

export function rowsOf<R>(table: Partial<FieldTable<R>>): FieldRows<R> {
  return Object.entries(table) as FieldRows<R>;
}

/** The row's column for one API flavour (undefined: the field does not exist there). */
export function columnOf<R>(row: FieldRow<R>, flavour: ApiKind): WireColumn<R, keyof R> | undefined {
  return flavour === 'RestApi' ? row.rest : flavour === 'HttpApi' ? row.http : row.ws;
}

const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Input members of several rows: one wire object written by several fields (v2 DefaultRouteSettings) is merged, not overwritten. */
function mergeMembers(out: Obj, members: Obj): void {
  for (const [k, v] of Object.entries(members)) {
    if (v === undefined) continue;
    out[k] = isPlain(out[k]) && isPlain(v) ? { ...out[k], ...v } : v;
  }
}

/** The row's own field, or one it depends on, differs. */
function rowChanged<R>(key: keyof R, row: FieldRow<R>, before: R, after: R): boolean {
  return !same(before[key], after[key]) || (row.dependsOn ?? []).some((k) => !same(before[k], after[k]));
}

const isEmpty = (v: unknown) =>
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

function copy<T>(v: T): T {
  if (Array.isArray(v)) return [...v] as T;
  if (v !== null && typeof v === 'object') return { ...(v as object) } as T;
  return v;
}

/** Wire object → the model fields of one record (absent fields left out), in table order. */
export function readFields<R>(
  table: Partial<FieldTable<R>>,
  flavour: ApiKind,
  wire: object,
  ctx: ReadContext<R> = {},
): Partial<R> {
  const w = wire as Obj;
  const out: Partial<R> = {};
  for (const [key, row] of rowsOf(table)) {
    const col = columnOf(row, flavour);
    if (!col) continue;
    let v: unknown;
    if (col.read) v = col.read(w, ctx);
    else if (col.wire) {
      v = w[col.wire];
      if (col.omitEmpty && v === '') v = undefined;
      if (v === undefined || v === null) v = col.default;
      v = copy(v);
    }
    if (v !== undefined) (out as Obj)[key] = v;
  }
  return out;
}

/** A record → the Create* / Put* input members its fields carry. */
export function createInput<R>(table: Partial<FieldTable<R>>, flavour: ApiKind, rec: R, ctx: WriteContext): Obj {
  const out: Obj = {};
  for (const [key, row] of rowsOf(table)) {
    const col = columnOf(row, flavour);
    if (!col || col.create === false) continue;
    const v = rec[key];
    if (col.create) mergeMembers(out, col.create(v, rec, ctx));
    else if (col.wire && v !== undefined && !(col.omitEmpty && isEmpty(v))) out[col.createAs ?? col.wire] = v;
  }
  return out;
}

/** The fields a create cannot set: the record as it stands right after Create*, for a follow-up patch. */
export function afterCreate<R>(table: Partial<FieldTable<R>>, flavour: ApiKind, rec: R): R {
  const out = { ...rec };
  for (const [key, row] of rowsOf(table)) if (columnOf(row, flavour)?.create === false) delete out[key];
  return out;
}

/** v1: the PATCH operations that take `before` to `after`, field by field in table order. */
export function patchOps<R>(table: Partial<FieldTable<R>>, before: R, after: R, ctx: WriteContext): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const [key, row] of rowsOf(table)) {
    const col = row.rest;
    if (!col) continue;
    const b = before[key];
    const a = after[key];
    if (col.patch) {
      if (rowChanged(key, row, before, after)) ops.push(...col.patch(b, a, { ...ctx, before, after }));
    } else if (col.path) {
      if (col.style === 'map')
        ops.push(...mapOps(col.path, b as Obj | undefined, a as Obj | undefined, { replaceOp: col.replaceOp }));
      else if (col.style === 'set') ops.push(...setOps(col.path, b as string[] | undefined, a as string[] | undefined));
      else ops.push(...scalarOps(col.path, b, a));
    }
  }
  return ops;
}

/** v2 (HTTP and WebSocket): the Update* members for the fields that changed (undefined when none did). */
export function updateInput<R>(
  table: Partial<FieldTable<R>>,
  before: R,
  after: R,
  flavour: Exclude<ApiKind, 'RestApi'> = 'HttpApi',
): Obj | undefined {
  const out: Obj = {};
  let changed = false;
  for (const [key, row] of rowsOf(table)) {
    const col = columnOf(row, flavour);
    if (!col || col.create === false || !rowChanged(key, row, before, after)) continue;
    const members = col.update
      ? col.update(before[key], after[key], { before, after })
      : col.wire
        ? { [col.wire]: after[key] ?? col.clear }
        : {};
    // A member left undefined is not sent: a change that needs no Update* member (CORS removed) costs no call.
    if (Object.values(members).every((v) => v === undefined)) continue;
    mergeMembers(out, members);
    changed = true;
  }
  return changed ? out : undefined;
}

/** True when any field with a column for `flavour` differs. */
export function fieldsDiffer<R>(table: Partial<FieldTable<R>>, flavour: ApiKind, before: R, after: R): boolean {
  return rowsOf(table).some(([key, row]) => {
    const col = columnOf(row, flavour);
    return col !== undefined && col.create !== false && !same(before[key], after[key]);
  });
}

/** Flag reasons of an update, from the rows of the fields that changed (table order). */
export function fieldFlags<R>(
  table: Partial<FieldTable<R>>,
  flavour: ApiKind,
  b: R,
  a: R,
): { redeploy: string[]; breaking: string[]; security: string[] } {
  const redeploy: string[] = [];
  const breaking: string[] = [];
  const security: string[] = [];
  for (const [, row] of rowsOf(table)) {
    const r = row.redeploy?.(b, a, flavour);
    if (r) redeploy.push(r);
    const br = row.breaking?.(b, a, flavour);
    if (br) breaking.push(...(Array.isArray(br) ? br : [br]));
    const sec = row.security?.(b, a, flavour);
    if (sec) security.push(sec);
  }
  return { redeploy, breaking, security };
}

/**
 * The fields an OpenAPI object declares through its members (a document's extensions, or
 * the members of an extension object such as x-amazon-apigateway-integration). With a
 * flavour, fields that flavour has no column for are left out.
 */
export function fieldsFromDocument<R>(table: Partial<FieldTable<R>>, doc: Obj, flavour?: ApiKind): Partial<R> {
  const out: Partial<R> = {};
  for (const [key, row] of rowsOf(table)) {
    const st = row.state;
    if (!st?.ext) continue;
    const holder = holderOf(doc, st.at, st.ext);
    if (holder[st.ext] === undefined) continue;
    if (flavour && !columnOf(row, flavour)) continue;
    const v = st.fromExt ? st.fromExt(holder[st.ext]) : (holder[st.ext] as R[keyof R]);
    if (v !== undefined) (out as Obj)[key] = v;
  }
  return out;
}

const asObj = (v: unknown): Obj => (isPlain(v) ? v : {});

/** The object of `doc` that holds an extension (see StateColumn.at): the first server that has it, else the first server. */
function holderOf(doc: Obj, at: 'info' | 'server' | undefined, ext: string): Obj {
  if (at === 'info') return asObj(doc.info);
  if (at === 'server' && doc.swagger === undefined) {
    const servers = Array.isArray(doc.servers) ? doc.servers.map(asObj) : [];
    return servers.find((s) => s[ext] !== undefined) ?? servers[0] ?? {};
  }
  return doc;
}

/** Several files' extension fields combined (per the row's `merge`; else the later file wins). */
export function mergeFields<R>(table: Partial<FieldTable<R>>, parts: Array<Partial<R>>): Partial<R> {
  const out: Partial<R> = {};
  for (const part of parts) {
    for (const [key, row] of rowsOf(table)) {
      const v = part[key];
      if (v === undefined || (row.state?.oneFile && parts.length > 1)) continue;
      const was = out[key];
      (out as Obj)[key] =
        was !== undefined && row.state?.merge ? row.state.merge(was as R[keyof R], v as R[keyof R]) : v;
    }
  }
  return out;
}

/** api.yaml values and the files' extension values → the model's fields (in table order). */
export function loadFields<R>(
  table: Partial<FieldTable<R>>,
  flavour: ApiKind,
  file: Partial<R>,
  fromFiles: Partial<R>,
): Partial<R> {
  const out: Partial<R> = {};
  for (const [key, row] of rowsOf(table)) {
    const st = row.state;
    const v = st?.load ? st.load(file[key], fromFiles[key], flavour) : (file[key] ?? fromFiles[key]);
    if (v !== undefined) (out as Obj)[key] = v;
  }
  return out;
}

/** Import: the model's fields → api.yaml members, and the OpenAPI document's members (top level, `info`, the server object). */
export function emitFields<R>(
  table: Partial<FieldTable<R>>,
  flavour: ApiKind,
  rec: R,
): { apiYaml: Obj; extensions: Obj; info: Obj; server: Obj } {
  const apiYaml: Obj = {};
  const placed = { top: {} as Obj, info: {} as Obj, server: {} as Obj };
  for (const [key, row] of rowsOf(table)) {
    const st = row.state;
    const v = rec[key];
    if (!st || v === undefined) continue;
    const out = st.emit ? st.emit(v, flavour) : v;
    if (out === undefined) continue;
    if (!st.ext || st.emitTo !== 'openapi') {
      apiYaml[key] = out;
      continue;
    }
    // A WebSocket API has no OpenAPI document: a field the others keep there is an api.yaml key (the model's value, not the extension's shape).
    if (flavour === 'WebSocketApi') {
      apiYaml[key] = v;
      continue;
    }
    // Rows that share one extension object (endpoint configuration) each add their members.
    const into = placed[st.at ?? 'top'];
    const was = into[st.ext];
    into[st.ext] = isPlain(was) && isPlain(out) ? { ...was, ...out } : out;
  }
  return { apiYaml, extensions: placed.top, info: placed.info, server: placed.server };
}

/** Import: a record → the members of its OpenAPI object (x-amazon-apigateway-integration), in table order. */
export function emitObject<R>(table: Partial<FieldTable<R>>, flavour: ApiKind, rec: R): Obj {
  const out: Obj = {};
  for (const [key, row] of rowsOf(table)) {
    const st = row.state;
    const v = rec[key];
    if (!st?.ext || v === undefined) continue;
    const x = st.emit ? st.emit(v, flavour) : v;
    if (x !== undefined) out[st.ext] = x;
  }
  return out;
}
