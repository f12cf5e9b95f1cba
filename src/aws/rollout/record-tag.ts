/**
 * The rollout record lives in a tag on the stage (`apigw-sync:rollout`), so any runner —
 * another replica, the next workflow run — can see and finish a rollout.
 */
import { APIGatewayClient, GetTagsCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetTagsCommand as GetTagsV2Command,
  TagResourceCommand as TagResourceV2Command,
  UntagResourceCommand as UntagResourceV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { TAG_ROLLOUT } from '../../model/live.js';
import { decodeRecord, encodeRecord, type RolloutRecord } from '../../rollout/record.js';

export function restStageArn(region: string, apiId: string, stage: string): string {
  return `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`;
}

export function httpStageArn(region: string, apiId: string, stage: string): string {
  return `arn:aws:apigateway:${region}::/apis/${apiId}/stages/${stage}`;
}

export interface RecordStore {
  load(): Promise<RolloutRecord | undefined>;
  save(record: RolloutRecord | undefined): Promise<void>;
}

export function restRecordStore(client: APIGatewayClient, arn: string): RecordStore {
  return {
    async load() {
      const { tags } = await client.send(new GetTagsCommand({ resourceArn: arn }));
      const text = tags?.[TAG_ROLLOUT];
      return text ? decodeRecord(text) : undefined;
    },
    async save(record) {
      if (record) await client.send(new TagResourceCommand({ resourceArn: arn, tags: { [TAG_ROLLOUT]: encodeRecord(record) } }));
      else await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [TAG_ROLLOUT] }));
    },
  };
}

export function httpRecordStore(client: ApiGatewayV2Client, arn: string): RecordStore {
  return {
    async load() {
      const { Tags } = await client.send(new GetTagsV2Command({ ResourceArn: arn }));
      const text = Tags?.[TAG_ROLLOUT];
      return text ? decodeRecord(text) : undefined;
    },
    async save(record) {
      if (record) await client.send(new TagResourceV2Command({ ResourceArn: arn, Tags: { [TAG_ROLLOUT]: encodeRecord(record) } }));
      else await client.send(new UntagResourceV2Command({ ResourceArn: arn, TagKeys: [TAG_ROLLOUT] }));
    },
  };
}
