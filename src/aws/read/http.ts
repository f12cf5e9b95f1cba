/**
 * Reads one HTTP API (v2): the API comes from the GetApis listing (tags included), then
 * GetRoutes, GetIntegrations, GetAuthorizers and GetStages, each with NextToken paging.
 */
import {
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Api,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiModel } from '../../model/api.js';
import type { LiveApi } from '../../model/live.js';
import { ApigwSyncError } from '../../model/errors.js';
import { awsCall } from '../errors.js';
import { normalizeHttpApi } from './http-normalize.js';

/** v2 takes MaxResults as a string; 500 is far above AWS's page size, so AWS's own maximum applies. */
const PAGE = '500';

export async function readHttpApi(client: ApiGatewayV2Client, api: Api, key: string, desired?: ApiModel): Promise<LiveApi> {
  const ApiId = api.ApiId!;
  const [routes, integrations, authorizers, stages] = await Promise.all([
    httpPages('GetRoutes', (NextToken) => client.send(new GetRoutesCommand({ ApiId, MaxResults: PAGE, NextToken }))),
    httpPages('GetIntegrations', (NextToken) => client.send(new GetIntegrationsCommand({ ApiId, MaxResults: PAGE, NextToken }))),
    httpPages('GetAuthorizers', (NextToken) => client.send(new GetAuthorizersCommand({ ApiId, MaxResults: PAGE, NextToken }))),
    httpPages('GetStages', (NextToken) => client.send(new GetStagesCommand({ ApiId, MaxResults: PAGE, NextToken }))),
  ]);
  return normalizeHttpApi(key, { api, routes, integrations, authorizers, stages }, desired);
}

/** Follows NextToken until AWS stops returning one. */
export async function httpPages<T>(operation: string, get: (next?: string) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined;
  do {
    const page = await awsCall(operation, () => get(next));
    out.push(...(page.Items ?? []));
    if (page.NextToken !== undefined && page.NextToken === next) throw new ApigwSyncError('AWS_PAGING', `${operation} returned the same NextToken twice (${next})`, { hint: 'AWS answered inconsistently; run the command again' });
    next = page.NextToken;
  } while (next);
  return out;
}
