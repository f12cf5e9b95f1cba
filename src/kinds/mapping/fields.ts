import type { AccountWriteContext } from '../account-kind.js';
import type { FieldTable } from '../field.js';
import { wirePath, type MappingModel } from './model.js';

/**
 * v1 base path mappings: CreateBasePathMapping takes everything (the write spec's create
 * input: the API id is resolved there); UpdateBasePathMapping `replace` of `/basePath`,
 * `/restapiId`, `/stage`.
 */
export const mappingFields: FieldTable<MappingModel> = {
  name: {
    rest: {
      create: false,
      patch: (_b, _a, ctx) => [{ op: 'replace', path: '/basePath', value: wirePath(ctx.after.name) }],
    },
  },
  domain: { rest: { create: false, patch: () => [] } },
  api: {
    rest: {
      create: false,
      patch: (_b, a, ctx) => [
        { op: 'replace', path: '/restapiId', value: (ctx as unknown as AccountWriteContext).apiIdOf(a!) },
      ],
    },
  },
  stage: { rest: { create: false, path: '/stage' } },
};

/** v2 API mappings: UpdateApiMapping takes the changed members (and always ApiId: the write spec adds it, resolved). */
export const apiMappingFields: FieldTable<MappingModel> = {
  name: {
    http: { create: () => ({}), update: (_b, a) => ({ ApiMappingKey: a === undefined ? undefined : wirePath(a) }) },
  },
  domain: { http: { create: () => ({}), update: () => ({}) } },
  api: { http: { create: () => ({}), update: (_b, a) => ({ ApiId: a }) } },
  stage: { http: { create: () => ({}), update: (_b, a) => ({ Stage: a }) } },
};
