/**
 * The generic write of one account-scope record: the kind's write spec names the operations,
 * its field table builds the create input and the v1 PATCH operations (or the v2 Update*
 * members), and this sends them with the real SDK v3 commands. Like the API executors it
 * converges the record from what is live to what is desired, so repeating it after a crash
 * does only what is left. New records carry the tool's tags (id, managed, owner); user tags
 * change with TagResource / UntagResource on the record's ARN.
 */
import type { AccountIds, AccountModel } from '../../model/account.js';
import type { OpenApiKind } from '../../model/api.js';
import type { Change, ChangeTarget } from '../../model/change.js';
import { ApigwSyncError } from '../../model/errors.js';
import { TAG_ID } from '../../model/live.js';
import { createInput, patchOps, updateInput } from '../../kinds/field.js';
import {
  accountRecordsOf,
  type AccountScope,
  type AccountWriteContext,
  type AccountWriteSpec,
  type Obj,
} from '../../kinds/account-kind.js';
import type { ResourceKind } from '../../kinds/kind.js';
import { same } from '../../kinds/patch.js';
import type { AwsClients } from '../clients.js';
import { apigatewayArn } from '../arn.js';
import { isAwsError, type AwsCaller } from '../apply/call.js';
import { accountCommand } from './commands.js';

