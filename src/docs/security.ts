/**
 * The gateway's authorization as OpenAPI security: each authorizer of the API becomes a
 * security scheme a client can act on (where the token goes and what it is), and each
 * route requires exactly what the gateway checks. Issuer and pool addresses are given as
 * code, not links: the docs reference nothing on the network. Pure.
 */
import type { ApiModel, AuthorizerModel, RouteModel } from '../model/api.js';
import type { Obj } from './source-docs.js';

export const IAM_SCHEME = 'aws-iam';
export const API_KEY_SCHEME = 'api-key';

export function securitySchemes(api: ApiModel): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const [name, a] of Object.entries(api.authorizers).sort(([x], [y]) => (x < y ? -1 : 1))) out[name] = schemeOf(a);
  const routes = Object.values(api.routes);
  if (routes.some((r) => r.authorization.type === 'AWS_IAM')) {
    out[IAM_SCHEME] = {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description:
        'AWS Signature Version 4: sign each request with IAM credentials allowed to `execute-api:Invoke` this API.',
    };
  }
  if (routes.some((r) => r.apiKeyRequired)) {
    out[API_KEY_SCHEME] = {
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
      description: 'An API key of a usage plan of this API.',
    };
  }
  return out;
}

function schemeOf(a: AuthorizerModel): Obj {
  const header = headerOf(a.identitySource[0]) ?? 'Authorization';
  switch (a.type) {
    case 'JWT':
      return {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: `A JWT in \`${header}\` issued by \`${a.jwt?.issuer ?? '?'}\`${a.jwt?.audience.length ? ` for audience ${a.jwt.audience.map((x) => `\`${x}\``).join(', ')}` : ''}.`,
      };
    case 'COGNITO_USER_POOLS':
      return {
        type: 'apiKey',
        in: 'header',
        name: header,
        description: `An Amazon Cognito user pool token (${a.providerArns.map((p) => `\`${poolId(p)}\``).join(', ') || 'user pool'}).`,
      };
    case 'TOKEN':
      return { type: 'apiKey', in: 'header', name: header, description: 'A token checked by a Lambda authorizer.' };
    case 'REQUEST': {
      const sources = a.identitySource.map((s) => `\`${s}\``).join(', ');
      return {
        type: 'apiKey',
        in: 'header',
        name: header,
        description: `Checked by a Lambda authorizer${sources ? ` from ${sources}` : ''}.`,
      };
    }
  }
}

/** `method.request.header.Authorization` / `$request.header.Authorization` → `Authorization`. */
function headerOf(source: string | undefined): string | undefined {
  return source?.match(/^(?:method\.request|\$request)\.header\.(.+)$/)?.[1];
}

function poolId(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

/** What the gateway checks on a route: `[]` is "no authorization". */
export function routeSecurity(r: RouteModel): Obj[] {
  const req: Obj = {};
  const a = r.authorization;
  if (a.type === 'AWS_IAM') req[IAM_SCHEME] = [];
  else if (a.authorizer) req[a.authorizer] = [...a.scopes];
  if (r.apiKeyRequired) req[API_KEY_SCHEME] = [];
  return Object.keys(req).length ? [req] : [];
}
