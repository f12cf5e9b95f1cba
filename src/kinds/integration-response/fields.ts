import type { FieldTable } from '../field.js';
import { contentHandlingOf, str, strMap } from '../integration/values.js';
import type { IntegrationResponseModel } from './model.js';

/**
 * REST only. AWS keys integration responses by status code (with a selection pattern);
 * the model keys them by selection pattern (`default` = none). PutIntegrationResponse
 * writes one whole, so there is no patch path. `state`: the members of one entry of the
 * extension's `responses`.
 */
export const integrationResponseFields: FieldTable<IntegrationResponseModel> = {
  statusCode: { rest: { wire: 'statusCode', default: '200' }, state: { ext: 'statusCode', fromExt: str } },
  responseParameters: {
    userKeys: true,
    rest: { wire: 'responseParameters', default: {} },
    state: { ext: 'responseParameters', fromExt: strMap, emit: (v) => (Object.keys(v).length ? { ...v } : undefined) },
  },
  responseTemplates: {
    rest: { wire: 'responseTemplates', default: {} },
    state: { ext: 'responseTemplates', fromExt: strMap, emit: (v) => (Object.keys(v).length ? { ...v } : undefined) },
  },
  contentHandling: {
    rest: { wire: 'contentHandling', omitEmpty: true },
    state: { ext: 'contentHandling', fromExt: contentHandlingOf },
  },
};

/** The selection pattern of the catch-all response. */
export const DEFAULT_PATTERN = 'default';
