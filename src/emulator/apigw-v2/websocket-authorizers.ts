/**
 * Authorizers of WebSocket APIs: REQUEST (Lambda) authorizers only, their identity sources in
 * the WebSocket form (`route.request.header.Auth`, `route.request.querystring.token`, …), and
 * none of the HTTP-only members (JWT configuration, payload format version, simple responses).
 * Sources: CreateAuthorizer's member notes and "Creating a Lambda REQUEST authorizer function"
 * (WebSocket) in the developer guide. The messages are ours (coverage notes).
 */
import { badRequest } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import type { Authorizer } from './types.js';

const LAMBDA_INVOCATION =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/\d{4}-\d{2}-\d{2}\/functions\/.+\/invocations$/;

/** Headers and query strings of the $connect request, stage variables and context variables. */
const IDENTITY_SOURCE =
  /^(route\.request\.(header|querystring)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;

const HTTP_ONLY: Array<[keyof Authorizer, string]> = [
  ['jwtConfiguration', 'JwtConfiguration is supported only for HTTP APIs'],
  [
    'authorizerPayloadFormatVersion',
    'AuthorizerPayloadFormatVersion is supported only for HTTP APIs (WebSocket Lambda authorizers get the REQUEST event format)',
  ],
];

export function buildWebSocketAuthorizer(input: Partial<Authorizer>, base?: Authorizer): Authorizer {
  for (const [field, message] of HTTP_ONLY) if (input[field] !== undefined) throw badRequest(message);
  if (input.enableSimpleResponses === true)
    throw badRequest(
      'EnableSimpleResponses is supported only for HTTP APIs; WebSocket Lambda authorizers return an IAM policy',
    );
  const a = { ...base, ...input } as Partial<Authorizer>;
  delete a.enableSimpleResponses;
  if (!a.name) throw badRequest('Name is required');
  if (a.authorizerType !== 'REQUEST')
    throw badRequest(
      `Invalid AuthorizerType ${a.authorizerType ?? '(missing)'}; WebSocket APIs support only REQUEST (Lambda) authorizers`,
    );
  if (!a.authorizerUri || !LAMBDA_INVOCATION.test(a.authorizerUri)) {
    throw badRequest(
      `Invalid AuthorizerUri ${a.authorizerUri ?? '(missing)'}; a REQUEST authorizer needs a Lambda invocation URI: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`,
    );
  }
  a.identitySource ??= [];
  for (const source of a.identitySource) {
    if (!IDENTITY_SOURCE.test(source)) {
      const hint = source.startsWith('$request.')
        ? ` (the WebSocket form of ${source} is ${source.replace(/^\$request\./, 'route.request.')})`
        : '';
      throw badRequest(
        `Invalid identity source ${source}${hint}; WebSocket APIs take route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>`,
      );
    }
  }
  return { ...(a as Authorizer), authorizerId: base?.authorizerId ?? newId(ID_LENGTH.authorizer) };
}
