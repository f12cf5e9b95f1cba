import { readFields, type Obj, type ReadContext } from '../field.js';
import { DEFAULT_PATTERN, integrationResponseFields } from '../integration-response/fields.js';
import type { IntegrationResponseModel } from '../integration-response/model.js';
import { sortRecord } from '../records.js';
import { integrationFields } from './fields.js';
import type { IntegrationModel } from './model.js';

/**
 * A REST method's integration (embedded in GetResources). A method without one (possible
 * in AWS, never deployable) reads as a MOCK with timeout 0: it equals nothing a state can
 * declare, so the plan always fixes it.
 */
export function restIntegration(i: object | undefined, ctx: ReadContext<IntegrationModel> = {}): IntegrationModel {
  if (!i)
    return {
      type: 'MOCK',
      requestParameters: {},
      requestTemplates: {},
      responses: {},
      timeoutInMillis: 0,
      connectionType: 'INTERNET',
      cacheKeyParameters: [],
    };
  const m = readFields<IntegrationModel>(integrationFields, 'RestApi', i, ctx) as IntegrationModel;
  const responses: Record<string, IntegrationResponseModel> = {};
  for (const r of Object.values(((i as Obj).integrationResponses ?? {}) as Record<string, Obj>)) {
    responses[(r.selectionPattern as string | undefined) || DEFAULT_PATTERN] = readFields<IntegrationResponseModel>(
      integrationResponseFields,
      'RestApi',
      r,
    ) as IntegrationResponseModel;
  }
  m.responses = sortRecord(responses);
  return m;
}

/** An HTTP integration (GetIntegrations item); a route without a target reads like a REST method without integration. */
export function httpIntegration(i: object | undefined, ctx: ReadContext<IntegrationModel> = {}): IntegrationModel {
  if (!i) return { ...restIntegration(undefined), responses: {} };
  const m = readFields<IntegrationModel>(integrationFields, 'HttpApi', i, ctx) as IntegrationModel;
  m.responses = {};
  return m;
}
