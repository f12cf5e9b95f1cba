/** Deleting a whole API (drift `--prune`). DeleteRestApi is quota-bound to 1 per 30 s per account. */
import { DeleteRestApiCommand } from '@aws-sdk/client-api-gateway';
import { DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import type { AwsCaller } from './call.js';
import type { ApiClients, ApiRef } from './tags.js';

export async function deleteApi(clients: ApiClients, caller: AwsCaller, api: ApiRef): Promise<void> {
  if (api.kind === 'RestApi')
    await caller.run('DeleteRestApi', () => clients.apigw.send(new DeleteRestApiCommand({ restApiId: api.apiId })));
  else await caller.run('DeleteApi', () => clients.apigwv2.send(new DeleteApiCommand({ ApiId: api.apiId })));
}
