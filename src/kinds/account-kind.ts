/**
 * What an account-scope kind is to the pipeline (custom domains, mappings, VPC links, client
 * certificates, usage plans, API keys: records of an AWS account and region that refer to
 * APIs by their folder key). Each is a ResourceKind too (label, flags, facts, masking and the
 * field table work as for the API kinds); `account` carries what is particular to the scope:
 *
 * - state: the folder of one YAML file per record (`<dir>/<name>.yaml`), its schema, how a
 *   file becomes records (a domain file also declares its mappings) and how import writes one;
 * - read: list operations (paged, tags included), or one list per parent record (a domain's
 *   mappings); ownership is the `apigw-sync:owner` tag, matching by `apigw-sync:id` then name;
 * - write: create / update (v1 PATCH or v2 Update*) / delete operations as data, the tags
 *   member, the ARN for TagResource, and an optional wait (a VPC link PENDING → AVAILABLE);
 * - order: `phase` — `before` the APIs (what APIs refer to), or `after` them (what refers to
 *   APIs and stages); deletes run in the other phase, in reverse (plan/order.ts).
 *
 * Pure data and functions: src/aws/account sends the operations, src/state loads the files.
 * docs/architecture.md, "How to add an account-scope kind", walks through one.
 */
import type { z } from 'zod';
import type { AccountModel } from '../model/account.js';
import type { ApiKind, OpenApiKind } from '../model/api.js';
import type { Change, ChangeTarget } from '../model/change.js';
import type { FieldTable, Obj, WriteContext } from './field.js';
import type { PatchOperation } from './patch.js';
import type { Fact, FlagAcc, FlagInput, ResourceKind } from './kind.js';

export type AccountRecordKey = keyof AccountModel;

/** When apply writes a kind's creates and updates: before the APIs' steps, or after them. Deletes run in the other phase. */
export type AccountPhase = 'before' | 'after';

/** What a state file's loader works with (src/state/account.ts builds it per file). */
export interface AccountLoadContext {
  /** The state's region (certificates, ARNs are checked against it by the rules). */
  region: string;
  /** Declares a record (of this kind or another account kind: a domain file declares its mappings), and where. */
  add(target: ChangeTarget, key: string, record: unknown, path: Array<string | number>): void;
  /** Reports a problem at a place in the file. */
  issue(i: {
    code: string;
    message: string;
    hint: string;
    path: Array<string | number>;
    severity?: 'error' | 'warning';
  }): void;
}

/** How gateway-state declares a kind: one file per record. */
export interface AccountStateSpec<R> {
  /** The folder under gateway-state/ (`domains`, `vpc-links`, …); a file's name without `.yaml` is the record's name. */
  dir: string;
  /** The file's schema (strict objects: a typo is an error with a suggestion). Exported as JSON Schema. */
  schema: z.ZodType;
  /** How a record's name must look (file names that cannot be one are refused with this hint). */
  name: { pattern: RegExp; hint: string };
  /** A schema-checked file → records (`ctx.add`). */
  load(name: string, file: never, ctx: AccountLoadContext): void;
  /** Import: the file that declares the record `key` (its own fields and what it owns, e.g. a domain's mappings). */
  emit(key: string, rec: R, account: AccountModel, ctx: AccountEmitContext): { value: Obj; warnings: string[] };
}

export interface AccountEmitContext {
  /** The state's region. */
  region: string;
}

/** A list operation of one API Gateway API (`RestApi` = v1 client, `HttpApi` = v2 client). */
export interface AccountListCall {
  /** SDK v3 command name without `Command` (src/aws/account/read.ts has the table). */
  op: string;
  flavour: OpenApiKind;
  paging: 'position' | 'nextToken';
  /** Extra input members (a parent's address). */
  input?: Obj;
}

