/**
 * HTTP API parameter mapping on integrations: which request/response parameter keys API
 * Gateway accepts ("Transform API requests and responses for HTTP APIs"), and how
 * UpdateIntegration changes the maps — it merges: a request parameter set to "" is removed,
 * and a status code set to {} drops that code's response mappings (what Terraform relies on).
 */
import { badRequest } from '../core/types.js';
import type { Integration } from './types.js';

const REQUEST_KEY = /^((append|overwrite|remove):(header|querystring)\.\S+|overwrite:path)$/;
const RESPONSE_KEY = /^((append|overwrite|remove):header\.\S+|overwrite:statuscode)$/;
const STATUS = /^[2-5]\d\d$/;

export function checkParameterMapping(
  i: Pick<Integration, 'requestParameters' | 'responseParameters' | 'integrationSubtype'>,
): void {
  // AWS service integrations (with a subtype) take the service's own parameter names instead.
  if (!i.integrationSubtype) {
    for (const k of Object.keys(i.requestParameters ?? {})) {
      if (!REQUEST_KEY.test(k)) {
        throw badRequest(
          `Invalid request parameter key ${k}; use append|overwrite|remove:header.<name>, append|overwrite|remove:querystring.<name> or overwrite:path`,
        );
      }
    }
  }
  for (const [code, map] of Object.entries(i.responseParameters ?? {})) {
    if (!STATUS.test(code) || Number(code) > 599)
      throw badRequest(`Invalid status code ${code} in responseParameters; use a status code from 200 to 599`);
    for (const k of Object.keys(map)) {
      if (!RESPONSE_KEY.test(k))
        throw badRequest(
          `Invalid response parameter key ${k}; use append|overwrite|remove:header.<name> or overwrite:statuscode`,
        );
    }
  }
}

/** UpdateIntegration's merge of the two maps into the current integration's. */
export function mergeParameterMaps(
  current: Pick<Integration, 'requestParameters' | 'responseParameters'>,
  update: Pick<Integration, 'requestParameters' | 'responseParameters'>,
): Pick<Integration, 'requestParameters' | 'responseParameters'> {
  const out: Pick<Integration, 'requestParameters' | 'responseParameters'> = {};
  if (update.requestParameters) {
    const merged = { ...(current.requestParameters ?? {}) };
    for (const [k, v] of Object.entries(update.requestParameters)) {
      if (v === '') delete merged[k];
      else merged[k] = v;
    }
    out.requestParameters = merged;
  }
  if (update.responseParameters) {
    const merged = { ...(current.responseParameters ?? {}) };
    for (const [code, map] of Object.entries(update.responseParameters)) {
      if (Object.keys(map).length === 0) delete merged[code];
      else merged[code] = map;
    }
    out.responseParameters = merged;
  }
  return out;
}
