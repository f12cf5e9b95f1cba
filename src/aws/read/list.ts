/**
 * Lists every REST API (GetRestApis, limit 500, position paging) and every HTTP and WebSocket
 * API (GetApis, NextToken paging) of the region. The listings carry names and tags, which is
 * all matching needs, and the API objects the readers start from.
 */
import { GetRestApisCommand, type RestApi } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import type { AwsClients } from '../clients.js';
import type { LiveApiSummary } from '../match.js';
import { httpPages, restPages } from './kinds.js';

export type ListedApi = LiveApiSummary &
  ({ kind: 'RestApi'; rest: RestApi } | { kind: 'HttpApi' | 'WebSocketApi'; http: Api });

/** The kind of a v2 API (GetApis item), from its protocol. */
export function v2Kind(a: Pick<Api, 'ProtocolType'>): 'HttpApi' | 'WebSocketApi' | undefined {
  return a.ProtocolType === 'HTTP' ? 'HttpApi' : a.ProtocolType === 'WEBSOCKET' ? 'WebSocketApi' : undefined;
}

export async function listApis(clients: Pick<AwsClients, 'apigw' | 'apigwv2'>): Promise<ListedApi[]> {
  const [rest, http] = await Promise.all([
    restPages('GetRestApis', (position) => clients.apigw.send(new GetRestApisCommand({ limit: 500, position }))),
    httpPages('GetApis', (NextToken) => clients.apigwv2.send(new GetApisCommand({ MaxResults: '500', NextToken }))),
  ]);
  const out: ListedApi[] = [];
  for (const a of rest) {
    if (a.id) out.push({ kind: 'RestApi', apiId: a.id, name: a.name ?? a.id, tags: { ...(a.tags ?? {}) }, rest: a });
  }
  for (const a of http) {
    const kind = v2Kind(a);
    if (a.ApiId && kind)
      out.push({ kind, apiId: a.ApiId, name: a.Name ?? a.ApiId, tags: { ...(a.Tags ?? {}) }, http: a });
  }
  return out;
}
