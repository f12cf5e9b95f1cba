/**
 * What a resource kind is to the pipeline. Each folder under src/kinds exports one
 * ResourceKind; src/kinds/registry.ts lists them, and diff, flags, plan order, render,
 * mask, read, apply and import iterate that list instead of switching on kinds.
 *
 * A kind fills in data first (target, label, rank, its field table) and hooks only where
 * its shape is special: the API and its tags are singletons, a route carries its
 * integration as a second change. A plain name-keyed kind (request validator, model, a
 * future gateway response or usage plan) needs no hook to be diffed, ordered, flagged,
 * labelled and masked.
 */
import type { ApiKind, ApiModel } from '../model/api.js';
import type { Change, ChangeAction, ChangeTarget } from '../model/change.js';
import type { FieldTable } from './field.js';

/** Where the plan renderers show a kind's changes. */
export type PlanSection = 'api' | 'definition' | 'stage' | 'route' | 'other';

/** The maps of ApiModel that hold a kind's records, keyed by name. */
export type RecordKey = {
  [K in keyof ApiModel]-?: ApiModel[K] extends Record<string, infer V>
    ? V extends object
      ? string extends keyof ApiModel[K]
        ? K
        : never
      : never
    : never;
}[keyof ApiModel];

export interface FlagInput {
  apiKind?: ApiKind;
  target: ChangeTarget;
  action: ChangeAction;
  before?: unknown;
  after?: unknown;
}

export interface FlagAcc {
  redeploy: string[];
  breaking: string[];
  /** Reasons the change sends requests somewhere else (ChangeFlags.movesTraffic). */
  traffic?: string[];
  /** Protection or auditing weakened (a web ACL removed, access logging off). */
  security: string[];
}

/** One fact about a record being created: label, value, and whether a string is shown raw (unquoted). */
export type Fact = [label: string, value: unknown, opts?: { raw?: boolean }];

export interface ChangeSpec {
  target: ChangeTarget;
  action: ChangeAction;
  name: string;
  before?: unknown;
  after?: unknown;
}

/** What a kind's diff hook works with; diff/api.ts builds it once per API. */
export interface DiffContext {
  apiKey: string;
  apiKind: ApiKind;
  live: ApiModel;
  desired: ApiModel;
  /** The API is being created: `live` is its empty twin. */
  creating: boolean;
  /** REST: every live resource path, so a rename never collides with an existing resource. */
  liveResourcePaths?: readonly string[];
  /** HTTP: integrations apigw-sync made that no route uses (LiveIds.unusedIntegrations). */
  unusedIntegrations?: import('../model/live.js').LiveIds['unusedIntegrations'];
  /** Renames found by the kinds before this one (target → old name → new name). */
  renames: Map<ChangeTarget, Map<string, string>>;
  /** Builds a Change (id, fields, flags) for this API. */
  change(spec: ChangeSpec): Change;
  /** The generic diff of name-keyed records: create, update, delete, and renames as updates. */
  records<T>(
    target: ChangeTarget,
    live: Record<string, T>,
    desired: Record<string, T>,
    renames?: Map<string, string>,
  ): Change[];
}

/** The LiveIds maps that keep a name-keyed kind's AWS ids (name → id). */
export type IdsKey = 'authorizerIds' | 'requestValidatorIds' | 'modelIds';

/**
 * How src/aws reads a kind from one API flavour: the list operation (an SDK command name
 * without `Command`) and how its items become records. Pure data; src/aws sends it.
 */
export interface ReadSpec<R = unknown> {
  op: string;
  /** `position` (v1), `nextToken` (v2) or one call. */
  paging: 'position' | 'nextToken' | 'none';
  /** The output member holding the items (default `items` / `Items`). */
  list?: string;
  /** Extra input members (REST GetResources `embed: ['methods']`). */
  input?: Record<string, unknown>;
  /** The item member that names the record (its key in ApiModel). */
  key?: string;
  /** The item member with the AWS id, and the LiveIds map that keeps it (name → id). */
  id?: string;
  idsKey?: IdsKey;
  /**
   * Listed once per item of another kind's list (v2 route responses, per route): that kind's
   * target, the member of its items holding their id, and the input member that takes it.
   * Each item read keeps the parent's id under that input member.
   */
  parent?: { target: ChangeTarget; id: string; input: string };
  /** Items → records, for kinds whose items are not one record each (REST resources carry methods). */
  normalize?(items: object[], ctx: NormalizeContext): Record<string, R>;
  /** After the item's record is read: ids the apply needs (which deployment a stage serves). */
  each?(item: object, name: string, ctx: NormalizeContext): void;
}

