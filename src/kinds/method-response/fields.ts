import type { FieldTable } from '../field.js';
import type { MethodResponseModel } from './model.js';

/** REST only. PutMethodResponse writes one whole (keyed by status code), so there is no patch path. */
export const methodResponseFields: FieldTable<MethodResponseModel> = {
  responseParameters: { userKeys: true, rest: { wire: 'responseParameters', default: {} } },
  responseModels: { rest: { wire: 'responseModels', default: {} } },
};
