/**
 * Re-reads one API after apply has locked it. The plan was built from a read made before
 * the lock; if another apply (or a console edit) changed the API in between, the plan is
 * stale and must not be applied. One GetRestApi/GetApi plus the reader's usual calls.
 */
import { GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { GetApiCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import type { ApiModel } from '../../model/api.js';
import type { LiveApi } from '../../model/live.js';
import { readApi } from '../read/index.js';
import type { ReadApiOptions } from '../read/kinds.js';
import type { AwsCaller } from './call.js';
import type { ApiClients, ApiRef } from './tags.js';

/** `opts.accountNameOf`: the account records' names as the plan read them (an integration's VPC link id → its name). */
export async function rereadApi(
  clients: ApiClients,
  caller: AwsCaller,
  api: ApiRef,
  key: string,
  desired?: ApiModel,
  opts: ReadApiOptions = {},
): Promise<LiveApi> {
  if (api.kind === 'RestApi') {
    const rest = await caller.run(
      'GetRestApi',
      () => clients.apigw.send(new GetRestApiCommand({ restApiId: api.apiId })),
      { write: false },
    );
    return readApi(
      clients,
      { kind: 'RestApi', apiId: api.apiId, name: rest.name ?? api.name, tags: { ...(rest.tags ?? {}) }, rest },
      key,
      desired,
      opts,
    );
  }
  const http = await caller.run('GetApi', () => clients.apigwv2.send(new GetApiCommand({ ApiId: api.apiId })), {
    write: false,
  });
  return readApi(
    clients,
    {
      kind: api.kind,
      apiId: api.apiId,
      name: http.Name ?? api.name,
      tags: { ...(http.Tags ?? {}) },
      http: http as Api,
    },
    key,
    desired,
    opts,
  );
}