/**
 * How apply writes a name-keyed record in one API flavour, as data: the operations (SDK
 * command names without `Command`) and how a record is addressed. The inputs and PATCH
 * operations come from the kind's field table; src/aws/apply/record-writer.ts sends them.
 */
export interface WriteSpec<R = unknown> {
  create: {
    op: string;
    /** Output member holding the new record's id (kept in LiveIds[idsKey]). */
    id?: string;
    /** Input member carrying the record's key, when no field row does (a model's `name`). */
    key?: string;
  };
  /** v1: patch operations; v2: the changed members. Absent: every change recreates. */
  update?: { op: string };
  delete: { op: string };
  /** The input member that names an existing record, and whether it takes the record's AWS id or its name. */
  address: { member: string; by: 'id' | 'name' };
  idsKey?: IdsKey;
  /** Fields AWS cannot change in place: a change deletes and creates the record again. */
  recreateOn?: ReadonlyArray<keyof R>;
}

/** What normalizing one live API works with (src/kinds/normalize.ts builds it). */
export interface NormalizeContext {
  flavour: ApiKind;
  desired?: ApiModel;
  ids: import('../model/live.js').LiveIds;
  /** Every kind's raw items, by target (HTTP routes join the integrations list). */
  lists: Partial<Record<ChangeTarget, object[]>>;
  /** AWS id → name of a record read before (authorizers, request validators). */
  nameOf(target: ChangeTarget, id: string): string | undefined;
}

export interface ResourceKind<R = unknown> {
  /** Change.target of this kind's changes. */
  readonly target: ChangeTarget;
  /** How people call it ("request validator"). */
  readonly label: string;
  readonly section: PlanSection;
  /** The order table (plan/order.ts): rank per API flavour; creates and updates ascend, deletes descend. */
  readonly rank: Record<ApiKind, number>;
  /**
   * A change of this kind lives in the REST deployment snapshot (and HTTP deployments):
   * every stage of the API is redeployed after it.
   */
  readonly snapshot: boolean;
  /** Ordered by path depth as well (resources: parents created before children, deleted after). */
  readonly byPathDepth?: boolean;
  /** The change's value is a map whose keys people name (tags): masked by key. */
  readonly userKeyed?: boolean;
  /** The one field table of the kind. */
  readonly fields?: Partial<FieldTable<R>>;
  /** Where ApiModel keeps this kind's records (name → record). */
  readonly modelKey?: RecordKey;
  /** Renames AWS can carry out in place (old name → new name); later kinds see them in DiffContext.renames. */
  renames?(live: ApiModel, desired: ApiModel, ctx: DiffContext): Map<string, string>;
  /** How to read it from AWS, per API flavour (absent: the flavour has none, or it is read with another kind). */
  readonly read?: Partial<Record<ApiKind, ReadSpec<R>>>;
  /** How apply writes it, per API flavour (absent: src/aws/apply has a handler for it, or the flavour has none). */
  readonly write?: Partial<Record<ApiKind, WriteSpec<R>>>;
  /** After every kind is read: drop what AWS adds by itself (REST's built-in models). */
  settle?(api: ApiModel, declared?: ApiModel): void;
  /** The kind's changes; default: the generic record diff over `records`. */
  diff?(ctx: DiffContext): Change[];
  /** Flags beyond the field rows' (rules over the whole record, creates and deletes). */
  flags?(c: FlagInput, acc: FlagAcc): void;
  /** What a reviewer wants to see of a new record. */
  facts?(after: R): Fact[];
  /** Account-scope kinds only (src/kinds/account-kind.ts): where they live, how they are read, written and ordered. */
  readonly account?: import('./account-kind.js').AccountScope<R>;
}

/** The generic diff a kind gets when it has no hook. */
export function defaultDiff(kind: ResourceKind, ctx: DiffContext): Change[] {
  if (kind.diff) return kind.diff(ctx);
  if (!kind.modelKey) return [];
  return ctx.records(
    kind.target,
    recordsOf(kind, ctx.live),
    recordsOf(kind, ctx.desired),
    ctx.renames.get(kind.target),
  );
}

/** A kind as the registry holds it (its record type erased, so one list holds every kind). */
export function defineKind<R>(kind: ResourceKind<R>): ResourceKind {
  return kind as unknown as ResourceKind;
}

/** A kind's records in one API (name → record); empty for kinds without records. */
export function recordsOf<R = unknown>(kind: ResourceKind, api: ApiModel): Record<string, R> {
  return kind.modelKey ? (api[kind.modelKey] as Record<string, R>) : {};
}
