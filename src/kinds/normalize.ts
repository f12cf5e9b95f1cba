/**
 * PURE: what AWS's read calls return for one API → ApiModel + LiveIds, in the form the
 * loader (src/state) compiles gateway-state into, so an unchanged API diffs to nothing.
 * Every kind with a `read` spec is normalized from its field table, in registry order (so
 * authorizer and validator names are known before the routes that refer to them by id).
 *
 * A few fields the loader keeps only when the state declares them, while AWS always
 * reports a value (its default). For those, a live value equal to AWS's default takes
 * the form the state uses: present when the state declares it, absent otherwise (the
 * `declared` record given to each row). A real difference (any other value) is always kept.
 */
import type { ApiKind, ApiModel } from '../model/api.js';
import type { ChangeTarget } from '../model/change.js';
import { emptyIds, type LiveApi } from '../model/live.js';
import { apiFields, type ApiFieldsModel } from './api/fields.js';
import { readFields, type Obj } from './field.js';
import { recordsOf, type NormalizeContext } from './kind.js';
import { sortRecord } from './records.js';
import { emptyRecords, KINDS } from './registry.js';
import { splitTags } from './tags/split.js';

export interface LiveWire {
  /** The API object as listed (GetRestApis / GetApis item, tags included). */
  api: object;
  /** Each kind's items, by target (what its `read` spec's operation returned). */
  lists: Partial<Record<ChangeTarget, object[]>>;
}

export function normalizeApi(
  flavour: ApiKind,
  key: string,
  w: LiveWire,
  desired?: ApiModel,
  opts: { accountNameOf?: (target: ChangeTarget, id: string) => string | undefined } = {},
): LiveApi {
  const a = w.api as Obj;
  const { user, tool } = splitTags((a.tags ?? a.Tags) as Record<string, string> | undefined);
  const ids = emptyIds(String(a.id ?? a.ApiId ?? ''), tool);
  const names = new Map<ChangeTarget, Map<string, string>>();
  // Records of the API's own kinds by id, then the account's (a VPC link an integration names).
  const ctx: NormalizeContext = {
    flavour,
    desired,
    ids,
    lists: w.lists,
    nameOf: (t, id) => names.get(t)?.get(id) ?? opts.accountNameOf?.(t, id),
  };
  const model = {
    key,
    kind: flavour,
    ...readFields<ApiFieldsModel>(apiFields, flavour, a, { declared: desired }),
    tags: user,
    ...emptyRecords(),
    secrets: [],
  } as ApiModel;
  const records = model as unknown as Record<string, Record<string, unknown>>;

  for (const kind of KINDS) {
    const spec = kind.read?.[flavour];
    if (!spec || !kind.modelKey) continue;
    const items = w.lists[kind.target] ?? [];
    if (spec.normalize) {
      records[kind.modelKey] = sortRecord(spec.normalize(items, ctx));
      continue;
    }
    const out: Record<string, unknown> = {};
    const byId = new Map<string, string>();
    for (const item of items as Obj[]) {
      const name = item[spec.key ?? 'name'] as string | undefined;
      const id = spec.id ? (item[spec.id] as string | undefined) : undefined;
      if (!name || (spec.id && !id)) continue;
      if (id) byId.set(id, name);
      if (id && spec.idsKey) ids[spec.idsKey][name] = id;
      out[name] = readFields(kind.fields ?? {}, flavour, item, {
        declared: desired ? recordsOf(kind, desired)[name] : undefined,
        nameOf: ctx.nameOf,
      });
      spec.each?.(item, name, ctx);
    }
    names.set(kind.target, byId);
    records[kind.modelKey] = sortRecord(out);
  }
  for (const kind of KINDS) kind.settle?.(model, desired);
  return { model, ids };
}
