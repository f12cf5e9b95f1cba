/**
 * Authorizers of HTTP APIs: JWT (issuer + audience) and REQUEST (a Lambda authorizer with
 * payload format 1.0/2.0). Deleting one a route still uses is a ConflictException.
 */
import { badRequest, conflict, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { Authorizer } from './types.js';
import { isWebSocket } from './websocket-api.js';
import { buildWebSocketAuthorizer } from './websocket-authorizers.js';
import { bodyOf, compact, json, oneOf, optBool, optNum, optObj, optStr, optStrList, type Body } from './wire.js';

export const authorizerWire = (a: Authorizer) => compact({ ...a });

export function readAuthorizerInput(b: Body): Partial<Authorizer> {
  const jwt = optObj(b, 'jwtConfiguration');
  return compact({
    name: optStr(b, 'name'),
    authorizerType: oneOf(optStr(b, 'authorizerType'), 'authorizerType', ['JWT', 'REQUEST']),
    identitySource: optStrList(b, 'identitySource'),
    jwtConfiguration: jwt
      ? compact({ audience: optStrList(jwt, 'audience'), issuer: optStr(jwt, 'issuer') })
      : undefined,
    authorizerUri: optStr(b, 'authorizerUri'),
    authorizerPayloadFormatVersion: optStr(b, 'authorizerPayloadFormatVersion'),
    authorizerResultTtlInSeconds: optNum(b, 'authorizerResultTtlInSeconds'),
    authorizerCredentialsArn: optStr(b, 'authorizerCredentialsArn'),
    enableSimpleResponses: optBool(b, 'enableSimpleResponses'),
    identityValidationExpression: optStr(b, 'identityValidationExpression'),
  });
}

export function buildAuthorizer(input: Partial<Authorizer>, base?: Authorizer): Authorizer {
  const a = compact({ ...base, ...input }) as Partial<Authorizer>;
  if (!a.name) throw badRequest('name is required');
  if (!a.authorizerType) throw badRequest('authorizerType is required');
  if (a.authorizerType === 'JWT') {
    if (!a.identitySource || a.identitySource.length === 0) throw badRequest('identitySource is required');
    if (!a.jwtConfiguration?.issuer) throw badRequest('JWT authorizers need jwtConfiguration.issuer');
    if (!a.jwtConfiguration.audience?.length)
      throw badRequest('JWT authorizers need at least one jwtConfiguration.audience');
    if (a.identitySource.length !== 1)
      throw badRequest('JWT authorizers take exactly one identitySource, e.g. $request.header.Authorization');
    if (a.authorizerUri) throw badRequest('authorizerUri is not supported for JWT authorizers');
  } else {
    if (!a.authorizerUri)
      throw badRequest('REQUEST authorizers need an authorizerUri (the Lambda function invocation URI)');
    if (!a.authorizerPayloadFormatVersion)
      throw badRequest('authorizerPayloadFormatVersion is required for REQUEST authorizers; use 1.0 or 2.0');
    if (!['1.0', '2.0'].includes(a.authorizerPayloadFormatVersion)) {
      throw badRequest(
        `Invalid authorizerPayloadFormatVersion ${a.authorizerPayloadFormatVersion}; must be 1.0 or 2.0`,
      );
    }
    if (a.enableSimpleResponses && a.authorizerPayloadFormatVersion !== '2.0') {
      throw badRequest('enableSimpleResponses is only supported with authorizerPayloadFormatVersion 2.0');
    }
    if (a.jwtConfiguration) throw badRequest('jwtConfiguration is only supported for JWT authorizers');
    a.enableSimpleResponses ??= false;
    a.authorizerResultTtlInSeconds ??= 0;
    // Identity sources are the cache key: optional for a REQUEST authorizer only while caching is off.
    if (a.authorizerResultTtlInSeconds > 0 && !a.identitySource?.length) {
      throw badRequest(
        'identitySource is required for a REQUEST authorizer when caching is enabled (authorizerResultTtlInSeconds > 0)',
      );
    }
    a.identitySource ??= [];
  }
  if (
    a.authorizerResultTtlInSeconds !== undefined &&
    (a.authorizerResultTtlInSeconds < 0 || a.authorizerResultTtlInSeconds > 3600)
  ) {
    throw badRequest(
      `Invalid authorizerResultTtlInSeconds ${a.authorizerResultTtlInSeconds}; must be between 0 and 3600`,
    );
  }
  return { ...(a as Authorizer), authorizerId: base?.authorizerId ?? newId(ID_LENGTH.authorizer) };
}

export function authorizerRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateAuthorizer', 'POST', '/v2/apis/{apiId}/authorizers', true, (req, p) => {
      const st = store.api(p.apiId);
      const input = readAuthorizerInput(bodyOf(req));
      if (st.authorizers.some((a) => a.name === input.name))
        throw badRequest(`An authorizer named ${input.name} already exists for this API`);
      const a = isWebSocket(st) ? buildWebSocketAuthorizer(input) : buildAuthorizer(input);
      st.authorizers.push(a);
      store.changed(st);
      return json(201, authorizerWire(a));
    }),
    v2Route('GetAuthorizers', 'GET', '/v2/apis/{apiId}/authorizers', false, (req, p) => {
      const pg = page(store.api(p.apiId).authorizers, req);
      return json(200, compact({ items: pg.items.map(authorizerWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetAuthorizer', 'GET', '/v2/apis/{apiId}/authorizers/{authorizerId}', false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(200, authorizerWire(store.authorizer(st, p.authorizerId)));
    }),
    v2Route('UpdateAuthorizer', 'PATCH', '/v2/apis/{apiId}/authorizers/{authorizerId}', true, (req, p) => {
      const st = store.api(p.apiId);
      const current = store.authorizer(st, p.authorizerId);
      const input = readAuthorizerInput(bodyOf(req));
      const next = isWebSocket(st) ? buildWebSocketAuthorizer(input, current) : buildAuthorizer(input, current);
      const users = st.routes.filter((r) => r.authorizerId === current.authorizerId);
      if (next.authorizerType !== current.authorizerType && users.length > 0) {
        throw conflict(
          `Cannot change the type of authorizer ${current.authorizerId} while routes use it: ${users.map((r) => r.routeKey).join(', ')}`,
        );
      }
      st.authorizers[st.authorizers.indexOf(current)] = next;
      store.changed(st);
      return json(200, authorizerWire(next));
    }),
    v2Route('DeleteAuthorizer', 'DELETE', '/v2/apis/{apiId}/authorizers/{authorizerId}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const a = store.authorizer(st, p.authorizerId);
      const users = st.routes.filter((r) => r.authorizerId === a.authorizerId);
      if (users.length > 0) {
        throw conflict(
          `Cannot delete authorizer ${a.authorizerId} (${a.name}): it is in use by route(s) ${users.map((r) => `${r.routeId} (${r.routeKey})`).join(', ')}. Detach it from those routes first.`,
        );
      }
      st.authorizers = st.authorizers.filter((x) => x !== a);
      store.changed(st);
      return json(204);
    }),
  ];
}
