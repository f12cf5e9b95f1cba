import type { FieldTable, Obj } from '../field.js';
import { scalarOps } from '../patch.js';
import type { AuthorizerModel } from './model.js';

/** AWS's TTL default: what it reports when the state leaves the TTL out (WebSocket authorizers do not cache). */
export const AUTHORIZER_DEFAULT_TTL = { RestApi: 300, HttpApi: 0, WebSocketApi: 0 } as const;

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((s) => String(s).trim()).filter(Boolean)
    : typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];

/** AWS always reports these; a value equal to its default takes the state's form (absent when the state omits it). */
function declaredDefault<K extends 'resultTtlSeconds' | 'enableSimpleResponses'>(
  key: K,
  v: AuthorizerModel[K] | undefined,
  dflt: AuthorizerModel[K],
  declared?: AuthorizerModel,
) {
  return v !== undefined && !(v === dflt && declared && declared[key] === undefined) ? v : undefined;
}

const isJwt = (w: Obj) => w.AuthorizerType === 'JWT';

export const authorizerFields: FieldTable<AuthorizerModel> = {
  name: {
    rest: { wire: 'name', default: '', path: '/name' },
    http: { wire: 'Name', default: '' },
    ws: { wire: 'Name', default: '' },
  },
  type: {
    rest: { wire: 'type', default: 'TOKEN', path: '/type', create: (v) => ({ type: v === 'JWT' ? 'TOKEN' : v }) },
    http: {
      read: (w) => (isJwt(w) ? 'JWT' : 'REQUEST'),
      create: (v) => ({ AuthorizerType: v === 'JWT' ? 'JWT' : 'REQUEST' }),
    },
    // WebSocket APIs have REQUEST (Lambda) authorizers only; validate refuses the others.
    ws: { wire: 'AuthorizerType', default: 'REQUEST' },
    breaking: (b, a) => (b.type !== a.type ? 'authorizer type changed' : undefined),
  },
  authorizerUri: {
    rest: { wire: 'authorizerUri', omitEmpty: true, path: '/authorizerUri' },
    http: { wire: 'AuthorizerUri', omitEmpty: true },
    ws: { wire: 'AuthorizerUri', omitEmpty: true },
  },
  authorizerCredentials: {
    rest: { wire: 'authorizerCredentials', omitEmpty: true, path: '/authorizerCredentials' },
    http: { wire: 'AuthorizerCredentialsArn', omitEmpty: true },
    ws: { wire: 'AuthorizerCredentialsArn', omitEmpty: true },
  },
  identitySource: {
    rest: {
      read: (w) => list(w.identitySource),
      create: (v) => ({ identitySource: (v ?? []).join(',') }),
      patch: (b, a) => scalarOps('/identitySource', (b ?? []).join(','), (a ?? []).join(',')),
    },
    http: { wire: 'IdentitySource', default: [] },
    ws: { wire: 'IdentitySource', default: [] },
    breaking: (b, a) =>
      a.identitySource.some((s) => !b.identitySource.includes(s))
        ? 'authorizer needs a new identity source'
        : undefined,
  },
  identityValidationExpression: {
    rest: { wire: 'identityValidationExpression', omitEmpty: true, path: '/identityValidationExpression' },
    http: { wire: 'IdentityValidationExpression', omitEmpty: true },
    breaking: (b, a) =>
      a.identityValidationExpression && a.identityValidationExpression !== b.identityValidationExpression
        ? 'identity validation tightened'
        : undefined,
  },
  resultTtlSeconds: {
    rest: {
      wire: 'authorizerResultTtlInSeconds',
      path: '/authorizerResultTtlInSeconds',
      read: (w, ctx) =>
        declaredDefault(
          'resultTtlSeconds',
          w.authorizerResultTtlInSeconds as number | undefined,
          AUTHORIZER_DEFAULT_TTL.RestApi,
          ctx.declared,
        ),
    },
    http: {
      wire: 'AuthorizerResultTtlInSeconds',
      read: (w, ctx) =>
        declaredDefault(
          'resultTtlSeconds',
          w.AuthorizerResultTtlInSeconds as number | undefined,
          AUTHORIZER_DEFAULT_TTL.HttpApi,
          ctx.declared,
        ),
    },
  },
  providerArns: {
    rest: { wire: 'providerARNs', default: [], omitEmpty: true, path: '/providerARNs', style: 'set' },
    http: { read: () => [], create: false },
    ws: { read: () => [], create: false },
    breaking: (b, a) => (b.providerArns.some((p) => !a.providerArns.includes(p)) ? 'user pool removed' : undefined),
  },
  jwt: {
    http: {
      read: (w) => {
        if (!isJwt(w)) return undefined;
        const c = (w.JwtConfiguration ?? {}) as { Issuer?: string; Audience?: string[] };
        return { issuer: c.Issuer ?? '', audience: [...(c.Audience ?? [])] };
      },
      create: (v) => ({ JwtConfiguration: v ? { Issuer: v.issuer, Audience: v.audience } : undefined }),
    },
    breaking: (b, a) =>
      b.jwt && a.jwt && (b.jwt.issuer !== a.jwt.issuer || b.jwt.audience.some((x) => !a.jwt!.audience.includes(x)))
        ? 'JWT issuer/audience narrowed'
        : undefined,
  },
  payloadFormatVersion: {
    http: {
      wire: 'AuthorizerPayloadFormatVersion',
      read: (w) => (isJwt(w) ? undefined : ((w.AuthorizerPayloadFormatVersion as string | undefined) ?? '2.0')),
    },
  },
  enableSimpleResponses: {
    http: {
      wire: 'EnableSimpleResponses',
      read: (w, ctx) =>
        isJwt(w)
          ? undefined
          : declaredDefault(
              'enableSimpleResponses',
              w.EnableSimpleResponses as boolean | undefined,
              false,
              ctx.declared,
            ),
    },
  },
};
