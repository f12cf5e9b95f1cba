/**
 * Where a rollout lives in AWS, so any driver — another replica, the next workflow run,
 * `apigw-sync rollback` — can find, take over and finish it:
 *
 * - on the stage: the record (`apigw-sync:rollout`) and its ticket (policy + alarm names);
 * - on the API: `apigw-sync:rollout-stage = <stage>`, so the two listing calls that read every
 *   API of a region (tags included) find every rollout in progress without reading stages.
 *
 * The API mark is written first and removed last: a crash in between leaves a mark without a
 * record (cleaned up by whoever lists), never a record nobody can find.
 * ARNs name the region the client talks to (arn.ts).
 */
import {
  APIGatewayClient,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetTagsCommand as GetTagsV2Command,
  TagResourceCommand as TagResourceV2Command,
  UntagResourceCommand as UntagResourceV2Command,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiKind, RolloutPolicy } from '../../model/api.js';
import { TAG_ROLLOUT, TAG_ROLLOUT_STAGE } from '../../model/live.js';
import { decodeRecord, encodeRecord, type RolloutRecord } from '../../rollout/record.js';
import { ticketFromTags, ticketTagKeys, ticketTags } from '../../rollout/ticket.js';
import { stageToTag } from '../apply/stage-in-tag.js';
import { apigatewayArn, clientRegion, httpApiPath, restApiPath, stagePath } from '../arn.js';

/** Tags of one API Gateway resource (REST or HTTP), addressed by its ARN path. */
export interface TagTarget {
  read(): Promise<Record<string, string>>;
  set(tags: Record<string, string>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface RolloutApiClients {
  apigw: APIGatewayClient;
  apigwv2: ApiGatewayV2Client;
}

export function tagTarget(clients: RolloutApiClients, kind: ApiKind, path: string): TagTarget {
  const arn = async () => apigatewayArn(await clientRegion(kind === 'RestApi' ? clients.apigw : clients.apigwv2), path);
  if (kind === 'RestApi') {
    return {
      read: async () => (await clients.apigw.send(new GetTagsCommand({ resourceArn: await arn() }))).tags ?? {},
      set: async (tags) => void (await clients.apigw.send(new TagResourceCommand({ resourceArn: await arn(), tags }))),
      remove: async (tagKeys) =>
        void (
          tagKeys.length && (await clients.apigw.send(new UntagResourceCommand({ resourceArn: await arn(), tagKeys })))
        ),
    };
  }
  return {
    read: async () => (await clients.apigwv2.send(new GetTagsV2Command({ ResourceArn: await arn() }))).Tags ?? {},
    set: async (Tags) =>
      void (await clients.apigwv2.send(new TagResourceV2Command({ ResourceArn: await arn(), Tags }))),
    remove: async (TagKeys) =>
      void (
        TagKeys.length &&
        (await clients.apigwv2.send(new UntagResourceV2Command({ ResourceArn: await arn(), TagKeys })))
      ),
  };
}

export const stageTags = (clients: RolloutApiClients, kind: ApiKind, apiId: string, stage: string) =>
  tagTarget(clients, kind, stagePath(kind, apiId, stage));
export const apiTags = (clients: RolloutApiClients, kind: ApiKind, apiId: string) =>
  tagTarget(clients, kind, kind === 'RestApi' ? restApiPath(apiId) : httpApiPath(apiId));

export interface RecordStore {
  load(): Promise<RolloutRecord | undefined>;
  loadPolicy(): Promise<RolloutPolicy | undefined>;
  begin(record: RolloutRecord, policy: RolloutPolicy, alarmNames: string[]): Promise<void>;
  save(record: RolloutRecord): Promise<void>;
  clear(): Promise<void>;
}

export function recordStore(
  clients: RolloutApiClients,
  ids: { kind: ApiKind; apiId: string; stage: string },
): RecordStore {
  const stage = stageTags(clients, ids.kind, ids.apiId, ids.stage);
  const api = apiTags(clients, ids.kind, ids.apiId);
  return {
    async load() {
      const text = (await stage.read())[TAG_ROLLOUT];
      return text ? decodeRecord(text) : undefined;
    },
    async loadPolicy() {
      return ticketFromTags(ids.stage, await stage.read())?.policy;
    },
    async begin(record, policy, alarmNames) {
      await api.set({ [TAG_ROLLOUT_STAGE]: stageToTag(ids.stage) });
      await stage.set({ [TAG_ROLLOUT]: encodeRecord(record), ...ticketTags(policy, alarmNames) });
    },
    async save(record) {
      await stage.set({ [TAG_ROLLOUT]: encodeRecord(record) });
    },
    async clear() {
      const tags = await stage.read();
      await stage.remove([TAG_ROLLOUT, ...ticketTagKeys(tags)].filter((k) => k in tags));
      await api.remove([TAG_ROLLOUT_STAGE]);
    },
  };
}

/** The stage ARN in `region` (for tests and messages; the stores build theirs from the client's region). */
export function stageArn(region: string, kind: ApiKind, apiId: string, stage: string): string {
  return apigatewayArn(region, stagePath(kind, apiId, stage));
}

export const restStageArn = (region: string, apiId: string, stage: string) => stageArn(region, 'RestApi', apiId, stage);
export const httpStageArn = (region: string, apiId: string, stage: string) => stageArn(region, 'HttpApi', apiId, stage);
