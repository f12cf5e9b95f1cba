/**
 * diffAccount: the account-scope records of the state against the live ones of this owner →
 * Changes (apiKey ACCOUNT_KEY), kind by kind in registry order, with the generic record diff
 * (records matched by key) and, for kinds AWS can rename in place, renames: a record that goes
 * and one that comes, equal but for their name (and tags), are one record renamed.
 */
import { ACCOUNT_KEY, type AccountModel } from '../model/account.js';
import type { Change } from '../model/change.js';
import { deepEqual } from '../model/canonical.js';
import { accountRecordsOf } from '../kinds/account-kind.js';
import { ACCOUNT_KINDS } from '../kinds/registry.js';
import { uniquePairs } from '../kinds/renames.js';
import type { ResourceKind } from '../kinds/kind.js';
import type { AccountScope } from '../kinds/account-kind.js';
import { makeChange } from './change.js';

export function diffAccount(desired: AccountModel | undefined, live: AccountModel | undefined): Change[] {
  return ACCOUNT_KINDS.flatMap((kind) => diffKind(kind, accountRecordsOf(kind, live), accountRecordsOf(kind, desired)));
}

function diffKind(
  kind: ResourceKind & { account: AccountScope },
  live: Record<string, unknown>,
  desired: Record<string, unknown>,
): Change[] {
  const renames = kind.account.renamable ? findRenames(live, desired) : new Map<string, string>();
  const renamedTo = new Set(renames.values());
  const change = (action: Change['action'], name: string, before?: unknown, after?: unknown) =>
    makeChange({
      apiKey: ACCOUNT_KEY,
      apiKind: kind.account.flavourOf(after ?? before),
      target: kind.target,
      action,
      name,
      before,
      after,
    });
  const out: Change[] = [];
  for (const name of Object.keys(desired).sort()) {
    if (name in live) {
      if (!deepEqual(live[name], desired[name])) out.push(change('update', name, live[name], desired[name]));
    } else if (!renamedTo.has(name)) out.push(change('create', name, undefined, desired[name]));
  }
  for (const name of Object.keys(live).sort()) {
    if (name in desired) continue;
    const to = renames.get(name);
    out.push(to ? change('update', to, live[name], desired[to]) : change('delete', name, live[name]));
  }
  return out;
}

/** old name → new name, for records equal but for `name` and `tags` (unique both ways). */
function findRenames(live: Record<string, unknown>, desired: Record<string, unknown>): Map<string, string> {
  const gone = Object.keys(live).filter((k) => !(k in desired));
  const come = Object.keys(desired).filter((k) => !(k in live));
  const core = (r: unknown) => {
    const { name: _n, tags: _t, ...rest } = (r ?? {}) as Record<string, unknown>;
    return rest;
  };
  return uniquePairs(gone, come, (d, c) => deepEqual(core(live[d]), core(desired[c])));
}
