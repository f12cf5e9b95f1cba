/**
 * REST path parameters, as AWS checks them: a method need not declare the `{x}` of its path
 * (the console's CORS OPTIONS mock on `/{proxy+}` and Swagger 2 exports declare none, and
 * AWS accepts them); only a mapping from `method.request.path.x` needs the declaration —
 * PutIntegration refuses "Invalid mapping expression specified: method.request.path.x"
 * otherwise. Every `{x}` in an HTTP integration URI needs a mapping
 * (`integration.request.path.x`).
 */
import type { ValidationIssue } from '../../model/issue.js';
import { issue, placeholders, type ApiRule } from './context.js';

export const pathParamRules: ApiRule = (api, ctx) => {
  if (api.kind !== 'RestApi') return httpUriPlaceholders(api, ctx);
  const out: ValidationIssue[] = [];
  for (const [rk, r] of Object.entries(api.routes)) {
    const base = `${api.key}/routes/${rk}`;
    const mapped = r.integration.requestParameters;
    for (const [target, from] of Object.entries(mapped)) {
      const m = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(from);
      if (m && m[1] !== 'multivaluequerystring' && m[1] !== 'multivalueheader' && !(from in r.requestParameters)) {
        out.push(
          issue(ctx, `${base}/integration/requestParameters`, {
            code: 'mapping-from-undeclared',
            message: `${rk}: ${target} is mapped from ${from}, which the method request does not declare`,
            hint:
              m[1] === 'path'
                ? placeholders(r.path).includes(m[2])
                  ? `add a parameter { name: ${m[2]}, in: path, required: true } to the operation (or its path item)`
                  : `declare {${m[2]}} in the path and as a path parameter, or fix the mapping`
                : `declare the ${m[1]} parameter "${m[2]}" on the operation, or fix the mapping`,
          }),
        );
      }
    }
    if (r.integration.uri && (r.integration.type === 'HTTP' || r.integration.type === 'HTTP_PROXY')) {
      for (const p of placeholders(r.integration.uri)) {
        if (!(`integration.request.path.${p}` in mapped)) {
          out.push(
            issue(ctx, `${base}/integration/uri`, {
              code: 'uri-placeholder-unmapped',
              message: `${rk}: integration uri placeholder {${p}} has no mapping from the method request`,
              hint: `add requestParameters: { integration.request.path.${p}: method.request.path.${p} } to the integration`,
            }),
          );
        }
      }
    }
  }
  return out;
};

/** HTTP APIs fill `{x}` in an integration URI from the route's own path variables. */
function httpUriPlaceholders(api: Parameters<ApiRule>[0], ctx: Parameters<ApiRule>[1]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [rk, r] of Object.entries(api.routes)) {
    if (!r.integration.uri || r.integration.type !== 'HTTP_PROXY') continue;
    const vars = new Set(placeholders(r.path));
    for (const p of placeholders(r.integration.uri)) {
      if (!vars.has(p) && !p.startsWith('request.') && !p.startsWith('context.') && !p.startsWith('stageVariables.')) {
        out.push(
          issue(ctx, `${api.key}/routes/${rk}/integration/uri`, {
            code: 'uri-placeholder-unmapped',
            message: `${rk}: integration uri placeholder {${p}} is not a path variable of the route`,
            hint: `use a variable of the route path (${[...vars].map((v) => `{${v}}`).join(', ') || 'it has none'}), or $request.path.<name> in a parameter mapping`,
          }),
        );
      }
    }
  }
  return out;
}
