import type { GatewayModel } from '../model/api.js';
import type { Change } from '../model/change.js';
import type { LiveSnapshot } from '../model/live.js';
import { diffApi } from './api.js';
import { diffAccount } from './account.js';

/**
 * Every API of the desired state against its live twin. A live API keyed in the snapshot
 * but absent from the state is deleted; `unmanaged` live APIs are never touched here
 * (drift lists them; pruning is the engine's explicit decision). Account-scope records of
 * this owner are diffed whole: one the state no longer declares is deleted (diff/account.ts).
 */
export function diffGateway(desired: GatewayModel, live: LiveSnapshot): Change[] {
  const keys = [...new Set([...Object.keys(desired.apis), ...Object.keys(live.apis)])].sort();
  const apis = keys.flatMap((key) => {
    const l = live.apis[key];
    return diffApi(key, desired.apis[key], l?.model, { liveResourcePaths: l ? Object.keys(l.ids.resourceIds) : undefined });
  });
  // Account-scope records: only when AWS's were read (a snapshot without them cannot say what to delete).
  return live.account ? [...diffAccount(desired.account, live.account.model), ...apis] : apis;
}
