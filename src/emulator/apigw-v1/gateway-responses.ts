/**
 * Gateway responses as API Gateway keeps them: every REST API has one per response type.
 * Uncustomized ones are AWS's defaults (`defaultResponse: true`, the type's default status
 * code, no parameters, the `{"message":$context.error.messageString}` template); the store
 * holds only the customized ones, so "reset to default" is a delete.
 *
 * Types and default status codes: the developer guide's "Gateway response types" table and
 * the `GatewayResponseType` enum of the service model (apigateway-2015-07-09).
 */
import { AwsError, badRequest } from '../core/types.js';
import type { GatewayResponse, StrMap } from './types.js';

/** Response type → default status code (`undefined`: DEFAULT_4XX/5XX have none). */
export const GATEWAY_RESPONSE_DEFAULTS: Readonly<Record<string, string | undefined>> = {
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  RESOURCE_NOT_FOUND: '404',
  UNAUTHORIZED: '401',
  INVALID_API_KEY: '403',
  ACCESS_DENIED: '403',
  AUTHORIZER_FAILURE: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  INVALID_SIGNATURE: '403',
  EXPIRED_TOKEN: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  API_CONFIGURATION_ERROR: '500',
  UNSUPPORTED_MEDIA_TYPE: '415',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  REQUEST_TOO_LARGE: '413',
  THROTTLED: '429',
  QUOTA_EXCEEDED: '429',
  WAF_FILTERED: '403',
};

export const GATEWAY_RESPONSE_TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULTS);

export const DEFAULT_GATEWAY_RESPONSE_TEMPLATE = '{"message":$context.error.messageString}';

/** AWS's model-validation message for a path label outside the enum. */
export function checkResponseType(type: string): string {
  if (!GATEWAY_RESPONSE_TYPES.includes(type)) {
    throw badRequest(
      `1 validation error detected: Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${GATEWAY_RESPONSE_TYPES.join(', ')}]`,
    );
  }
  return type;
}

export function defaultGatewayResponse(type: string): GatewayResponse {
  const statusCode = GATEWAY_RESPONSE_DEFAULTS[type];
  return {
    responseType: type,
    ...(statusCode ? { statusCode } : {}),
    responseParameters: {},
    responseTemplates: { 'application/json': DEFAULT_GATEWAY_RESPONSE_TEMPLATE },
    defaultResponse: true,
  };
}

/** The response API Gateway serves for `type`: the customization, else the default. */
export function effectiveGatewayResponse(
  custom: Record<string, GatewayResponse> | undefined,
  type: string,
): GatewayResponse {
  return custom?.[type] ?? defaultGatewayResponse(type);
}

/** All types in the service model's enum order (GetGatewayResponses lists every one). */
export function allGatewayResponses(custom: Record<string, GatewayResponse> | undefined): GatewayResponse[] {
  return GATEWAY_RESPONSE_TYPES.map((t) => effectiveGatewayResponse(custom, t));
}

const PARAM_KEY = /^gatewayresponse\.(header|querystring|path)\.[^\s.][^\s]*$/;
const PARAM_VALUE =
  /^(method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;

function invalidMapping(expr: string): AwsError {
  return badRequest(
    `Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${expr}]`,
  );
}

/**
 * AWS's checks on a customization: a status code of the pattern `[1-5]\d\d`; response
 * parameter keys `gatewayresponse.{header|querystring|path}.<name>` whose values are a
 * request parameter, a stage variable, a context variable or a 'quoted' static value.
 */
export function checkGatewayResponse(r: GatewayResponse): void {
  if (r.statusCode !== undefined && !/^[1-5]\d\d$/.test(r.statusCode)) {
    throw badRequest(
      `1 validation error detected: Value '${r.statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
    );
  }
  for (const [k, v] of Object.entries(r.responseParameters ?? {})) {
    if (!PARAM_KEY.test(k)) throw invalidMapping(k);
    if (!PARAM_VALUE.test(v)) throw invalidMapping(v);
  }
}

/** A customization as PutGatewayResponse stores it: the type's default status code when none is given. */
export function customGatewayResponse(
  type: string,
  fields: { statusCode?: string; responseParameters?: StrMap; responseTemplates?: StrMap },
): GatewayResponse {
  const statusCode = fields.statusCode ?? GATEWAY_RESPONSE_DEFAULTS[type];
  const r: GatewayResponse = {
    responseType: type,
    ...(statusCode ? { statusCode } : {}),
    responseParameters: { ...(fields.responseParameters ?? {}) },
    responseTemplates: { ...(fields.responseTemplates ?? {}) },
    defaultResponse: false,
  };
  checkGatewayResponse(r);
  return r;
}
