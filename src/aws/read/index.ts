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
import { readHttpApi, readRestApi, readWebSocketApi } from './kinds.js';

export interface ReadLiveOptions {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>;
  desired: GatewayModel;
  region: string;
  /** GetResources page size (default and AWS's maximum: 500); smaller only to test paging. */
  pageSize?: number;
}

export async function readLive(opts: ReadLiveOptions): Promise<LiveSnapshot> {
  const listed = await listApis(opts.clients);
  const { matched, unmanaged, elsewhere } = matchApis(opts.desired.apis, listed, { owner: opts.desired.owner });
  const entries = await Promise.all(
    Object.entries(matched).map(async ([key, api]) => [key, await readApi(opts.clients, api, key, opts.desired.apis[key], { pageSize: opts.pageSize })] as const),
  );
  const apis: Record<string, LiveApi> = {};
  for (const [key, api] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) apis[key] = api;
  return { region: opts.region, apis, unmanaged, elsewhere };
}

/** Reads one listed API in full; `desired` settles the presence of default-valued fields. */
export function readApi(
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>,
  api: ListedApi,
  key: string,
  desired?: ApiModel,
  opts: { pageSize?: number } = {},
): Promise<LiveApi> {
  if (api.kind === 'RestApi') return readRestApi(clients.apigw, api.rest, key, desired, opts);
  return api.kind === 'WebSocketApi' ? readWebSocketApi(clients.apigwv2, api.http, key, desired) : readHttpApi(clients.apigwv2, api.http, key, desired);
}

export { listApis, v2Kind, type ListedApi } from './list.js';