/** How a kind is read: one list per flavour that has it, tags included. */
export interface AccountReadSpec extends AccountListCall {
  /** The item member with the AWS id (kept in LiveAccount.ids). */
  id: string;
  /** The item member naming the record when it carries no `apigw-sync:id` tag; absent: known by the tag alone (client certificates have no name). */
  name?: string;
  /** The item member holding the tags (`tags` v1, `Tags` v2). */
  tags: string;
  /** The model's form of an item (default: the field table's column of `flavour`). */
  record?(item: Obj, ctx: AccountReadContext): unknown;
  /** Facts AWS adds (status, DNS targets) kept beside the record for displays and waits. */
  facts?(item: Obj): Record<string, string>;
}

/** What the readers know when they normalize (which live API is which folder). */
export interface AccountReadContext {
  /** The state's record of the same key, if any: fields AWS always reports take its form. */
  declared?: unknown;
  /** Live API id → its folder key in this state (matched APIs only). */
  apiKeyOf(apiId: string): string | undefined;
  /** Live API id → its kind (every API of the region). */
  apiKindOf(apiId: string): ApiKind | undefined;
  /** The state's account model (to settle names and defaults). */
  desired?: AccountModel;
}

/** Records read per parent record (a domain's mappings, a usage plan's keys): one list call per parent of this owner. */
export interface AccountChildRead {
  /** The parent kind. */
  parent: ChangeTarget;
  /** The list call for one parent record. */
  call(parentKey: string, parent: unknown, parentId: string): AccountListCall;
  /** Items → records, of this kind or siblings (base path and API mappings come from one list). */
  normalize(items: Obj[], parentKey: string, parent: unknown, ctx: AccountReadContext): AccountChildRecord[];
}

export type AccountChildRecord =
  | { target: ChangeTarget; key: string; record: unknown; id?: string }
  /**
   * A fact about a record another list read (an API key found in a usage plan's keys): the
   * record AWS knows by `id`, changed by `merge` (undefined: leave it; a record of another
   * owner is not in the model).
   */
  | { target: ChangeTarget; id: string; merge(existing: unknown): unknown };

/** How apply writes a kind in one flavour, as data (src/aws/account/writer.ts sends it). */
export interface AccountWriteSpec<R> {
  create: {
    op: string;
    /** The output member with the new record's id (kept in the account ids). */
    id?: string;
    /** Members the field table does not give (a mapping's API id, a parent's address). */
    input?(key: string, rec: R, ctx: AccountWriteContext): Obj;
    /** Tags of the tool's besides id, managed and owner (an API key's value hash). */
    tags?(key: string, rec: R, ctx: AccountWriteContext): Record<string, string>;
  };
  /**
   * v1: PATCH operations from the field table (`patchOperations`), or from `ops` when the
   * kind's wire shapes are its own (a usage plan's API stages); v2: the changed members,
   * and `input`'s (members AWS wants whatever changed, resolved at write time: a v2 mapping's
   * ApiId). Absent: every change recreates.
   */
  update?: {
    op: string;
    input?(key: string, rec: R, ctx: AccountWriteContext): Obj;
    ops?(before: R, after: R, ctx: AccountWriteContext): PatchOperation[];
  };
  delete: {
    op: string;
    /** A call that must come first (AWS refuses to delete a usage plan that still names API stages). */
    prepare?(key: string, id: string, rec: R, ctx: AccountWriteContext): AccountCall | undefined;
  };
  /**
   * Records AWS keeps beside this one (an API key's usage-plan keys): the calls from `before`
   * to `after` (undefined: not there), sent after the record's create or update.
   */
  links?(x: { key: string; id: string; before: R | undefined; after: R; ctx: AccountWriteContext }): AccountCall[];
  /** The input members that name an existing record. */
  address(key: string, id: string | undefined, rec: R): Obj;
  /** The create input member that takes tags (`tags` v1, `Tags` v2); absent: the kind takes no tags. */
  tags?: string;
  /** The resource path in its ARN (`/domainnames/<name>`), for TagResource / UntagResource. */
  arnPath?(key: string, id: string): string;
  /** Fields AWS cannot change in place: a change replaces the record. */
  recreateOn?: ReadonlyArray<keyof R>;
  /**
   * Replace make-before-break: the new record is created first (APIs switch to it), the old one
   * is re-tagged `<key>@replaced` and deleted after the APIs. For records AWS lets two of share
   * a name (a VPC link integrations still use); otherwise the old one is deleted first.
   */
  replaceCreatesFirst?: boolean;
  /** After a create: poll until the record is ready (a VPC link: PENDING → AVAILABLE). */
  waitUntilReady?: {
    op: string;
    input(id: string): Obj;
    /** The output member with the status, the value that means ready, and values that mean it failed. */
    status: string;
    ready: string;
    failed: string[];
    /** Output member with AWS's explanation. */
    message?: string;
  };
}

