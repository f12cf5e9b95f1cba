import type { SourceLocation } from '../model/errors.js';
import type { SourceMap } from './types.js';

/**
 * The declaration nearest to `key` (e.g. `shop/routes/GET /a/{id}/integration/uri` falls
 * back to the route, then the API). Route keys contain `/`, which the walk-up tolerates:
 * it only ever stops at keys that exist.
 */
export function locate(sources: SourceMap, key: string): SourceLocation | undefined {
  for (let k = key; k; k = k.slice(0, Math.max(0, k.lastIndexOf('/')))) {
    const hit = sources[k];
    if (hit) return hit;
  }
  return undefined;
}
