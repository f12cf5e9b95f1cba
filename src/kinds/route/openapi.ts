/** A REST method's request parameters as OpenAPI operation parameters (import; the loader reads them back). */
import type { RouteModel } from './model.js';

type Obj = Record<string, unknown>;

const PARAM_IN: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

export function emitParameters(key: string, r: RouteModel, warnings: string[]): Obj[] {
  const out: Obj[] = [];
  for (const [p, required] of Object.entries(r.requestParameters)) {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
    if (!m) {
      warnings.push(`${key}: request parameter ${p} has no OpenAPI form; left out`);
      continue;
    }
    if (m[1] === 'path' && !required)
      warnings.push(`${key}: path parameter ${m[2]} is optional in AWS; OpenAPI path parameters are always required`);
    const param: Obj = { name: m[2], in: PARAM_IN[m[1]], schema: { type: 'string' } };
    if (required || m[1] === 'path') param.required = true;
    out.push(param);
  }
  return out;
}
