/**
 * Every rollout in progress in a region: the two listing calls that read every API (their
 * tags included) find the APIs marked `apigw-sync:rollout-stage`; one GetTags per marked
 * stage reads the record and its ticket. An account with 500 APIs and 2 rollouts costs 4
 * calls, not 500.
 */
import type { ApiKind, RolloutPolicy } from '../../model/api.js';
import { TAG_OWNER, TAG_ROLLOUT, TAG_ROLLOUT_STAGE } from '../../model/live.js';
import { decodeRecord, type RolloutRecord } from '../../rollout/record.js';
import { ticketFromTags } from '../../rollout/ticket.js';
import { stageFromTag } from '../apply/stage-in-tag.js';
import type { AwsClients } from '../clients.js';
import { listApis } from '../read/list.js';
import { stageTags } from './record-tag.js';

export interface FoundRollout {
  kind: ApiKind;
  apiId: string;
  apiName: string;
  stage: string;
  /** The owner id of the API (`apigw-sync:owner`), when it carries one. */
  owner?: string;
  /** The API's own tags as listed (the apply lock, the pending apply, …). */
  apiTags: Record<string, string>;
  /** Undefined: the API is marked but its stage holds no record (a rollout just starting or just ended, or a crash in between). */
  record?: RolloutRecord;
  /** The policy and alarms the rollout was started with; undefined for records written before tickets. */
  policy?: RolloutPolicy;
  /** The record could not be read (written by another version). */
  problem?: string;
}

export async function findRollouts(clients: Pick<AwsClients, 'apigw' | 'apigwv2'>): Promise<FoundRollout[]> {
  const marked = (await listApis(clients)).filter((a) => a.tags[TAG_ROLLOUT_STAGE]);
  const found = await Promise.all(
    marked.map(async (a): Promise<FoundRollout> => {
      const stage = stageFromTag(a.tags[TAG_ROLLOUT_STAGE]);
      const base: FoundRollout = {
        kind: a.kind,
        apiId: a.apiId,
        apiName: a.name,
        stage,
        apiTags: a.tags,
        ...(a.tags[TAG_OWNER] ? { owner: a.tags[TAG_OWNER] } : {}),
      };
      const tags = await stageTags(clients, a.kind, a.apiId, stage).read();
      const text = tags[TAG_ROLLOUT];
      if (!text) return base;
      try {
        return { ...base, record: decodeRecord(text), policy: ticketFromTags(stage, tags)?.policy };
      } catch (e) {
        return { ...base, problem: (e as Error).message };
      }
    }),
  );
  return found.sort((x, y) => x.apiName.localeCompare(y.apiName) || x.stage.localeCompare(y.stage));
}
