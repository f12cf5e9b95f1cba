/**
 * diffApi: one API's desired model against its live model → Changes. The API's life cycle
 * (create, delete, replace when its kind changes) is decided here; everything inside an API
 * is diffed by the kinds of src/kinds/registry.ts, in registry order, each by its own hook or
 * the generic record diff (records matched by key, see model/api.ts; renames per kind).
 */
import type { ApiModel } from '../model/api.js';
import type { Change, ChangeTarget } from '../model/change.js';
import { deepEqual } from '../model/canonical.js';
import { defaultDiff, type DiffContext } from '../kinds/kind.js';
import { emptyRecords, KINDS } from '../kinds/registry.js';
import { apiHeader } from '../kinds/api/index.js';
import { makeChange } from './change.js';

export interface DiffApiOptions {
  /** REST: every live resource path (LiveIds.resourceIds), so a rename never collides with an existing resource. */
  liveResourcePaths?: readonly string[];
  /** HTTP: integrations apigw-sync made that no route uses (LiveIds.unusedIntegrations): deleted. */
  unusedIntegrations?: DiffContext['unusedIntegrations'];
}

export function diffApi(apiKey: string, desired?: ApiModel, live?: ApiModel, opts: DiffApiOptions = {}): Change[] {
  if (!desired && !live) return [];
  if (!desired) return [deleteApi(apiKey, live!)];
  if (!live) return diffKinds(apiKey, desired, emptyLike(desired), { creating: true });
  if (desired.kind !== live.kind)
    return [
      deleteApi(apiKey, live, 'API kind changed: replaced'),
      ...diffKinds(apiKey, desired, emptyLike(desired), { creating: true }),
    ];
  return diffKinds(apiKey, desired, live, {
    creating: false,
    liveResourcePaths: opts.liveResourcePaths,
    unusedIntegrations: opts.unusedIntegrations,
  });
}

function deleteApi(apiKey: string, live: ApiModel, why?: string): Change {
  const c = makeChange({
    apiKey,
    apiKind: live.kind,
    target: 'api',
    action: 'delete',
    name: live.name,
    before: apiHeader(live),
  });
  const n = Object.keys(live.routes).length;
  c.flags.reasons.push(
    why ?? `deletes ${n} route${n === 1 ? '' : 's'} and ${Object.keys(live.stages).length} stage(s) with it`,
  );
  return c;
}

/** An API with none of the records of `d` (what a new API is compared against). */
export function emptyLike(d: ApiModel): ApiModel {
  return { ...d, tags: {}, ...emptyRecords() };
}

/** Every kind of the registry, in order: renames first (later kinds see earlier kinds' renames), then changes. */
function diffKinds(
  apiKey: string,
  desired: ApiModel,
  live: ApiModel,
  o: {
    creating: boolean;
    liveResourcePaths?: readonly string[];
    unusedIntegrations?: DiffContext['unusedIntegrations'];
  },
): Change[] {
  const spec = { apiKey, apiKind: desired.kind };
  const ctx: DiffContext = {
    ...spec,
    live,
    desired,
    creating: o.creating,
    liveResourcePaths: o.liveResourcePaths,
    unusedIntegrations: o.unusedIntegrations,
    renames: new Map(),
    change: (s) => makeChange({ ...spec, ...s }),
    records: (target, l, d, renames) => diffRecords(ctx, target, l, d, renames),
  };
  for (const kind of KINDS) {
    if (kind.renames && !o.creating) ctx.renames.set(kind.target, kind.renames(live, desired, ctx));
  }
  return KINDS.flatMap((kind) => defaultDiff(kind, ctx));
}

/** Name-keyed records (authorizers, validators, models, stages, …): create, update, delete, rename. */
function diffRecords<T>(
  ctx: DiffContext,
  target: ChangeTarget,
  live: Record<string, T>,
  desired: Record<string, T>,
  renames: Map<string, string> = new Map(),
): Change[] {
  const out: Change[] = [];
  const renamedTo = new Set(renames.values());
  for (const name of Object.keys(desired).sort()) {
    const after = desired[name];
    if (name in live) {
      if (!deepEqual(live[name], after))
        out.push(ctx.change({ target, action: 'update', name, before: live[name], after }));
    } else if (!renamedTo.has(name)) {
      out.push(ctx.change({ target, action: 'create', name, after }));
    }
  }
  for (const name of Object.keys(live).sort()) {
    if (name in desired) continue;
    const to = renames.get(name);
    if (to) out.push(ctx.change({ target, action: 'update', name: to, before: live[name], after: desired[to] }));
    else out.push(ctx.change({ target, action: 'delete', name, before: live[name] }));
  }
  return out;
}
