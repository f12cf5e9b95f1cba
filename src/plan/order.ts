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
 */
import type { Change } from '../model/change.js';
import { kindOf, targetRank } from '../kinds/registry.js';
import { routePathDepth } from '../kinds/route/index.js';

/** The table itself is data of the kinds: `rank` of each kind in src/kinds/registry.ts. */
export { targetRank };

/** Number of path segments: parents are created before children and deleted after them. */
export function pathDepth(change: Change): number {
  return kindOf(change.target).byPathDepth ? routePathDepth(change.name) : 0;
}

/** Sort key within one API: [phase, rank, depth, name]. */
function sortKey(c: Change, replaced: boolean): [number, number, number, string] {
  if (c.target === 'api' && c.action === 'delete' && replaced) return [-1, 0, 0, c.name];
  const rank = targetRank(c.apiKind, c.target);
  const depth = pathDepth(c);
  if (c.action === 'delete') return [1, -rank, -depth, c.name];
  return [0, rank, depth, c.name];
}

function compareTuples(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** Orders changes for apply: by API key, then by the table above. Stable and total. */
export function orderChanges(changes: Change[]): Change[] {
  const replacedApis = new Set(
    changes.filter((c) => c.target === 'api' && c.action === 'create').map((c) => c.apiKey),
  );
  const keyed = changes.map((c, i) => ({ c, i, k: sortKey(c, replacedApis.has(c.apiKey)) }));
  keyed.sort((x, y) => {
    if (x.c.apiKey !== y.c.apiKey) return x.c.apiKey < y.c.apiKey ? -1 : 1;
    return compareTuples(x.k, y.k) || x.i - y.i;
  });
  return keyed.map((x) => x.c);
}
