import type { FieldTable } from '../field.js';
import type { IntegrationResponseModel } from './model.js';

/**
 * REST only. AWS keys integration responses by status code (with a selection pattern);
 * the model keys them by selection pattern (`default` = none). PutIntegrationResponse
 * writes one whole, so there is no patch path.
 */
export const integrationResponseFields: FieldTable<IntegrationResponseModel> = {
  statusCode: { rest: { wire: 'statusCode', default: '200' } },
  responseParameters: { userKeys: true, rest: { wire: 'responseParameters', default: {} } },
  responseTemplates: { rest: { wire: 'responseTemplates', default: {} } },
  contentHandling: { rest: { wire: 'contentHandling', omitEmpty: true } },
};

/** The selection pattern of the catch-all response. */
export const DEFAULT_PATTERN = 'default';
