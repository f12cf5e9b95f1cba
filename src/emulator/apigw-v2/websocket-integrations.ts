/**
 * Integrations of WebSocket APIs: AWS_PROXY (Lambda proxy), AWS (Lambda custom or another AWS
 * service), HTTP, HTTP_PROXY and MOCK, with the defaults API Gateway returns for them
 * (payload format 1.0, 29 s timeout, WHEN_NO_MATCH pass-through, INTERNET connection, and an
 * integration response selection expression on the non-proxy types) and the refusals the
 * members' "Supported only for HTTP APIs" notes imply. Sources: CreateIntegration in the API
 * reference, "Setting up a WebSocket API integration request", the AWS CLI's create-integration
 * example and Terraform's acceptance tests (what AWS returned for each type).
 */
import { badRequest } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import type { IntegrationInput } from './integrations.js';
import type { Integration } from './types.js';

/** "Custom timeout between 50 and 29,000 milliseconds for WebSocket APIs"; the default is 29 seconds. */
export const WEBSOCKET_TIMEOUT_MS = { min: 50, max: 29_000, default: 29_000 } as const;

const TYPES = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'] as const;
const METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Integration request parameters of a WebSocket integration: `integration.request.{header|querystring|path}.<name>`. */
const REQUEST_PARAMETER_KEY = /^integration\.request\.(header|querystring|path)\.[^\s]+$/;

const LAMBDA_INVOCATION =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/\d{4}-\d{2}-\d{2}\/functions\/.+\/invocations$/;
const AWS_SERVICE_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)\/.+$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** Members that exist only for HTTP APIs' integrations. */
const HTTP_ONLY: Array<[keyof IntegrationInput, string]> = [
  ['integrationSubtype', 'IntegrationSubtype (AWS service integrations) is supported only for HTTP APIs'],
  [
    'responseParameters',
    'ResponseParameters are supported only for HTTP APIs; WebSocket APIs transform responses with integration responses',
  ],
  ['tlsConfig', 'TlsConfig is supported only for HTTP APIs'],
];

/** The integration response selection expression AWS sets for a WebSocket integration (none on proxies). */
function responseSelectionExpression(i: IntegrationInput): string | undefined {
  if (i.integrationType === 'MOCK' || i.integrationType === 'HTTP') return '${integration.response.statuscode}';
  if (i.integrationType === 'AWS') return '${integration.response.body.errorMessage}';
  return undefined;
}

function checkUri(i: IntegrationInput): void {
  const type = i.integrationType!;
  if (type === 'MOCK') return;
  if (!i.integrationUri) throw badRequest(`IntegrationUri is required for ${type} integrations`);
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    // Stage variables may stand in for any part of the URL (resolved per stage at run time).
    if (i.connectionType !== 'VPC_LINK' && !HTTP_URL.test(i.integrationUri)) {
      throw badRequest(`Invalid IntegrationUri ${i.integrationUri}; ${type} integrations need an http(s) URL`);
    }
    if (!i.integrationMethod) throw badRequest(`IntegrationMethod is required for ${type} integrations`);
    return;
  }
  const lambda = LAMBDA_INVOCATION.test(i.integrationUri);
  if (!lambda && !AWS_SERVICE_URI.test(i.integrationUri)) {
    throw badRequest(
      `Invalid IntegrationUri ${i.integrationUri}; ${type} integrations take an API Gateway service URI, e.g. arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`,
    );
  }
  if (lambda) {
    i.integrationMethod ??= 'POST';
    // "For WebSocket APIs, if you use a Lambda integration, you must set the integration method to POST."
    if (i.integrationMethod !== 'POST')
      throw badRequest(`Invalid IntegrationMethod ${i.integrationMethod}; Lambda integrations must use POST`);
  } else if (!i.integrationMethod) {
    throw badRequest(`IntegrationMethod is required for ${type} integrations of AWS services other than Lambda`);
  }
}

/** Applies WebSocket defaults and validates; `base` is the current integration on update. */
export function buildWebSocketIntegration(input: IntegrationInput, base?: Integration): Integration {
  for (const [field, message] of HTTP_ONLY) if (input[field] !== undefined) throw badRequest(message);
  const i = { ...base, ...input } as IntegrationInput;
  if (!i.integrationType) throw badRequest('IntegrationType is required');
  if (!(TYPES as readonly string[]).includes(i.integrationType))
    throw badRequest(`Invalid IntegrationType ${i.integrationType}; use one of ${TYPES.join(', ')}`);
  i.connectionType ??= 'INTERNET';
  // WebSocket private integrations go through a REST API VPC link (apigateway CreateVpcLink), not an HTTP API one.
  if (i.connectionType === 'VPC_LINK' && !i.connectionId)
    throw badRequest('ConnectionId (a VPC link id) is required when ConnectionType is VPC_LINK');
  if (i.connectionType === 'INTERNET' && i.connectionId)
    throw badRequest('ConnectionId can only be set when ConnectionType is VPC_LINK');
  checkUri(i);
  if (i.integrationMethod && !METHODS.includes(i.integrationMethod))
    throw badRequest(`Invalid IntegrationMethod ${i.integrationMethod}`);
  i.payloadFormatVersion ??= '1.0';
  if (i.payloadFormatVersion !== '1.0') {
    throw badRequest(`Invalid PayloadFormatVersion ${i.payloadFormatVersion}; WebSocket APIs support only 1.0`);
  }
  i.timeoutInMillis ??= WEBSOCKET_TIMEOUT_MS.default;
  if (
    !Number.isInteger(i.timeoutInMillis) ||
    i.timeoutInMillis < WEBSOCKET_TIMEOUT_MS.min ||
    i.timeoutInMillis > WEBSOCKET_TIMEOUT_MS.max
  ) {
    throw badRequest(
      `Invalid TimeoutInMillis ${i.timeoutInMillis}; WebSocket integrations take between ${WEBSOCKET_TIMEOUT_MS.min} and ${WEBSOCKET_TIMEOUT_MS.max} milliseconds`,
    );
  }
  i.passthroughBehavior ??= 'WHEN_NO_MATCH';
  for (const key of Object.keys(i.requestParameters ?? {})) {
    if (!REQUEST_PARAMETER_KEY.test(key)) {
      throw badRequest(
        `Invalid request parameter key ${key}; WebSocket integrations map to integration.request.header.<name>, integration.request.querystring.<name> or integration.request.path.<name>`,
      );
    }
  }
  if (i.requestParameters && Object.keys(i.requestParameters).length === 0) delete i.requestParameters;
  if (i.requestTemplates && Object.keys(i.requestTemplates).length === 0) delete i.requestTemplates;
  for (const k of ['templateSelectionExpression', 'contentHandlingStrategy', 'credentialsArn', 'description'] as const)
    if (i[k] === '') delete i[k];
  const expression = responseSelectionExpression(i);
  if (expression) i.integrationResponseSelectionExpression = expression;
  else delete i.integrationResponseSelectionExpression;
  return { ...(i as Integration), integrationId: base?.integrationId ?? newId(ID_LENGTH.integration) };
}
