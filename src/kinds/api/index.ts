/** The API itself: one per folder under apis/, REST (v1) or HTTP (v2). */
import type { ApiModel } from '../../model/api.js';
import { deepEqual } from '../../model/canonical.js';
import { rowsOf } from '../field.js';
import { defineKind, type Fact } from '../kind.js';
import { policySummary } from './policy.js';
import { apiFields, type ApiFieldsModel } from './fields.js';
import type { ApiHeaderModel } from './model.js';

/** The API-level object of an `api` change: `kind` and every row of the api field table. */
export function apiHeader(m: ApiModel): ApiHeaderModel {
  const h: Record<string, unknown> = { kind: m.kind };
  for (const [key] of rowsOf<ApiFieldsModel>(apiFields)) if (m[key] !== undefined) h[key] = m[key];
  return h as unknown as ApiHeaderModel;
}

export const apiKind = defineKind<ApiFieldsModel>({
  target: 'api',
  label: 'api',
  section: 'api',
  rank: { RestApi: 0, HttpApi: 0, WebSocketApi: 0 },
  snapshot: false,
  fields: apiFields,
  diff(ctx) {
    if (ctx.creating)
      return [ctx.change({ target: 'api', action: 'create', name: ctx.desired.name, after: apiHeader(ctx.desired) })];
    const before = apiHeader(ctx.live);
    const after = apiHeader(ctx.desired);
    return deepEqual(before, after)
      ? []
      : [ctx.change({ target: 'api', action: 'update', name: ctx.desired.name, before, after })];
  },
  flags(c, acc) {
    if (c.action === 'delete') acc.breaking.push('API removed');
  },
  facts: (a) => [
    ['name', a.name],
    ['endpointType', a.endpointType],
    ['description', a.description],
    ['binaryMediaTypes', a.binaryMediaTypes],
    ['vpcEndpointIds', a.vpcEndpointIds],
    ...(a.disableExecuteApiEndpoint ? [['disableExecuteApiEndpoint', true] as Fact] : []),
    ...(a.apiKeySource && a.apiKeySource !== 'HEADER' ? [['apiKeySource', a.apiKeySource] as Fact] : []),
    ['minimumCompressionSize', a.minimumCompressionSize],
    ['policy', a.policy === undefined ? undefined : policySummary(a.policy), { raw: true }],
    ['cors', a.cors === undefined ? undefined : `origins ${a.cors.allowOrigins.join(', ') || '(none)'}`, { raw: true }],
  ],
});
