/**
 * Authorizers in OpenAPI, both ways. In: security schemes as API Gateway reads them: Lambda
 * (token/request) and Cognito authorizers via `x-amazon-apigateway-authtype` /
 * `x-amazon-apigateway-authorizer`, JWT authorizers of HTTP APIs, `awsSigv4` (IAM), and plain
 * `apiKey` schemes (API keys). Out: an authorizer → the security scheme API Gateway exports.
 */
import type { AuthorizerModel } from './model.js';

export type SchemeMeaning =
  | { kind: 'authorizer'; model: AuthorizerModel }
  | { kind: 'iam' }
  | { kind: 'api-key' }
  | { kind: 'unsupported'; why: string; hint?: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function splitSources(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string').map((s) => s.trim());
  const s = str(v);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export function schemeMeaning(name: string, raw: unknown, opts: { http: boolean }): SchemeMeaning {
  const s = obj(raw);
  const authtype = str(s['x-amazon-apigateway-authtype'])?.toLowerCase();
  const az = obj(s['x-amazon-apigateway-authorizer']);
  const azType = str(az.type)?.toLowerCase();
  if (authtype === 'awssigv4' || authtype === 'aws_iam') return { kind: 'iam' };
  // HTTP APIs export Lambda authorizers without an authtype: the extension object itself says it is one.
  if (
    azType ||
    authtype === 'custom' ||
    authtype === 'cognito_user_pools' ||
    (opts.http && Object.keys(az).length > 0)
  ) {
    const headerName = str(s.name) ?? 'Authorization';
    const ttl = num(az.authorizerResultTtlInSeconds);
    const base: AuthorizerModel = {
      name,
      type: 'TOKEN',
      identitySource: [],
      providerArns: [],
      ...(str(az.authorizerUri) ? { authorizerUri: str(az.authorizerUri) } : {}),
      ...(str(az.authorizerCredentials) ? { authorizerCredentials: str(az.authorizerCredentials) } : {}),
      ...(str(az.identityValidationExpression)
        ? { identityValidationExpression: str(az.identityValidationExpression) }
        : {}),
      ...(ttl !== undefined ? { resultTtlSeconds: ttl } : {}),
    };
    if (azType === 'jwt') {
      const jwt = obj(az.jwtConfiguration);
      return {
        kind: 'authorizer',
        model: {
          ...base,
          type: 'JWT',
          identitySource: splitSources(az.identitySource).length
            ? splitSources(az.identitySource)
            : ['$request.header.Authorization'],
          jwt: { issuer: str(jwt.issuer) ?? '', audience: Array.isArray(jwt.audience) ? jwt.audience.map(String) : [] },
        },
      };
    }
    if (azType === 'cognito_user_pools' || authtype === 'cognito_user_pools') {
      const arns = az.providerARNs ?? az.providerArns;
      return {
        kind: 'authorizer',
        model: {
          ...base,
          type: 'COGNITO_USER_POOLS',
          identitySource: [`method.request.header.${headerName}`],
          providerArns: Array.isArray(arns) ? arns.map(String) : [],
        },
      };
    }
    if (azType === 'request') {
      const model: AuthorizerModel = {
        ...base,
        type: 'REQUEST',
        identitySource: splitSources(az.identitySource),
      };
      if (opts.http) {
        model.payloadFormatVersion = str(az.authorizerPayloadFormatVersion) ?? '2.0';
        if (typeof az.enableSimpleResponses === 'boolean') model.enableSimpleResponses = az.enableSimpleResponses;
      }
      return { kind: 'authorizer', model };
    }
    // HTTP APIs have no TOKEN authorizers, so a missing type is missing, not "token".
    if (opts.http && azType === undefined) {
      return {
        kind: 'unsupported',
        why: 'x-amazon-apigateway-authorizer has no `type`',
        hint: 'add type: jwt (with jwtConfiguration) or type: request (a Lambda authorizer with authorizerUri)',
      };
    }
    if (azType === 'token' || azType === undefined) {
      return {
        kind: 'authorizer',
        model: { ...base, type: 'TOKEN', identitySource: [`method.request.header.${headerName}`] },
      };
    }
    return {
      kind: 'unsupported',
      why: `authorizer type "${azType}" (API Gateway knows token, request, cognito_user_pools, jwt)`,
    };
  }
  const type = str(s.type);
  if (type === 'apiKey') return { kind: 'api-key' };
  if (type === 'oauth2' || type === 'openIdConnect') {
    return opts.http
      ? { kind: 'unsupported', why: `${type} scheme without x-amazon-apigateway-authorizer (add one of type jwt)` }
      : {
          kind: 'unsupported',
          why: `${type} scheme without x-amazon-apigateway-authorizer (REST APIs need a Cognito or Lambda authorizer)`,
        };
  }
  return { kind: 'unsupported', why: `security scheme type "${type ?? '?'}" is not one API Gateway imports` };
}

/** Authorizers as API Gateway exports them: a security scheme with x-amazon-apigateway-authorizer. */
export function emitAuthorizer(name: string, a: AuthorizerModel, warnings: string[]): Obj {
  const az: Obj = {};
  if (a.authorizerUri !== undefined) az.authorizerUri = a.authorizerUri;
  if (a.authorizerCredentials !== undefined) az.authorizerCredentials = a.authorizerCredentials;
  if (a.identityValidationExpression !== undefined) az.identityValidationExpression = a.identityValidationExpression;
  if (a.resultTtlSeconds !== undefined) az.authorizerResultTtlInSeconds = a.resultTtlSeconds;
  if (a.type === 'JWT') {
    return {
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        ...az,
        type: 'jwt',
        identitySource: a.identitySource.join(','),
        jwtConfiguration: { issuer: a.jwt?.issuer ?? '', audience: [...(a.jwt?.audience ?? [])] },
      },
    };
  }
  if (a.type === 'REQUEST') {
    const x: Obj = { ...az, type: 'request', identitySource: a.identitySource.join(',') };
    if (a.payloadFormatVersion !== undefined) x.authorizerPayloadFormatVersion = a.payloadFormatVersion;
    if (a.enableSimpleResponses !== undefined) x.enableSimpleResponses = a.enableSimpleResponses;
    return {
      type: 'apiKey',
      name: 'Unused',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': x,
    };
  }
  // TOKEN and Cognito authorizers read one header, named by the scheme.
  const header = /^method\.request\.header\.(.+)$/.exec(a.identitySource[0] ?? '')?.[1] ?? 'Authorization';
  if (a.identitySource.length !== 1 || !a.identitySource[0].startsWith('method.request.header.')) {
    warnings.push(
      `authorizer ${name}: identity source ${a.identitySource.join(',') || '(none)'} is not one header; ${header} is used`,
    );
  }
  if (a.type === 'COGNITO_USER_POOLS') {
    return {
      type: 'apiKey',
      name: header,
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { ...az, type: 'cognito_user_pools', providerARNs: [...a.providerArns] },
    };
  }
  return {
    type: 'apiKey',
    name: header,
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': { ...az, type: 'token' },
  };
}
