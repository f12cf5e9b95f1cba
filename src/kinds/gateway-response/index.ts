/**
 * REST gateway responses, keyed by response type. Every REST API has one per type; only
 * those customized away from AWS's default are records (GetGatewayResponses lists all 21,
 * `defaultResponse: true` for the others), so "delete" is DeleteGatewayResponse: back to
 * the default. They are part of the deployment snapshot.
 */
import type { Obj } from '../field.js';
import { readFields } from '../field.js';
import { defineKind, type NormalizeContext } from '../kind.js';
import { gatewayResponseFields } from './fields.js';
import type { GatewayResponseModel } from './model.js';

function customized(items: object[], ctx: NormalizeContext): Record<string, GatewayResponseModel> {
  const out: Record<string, GatewayResponseModel> = {};
  for (const item of items as Obj[]) {
    const type = item.responseType as string | undefined;
    if (!type || item.defaultResponse === true) continue;
    out[type] = readFields(gatewayResponseFields, 'RestApi', item, {
      declared: ctx.desired?.gatewayResponses[type],
    }) as GatewayResponseModel;
  }
  return out;
}

export const gatewayResponseKind = defineKind<GatewayResponseModel>({
  target: 'gatewayResponse',
  label: 'gateway response',
  section: 'definition',
  rank: { RestApi: 2, HttpApi: 2, WebSocketApi: 2 },
  snapshot: true,
  fields: gatewayResponseFields,
  modelKey: 'gatewayResponses',
  // Not paged: AWS says `limit` and `position` do not apply to this collection.
  read: { RestApi: { op: 'GetGatewayResponses', paging: 'none', list: 'items', normalize: customized } },
  write: {
    RestApi: {
      create: { op: 'PutGatewayResponse' },
      update: { op: 'UpdateGatewayResponse' },
      delete: { op: 'DeleteGatewayResponse' },
      address: { member: 'responseType', by: 'name' },
    },
  },
  flags(c, acc) {
    if (c.action === 'delete')
      acc.breaking.push(`gateway response ${(c.before as GatewayResponseModel).responseType} reset to AWS's default`);
  },
  facts: (a) => [
    ['statusCode', a.statusCode ?? '(default)', { raw: true }],
    [
      'responseParameters',
      Object.keys(a.responseParameters).length ? Object.keys(a.responseParameters).join(', ') : undefined,
      { raw: true },
    ],
    [
      'responseTemplates',
      Object.keys(a.responseTemplates).length ? Object.keys(a.responseTemplates).join(', ') : undefined,
      { raw: true },
    ],
  ],
});
