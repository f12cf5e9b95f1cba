import type { GatewayModel } from '../model/api.js';
import type { Change } from '../model/change.js';
import type { LiveSnapshot } from '../model/live.js';
import { diffApi } from './api.js';

/**
 * Every API of the desired state against its live twin. A live API keyed in the snapshot
 * but absent from the state is deleted; `unmanaged` live APIs are never touched here
 * (drift lists them; pruning is the engine's explicit decision).
 */
export function diffGateway(desired: GatewayModel, live: LiveSnapshot): Change[] {
  const keys = [...new Set([...Object.keys(desired.apis), ...Object.keys(live.apis)])].sort();
  return keys.flatMap((key) => {
    const l = live.apis[key];
    return diffApi(key, desired.apis[key], l?.model, { liveResourcePaths: l ? Object.keys(l.ids.resourceIds) : undefined, unusedIntegrations: l?.ids.unusedIntegrations });
  });
}
