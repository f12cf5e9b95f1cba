/** Reading and writing tags on a whole API, the same way for REST (v1) and HTTP (v2). */
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
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
import type { ApiKind } from '../../model/api.js';
import type { AwsCaller } from './call.js';
import { apiArn } from './shared.js';

export interface ApiClients {
  apigw: APIGatewayClient;
  apigwv2: ApiGatewayV2Client;
  /** AWS WAF, for REST stages' web ACLs (AwsClients makes it on first access). */
  readonly wafv2?: WAFV2Client;
}

export interface ApiRef {
  kind: ApiKind;
  apiId: string;
  /** For messages. */
  name: string;
}

export class ApiTags {
  constructor(
    private readonly clients: ApiClients,
    private readonly caller: AwsCaller,
    private readonly region: string,
  ) {}

  async read(api: ApiRef): Promise<Record<string, string>> {
    const arn = apiArn(this.region, api.kind, api.apiId);
    if (api.kind === 'RestApi') {
      const out = await this.caller.run(
        'GetTags',
        () => this.clients.apigw.send(new GetTagsCommand({ resourceArn: arn })),
        { write: false },
      );
      return out.tags ?? {};
    }
    const out = await this.caller.run(
      'GetTags',
      () => this.clients.apigwv2.send(new GetTagsV2Command({ ResourceArn: arn })),
      { write: false },
    );
    return out.Tags ?? {};
  }

  async set(api: ApiRef, tags: Record<string, string>): Promise<void> {
    const arn = apiArn(this.region, api.kind, api.apiId);
    if (api.kind === 'RestApi')
      await this.caller.run('TagResource', () =>
        this.clients.apigw.send(new TagResourceCommand({ resourceArn: arn, tags })),
      );
    else
      await this.caller.run('TagResource', () =>
        this.clients.apigwv2.send(new TagResourceV2Command({ ResourceArn: arn, Tags: tags })),
      );
  }

  async remove(api: ApiRef, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const arn = apiArn(this.region, api.kind, api.apiId);
    if (api.kind === 'RestApi')
      await this.caller.run('UntagResource', () =>
        this.clients.apigw.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })),
      );
    else
      await this.caller.run('UntagResource', () =>
        this.clients.apigwv2.send(new UntagResourceV2Command({ ResourceArn: arn, TagKeys: keys })),
      );
  }
}
