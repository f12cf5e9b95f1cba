/** REST request validators (x-amazon-apigateway-request-validators), keyed by name. */
import { defineKind } from '../kind.js';
import { requestValidatorFields } from './fields.js';
import type { RequestValidatorModel } from './model.js';

export const requestValidatorKind = defineKind<RequestValidatorModel>({
  target: 'requestValidator',
  label: 'request validator',
  section: 'definition',
  rank: { RestApi: 2, HttpApi: 2, WebSocketApi: 2 },
  snapshot: true,
  fields: requestValidatorFields,
  modelKey: 'requestValidators',
  write: {
    RestApi: {
      create: { op: 'CreateRequestValidator', id: 'id' },
      update: { op: 'UpdateRequestValidator' },
      delete: { op: 'DeleteRequestValidator' },
      address: { member: 'requestValidatorId', by: 'id' },
      idsKey: 'requestValidatorIds',
    },
  },
  read: {
    RestApi: { op: 'GetRequestValidators', paging: 'position', key: 'name', id: 'id', idsKey: 'requestValidatorIds' },
  },
  flags(c, acc) {
    if (c.action !== 'update') return;
    const b = c.before as RequestValidatorModel;
    const a = c.after as RequestValidatorModel;
    if (
      (!b.validateRequestBody && a.validateRequestBody) ||
      (!b.validateRequestParameters && a.validateRequestParameters)
    ) {
      acc.breaking.push('request validation tightened');
    }
  },
  facts: (a) => [
    ['validateRequestBody', a.validateRequestBody],
    ['validateRequestParameters', a.validateRequestParameters],
  ],
});
