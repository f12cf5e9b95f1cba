/**
 * What an HTTP API cannot do that a REST API can, listed next to a REST→HTTP saving, with
 * whether this REST API uses it today (so a reviewer sees what the switch would break).
 */
import type { ApiModel } from '../model/api.js';

export interface HttpGap {
  feature: string;
  /** true = the REST API uses it now; false = it does not; null = the model cannot tell. */
  inUse: boolean | null;
}

const routes = (api: ApiModel) => Object.values(api.routes);

export function httpApiGaps(rest: ApiModel): HttpGap[] {
  return [
    { feature: 'response cache', inUse: Object.values(rest.stages).some((s) => s.cache !== undefined) },
    {
      feature: 'request validation',
      inUse:
        Object.keys(rest.requestValidators).length > 0 || routes(rest).some((r) => r.requestValidator !== undefined),
    },
    {
      feature: 'mapping templates',
      inUse: routes(rest).some(
        (r) =>
          Object.keys(r.integration.requestTemplates).length > 0 ||
          Object.values(r.integration.responses).some((x) => Object.keys(x.responseTemplates).length > 0),
      ),
    },
    { feature: 'usage plans and API keys', inUse: routes(rest).some((r) => r.apiKeyRequired) },
    { feature: 'canary traffic split (HTTP rolls out by deploy-and-bake)', inUse: rest.rollout !== undefined },
    { feature: 'AWS WAF', inUse: Object.values(rest.stages).some((s) => s.webAclArn !== undefined) },
    { feature: 'private endpoints', inUse: rest.endpointType === 'PRIVATE' },
  ];
}
