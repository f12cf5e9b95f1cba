/**
 * Domain mappings as account-scope kinds, declared in their domain's file: base path mappings
 * (REST, v1 API) and API mappings (HTTP, v2 API). Both are read with one list per domain of
 * this owner (GetApiMappings for a REGIONAL domain: it lists every API's mappings with their
 * ids; GetBasePathMappings for an EDGE one, which serves REST APIs only), written after the
 * APIs (their stages must exist) and deleted before them.
 */
import {
  defineAccountKind,
  type AccountChildRecord,
  type AccountReadContext,
  type AccountWriteContext,
  type Obj,
} from '../account-kind.js';
import type { FlagAcc, FlagInput } from '../kind.js';
import type { DomainModel } from '../domain/model.js';
import { mappingFields, apiMappingFields } from './fields.js';
import { mappingKey, NONE, wirePath, type MappingModel } from './model.js';

const url = (m: MappingModel) => `https://${m.domain}/${wirePath(m.name)}`;

function flags() {
  return (c: FlagInput, acc: FlagAcc) => {
    const b = c.before as MappingModel | undefined;
    const a = c.after as MappingModel | undefined;
    if (c.action === 'update' && b && a && (b.api !== a.api || b.stage !== a.stage)) {
      acc.traffic?.push(`requests to ${url(a)} go to ${a.api} stage ${a.stage} instead of ${b.api} stage ${b.stage}`);
    }
    if (c.action === 'update' && b && a && b.name !== a.name)
      acc.breaking.push(`${url(b)} stops serving: clients must call ${url(a)}`);
    if (c.action === 'delete' && b) acc.breaking.push(`${url(b)} stops serving ${b.api} stage ${b.stage}`);
  };
}

const facts = (m: MappingModel): Array<[string, unknown, { raw: boolean }]> => [
  ['api', m.api, { raw: true }],
  ['stage', m.stage, { raw: true }],
];

/** One list per domain → both kinds' records (the API's kind decides which). */
function normalize(items: Obj[], domain: string, parent: unknown, ctx: AccountReadContext): AccountChildRecord[] {
  const edge = (parent as DomainModel).endpointType === 'EDGE';
  return items.map((i) => {
    const apiId = String(edge ? i.restApiId : i.ApiId);
    const path = String((edge ? i.basePath : i.ApiMappingKey) ?? '');
    const stage = String((edge ? i.stage : i.Stage) ?? NONE);
    const http = ctx.apiKindOf(apiId) === 'HttpApi';
    const key = mappingKey(domain, path === NONE ? '' : path);
    const record: MappingModel = { name: key, domain, api: ctx.apiKeyOf(apiId) ?? `(api ${apiId})`, stage };
    return {
      target: http ? 'apiMapping' : 'basePathMapping',
      key,
      record,
      ...(http && !edge ? { id: String(i.ApiMappingId) } : {}),
    };
  });
}

export const basePathMappingKind = defineAccountKind<MappingModel>({
  target: 'basePathMapping',
  label: 'base path mapping',
  fields: mappingFields,
  flags: flags(),
  facts,
  account: {
    modelKey: 'basePathMappings',
    phase: 'after',
    rank: 1,
    flavourOf: () => 'RestApi',
    renamable: true,
    readEach: {
      parent: 'domain',
      call: (domain, parent) =>
        (parent as DomainModel).endpointType === 'EDGE'
          ? { op: 'GetBasePathMappings', flavour: 'RestApi', paging: 'position', input: { domainName: domain } }
          : { op: 'GetApiMappings', flavour: 'HttpApi', paging: 'nextToken', input: { DomainName: domain } },
      normalize,
    },
    write: {
      RestApi: {
        create: {
          op: 'CreateBasePathMapping',
          input: (_k, m, ctx) => ({
            domainName: m.domain,
            basePath: wirePath(m.name),
            restApiId: (ctx as AccountWriteContext).apiIdOf(m.api),
            stage: m.stage,
          }),
        },
        update: { op: 'UpdateBasePathMapping' },
        delete: { op: 'DeleteBasePathMapping' },
        address: (_k, _id, m) => ({ domainName: m.domain, basePath: wirePath(m.name) || NONE }),
      },
    },
  },
});

export const apiMappingKind = defineAccountKind<MappingModel>({
  target: 'apiMapping',
  label: 'API mapping',
  fields: apiMappingFields,
  flags: flags(),
  facts,
  account: {
    modelKey: 'apiMappings',
    phase: 'after',
    rank: 2,
    flavourOf: () => 'HttpApi',
    renamable: true,
    write: {
      HttpApi: {
        create: {
          op: 'CreateApiMapping',
          id: 'ApiMappingId',
          input: (_k, m, ctx) => ({
            DomainName: m.domain,
            ...(wirePath(m.name) ? { ApiMappingKey: wirePath(m.name) } : {}),
            ApiId: (ctx as AccountWriteContext).apiIdOf(m.api),
            Stage: m.stage,
          }),
        },
        // UpdateApiMapping requires ApiId whatever changes.
        update: {
          op: 'UpdateApiMapping',
          input: (_k, m, ctx) => ({ ApiId: (ctx as AccountWriteContext).apiIdOf(m.api) }),
        },
        delete: { op: 'DeleteApiMapping' },
        address: (_k, id, m) => ({ DomainName: m.domain, ApiMappingId: id }),
      },
    },
  },
});
