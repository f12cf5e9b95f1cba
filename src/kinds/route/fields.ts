import type { FieldTable, Obj } from '../field.js';
import { scalarOps, setOps } from '../patch.js';
import type { AuthorizationModel, RouteModel } from './model.js';

/** HTTP routes name Cognito pools through JWT authorizers. */
const httpAuthType = (t: AuthorizationModel['type']) => (t === 'COGNITO_USER_POOLS' ? 'JWT' : t);

function authorizationOf(
  type: unknown,
  scopes: unknown,
  authorizerId: unknown,
  nameOf: ((id: string) => string | undefined) | undefined,
): AuthorizationModel {
  const a: AuthorizationModel = {
    type: ((type as string | undefined) ?? 'NONE') as AuthorizationModel['type'],
    scopes: [...((scopes as string[] | undefined) ?? [])],
  };
  const id = authorizerId as string | undefined;
  const name = id ? (nameOf?.(id) ?? id) : undefined;
  if (name) a.authorizer = name;
  return a;
}

/**
 * Method-level fields of a route: a REST method (PutMethod / UpdateMethod patch) or an HTTP
 * route (CreateRoute / UpdateRoute). `method` and `path` are the route's identity (a new one
 * is a rename, see renames.ts); `methodResponses` and `integration` are kinds of their own.
 * Rows are in the order the plan lists the reasons a change breaks clients.
 */
export const routeFields: FieldTable<RouteModel> = {
  method: {},
  path: {},
  authorization: {
    rest: {
      read: (w, ctx) =>
        authorizationOf(w.authorizationType, w.authorizationScopes, w.authorizerId, (id) =>
          ctx.nameOf?.('authorizer', id),
        ),
      create: (a = { type: 'NONE', scopes: [] }, _r, ctx) => ({
        authorizationType: a.type,
        authorizerId: a.authorizer ? ctx.ids.requireId('authorizer', a.authorizer) : undefined,
        authorizationScopes: a.scopes.length ? a.scopes : undefined,
      }),
      patch: (b, a, ctx) => [
        ...scalarOps('/authorizationType', b?.type, a?.type),
        ...scalarOps(
          '/authorizerId',
          b?.authorizer ? ctx.ids.idOf('authorizer', b.authorizer) : undefined,
          a?.authorizer ? ctx.ids.requireId('authorizer', a.authorizer) : undefined,
        ),
        ...setOps('/authorizationScopes', b?.scopes, a?.scopes),
      ],
    },
    http: {
      read: (w, ctx) =>
        authorizationOf(w.AuthorizationType, w.AuthorizationScopes, w.AuthorizerId, (id) =>
          ctx.nameOf?.('authorizer', id),
        ),
      create: (a = { type: 'NONE', scopes: [] }, _r, ctx) => ({
        AuthorizationType: httpAuthType(a.type),
        AuthorizerId: a.authorizer ? ctx.ids.requireId('authorizer', a.authorizer) : undefined,
        AuthorizationScopes: a.scopes.length ? a.scopes : undefined,
      }),
    },
    breaking: (b, a) => {
      const out: string[] = [];
      if (b.path !== a.path || b.method !== a.method) out.push(`path renamed: clients of ${b.method} ${b.path} break`);
      const ba = b.authorization;
      const aa = a.authorization;
      if (ba.type === 'NONE' && aa.type !== 'NONE') out.push('auth added');
      else if ((ba.type !== aa.type || ba.authorizer !== aa.authorizer) && aa.type !== 'NONE') out.push('auth changed');
      if (aa.scopes.some((s) => !ba.scopes.includes(s))) out.push('authorization scopes added');
      return out;
    },
  },
  apiKeyRequired: {
    rest: { wire: 'apiKeyRequired', default: false, path: '/apiKeyRequired' },
    http: { wire: 'ApiKeyRequired', default: false },
    breaking: (b, a) => (!b.apiKeyRequired && a.apiKeyRequired ? 'API key now required' : undefined),
  },
  operationName: {
    rest: { wire: 'operationName', omitEmpty: true, path: '/operationName' },
    http: { wire: 'OperationName', omitEmpty: true },
  },
  requestParameters: {
    userKeys: true,
    rest: { wire: 'requestParameters', default: {}, path: '/requestParameters', style: 'map' },
    http: { read: () => ({}), create: false },
    breaking: (b, a) =>
      Object.entries(a.requestParameters)
        .filter(([name, required]) => required && !b.requestParameters[name])
        .map(([name]) => `new required parameter ${name}`),
  },
  requestModels: {
    rest: { wire: 'requestModels', default: {}, path: '/requestModels', style: 'map' },
    http: { read: () => ({}), create: false },
  },
  requestValidator: {
    rest: {
      read: (w: Obj, ctx) => {
        const id = w.requestValidatorId as string | undefined;
        return id ? (ctx.nameOf?.('requestValidator', id) ?? id) : undefined;
      },
      create: (v, _r, ctx) => ({ requestValidatorId: v ? ctx.ids.requireId('requestValidator', v) : undefined }),
      patch: (b, a, ctx) =>
        scalarOps(
          '/requestValidatorId',
          b ? ctx.ids.idOf('requestValidator', b) : undefined,
          a ? ctx.ids.requireId('requestValidator', a) : undefined,
        ),
    },
    breaking: (b, a) =>
      !b.requestValidator && a.requestValidator
        ? 'request validator added'
        : b.requestValidator && a.requestValidator && b.requestValidator !== a.requestValidator
          ? 'request validator changed'
          : undefined,
  },
  methodResponses: { http: { read: () => ({}), create: false } },
  integration: {},
};