export interface AccountWaitOptions {
  /** Between two status reads (default 5 s; AWS takes minutes for a VPC link). */
  pollMs?: number;
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Progress of a wait (a VPC link turning AVAILABLE), for the engine's events. */
export interface AccountWaitProgress {
  target: ChangeTarget;
  key: string;
  status: string;
  message?: string;
  waitedMs: number;
}

export interface AccountWriter {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>;
  caller: AwsCaller;
  /** The client's region: every ARN names it. */
  region: string;
  desired: AccountModel;
  /** The live side as apply goes: starts as read, follows every write. */
  cur: AccountModel;
  ids: AccountIds;
  wire: AccountWriteContext;
  /** The tool's tags a record created (or adopted) by this apply carries, its key included. */
  toolTags(target: ChangeTarget, key: string): Record<string, string>;
  wait?: AccountWaitOptions;
  onWait?: (p: AccountWaitProgress) => void;
  /** Records replaced make-before-break, to delete once the APIs use their successors (`finishReplacements`). */
  retired: Retired[];
}

/** A record replaced by a new one of the same key: deleted after the APIs. */
export interface Retired {
  kind: AccountKind;
  key: string;
  id: string;
  rec: unknown;
}

/** The key a replaced record answers to until it is deleted (the next plan deletes it if this apply could not). */
export const REPLACED_SUFFIX = '@replaced';

type AccountKind = ResourceKind & { account: AccountScope };

/** Converges the record a change names (create, update, rename, delete). */
export async function syncAccountRecord(kind: AccountKind, change: Change, w: AccountWriter): Promise<void> {
  const key = change.name;
  const cur = accountRecordsOf(kind, w.cur) as Record<string, unknown>;
  const ids = (w.ids[kind.target] ??= {});
  const oldKey =
    kind.account.renamable && change.action === 'update'
      ? ((change.before as { name?: string } | undefined)?.name ?? key)
      : key;
  const d = (accountRecordsOf(kind, w.desired) as Record<string, unknown>)[key];
  const c = cur[oldKey] ?? (oldKey !== key ? cur[key] : undefined);
  const id = ids[oldKey] ?? ids[key];

  if (d === undefined) {
    if (c !== undefined) await remove(kind, key, c, id, w);
    delete cur[key];
    delete ids[key];
    return;
  }
  const flavour = kind.account.flavourOf(d);
  const spec = specOf(kind, flavour, key);
  const known = c !== undefined && (id !== undefined || !spec.create.id);
  if (!known) {
    await create(kind, key, d, spec, flavour, w);
  } else if (
    kind.account.flavourOf(c) !== flavour ||
    !spec.update ||
    (spec.recreateOn ?? []).some((k) => !same((c as Obj)[k as string], (d as Obj)[k as string]))
  ) {
    const old = specOf(kind, kind.account.flavourOf(c), oldKey);
    if (old.replaceCreatesFirst && id !== undefined && old.arnPath) {
      // Make before break: what uses the old record moves to the new one before it goes.
      await tagResource(w, kind.account.flavourOf(c), apigatewayArn(w.region, old.arnPath(oldKey, id)), {
        [TAG_ID]: `${key}${REPLACED_SUFFIX}`,
      });
      w.retired.push({ kind, key: `${key}${REPLACED_SUFFIX}`, id, rec: c });
    } else await remove(kind, oldKey, c, id, w);
    delete cur[oldKey];
    delete ids[oldKey];
    await create(kind, key, d, spec, flavour, w);
  } else {
    await update(kind, { key, oldKey, id, before: c, after: d, spec, flavour }, w);
    if (oldKey !== key) {
      delete cur[oldKey];
      delete ids[oldKey];
      if (id !== undefined) ids[key] = id;
    }
  }
  cur[key] = structuredClone(d);
}

function specOf(kind: AccountKind, flavour: OpenApiKind, key: string): AccountWriteSpec<unknown> {
  const spec = kind.account.write[flavour];
  if (!spec) {
    throw new ApigwSyncError(
      'NOT_AVAILABLE',
      `${kind.label} ${key}: AWS has no ${flavour === 'RestApi' ? 'REST (v1)' : 'HTTP (v2)'} form of it`,
      { hint: `check the ${kind.label}'s file in gateway-state` },
    );
  }
  return spec;
}

async function send(
  w: AccountWriter,
  flavour: OpenApiKind,
  op: string,
  input: Obj,
  opts: { write?: boolean } = {},
): Promise<Obj> {
  const client = (flavour === 'RestApi' ? w.clients.apigw : w.clients.apigwv2) as unknown as {
    send(c: unknown): Promise<Obj>;
  };
  return w.caller.run(op, () => client.send(accountCommand(flavour, op, input)), opts);
}

async function create(
  kind: AccountKind,
  key: string,
  d: unknown,
  spec: AccountWriteSpec<unknown>,
  flavour: OpenApiKind,
  w: AccountWriter,
): Promise<void> {
  const userTags = ((d as { tags?: Record<string, string> }).tags ?? {}) as Record<string, string>;
  const input: Obj = {
    ...createInput(kind.fields ?? {}, flavour, d, w.wire),
    ...spec.create.input?.(key, d, w.wire),
    ...(spec.tags
      ? { [spec.tags]: { ...userTags, ...w.toolTags(kind.target, key), ...spec.create.tags?.(key, d, w.wire) } }
      : {}),
  };
  const out = await send(w, flavour, spec.create.op, input);
  if (!spec.create.id) return;
  const id = out[spec.create.id] as string | undefined;
  if (!id) throw new ApigwSyncError('AWS_NO_ID', `${spec.create.op} ${key} returned no ${spec.create.id}`);
  (w.ids[kind.target] ??= {})[key] = id;
  if (spec.waitUntilReady) await waitUntilReady(kind, key, id, spec, flavour, w);
  await sendLinks(spec, flavour, { key, id, before: undefined, after: d }, w);
}

/** The calls that keep records beside this one in step (an API key's usage-plan keys). */
async function sendLinks(
  spec: AccountWriteSpec<unknown>,
  flavour: OpenApiKind,
  x: { key: string; id: string; before: unknown; after: unknown },
  w: AccountWriter,
): Promise<void> {
  for (const call of spec.links?.({ ...x, ctx: w.wire }) ?? []) {
    try {
      await send(w, flavour, call.op, call.input);
    } catch (e) {
      if (!call.done || !isAwsError(e, call.done)) throw e;
    }
  }
}

async function remove(
  kind: AccountKind,
  key: string,
  rec: unknown,
  id: string | undefined,
  w: AccountWriter,
): Promise<void> {
  const flavour = kind.account.flavourOf(rec);
  const spec = specOf(kind, flavour, key);
  if (spec.create.id && id === undefined) return; // never created
  try {
    const first = id === undefined ? undefined : spec.delete.prepare?.(key, id, rec, w.wire);
    if (first) await send(w, flavour, first.op, first.input);
    await send(w, flavour, spec.delete.op, spec.address(key, id, rec));
  } catch (e) {
    if (!isAwsError(e, 'NotFoundException')) throw e; // already gone: a resumed run
  }
}

interface Update {
  key: string;
  oldKey: string;
  id: string | undefined;
  before: unknown;
  after: unknown;
  spec: AccountWriteSpec<unknown>;
  flavour: OpenApiKind;
}

async function update(kind: AccountKind, u: Update, w: AccountWriter): Promise<void> {
  const { spec, flavour } = u;
  const address = spec.address(u.oldKey, u.id, u.before);
  if (flavour === 'RestApi') {
    const ops = spec.update!.ops
      ? spec.update!.ops(u.before, u.after, w.wire)
      : patchOps(kind.fields ?? {}, u.before, u.after, w.wire);
    if (ops.length > 0) await send(w, flavour, spec.update!.op, { ...address, patchOperations: ops });
  } else {
    const input = updateInput(kind.fields ?? {}, u.before, u.after);
    if (input)
      await send(w, flavour, spec.update!.op, {
        ...input,
        ...spec.update!.input?.(u.key, u.after, w.wire),
        ...address,
      });
  }
  if (u.id !== undefined) await sendLinks(spec, flavour, { key: u.key, id: u.id, before: u.before, after: u.after }, w);
  if (!spec.tags || !spec.arnPath || u.id === undefined) return;
  const arn = apigatewayArn(w.region, spec.arnPath(u.key, u.id));
  const b = ((u.before as { tags?: Record<string, string> }).tags ?? {}) as Record<string, string>;
  const a = ((u.after as { tags?: Record<string, string> }).tags ?? {}) as Record<string, string>;
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (b[k] !== v) set[k] = v;
  // A renamed record answers to its new name from now on.
  if (u.oldKey !== u.key) Object.assign(set, { [TAG_ID]: u.key });
  const removed = Object.keys(b).filter((k) => !(k in a));
  if (Object.keys(set).length > 0) await tagResource(w, flavour, arn, set);
  if (removed.length > 0)
    await send(
      w,
      flavour,
      'UntagResource',
      flavour === 'RestApi' ? { resourceArn: arn, tagKeys: removed } : { ResourceArn: arn, TagKeys: removed },
    );
}

async function tagResource(
  w: AccountWriter,
  flavour: OpenApiKind,
  arn: string,
  tags: Record<string, string>,
): Promise<void> {
  await send(
    w,
    flavour,
    'TagResource',
    flavour === 'RestApi' ? { resourceArn: arn, tags } : { ResourceArn: arn, Tags: tags },
  );
}

/** Deletes the records replaced make-before-break, now that the APIs use their successors. */
export async function finishReplacements(w: AccountWriter): Promise<void> {
  while (w.retired.length > 0) {
    const r = w.retired[0];
    await remove(r.kind, r.key, r.rec, r.id, w);
    w.retired.shift();
  }
}

/** Tags a record the state names that carried no owner yet (Plan.adoptAccount). */
export async function adoptAccountRecord(kind: AccountKind, key: string, id: string, w: AccountWriter): Promise<void> {
  const rec = (accountRecordsOf(kind, w.cur) as Record<string, unknown>)[key];
  if (rec === undefined) return;
  const flavour = kind.account.flavourOf(rec);
  const spec = specOf(kind, flavour, key);
  if (!spec.tags || !spec.arnPath) return;
  await tagResource(w, flavour, apigatewayArn(w.region, spec.arnPath(key, id)), w.toolTags(kind.target, key));
}

/** Polls the record until AWS says it is ready; progress on each read; a clear error on failure or timeout. */
async function waitUntilReady(
  kind: AccountKind,
  key: string,
  id: string,
  spec: AccountWriteSpec<unknown>,
  flavour: OpenApiKind,
  w: AccountWriter,
): Promise<void> {
  const wait = spec.waitUntilReady!;
  const pollMs = w.wait?.pollMs ?? 5_000;
  const timeoutMs = w.wait?.timeoutMs ?? 10 * 60_000;
  const now = w.wait?.now ?? Date.now;
  const sleep = w.wait?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  for (;;) {
    const out = await send(w, flavour, wait.op, wait.input(id), { write: false });
    const status = String(out[wait.status] ?? '');
    const message = wait.message ? (out[wait.message] as string | undefined) : undefined;
    const waitedMs = now() - start;
    w.onWait?.({ target: kind.target, key, status, ...(message ? { message } : {}), waitedMs });
    if (status === wait.ready) return;
    if (wait.failed.includes(status)) {
      throw new ApigwSyncError(
        'ACCOUNT_RECORD_FAILED',
        `${kind.label} ${key} (${id}) is ${status}${message ? `: ${message}` : ''}`,
        {
          hint: `fix what AWS says, delete the ${kind.label} in AWS (or let the next apply replace it), then run apply again`,
        },
      );
    }
    if (waitedMs >= timeoutMs) {
      throw new ApigwSyncError(
        'ACCOUNT_RECORD_TIMEOUT',
        `${kind.label} ${key} (${id}) is still ${status || 'not ready'} after ${Math.round(waitedMs / 1000)} s`,
        {
          hint: `AWS can take several minutes: run apply again once AWS shows the ${kind.label} ${wait.ready} (the next apply keeps it and finishes the rest)`,
        },
      );
    }
    await sleep(pollMs);
  }
}
