import type { FieldTable } from '../field.js';
import type { RequestValidatorModel } from './model.js';

/** REST only: HTTP APIs have no request validators. */
export const requestValidatorFields: FieldTable<RequestValidatorModel> = {
  name: { rest: { wire: 'name' } },
  validateRequestBody: { rest: { wire: 'validateRequestBody', default: false, path: '/validateRequestBody' } },
  validateRequestParameters: {
    rest: { wire: 'validateRequestParameters', default: false, path: '/validateRequestParameters' },
  },
};
