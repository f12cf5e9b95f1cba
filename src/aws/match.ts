/**
 * PURE: which live API is the twin of which API in gateway-state.
 *
 * 1. The tag the tool writes, `apigw-sync:id = <api key>`, decides. Two live APIs
 *    carrying the same id is an error (someone copied the tag), never a guess.
 * 2. Else a live API of the same kind with the same name, if exactly one exists and it
 *    is not claimed by another key's tag. Two or more → AmbiguousApiError.
 * 3. Every live API left over is `unmanaged`; `managed` means it carries
 *    `apigw-sync:managed=true` and this directory's owner id (so `drift --prune` may delete it).
 *
 * Owners (`apigw-sync:owner`): an API another owner manages is neither matched nor
 * unmanaged here — it is `elsewhere`, listed at most, never planned, drifted or pruned. An
 * API without an owner tag (managed before owners existed, or never managed) can be matched
 * by any directory; `legacy` marks the unmatched managed ones among them. With no owner of
 * its own, a directory counts every owner-tagged API as managed elsewhere.
 */
import type { ApiKind } from '../model/api.js';
import { AmbiguousApiError, ApigwSyncError } from '../model/errors.js';
import { TAG_ID, TAG_MANAGED, TAG_OWNER, type ElsewhereLiveApi, type UnmanagedLiveApi } from '../model/live.js';

export interface LiveApiSummary {
  kind: ApiKind;
  apiId: string;
  name: string;
  tags: Record<string, string>;
}

export interface DesiredApiRef {
  kind: ApiKind;
  name: string;
}

export interface ApiMatch<T extends LiveApiSummary = LiveApiSummary> {
  /** API key → its live twin. Keys without one do not exist in AWS yet. */
  matched: Record<string, T>;
  unmanaged: UnmanagedLiveApi[];
  /** APIs of other owners. */
  elsewhere: ElsewhereLiveApi[];
}

export interface MatchOptions {
  /** This directory's owner id; undefined when it has none. */
  owner?: string;
}

export class DuplicateApiIdTagError extends ApigwSyncError {
  constructor(key: string, ids: string[]) {
    super('DUPLICATE_API_TAG', `more than one live API carries ${TAG_ID}=${key} (${ids.join(', ')})`, {
      hint: `remove the ${TAG_ID} tag from the copies; only the API gateway-state's "${key}" folder describes may carry it`,
    });
  }
}

export function matchApis<T extends LiveApiSummary>(
  desired: Record<string, DesiredApiRef>,
  all: T[],
  opts: MatchOptions = {},
): ApiMatch<T> {
  const ownerOf = (a: T) => a.tags[TAG_OWNER];
  const isElsewhere = (a: T) => ownerOf(a) !== undefined && ownerOf(a) !== opts.owner;
  const elsewhere = all
    .filter(isElsewhere)
    .map((a): ElsewhereLiveApi => ({ apiId: a.apiId, kind: a.kind, name: a.name, owner: ownerOf(a)! }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.apiId.localeCompare(b.apiId));
  const live = all.filter((a) => !isElsewhere(a));
  const matched: Record<string, T> = {};
  const taken = new Set<T>();
  const byTag = new Map<string, T[]>();
  for (const a of live) {
    const id = a.tags[TAG_ID];
    if (id) byTag.set(id, [...(byTag.get(id) ?? []), a]);
  }
  for (const key of Object.keys(desired).sort()) {
    const tagged = byTag.get(key) ?? [];
    if (tagged.length > 1)
      throw new DuplicateApiIdTagError(
        key,
        tagged.map((a) => a.apiId),
      );
    if (tagged.length === 1) {
      matched[key] = tagged[0];
      taken.add(tagged[0]);
    }
  }
  for (const key of Object.keys(desired).sort()) {
    if (matched[key]) continue;
    const want = desired[key];
    // An API tagged for another key belongs to that key, even if the folder is gone.
    const candidates = live.filter(
      (a) => !taken.has(a) && !a.tags[TAG_ID] && a.kind === want.kind && a.name === want.name,
    );
    if (candidates.length > 1)
      throw new AmbiguousApiError(
        want.name,
        candidates.map((a) => a.apiId),
      );
    if (candidates.length === 1) {
      matched[key] = candidates[0];
      taken.add(candidates[0]);
    }
  }
  const unmanaged = live
    .filter((a) => !taken.has(a))
    .map((a): UnmanagedLiveApi => {
      const managedTag = a.tags[TAG_MANAGED] === 'true';
      const ours = opts.owner !== undefined && ownerOf(a) === opts.owner;
      const legacy = managedTag && ownerOf(a) === undefined && opts.owner !== undefined;
      return {
        apiId: a.apiId,
        kind: a.kind,
        name: a.name,
        managed: managedTag && (ours || opts.owner === undefined),
        ...(legacy ? { legacy: true } : {}),
      };
    });
  return { matched, unmanaged, elsewhere };
}

/** `--api ID|NAME` (import, unlock): an id wins; else a unique name. */
export function findByIdOrName<T extends LiveApiSummary>(live: T[], idOrName: string): T | undefined {
  const byId = live.find((a) => a.apiId === idOrName);
  if (byId) return byId;
  const named = live.filter((a) => a.name === idOrName);
  if (named.length > 1)
    throw new AmbiguousApiError(
      idOrName,
      named.map((a) => a.apiId),
    );
  return named[0];
}
