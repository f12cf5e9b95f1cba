/**
 * The apply order, as an explicit table (each kind's `rank` in src/kinds/registry.ts).
 *
 * Creates and updates run first, in dependency order; deletes run after them, in the
 * reverse order — so anything that referenced a deleted thing has already been updated
 * or deleted (a route stops using an authorizer before the authorizer goes).
 *
 *   REST:  api → tags → authorizers / validators / models → routes (resources by path
 *          depth, then the method) → integrations (with their responses) → stages
 *   HTTP:  api → tags → authorizers / models → integrations → routes → stages
 *          (an HTTP route targets an existing integration; deleting runs route first)
 * Deployments are not steps: the walk deploys each API after its steps (plan.deployments).
 *
 * Steps are grouped per API (one writer per API; an API's steps and its deployment
 * finish before the next API starts). An API being replaced (its kind changed) is deleted
 * before its new twin is created.
 *
 * Account-scope changes (apiKey ACCOUNT_KEY: client certificates, VPC links, domains,
 * mappings, …) go around the APIs: the part that APIs need first (creates and updates of
 * `before` kinds, deletes of `after` kinds), then every API, then the rest (creates and
 * updates of `after` kinds, deletes of `before` kinds) — registry.ts `accountPhaseOf`. Within
 * a part, creates and updates ascend by the kind's rank, deletes descend.
 */
import type { Change } from '../model/change.js';
import { accountKindOf, accountPhaseOf, kindOf, targetRank } from '../kinds/registry.js';
import { routePathDepth } from '../kinds/route/index.js';

/** The table itself is data of the kinds: `rank` of each kind in src/kinds/registry.ts. */
export { targetRank };

/** Number of path segments: parents are created before children and deleted after them. */
export function pathDepth(change: Change): number {
  return kindOf(change.target).byPathDepth ? routePathDepth(change.name) : 0;
}

/** Sort key: [part (account before / APIs / account after), API key, phase, rank, depth, name]. */
function sortKey(
  c: Change,
  replaced: boolean,
  all: readonly Change[],
): [number, string, number, number, number, string] {
  const account = accountKindOf(c.target);
  if (account) {
    const part = accountPhaseOf(c, all) === 'before' ? 0 : 2;
    const rank = account.account.rank;
    return c.action === 'delete'
      ? [part, '', part === 0 ? 0 : 1, -rank, 0, c.name]
      : [part, '', part === 0 ? 1 : 0, rank, 0, c.name];
  }
  if (c.target === 'api' && c.action === 'delete' && replaced) return [1, c.apiKey, -1, 0, 0, c.name];
  const rank = targetRank(c.apiKind, c.target);
  const depth = pathDepth(c);
  if (c.action === 'delete') return [1, c.apiKey, 1, -rank, -depth, c.name];
  return [1, c.apiKey, 0, rank, depth, c.name];
}

function compareTuples(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** Orders changes for apply: account part first, then by API key and the table above, then the account's last part. Stable and total. */
export function orderChanges(changes: Change[]): Change[] {
  const replacedApis = new Set(changes.filter((c) => c.target === 'api' && c.action === 'create').map((c) => c.apiKey));
  const keyed = changes.map((c, i) => ({ c, i, k: sortKey(c, replacedApis.has(c.apiKey), changes) }));
  keyed.sort((x, y) => compareTuples(x.k, y.k) || x.i - y.i);
  return keyed.map((x) => x.c);
}
