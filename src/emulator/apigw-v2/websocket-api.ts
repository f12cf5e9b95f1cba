/**
 * WebSocket APIs (protocol type WEBSOCKET) at the API level: what CreateApi and UpdateApi
 * accept, default and refuse. Sources: the CreateApi/UpdateApi members' "Supported only for
 * HTTP APIs" / "WebSocket APIs" notes in the API reference, and "WebSocket selection
 * expressions" in the developer guide. Messages AWS documents are used verbatim; the others
 * are ours and listed as such in scripts/aws-models/coverage-notes.md.
 */
import { badRequest } from '../core/types.js';
import type { ApiState } from './types.js';
import type { Body } from './wire.js';

export const isWebSocket = (st: ApiState): boolean => st.api.protocolType === 'WEBSOCKET';

/** The developer guide: "Currently the only two supported values are …". */
export const API_KEY_SELECTION_EXPRESSIONS = [
  '$request.header.x-api-key',
  '$context.authorizer.usageIdentifierKey',
] as const;

/** CreateApi/UpdateApi members that exist only for HTTP APIs (CORS, and quick create's target, route key and credentials). */
const HTTP_ONLY_API_MEMBERS: Array<[field: string, what: string]> = [
  ['corsConfiguration', 'CORS configuration is supported only for HTTP APIs'],
  ['target', 'Quick create (target) is supported only for HTTP APIs'],
  ['routeKey', 'Quick create (routeKey) is supported only for HTTP APIs'],
  ['credentialsArn', 'Quick create (credentialsArn) is supported only for HTTP APIs'],
];

/** Refuses the HTTP-only members of a CreateApi/UpdateApi body sent for a WebSocket API. */
export function refuseHttpOnlyApiMembers(b: Body): void {
  for (const [field, message] of HTTP_ONLY_API_MEMBERS) {
    if (b[field] !== undefined && b[field] !== null)
      throw badRequest(`${message}; remove ${field[0].toUpperCase()}${field.slice(1)} from this WebSocket API request`);
  }
}

/**
 * A WebSocket route selection expression selects on the message body: `$request.body.<path>`,
 * `${request.body.<path>}` (several, with static text between) or a static value. The HTTP form
 * (`$request.method $request.path`) has nothing to select on in a WebSocket message.
 */
export function checkRouteSelectionExpression(expr: string): void {
  const vars = [...expr.matchAll(/\$\{([^}]*)\}|(?<!\\)\$(request\.[A-Za-z0-9_.\-[\]]+)/g)].map((m) => m[1] ?? m[2]);
  for (const v of vars) {
    if (!/^request\.body(\.|\[|$)/.test(v)) {
      throw badRequest(
        `Invalid route selection expression ${expr}: WebSocket APIs select routes on the message body, e.g. $request.body.action (found ${v})`,
      );
    }
  }
}

export function checkApiKeySelectionExpression(expr: string): void {
  if (!(API_KEY_SELECTION_EXPRESSIONS as readonly string[]).includes(expr)) {
    throw badRequest(
      `Invalid API key selection expression ${expr}; supported values are ${API_KEY_SELECTION_EXPRESSIONS.join(' and ')}`,
    );
  }
}

/** The wss:// endpoint of a WebSocket API (HTTP APIs get https://). */
export const webSocketEndpoint = (apiId: string, region: string) =>
  `wss://${apiId}.execute-api.${region}.amazonaws.com`;
