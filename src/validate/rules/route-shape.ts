/**
 * Route paths API Gateway can build: no empty segments, a greedy `{x+}` only at the end,
 * and (REST) one variable name per position — `/users/{id}` and `/users/{user_id}` would be
 * two different variables on one resource, which CreateResource refuses.
 */
import type { ValidationIssue } from '../../model/issue.js';
import { issue, type ApiRule } from './context.js';

export const routeShapeRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  // REST resource tree: parent path → the variable segment first seen there (and where).
  const variables = new Map<string, { name: string; route: string }>();
  for (const [rk, r] of Object.entries(api.routes)) {
    if (r.path === '$default') continue;
    const at = `${api.key}/routes/${rk}`;
    const segs = r.path.split('/').slice(1);
    if (r.path !== '/' && segs.some((s) => s === '')) {
      out.push(
        issue(ctx, at, {
          code: 'route-path-empty-segment',
          message: `${rk}: the path has an empty segment (// or a trailing /)`,
          hint: 'remove the extra slash; API Gateway resources cannot have empty path parts',
        }),
      );
      continue;
    }
    segs.forEach((seg, i) => {
      if (/\+\}$/.test(seg) && i !== segs.length - 1) {
        out.push(
          issue(ctx, at, {
            code: 'route-greedy-not-last',
            message: `${rk}: greedy path variable ${seg} must be the last segment`,
            hint: `end the path at ${seg}, or use a plain {name} variable here`,
          }),
        );
      }
      if (api.kind !== 'RestApi' || !/^\{.+\}$/.test(seg)) return;
      const parent = `/${segs.slice(0, i).join('/')}`;
      const seen = variables.get(parent);
      if (!seen) variables.set(parent, { name: seg, route: rk });
      else if (seen.name !== seg) {
        out.push(
          issue(ctx, at, {
            code: 'route-variable-conflict',
            message: `${rk}: ${seg} under ${parent} conflicts with ${seen.name} used by ${seen.route}`,
            hint: `use one variable name for this position in every route (e.g. ${seen.name}); a REST resource has only one variable child`,
          }),
        );
      }
    });
  }
  return out;
};