/** One more call of a kind's write (an operation of the kind's flavour). */
export interface AccountCall {
  op: string;
  input: Obj;
  /** An AWS error code that means the call's work is already done (a resumed run): not an error. */
  done?: string;
}

/** What the wire builders of an account kind need: the API ids of the state's folders, the ids of other account records. */
export interface AccountWriteContext extends WriteContext {
  /** The live id of the API in folder `apiKey` (created by this apply, or read). */
  apiIdOf(apiKey: string): string;
  /** The AWS id of an account record (e.g. a parent's). */
  idOf(target: ChangeTarget, key: string): string | undefined;
  /**
   * The value of a declared API key, read from its source when the live state was read
   * (throws the source's error when it could not be read), and the tool's tag that lets the
   * next read compare it by a keyed hash. Only for the call that sends it.
   */
  keyValueOf(key: string): { value: SecretLike; tags: Record<string, string> };
}

/** A secret held in memory (src/aws/key-values/secret.ts SecretValue): only `reveal()` gives the text. */
export interface SecretLike {
  reveal(): string;
}

/** What is particular to an account-scope kind (see the file comment). */
export interface AccountScope<R = unknown> {
  readonly modelKey: AccountRecordKey;
  readonly phase: AccountPhase;
  /** Order within the phase (creates ascend, deletes descend). */
  readonly rank: number;
  /** Which API Gateway API writes the record (`RestApi` = v1, `HttpApi` = v2): the field table column and Change.apiKind. */
  flavourOf(rec: R): OpenApiKind;
  /** AWS can rename it in place: a record equal but for its name to one that goes is that record renamed. Records then carry `name`. */
  readonly renamable?: boolean;
  readonly state?: AccountStateSpec<R>;
  readonly read?: AccountReadSpec[];
  readonly readEach?: AccountChildRead;
  readonly write: Partial<Record<OpenApiKind, AccountWriteSpec<R>>>;
  /**
   * APIs' records name these (a stage's client certificate, an integration's VPC link): a
   * check of one API (check-service, propose) reads this folder too, so the names resolve.
   */
  readonly referencedByApis?: boolean;
  /** The `import` option that adopts one record (`--client-certificate <id|name>`). */
  readonly importOption?: { flag: string; what: string };
  /** The phase of an update, when it depends on the other changes of the plan (a mapping moved to a stage this plan creates runs after the APIs). */
  updatePhase?(change: Change, all: readonly Change[]): AccountPhase;
}

export interface AccountKindDef<R> {
  target: ChangeTarget;
  label: string;
  fields?: Partial<FieldTable<R>>;
  userKeyed?: boolean;
  flags?(c: FlagInput, acc: FlagAcc): void;
  facts?(after: R): Fact[];
  account: AccountScope<R>;
}

/** An account kind as the registry holds it: a ResourceKind (labels, flags, masking) with its `account` scope. */
export function defineAccountKind<R>(def: AccountKindDef<R>): ResourceKind {
  const { account, ...rest } = def;
  return {
    ...rest,
    section: 'other',
    rank: { RestApi: 0, HttpApi: 0 },
    snapshot: false,
    account,
  } as unknown as ResourceKind;
}

/** A kind's records in an account model (name → record). */
export function accountRecordsOf<R = unknown>(kind: ResourceKind, model: AccountModel | undefined): Record<string, R> {
  return ((kind.account && model ? model[kind.account.modelKey] : undefined) ?? {}) as Record<string, R>;
}

export type { Obj };
