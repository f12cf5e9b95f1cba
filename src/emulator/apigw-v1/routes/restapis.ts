/** RestApis: create, get, list (limit/position), update (patch), delete. */
import { checkTags } from '../../core/tags.js';
import { badRequest, type RouteDef } from '../../core/types.js';
import { ID_LENGTH, newId } from '../ids.js';
import { applyPatch, parsePatchOps, unescapeSegment, type PatchSpec } from '../patch.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, RestApi } from '../types.js';
import { checkLimit, V1_LIMITS } from '../limits.js';
import { bodyOf, bool, clone, compact, num, obj, ok, page, reqStr, str, strList, strMap, nowSeconds, oneOf } from '../wire.js';

export const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'] as const;
export const API_KEY_SOURCES = ['HEADER', 'AUTHORIZER'] as const;

const REST_API_PATCH: PatchSpec = {
  name: 'string',
  description: 'string',
  version: 'string',
  policy: 'string',
  apiKeySource: 'string',
  minimumCompressionSize: 'int',
  disableExecuteApiEndpoint: 'bool',
  binaryMediaTypes: 'stringSet',
};

/** A new, empty API with its root resource `/`. */
export function newApiState(fields: Omit<RestApi, 'id' | 'createdDate' | 'rootResourceId'>): ApiState {
  const rootId = newId(ID_LENGTH.resource);
  const api: RestApi = compact({ ...fields, id: newId(ID_LENGTH.restApi), createdDate: nowSeconds(), rootResourceId: rootId });
  return { api, resources: [{ id: rootId, path: '/' }], authorizers: [], requestValidators: [], models: [], deployments: [], stages: [] };
}

export function restApiFields(b: Record<string, unknown>): Omit<RestApi, 'id' | 'createdDate' | 'rootResourceId'> {
  const ec = obj(b, 'endpointConfiguration');
  const types = ec ? strList(ec, 'types') : undefined;
  for (const t of types ?? []) oneOf(t, 'endpoint type', ENDPOINT_TYPES);
  return {
    name: reqStr(b, 'name'),
    description: str(b, 'description'),
    version: str(b, 'version'),
    binaryMediaTypes: strList(b, 'binaryMediaTypes'),
    minimumCompressionSize: num(b, 'minimumCompressionSize'),
    apiKeySource: oneOf(str(b, 'apiKeySource'), 'apiKeySource', API_KEY_SOURCES) ?? 'HEADER',
    endpointConfiguration: compact({ types: types && types.length > 0 ? types : ['EDGE'], vpcEndpointIds: ec ? strList(ec, 'vpcEndpointIds') : undefined, ipAddressType: ec ? str(ec, 'ipAddressType') : undefined }),
    policy: str(b, 'policy'),
    tags: checkTags(strMap(b, 'tags')),
    disableExecuteApiEndpoint: bool(b, 'disableExecuteApiEndpoint') ?? false,
  };
}

export function restApiRoutes(store: V1Store): RouteDef[] {
  return [
    route('POST', '/restapis', 'CreateRestApi', true, (req) => {
      const b = bodyOf(req);
      checkLimit(store.state.apis.length, V1_LIMITS.restApisPerRegion, 'REST APIs per region');
      const st = newApiState(restApiFields(b));
      const cloneFrom = str(b, 'cloneFrom');
      if (cloneFrom) {
        // CreateRestApi's model has no NotFoundException: an unknown source is a bad request.
        if (!store.state.apis.some((a) => a.api.id === cloneFrom)) throw badRequest(`Invalid cloneFrom: no REST API ${cloneFrom}`);
        const src = store.api(cloneFrom);
        const copy = clone(src);
        const rootMap = new Map(copy.resources.map((r) => [r.id, r.parentId ? newId(ID_LENGTH.resource) : st.api.rootResourceId]));
        st.resources = copy.resources.map((r) => ({ ...r, id: rootMap.get(r.id)!, parentId: r.parentId ? rootMap.get(r.parentId) : undefined }));
        for (const r of st.resources) for (const m of Object.values(r.resourceMethods ?? {})) if (m.methodIntegration) m.methodIntegration.cacheNamespace = r.id;
        st.authorizers = copy.authorizers;
        st.requestValidators = copy.requestValidators;
        st.models = copy.models;
      }
      store.state.apis.push(st);
      return ok(clone(st.api), 201);
    }),
    route('GET', '/restapis', 'GetRestApis', false, (req) => ok(page(store.state.apis.map((a) => a.api), req))),
    route('GET', API, 'GetRestApi', false, (_req, p) => ok(store.api(p.restApiId).api)),
    route('PATCH', API, 'UpdateRestApi', true, (req, p) => {
      const st = store.api(p.restApiId);
      const ops = parsePatchOps(bodyOf(req).patchOperations);
      const next = clone(st.api) as unknown as Record<string, unknown>;
      const rest = ops.filter((op) => {
        // `replace /endpointConfiguration/types/EDGE value REGIONAL` switches the endpoint type.
        const m = /^\/endpointConfiguration\/types\/(.+)$/.exec(op.path);
        if (!m) return true;
        if (op.op !== 'replace' || !op.value) throw badRequest(`Invalid patch operation for ${op.path}: use replace with the new type`);
        oneOf(op.value, 'endpoint type', ENDPOINT_TYPES);
        const ec = next.endpointConfiguration as RestApi['endpointConfiguration'];
        ec.types = ec.types.map((t) => (t === unescapeSegment(m[1]) ? op.value! : t));
        return false;
      });
      applyPatch(next, REST_API_PATCH, rest);
      if (typeof next.name !== 'string' || next.name === '') throw badRequest('name must be non-empty');
      oneOf(next.apiKeySource as string, 'apiKeySource', API_KEY_SOURCES);
      st.api = next as unknown as RestApi;
      return ok(clone(st.api));
    }),
    route('DELETE', API, 'DeleteRestApi', true, (_req, p) => {
      const st = store.api(p.restApiId);
      store.state.apis = store.state.apis.filter((a) => a !== st);
      return ok(undefined, 202);
    }),
  ];
}
