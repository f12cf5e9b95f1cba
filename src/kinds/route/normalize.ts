import { readFields, type Obj, type ReadContext } from '../field.js';
import { restIntegration } from '../integration/normalize.js';
import { methodResponseFields } from '../method-response/fields.js';
import type { MethodResponseModel } from '../method-response/model.js';
import { sortRecord } from '../records.js';
import { routeFields } from './fields.js';
import type { HttpMethod, RouteModel } from './model.js';

type Names = ReadContext<RouteModel>['nameOf'];

/** A REST method (GetResources with embed=methods) on the resource at `path`. */
export function restRoute(
  method: HttpMethod,
  path: string,
  m: object,
  ctx: { nameOf?: Names; declared?: RouteModel },
): RouteModel {
  const w = m as Obj;
  const route = { method, path, ...readFields<RouteModel>(routeFields, 'RestApi', w, ctx) } as RouteModel;
  const methodResponses: Record<string, MethodResponseModel> = {};
  for (const [code, r] of Object.entries((w.methodResponses ?? {}) as Record<string, Obj>)) {
    methodResponses[code] = readFields<MethodResponseModel>(methodResponseFields, 'RestApi', r) as MethodResponseModel;
  }
  route.methodResponses = sortRecord(methodResponses);
  route.integration = restIntegration(w.methodIntegration as object | undefined, {
    declared: ctx.declared?.integration,
    nameOf: ctx.nameOf,
  });
  return route;
}

/** An HTTP route (GetRoutes item) and the integration its `Target` names. */
export function httpRoute(
  method: HttpMethod,
  path: string,
  r: object,
  integration: RouteModel['integration'],
  ctx: { nameOf?: Names },
): RouteModel {
  return { method, path, ...readFields<RouteModel>(routeFields, 'HttpApi', r, ctx), integration } as RouteModel;
}

export function splitRouteKey(routeKey: string): [HttpMethod, string] {
  if (routeKey === '$default') return ['ANY', '$default'];
  const at = routeKey.indexOf(' ');
  return [routeKey.slice(0, at).toUpperCase() as HttpMethod, routeKey.slice(at + 1)];
}
