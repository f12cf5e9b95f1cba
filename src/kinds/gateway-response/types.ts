/**
 * AWS's gateway response types and their default status codes: the developer guide's
 * "Gateway response types" table and the `GatewayResponseType` enum of the service model
 * (apigateway-2015-07-09). `undefined`: DEFAULT_4XX/5XX answer with the error's own status.
 */
export const GATEWAY_RESPONSE_DEFAULT_STATUS: Readonly<Record<string, string | undefined>> = {
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

export const GATEWAY_RESPONSE_TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULT_STATUS) as readonly string[];

export const GATEWAY_RESPONSES_EXT = 'x-amazon-apigateway-gateway-responses';

/** What PutGatewayResponse accepts as a response parameter: `gatewayresponse.{header|querystring|path}.<name>` → a request parameter, stage or context variable, or a 'literal'. */
export const GATEWAY_RESPONSE_PARAM_KEY = /^gatewayresponse\.(header|querystring|path)\.[^\s.][^\s]*$/;
export const GATEWAY_RESPONSE_PARAM_VALUE =
  /^(method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
