/**
 * v2 ApiMapping operations on a (regional) domain: Create (`apiMappingKey` may have several
 * levels, `orders/v1`, on a REGIONAL TLS 1.2 domain), Get, GetApiMappings (paged), Update
 * (the fields given replace the mapping's) and Delete. A mapping maps a REST, HTTP or
 * WebSocket API's stage; they are the records v1 reads as base path mappings.
 */
import { page } from '../apigw-v2/paging.js';
import { v2Route } from '../apigw-v2/route-def.js';
import { bodyOf, compact, json, optStr, reqStr } from '../apigw-v2/wire.js';
import { AwsError, type RouteDef } from '../core/types.js';
import type { DomainsStore } from './store.js';
import type { ApiMapping, DomainState } from './types.js';

/** v2 requires a Stage: a v1 mapping without one shows API Gateway's own placeholder. */
export const v2MappingView = (m: ApiMapping) =>
  compact({
    apiId: m.apiId,
    apiMappingId: m.apiMappingId,
    apiMappingKey: m.key === '' ? undefined : m.key,
    stage: m.stage ?? '(none)',
  });

function mappingById(ds: DomainState, id: string): ApiMapping {
  const m = ds.mappings.find((x) => x.apiMappingId === id);
  if (!m)
    throw new AwsError(404, 'NotFoundException', `Invalid API mapping identifier specified ${id}`, {
      resourceType: 'ApiMapping',
    });
  return m;
}

export function apiMappingRoutes(store: DomainsStore): RouteDef[] {
  const at = '/v2/domainnames/{domainName}/apimappings';
  return [
    v2Route('CreateApiMapping', 'POST', at, true, (req, p) => {
      const ds = store.getForV2Write(p.domainName);
      const b = bodyOf(req);
      const m = { apiId: reqStr(b, 'apiId'), stage: reqStr(b, 'stage'), key: optStr(b, 'apiMappingKey') ?? '' };
      store.checkMapping(ds, m, 'v2');
      const mapping: ApiMapping = { apiMappingId: store.newMappingId(), ...m };
      ds.mappings.push(mapping);
      return json(201, v2MappingView(mapping));
    }),
    v2Route('GetApiMappings', 'GET', at, false, (req, p) => {
      const pg = page(store.get(p.domainName, 'v2').mappings, req);
      return json(200, compact({ items: pg.items.map(v2MappingView), nextToken: pg.nextToken }));
    }),
    v2Route('GetApiMapping', 'GET', `${at}/{apiMappingId}`, false, (_req, p) =>
      json(200, v2MappingView(mappingById(store.get(p.domainName, 'v2'), p.apiMappingId))),
    ),
    v2Route('UpdateApiMapping', 'PATCH', `${at}/{apiMappingId}`, true, (req, p) => {
      const ds = store.getForV2Write(p.domainName);
      const current = mappingById(ds, p.apiMappingId);
      const b = bodyOf(req);
      const next: ApiMapping = { ...current, apiId: reqStr(b, 'apiId') };
      const stage = optStr(b, 'stage');
      if (stage !== undefined) next.stage = stage;
      const key = optStr(b, 'apiMappingKey');
      if (key !== undefined) next.key = key;
      store.checkMapping(ds, next, 'v2', current);
      ds.mappings[ds.mappings.indexOf(current)] = next;
      return json(200, v2MappingView(next));
    }),
    v2Route('DeleteApiMapping', 'DELETE', `${at}/{apiMappingId}`, true, (_req, p) => {
      const ds = store.getForV2Write(p.domainName);
      const m = mappingById(ds, p.apiMappingId);
      ds.mappings = ds.mappings.filter((x) => x !== m);
      return json(204);
    }),
  ];
}
