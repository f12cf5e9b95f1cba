/** runUnlock: clear a stale apply lock on one API, found by id or by name (never a guess). */
import { AmbiguousApiError, ApigwSyncError } from '../model/errors.js';
import { findApi } from '../aws/apply/find-api.js';
import { AwsCaller } from '../aws/apply/index.js';
import { resolveClients, type EngineClients } from './clients.js';
import { forceUnlock, type LockInfo } from '../aws/lock.js';

export interface UnlockResult {
  apiId: string;
  name: string;
  /** The lock that was removed; undefined when there was none. */
  removed?: LockInfo;
}

export async function runUnlock(opts: { api: string; clients: EngineClients; region: string }): Promise<UnlockResult> {
  const caller = new AwsCaller();
  const clients = resolveClients(opts.clients, opts.region);
  const found = await findApi(clients, caller, opts.api);
  if (found.length === 0) {
    throw new ApigwSyncError(
      'API_NOT_FOUND',
      `no REST or HTTP API has the id or name "${opts.api}" in ${opts.region}`,
      {
        hint: 'check the region (AWS_REGION) and the spelling; `aws apigateway get-rest-apis` lists them',
      },
    );
  }
  if (found.length > 1)
    throw new AmbiguousApiError(
      opts.api,
      found.map((a) => a.apiId),
    );
  const api = found[0];
  const removed = await forceUnlock(api, { clients, caller, region: clients.region });
  return { apiId: api.apiId, name: api.name, removed };
}
