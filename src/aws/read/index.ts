/**
 * readLive: everything AWS has for one reconcile. Two listing calls find every API of the
 * region; each API the state names is matched to its live twin (match.ts) and read in
 * full, all of them concurrently — the shared rate limiter in the clients keeps the
 * process below the account quota, however many run at once.
 */
import type { ApiModel, GatewayModel } from '../../model/api.js';
import type { LiveApi, LiveSnapshot } from '../../model/live.js';
import type { AwsClients } from '../clients.js';
import { matchApis } from '../match.js';
import { listApis, type ListedApi } from './list.js';
import { readHttpApi, readRestApi, readWebSocketApi, type ReadApiOptions } from './kinds.js';
import {
  accountNameLookup,
  listAccount,
  matchListedAccount,
  readAccountChildren,
  type ReadAccountInput,
} from '../account/read.js';

export interface ReadLiveOptions {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>;
  desired: GatewayModel;
  region: string;
  /** GetResources page size (default and AWS's maximum: 500); smaller only to test paging. */
  pageSize?: number;
  /**
   * Read the account-scope records too (custom domains, VPC links, client certificates, …:
   * one list per kind, one per own domain). Default true; plan, apply and drift need them, a
   * reader of one API's routes does not.
   */
  account?: boolean;
}

export async function readLive(opts: ReadLiveOptions): Promise<LiveSnapshot> {
  const withAccount = opts.account !== false;
  const [listed, accountListed] = await Promise.all([
    listApis(opts.clients),
    withAccount ? listAccount(opts.clients) : undefined,
  ]);
  const { matched, unmanaged, elsewhere } = matchApis(opts.desired.apis, listed, { owner: opts.desired.owner });
  const keyById = new Map(Object.entries(matched).map(([key, api]) => [api.apiId, key]));
  const kindById = new Map(listed.map((a) => [a.apiId, a.kind]));
  const accountInput: ReadAccountInput = {
    clients: opts.clients,
    desired: opts.desired.account,
    owner: opts.desired.owner,
    apiKeyOf: (id) => keyById.get(id),
    apiKindOf: (id) => kindById.get(id),
  };
  const account = accountListed ? matchListedAccount(accountInput, accountListed) : undefined;
  // Integrations and stages name this directory's VPC links and client certificates: their ids → names.
  const accountNameOf = accountNameLookup(account, opts.desired.account);
  const [entries] = await Promise.all([
    Promise.all(
      Object.entries(matched).map(
        async ([key, api]) =>
          [
            key,
            await readApi(opts.clients, api, key, opts.desired.apis[key], { pageSize: opts.pageSize, accountNameOf }),
          ] as const,
      ),
    ),
    account ? readAccountChildren(accountInput, account) : undefined,
  ]);
  const apis: Record<string, LiveApi> = {};
  for (const [key, api] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) apis[key] = api;
  return { region: opts.region, apis, unmanaged, elsewhere, ...(account ? { account } : {}) };
}

/** Reads one listed API in full; `desired` settles the presence of default-valued fields. */
export function readApi(
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>,
  api: ListedApi,
  key: string,
  desired?: ApiModel,
  opts: ReadApiOptions = {},
): Promise<LiveApi> {
  if (api.kind === 'RestApi') return readRestApi(clients.apigw, api.rest, key, desired, opts);
  return api.kind === 'WebSocketApi'
    ? readWebSocketApi(clients.apigwv2, api.http, key, desired, opts)
    : readHttpApi(clients.apigwv2, api.http, key, desired, opts);
}

export { listApis, v2Kind, type ListedApi } from './list.js';
