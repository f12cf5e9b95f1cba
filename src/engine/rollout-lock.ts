/**
 * When is an apply lock stale although it has not expired (30 minutes by default)? When the
 * apply that holds it was rolling out and its rollout stopped renewing its lease: the process
 * is gone (killed runner, crashed replica), so the API is free for whoever finishes the
 * rollout — the next apply or the App's sweeper — instead of blocked for half an hour.
 *
 * Only a lock taken before that lease ran out counts: a lock taken afterwards belongs to a
 * newer run (which is about to take the rollout over itself).
 */
import { TAG_ROLLOUT, TAG_ROLLOUT_STAGE } from '../model/live.js';
import { decodeRecord } from '../rollout/record.js';
import type { ApiRef } from '../aws/apply/index.js';
import { stageFromTag } from '../aws/apply/stage-in-tag.js';
import type { LockInfo } from '../aws/lock.js';
import { apiTags, stageTags, type RolloutApiClients } from '../aws/rollout/record-tag.js';

export async function rolloutLeaseStale(
  clients: RolloutApiClients,
  api: ApiRef,
  lock: LockInfo,
  now: number,
): Promise<string | undefined> {
  const mark = (await apiTags(clients, api.kind, api.apiId).read())[TAG_ROLLOUT_STAGE];
  if (!mark) return undefined;
  const stage = stageFromTag(mark);
  const text = (await stageTags(clients, api.kind, api.apiId, stage).read())[TAG_ROLLOUT];
  if (!text) return undefined;
  let leaseUntil: number;
  try {
    const r = decodeRecord(text);
    if (!r.driver) return undefined;
    leaseUntil = r.leaseUntil;
  } catch {
    return undefined;
  }
  const acquired = Date.parse(lock.acquiredAt);
  if (leaseUntil > now || !(acquired <= leaseUntil)) return undefined;
  return `the rollout of ${stage} it was driving stopped renewing its lease at ${new Date(leaseUntil).toISOString()}`;
}
