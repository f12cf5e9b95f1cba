import type { GatewayModel } from '../model/api.js';
import type { Change } from '../model/change.js';
import type { LiveSnapshot } from '../model/live.js';
import { diffApi } from './api.js';
import { diffAccount } from './account.js';
import type { AccountModel } from '../model/account.js';
import { ApigwSyncError } from '../model/errors.js';
import { pathOfKey } from '../kinds/mapping/model.js';

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
    return diffApi(key, desired.apis[key], l?.model, {
      liveResourcePaths: l ? Object.keys(l.ids.resourceIds) : undefined,
      unusedIntegrations: l?.ids.unusedIntegrations,
    });
  });
  // Account-scope records: only when AWS's were read (a snapshot without them cannot say what to delete).
  if (!live.account) return apis;
  const account = diffAccount(desired.account, live.account.model);
  refuseDomainDeletesWithMappings(account, live.account.model);
  return [...account, ...apis];
}

/**
 * AWS deletes a domain's mappings with it, silently cutting every API it serves. A plan that
 * deletes a domain which still maps something is refused: remove the mappings first (their
 * deletes are reviewed one by one), then the domain.
 */
function refuseDomainDeletesWithMappings(changes: Change[], live: AccountModel): void {
  for (const c of changes) {
    if (c.target !== 'domain' || c.action !== 'delete') continue;
    const mapped = [...Object.values(live.basePathMappings), ...Object.values(live.apiMappings)].filter(
      (m) => m.domain === c.name,
    );
    if (mapped.length === 0) continue;
    const list = mapped.map((m) => `${pathOfKey(m.name)} → ${m.api} stage ${m.stage}`).join(', ');
    throw new ApigwSyncError(
      'DOMAIN_HAS_MAPPINGS',
      `custom domain ${c.name} still has ${mapped.length} mapping${mapped.length === 1 ? '' : 's'} in AWS (${list}): deleting it would delete them too and cut the traffic they serve`,
      {
        hint: `first remove the mappings (basePathMappings / apiMappings of domains/${c.name}.yaml, or move them to another domain) and apply; then delete domains/${c.name}.yaml`,
      },
    );
  }
}
