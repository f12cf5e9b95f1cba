/**
 * GatewayResponses: Get (one, or all types with AWS's defaults for the uncustomized ones),
 * Put (replace the customization), Update (patch, starting from the default when the type
 * is not customized yet) and Delete (back to the default).
 *
 * GetGatewayResponses is not paged on AWS (the service model says `limit` and `position`
 * "do not apply"): every type comes back in one answer; `limit` is still range-checked.
 */
import { notFound, type RouteDef } from '../../core/types.js';
import {
  allGatewayResponses,
  checkGatewayResponse,
  checkResponseType,
  customGatewayResponse,
  effectiveGatewayResponse,
} from '../gateway-responses.js';
import { applyPatch, parsePatchOps, type PatchSpec } from '../patch.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { GatewayResponse } from '../types.js';
import { bodyOf, clone, ok, page, str, strMap } from '../wire.js';

const GATEWAY_RESPONSE_PATCH: PatchSpec = {
  statusCode: 'string',
  responseParameters: 'stringMap',
  responseTemplates: 'stringMap',
};

const ONE = `${API}/gatewayresponses/{responseType}`;

export function gatewayResponseRoutes(store: V1Store): RouteDef[] {
  return [
    route('GET', `${API}/gatewayresponses`, 'GetGatewayResponses', false, (req, p) => {
      const st = store.api(p.restApiId);
      page([], req); // validates limit/position like every other collection
      return ok({ item: allGatewayResponses(st.gatewayResponses) });
    }),
    route('GET', ONE, 'GetGatewayResponse', false, (_req, p) => {
      const st = store.api(p.restApiId);
      return ok(effectiveGatewayResponse(st.gatewayResponses, checkResponseType(p.responseType)));
    }),
    route('PUT', ONE, 'PutGatewayResponse', true, (req, p) => {
      const st = store.api(p.restApiId);
      const type = checkResponseType(p.responseType);
      const b = bodyOf(req);
      const r = customGatewayResponse(type, {
        statusCode: str(b, 'statusCode'),
        responseParameters: strMap(b, 'responseParameters'),
        responseTemplates: strMap(b, 'responseTemplates'),
      });
      st.gatewayResponses = { ...(st.gatewayResponses ?? {}), [type]: r };
      return ok(clone(r), 201);
    }),
    route('PATCH', ONE, 'UpdateGatewayResponse', true, (req, p) => {
      const st = store.api(p.restApiId);
      const type = checkResponseType(p.responseType);
      const next: GatewayResponse = {
        ...clone(effectiveGatewayResponse(st.gatewayResponses, type)),
        defaultResponse: false,
      };
      applyPatch(
        next as unknown as Record<string, unknown>,
        GATEWAY_RESPONSE_PATCH,
        parsePatchOps(bodyOf(req).patchOperations),
      );
      next.responseParameters ??= {};
      next.responseTemplates ??= {};
      checkGatewayResponse(next);
      st.gatewayResponses = { ...(st.gatewayResponses ?? {}), [type]: next };
      return ok(clone(next));
    }),
    route('DELETE', ONE, 'DeleteGatewayResponse', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const type = checkResponseType(p.responseType);
      if (!st.gatewayResponses?.[type]) throw notFound(`Gateway response type not defined on api: ${type}`);
      const { [type]: _reset, ...rest } = st.gatewayResponses;
      st.gatewayResponses = rest;
      return ok(undefined, 202);
    }),
  ];
}
