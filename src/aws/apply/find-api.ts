/** Finds live APIs by id or name across REST (v1), HTTP and WebSocket (v2), for `unlock --api ID|NAME`. */
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { v2Kind } from '../read/list.js';
import type { AwsCaller } from './call.js';
import type { ApiClients, ApiRef } from './tags.js';

export async function findApi(clients: ApiClients, caller: AwsCaller, idOrName: string): Promise<ApiRef[]> {
  const all: ApiRef[] = [];
  let position: string | undefined;
  do {
    const page = await caller.run(
      'GetRestApis',
      () => clients.apigw.send(new GetRestApisCommand({ limit: 500, position })),
      { write: false },
    );
    for (const a of page.items ?? []) if (a.id) all.push({ kind: 'RestApi', apiId: a.id, name: a.name ?? a.id });
    position = page.position;
  } while (position);
  let next: string | undefined;
  do {
    const page = await caller.run(
      'GetApis',
      () => clients.apigwv2.send(new GetApisCommand({ MaxResults: '500', NextToken: next })),
      { write: false },
    );
    for (const a of page.Items ?? []) {
      const kind = v2Kind(a);
      if (a.ApiId && kind) all.push({ kind, apiId: a.ApiId, name: a.Name ?? a.ApiId });
    }
    next = page.NextToken;
  } while (next);
  const byId = all.filter((a) => a.apiId === idOrName);
  return byId.length > 0 ? byId : all.filter((a) => a.name === idOrName);
}
