/**
 * Refusals API Gateway makes at apply time, caught at validate so apply never leaves a
 * half-built API: payload format 2.0 on an integration that is not a Lambda proxy (HTTP
 * APIs), and a REQUEST authorizer that caches with no identity source (the identity
 * sources are the cache key; AWS: "required when authorization caching is enabled").
 */
import type { ValidationIssue } from '../../model/issue.js';
import { issue, type ApiRule } from './context.js';

/** AWS's default result TTL when none is given: 300 s for REST authorizers, 0 (no cache) for HTTP ones. */
const DEFAULT_TTL = { RestApi: 300, HttpApi: 0, WebSocketApi: 0 } as const;

export const awsRefusalRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  if (api.kind === 'HttpApi') {
    for (const [rk, r] of Object.entries(api.routes)) {
      const v = r.integration.payloadFormatVersion;
      if (v === undefined) continue;
      const key = `${api.key}/routes/${rk}/integration/payloadFormatVersion`;
      if (v !== '1.0' && v !== '2.0') {
        out.push(
          issue(ctx, key, {
            code: 'http-payload-format',
            message: `${rk}: payloadFormatVersion ${v} does not exist`,
            hint: 'use "1.0", or "2.0" for a Lambda (aws_proxy) integration',
          }),
        );
      } else if (v === '2.0' && r.integration.type !== 'AWS_PROXY') {
        out.push(
          issue(ctx, key, {
            code: 'http-payload-format',
            message: `${rk}: payloadFormatVersion 2.0 is only for Lambda (aws_proxy) integrations; AWS refuses it on ${r.integration.type.toLowerCase()}`,
            hint: 'use payloadFormatVersion "1.0" (the only format of HTTP proxy integrations), or remove it',
          }),
        );
      }
    }
  }
  for (const [name, a] of Object.entries(api.authorizers)) {
    if (a.type !== 'REQUEST') continue;
    const ttl = a.resultTtlSeconds ?? DEFAULT_TTL[api.kind];
    if (ttl > 0 && a.identitySource.length === 0) {
      out.push(
        issue(ctx, `${api.key}/authorizers/${name}`, {
          code: 'authorizer-cache-identity',
          message: `authorizer ${name}: a REQUEST authorizer that caches results (TTL ${ttl} s${a.resultTtlSeconds === undefined ? ", AWS's default" : ''}) needs an identity source — it is the cache key`,
          hint:
            api.kind === 'RestApi'
              ? 'add identitySource (e.g. method.request.header.Authorization), or set authorizerResultTtlInSeconds: 0 to turn caching off'
              : 'add identitySource (e.g. $request.header.Authorization), or set authorizerResultTtlInSeconds: 0 to turn caching off',
        }),
      );
    }
  }
  return out;
};
