/**
 * `x-amazon-apigateway-gateway-responses`, checked as PutGatewayResponse checks it: a known
 * response type, a status code matching `[1-5]\d\d`, response parameters named
 * `gatewayresponse.{header|querystring|path}.<name>` whose values are a request parameter,
 * a stage or context variable, or a 'quoted' literal.
 */
import type { ValidationIssue } from '../../../model/issue.js';
import type { SourceDoc } from '../../../state/yaml-source.js';
import { didYouMean } from '../../../state/did-you-mean.js';
import { docIssue, isObj, type Occurrence } from './scan.js';
import {
  GATEWAY_RESPONSE_PARAM_KEY,
  GATEWAY_RESPONSE_PARAM_VALUE,
  GATEWAY_RESPONSE_TYPES,
} from '../../../kinds/gateway-response/types.js';

/** The `GatewayResponseType` enum of the service model (apigateway-2015-07-09), from the gateway response kind. */
export { GATEWAY_RESPONSE_TYPES };

const PARAM_KEY = GATEWAY_RESPONSE_PARAM_KEY;
const PARAM_VALUE = GATEWAY_RESPONSE_PARAM_VALUE;

export function checkGatewayResponses(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!isObj(occ.value)) {
    return [
      docIssue(src, occ.path, {
        code: 'gateway-response-invalid',
        message: 'x-amazon-apigateway-gateway-responses must map response types to gateway responses',
        hint: 'write it as { UNAUTHORIZED: { statusCode: 401, responseParameters: {…}, responseTemplates: {…} } }',
      }),
    ];
  }
  for (const [type, raw] of Object.entries(occ.value)) {
    const at = [...occ.path, type];
    if (!GATEWAY_RESPONSE_TYPES.includes(type)) {
      const near = didYouMean(type, GATEWAY_RESPONSE_TYPES);
      out.push(
        docIssue(src, at, {
          code: 'gateway-response-type',
          message: `gateway response type "${type}" does not exist`,
          hint: near ? `did you mean ${near}?` : `use one of ${GATEWAY_RESPONSE_TYPES.join(', ')}`,
        }),
      );
      continue;
    }
    if (!isObj(raw)) {
      out.push(
        docIssue(src, at, {
          code: 'gateway-response-invalid',
          message: `gateway response ${type} must be an object`,
          hint: 'give it statusCode, responseParameters and/or responseTemplates',
        }),
      );
      continue;
    }
    const code = raw.statusCode;
    if (code !== undefined && !/^[1-5]\d\d$/.test(String(code))) {
      out.push(
        docIssue(src, [...at, 'statusCode'], {
          key: false,
          code: 'gateway-response-status',
          message: `gateway response ${type}: status code ${JSON.stringify(code)} is not an HTTP status code (100–599)`,
          hint: 'use a three-digit status code such as 401 or 503',
        }),
      );
    }
    const params = raw.responseParameters;
    if (params !== undefined && !isObj(params)) {
      out.push(
        docIssue(src, [...at, 'responseParameters'], {
          code: 'gateway-response-parameter',
          message: `gateway response ${type}: responseParameters must be a map`,
          hint: 'map gatewayresponse.header.<name> to a value, e.g. "\'*\'"',
        }),
      );
    }
    for (const [k, v] of Object.entries(isObj(params) ? params : {})) {
      if (!PARAM_KEY.test(k)) {
        out.push(
          docIssue(src, [...at, 'responseParameters', k], {
            code: 'gateway-response-parameter',
            message: `gateway response ${type}: "${k}" is not a gateway response parameter`,
            hint: 'name it gatewayresponse.header.<name> (or gatewayresponse.querystring/path.<name>)',
          }),
        );
      } else if (typeof v !== 'string' || !PARAM_VALUE.test(v)) {
        out.push(
          docIssue(src, [...at, 'responseParameters', k], {
            key: false,
            code: 'gateway-response-parameter',
            message: `gateway response ${type}: ${k} = ${JSON.stringify(v)} is not a mapping expression AWS accepts`,
            hint: 'quote a literal in single quotes ("\'value\'"), or map method.request.header.<name>, stageVariables.<name> or context.<variable>',
          }),
        );
      }
    }
    const templates = raw.responseTemplates;
    if (templates !== undefined && (!isObj(templates) || Object.values(templates).some((t) => typeof t !== 'string'))) {
      out.push(
        docIssue(src, [...at, 'responseTemplates'], {
          code: 'gateway-response-invalid',
          message: `gateway response ${type}: responseTemplates must map content types to template strings`,
          hint: 'e.g. { application/json: "{\\"message\\":$context.error.messageString}" }',
        }),
      );
    }
  }
  return out;
}
