import type { FieldTable } from '../field.js';
import type { WsIntegrationResponseModel } from './model.js';

const map = {
  load: (m: Record<string, string> | undefined) => ({ ...(m ?? {}) }),
  emit: (m: Record<string, string>) => (Object.keys(m).length ? { ...m } : undefined),
};

/**
 * WebSocket integration responses (CreateIntegrationResponse / UpdateIntegrationResponse),
 * one per integration response key. `state`: the members of one entry of an integration's
 * `responses` in the routes file.
 */
export const wsIntegrationResponseFields: FieldTable<WsIntegrationResponseModel> = {
  templateSelectionExpression: { ws: { wire: 'TemplateSelectionExpression', omitEmpty: true, clear: '' }, state: {} },
  responseTemplates: { ws: { wire: 'ResponseTemplates', default: {}, omitEmpty: true }, state: map },
  contentHandling: { ws: { wire: 'ContentHandlingStrategy', omitEmpty: true, clear: '' }, state: {} },
  responseParameters: { userKeys: true, ws: { wire: 'ResponseParameters', default: {}, omitEmpty: true }, state: map },
};
