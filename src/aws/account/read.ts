/**
 * Reading the account scope in as few calls as AWS allows: one paged list per kind and
 * flavour (GetClientCertificates, GetVpcLinks v1 and v2, GetDomainNames — tags included in
 * each), then one paged list per parent record of this owner (a domain's mappings). All lists
 * run concurrently under the clients' shared rate limiter.
 *
 * Ownership (match.ts) decides which records are this directory's: only those are in the
 * model, and so only those are planned, drifted and deleted.
 */
import type { AccountModel, LiveAccount } from '../../model/account.js';
import type { ApiKind } from '../../model/api.js';
import type { ChangeTarget } from '../../model/change.js';
import {
  accountRecordsOf,
  type AccountListCall,
  type AccountReadContext,
  type AccountReadSpec,
  type Obj,
} from '../../kinds/account-kind.js';
import { ACCOUNT_KINDS, kindOf } from '../../kinds/registry.js';
import type { AwsClients } from '../clients.js';
import { httpPages, restPages, REST_PAGE_SIZE } from '../read/kinds.js';
import { accountCommand } from './commands.js';
import { matchAccount, type ListedAccountItem } from './match.js';

type Clients = Pick<AwsClients, 'apigw' | 'apigwv2'>;

/** One list call, every page. */
export async function listAll(clients: Clients, call: AccountListCall): Promise<Obj[]> {
  const client = (call.flavour === 'RestApi' ? clients.apigw : clients.apigwv2) as unknown as {
    send(c: unknown): Promise<Obj>;
  };
  const send = (input: Obj) => client.send(accountCommand(call.flavour, call.op, input));
  if (call.paging === 'position') {
    return restPages(
      call.op,
      (position) =>
        send({ ...call.input, limit: REST_PAGE_SIZE, position }) as Promise<{ items?: Obj[]; position?: string }>,
    );
  }
  return httpPages(
    call.op,
    (NextToken) =>
      send({ ...call.input, MaxResults: String(REST_PAGE_SIZE), NextToken }) as Promise<{
        Items?: Obj[];
        NextToken?: string;
      }>,
  );
}

/** Every account kind's own lists, concurrently: the raw items, each with the spec that read it. */
export async function listAccount(clients: Clients): Promise<ListedAccountItem[]> {
  const specs: Array<{ target: ChangeTarget; spec: AccountReadSpec }> = ACCOUNT_KINDS.flatMap((k) =>
    (k.account.read ?? []).map((spec) => ({ target: k.target, spec })),
  );
  const lists = await Promise.all(specs.map(({ spec }) => listAll(clients, spec)));
  return specs.flatMap(({ target, spec }, i) => lists[i].map((item) => ({ target, spec, item })));
}

export interface ReadAccountInput {
  clients: Clients;
  /** The state's account records (absent: none declared). */
  desired?: AccountModel;
  /** This directory's owner id. */
  owner?: string;
  /** Live API id → folder key (matched APIs) and → kind (every API of the region), for mappings. */
  apiKeyOf(apiId: string): string | undefined;
  apiKindOf(apiId: string): ApiKind | undefined;
  /** The lists, when the caller already has them (readLive lists them beside the APIs). */
  listed?: ListedAccountItem[];
}

/** The account scope of this owner: own records (and the declared ones still without an owner), their ids and children. */
export async function readAccount(x: ReadAccountInput): Promise<LiveAccount> {
  const listed = x.listed ?? (await listAccount(x.clients));
  const live = matchListedAccount(x, listed);
  await readAccountChildren(x, live);
  return live;
}

/** The first half of readAccount: the records of the lists that are this owner's (pure; readLive needs their names before the APIs). */
export function matchListedAccount(x: ReadAccountInput, listed: ListedAccountItem[]): LiveAccount {
  return matchAccount(listed, { desired: x.desired, owner: x.owner, ctx: readContext(x) });
}

function readContext(x: ReadAccountInput): (declared?: unknown) => AccountReadContext {
  return (declared?: unknown) => ({ declared, apiKeyOf: x.apiKeyOf, apiKindOf: x.apiKindOf, desired: x.desired });
}

/** The second half: one list per parent record of this owner (a domain's mappings), concurrently. */
export async function readAccountChildren(x: ReadAccountInput, live: LiveAccount): Promise<void> {
  const clients = x.clients;
  const ctx = readContext(x);
  const jobs: Array<Promise<void>> = [];
  for (const kind of ACCOUNT_KINDS) {
    const each = kind.account.readEach;
    if (!each) continue;
    const parents = accountRecordsOf(kindOf(each.parent), live.model);
    for (const [parentKey, parent] of Object.entries(parents).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const parentId = live.ids[each.parent]?.[parentKey] ?? parentKey;
      jobs.push(
        listAll(clients, each.call(parentKey, parent, parentId)).then((items) => {
          for (const r of each.normalize(items, parentKey, parent, ctx())) {
            const records = accountRecordsOf(kindOf(r.target), live.model) as Record<string, unknown>;
            if ('merge' in r) {
              const key = Object.entries(live.ids[r.target] ?? {}).find(([, id]) => id === r.id)?.[0];
              const merged = key === undefined ? undefined : r.merge(records[key]);
              if (key !== undefined && merged !== undefined) records[key] = merged;
              continue;
            }
            records[r.key] = r.record;
            if (r.id !== undefined) (live.ids[r.target] ??= {})[r.key] = r.id;
          }
        }),
      );
    }
  }
  await Promise.all(jobs);
  // Records in key order, so a read is stable whatever order AWS lists things in.
  for (const kind of ACCOUNT_KINDS) {
    const m = live.model as unknown as Record<string, Record<string, unknown>>;
    m[kind.account.modelKey] = Object.fromEntries(
      Object.entries(m[kind.account.modelKey]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
}

/**
 * Account record id → its name (this directory's records only): how an API's reader turns a
 * VPC link id back into the name the state uses. A record the state replaces (a VPC link whose
 * load balancer changed: a new link, a new id) keeps its id, so what names it shows a change
 * and apply points it at the successor.
 */
export function accountNameLookup(
  live: LiveAccount | undefined,
  desired?: AccountModel,
): (target: ChangeTarget, id: string) => string | undefined {
  const names = new Map<string, string>();
  for (const [target, byKey] of Object.entries(live?.ids ?? {}) as Array<[ChangeTarget, Record<string, string>]>) {
    const kind = kindOf(target);
    for (const [name, id] of Object.entries(byKey)) {
      const want = (accountRecordsOf(kind, desired) as Record<string, unknown>)[name];
      const have = (accountRecordsOf(kind, live?.model) as Record<string, unknown>)[name];
      if (want !== undefined && have !== undefined && replaces(kind, have, want)) continue;
      names.set(`${target} ${id}`, name);
    }
  }
  return (target, id) => names.get(`${target} ${id}`);
}

/** True when AWS cannot turn `have` into `want` in place (another flavour, or a `recreateOn` field differs). */
function replaces(kind: ReturnType<typeof kindOf>, have: unknown, want: unknown): boolean {
  const scope = kind.account;
  if (!scope) return false;
  if (scope.flavourOf(have) !== scope.flavourOf(want)) return true;
  const spec = scope.write[scope.flavourOf(want)];
  return (spec?.recreateOn ?? []).some(
    (k) => JSON.stringify((have as Obj)[k as string]) !== JSON.stringify((want as Obj)[k as string]),
  );
}
