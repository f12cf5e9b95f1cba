/**
 * PURE: which live account records are this directory's (the account-scope twin of
 * src/aws/match.ts).
 *
 * 1. A record carrying another owner's `apigw-sync:owner` is `elsewhere`: listed at most,
 *    never planned, drifted or deleted.
 * 2. Its key is its `apigw-sync:id` tag, else its name (a domain's name, a VPC link's name;
 *    a client certificate has none and is known by its tag alone).
 * 3. It is this directory's when it carries this owner id (or, for a directory without one,
 *    the managed tag and no owner), or when it carries no owner and the state declares its
 *    key — then apply tags it (`adopt`).
 * Two records of one kind with the same key, both this directory's, is an error, never a guess.
 */
import type { AccountModel, LiveAccount } from '../../model/account.js';
import type { ChangeTarget } from '../../model/change.js';
import { ApigwSyncError } from '../../model/errors.js';
import { TAG_ID, TAG_MANAGED, TAG_OWNER } from '../../model/live.js';
import { readFields } from '../../kinds/field.js';
import { accountRecordsOf, type AccountReadContext, type AccountReadSpec, type Obj } from '../../kinds/account-kind.js';
import { emptyAccount, kindOf } from '../../kinds/registry.js';
import { splitTags } from '../../kinds/tags/split.js';

export interface ListedAccountItem {
  target: ChangeTarget;
  spec: AccountReadSpec;
  item: Obj;
}

export interface MatchAccountOptions {
  desired?: AccountModel;
  owner?: string;
  ctx(declared?: unknown): AccountReadContext;
}

export function matchAccount(listed: ListedAccountItem[], o: MatchAccountOptions): LiveAccount {
  const live: LiveAccount = { model: emptyAccount(), ids: {}, adopt: [], elsewhere: [], facts: {} };
  const taken = new Map<string, ListedAccountItem>();
  for (const l of listed) {
    const kind = kindOf(l.target);
    const tags = (l.item[l.spec.tags] ?? {}) as Record<string, string>;
    const { user, tool } = splitTags(tags);
    const id = String(l.item[l.spec.id] ?? '');
    const name = l.spec.name ? (l.item[l.spec.name] as string | undefined) : undefined;
    const key = tool[TAG_ID] ?? name;
    const owner = tool[TAG_OWNER];
    if (owner !== undefined && owner !== o.owner) {
      live.elsewhere.push({ target: l.target, key: key ?? id, id, owner });
      continue;
    }
    if (!key) continue;
    const declared = key in accountRecordsOf(kind, o.desired);
    const ours = owner !== undefined || (o.owner === undefined && tool[TAG_MANAGED] === 'true');
    if (!ours && !declared) continue;
    const seen = taken.get(`${l.target}/${key}`);
    if (seen) {
      throw new ApigwSyncError(
        'AMBIGUOUS_ACCOUNT_RECORD',
        `two live ${kind.label}s answer to "${key}" (${seen.item[seen.spec.id]}, ${id})`,
        {
          hint: tool[TAG_ID]
            ? `remove the ${TAG_ID} tag from the copy; only one ${kind.label} may carry ${TAG_ID}=${key}`
            : `rename one of them in AWS, or tag the one gateway-state describes with ${TAG_ID}=${key}`,
        },
      );
    }
    taken.set(`${l.target}/${key}`, l);
    const record = l.spec.record
      ? l.spec.record(l.item, o.ctx(accountRecordsOf(kind, o.desired)[key]))
      : {
          ...readFields(kind.fields ?? {}, l.spec.flavour, l.item, {
            declared: accountRecordsOf(kind, o.desired)[key] as never,
          }),
          tags: user,
        };
    (accountRecordsOf(kind, live.model) as Record<string, unknown>)[key] = record;
    (live.ids[l.target] ??= {})[key] = id;
    const facts = l.spec.facts?.(l.item);
    if (facts && Object.keys(facts).length > 0) (live.facts[l.target] ??= {})[key] = facts;
    if (Object.keys(tool).length > 0) ((live.toolTags ??= {})[l.target] ??= {})[key] = tool;
    if (owner === undefined && o.owner !== undefined) live.adopt.push({ target: l.target, key, id });
  }
  live.elsewhere.sort((a, b) => (a.target + a.key < b.target + b.key ? -1 : 1));
  return live;
}
