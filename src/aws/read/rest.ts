/**
 * Reads one REST API (v1) in as few calls as AWS allows: the API itself comes from the
 * GetRestApis listing (tags included); then GetResources with limit=500, position paging
 * and embed=methods (each method arrives with its integration and integration responses),
 * and one call each for authorizers, request validators, models and stages (tags ride on
 * the stage objects). Five calls for an API of up to 500 resources.
 */
import {
  GetAuthorizersCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetStagesCommand,
  type APIGatewayClient,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import type { ApiModel } from '../../model/api.js';
import type { LiveApi } from '../../model/live.js';
import { ApigwSyncError } from '../../model/errors.js';
import { awsCall } from '../errors.js';
import { normalizeRestApi, type RestWire } from './rest-normalize.js';

/** AWS's largest page. */
export const REST_PAGE_SIZE = 500;

export async function readRestApi(client: APIGatewayClient, api: RestApi, key: string, desired?: ApiModel, opts: { pageSize?: number } = {}): Promise<LiveApi> {
  const restApiId = api.id!;
  const PAGE = opts.pageSize ?? REST_PAGE_SIZE;
  const [resources, authorizers, validators, models, stages] = await Promise.all([
    pages('GetResources', (position) => client.send(new GetResourcesCommand({ restApiId, limit: PAGE, position, embed: ['methods'] }))),
    pages('GetAuthorizers', (position) => client.send(new GetAuthorizersCommand({ restApiId, limit: PAGE, position }))),
    pages('GetRequestValidators', (position) => client.send(new GetRequestValidatorsCommand({ restApiId, limit: PAGE, position }))),
    pages('GetModels', (position) => client.send(new GetModelsCommand({ restApiId, limit: PAGE, position }))),
    awsCall('GetStages', () => client.send(new GetStagesCommand({ restApiId }))).then((r) => r.item ?? []),
  ]);
  const wire: RestWire = { api, resources, authorizers, validators, models, stages };
  return normalizeRestApi(key, wire, desired);
}

/** Follows `position` until AWS stops returning one. */
async function pages<T>(operation: string, get: (position?: string) => Promise<{ items?: T[]; position?: string }>): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await awsCall(operation, () => get(position));
    out.push(...(page.items ?? []));
    if (page.position !== undefined && page.position === position) throw new ApigwSyncError('AWS_PAGING', `${operation} returned the same position twice (${position})`, { hint: 'AWS answered inconsistently; run the command again' });
    position = page.position;
  } while (position);
  return out;
}

export { pages as restPages };
