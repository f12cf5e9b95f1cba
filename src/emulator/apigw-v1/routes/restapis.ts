/** RestApis: create, get, list (limit/position), update (patch), delete. */
import { checkTags } from '../../core/tags.js';
import { badRequest, type RouteDef } from '../../core/types.js';
import { ID_LENGTH, newId } from '../ids.js';
import { applyPatch, parsePatchOps, unescapeSegment, type PatchOp, type PatchSpec } from '../patch.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, RestApi } from '../types.js';
import { checkLimit, V1_LIMITS } from '../limits.js';
import {
  bodyOf,
  bool,
  clone,
  compact,
  num,
  obj,
  ok,
  page,
  reqStr,
  str,
  strList,
  strMap,
  nowSeconds,
  oneOf,
} from '../wire.js';
import { checkCompressionSize, checkEndpointConfiguration, storedPolicy } from '../rest-api-settings.js';

export const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'] as const;
export const API_KEY_SOURCES = ['HEADER', 'AUTHORIZER'] as const;

const REST_API_PATCH: PatchSpec = {
  name: 'string',
  description: 'string',
  version: 'string',
  apiKeySource: 'string',
  minimumCompressionSize: 'int',
  disableExecuteApiEndpoint: 'bool',
  binaryMediaTypes: 'stringSet',
  'endpointConfiguration/vpcEndpointIds': 'stringSet',
};

/**
 * Patch ops UpdateRestApi handles itself before the generic patcher: the endpoint type
 * switch, the policy (normalized like on create), `replace … ""` meaning "unset" for the
 * policy and the compression size (what Terraform sends), and the vpcEndpointIds forms
 * with the id in the value rather than the path.
 */
function specialOps(
  next: RestApi,
  ops: PatchOp[],
  where: { accountId: string; region: string; apiId: string },
): PatchOp[] {
  return ops.filter((op) => {
    const type = /^\/endpointConfiguration\/types\/(.+)$/.exec(op.path);
    if (type) {
      // `replace /endpointConfiguration/types/EDGE value REGIONAL` switches the endpoint type.
      if (op.op !== 'replace' || !op.value)
        throw badRequest(`Invalid patch operation for ${op.path}: use replace with the new type`);
      oneOf(op.value, 'endpoint type', ENDPOINT_TYPES);
      next.endpointConfiguration.types = next.endpointConfiguration.types.map((t) =>
        t === unescapeSegment(type[1]) ? op.value! : t,
      );
      return false;
    }
    if (op.path === '/policy') {
      if (op.op === 'remove' || ((op.op === 'replace' || op.op === 'add') && (op.value ?? '') === ''))
        delete next.policy;
      else if (op.op === 'replace' || op.op === 'add') next.policy = storedPolicy(op.value, where);
      else throw badRequest(`Invalid patch operation '${op.op}' for path /policy`);
      return false;
    }
    if (op.path === '/minimumCompressionSize' && op.op === 'replace' && (op.value ?? '') === '') {
      delete next.minimumCompressionSize;
      return false;
    }
    if (op.path === '/endpointConfiguration/vpcEndpointIds' && (op.op === 'add' || op.op === 'remove') && op.value) {
      const ids = next.endpointConfiguration.vpcEndpointIds ?? [];
      const changed =
        op.op === 'add' ? [...ids.filter((x) => x !== op.value), op.value] : ids.filter((x) => x !== op.value);
      if (changed.length > 0) next.endpointConfiguration.vpcEndpointIds = changed;
      else delete next.endpointConfiguration.vpcEndpointIds;
      return false;
    }
    return true;
  });
}

/** A new, empty API with its root resource `/`. */
export function newApiState(fields: Omit<RestApi, 'id' | 'createdDate' | 'rootResourceId'>): ApiState {
  const rootId = newId(ID_LENGTH.resource);
  const api: RestApi = compact({
    ...fields,
    id: newId(ID_LENGTH.restApi),
    createdDate: nowSeconds(),
    rootResourceId: rootId,
  });
  return {
    api,
    resources: [{ id: rootId, path: '/' }],
    authorizers: [],
    requestValidators: [],
    models: [],
    deployments: [],
    stages: [],
  };
}

export function restApiFields(b: Record<string, unknown>): Omit<RestApi, 'id' | 'createdDate' | 'rootResourceId'> {
  const ec = obj(b, 'endpointConfiguration');
  const types = ec ? strList(ec, 'types') : undefined;
  for (const t of types ?? []) oneOf(t, 'endpoint type', ENDPOINT_TYPES);
  const vpcEndpointIds = ec ? strList(ec, 'vpcEndpointIds') : undefined;
  const endpointConfiguration = compact({
    types: types && types.length > 0 ? types : ['EDGE'],
    vpcEndpointIds: vpcEndpointIds?.length ? vpcEndpointIds : undefined,
    ipAddressType: ec ? str(ec, 'ipAddressType') : undefined,
  });
  checkEndpointConfiguration(endpointConfiguration);
  return {
    name: reqStr(b, 'name'),
    description: str(b, 'description'),
    version: str(b, 'version'),
    binaryMediaTypes: strList(b, 'binaryMediaTypes'),
    minimumCompressionSize: checkCompressionSize(num(b, 'minimumCompressionSize')),
    apiKeySource: oneOf(str(b, 'apiKeySource'), 'apiKeySource', API_KEY_SOURCES) ?? 'HEADER',
    endpointConfiguration,
    // Raw here: it is normalized against the new API's id once there is one.
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
      if (st.api.policy !== undefined)
        st.api.policy = storedPolicy(st.api.policy, { ...store.partition, apiId: st.api.id });
      const cloneFrom = str(b, 'cloneFrom');
      if (cloneFrom) {
        // CreateRestApi's model has no NotFoundException: an unknown source is a bad request.
        if (!store.state.apis.some((a) => a.api.id === cloneFrom))
          throw badRequest(`Invalid cloneFrom: no REST API ${cloneFrom}`);
        const src = store.api(cloneFrom);
        const copy = clone(src);
        const rootMap = new Map(
          copy.resources.map((r) => [r.id, r.parentId ? newId(ID_LENGTH.resource) : st.api.rootResourceId]),
        );
        st.resources = copy.resources.map((r) => ({
          ...r,
          id: rootMap.get(r.id)!,
          parentId: r.parentId ? rootMap.get(r.parentId) : undefined,
        }));
        for (const r of st.resources)
          for (const m of Object.values(r.resourceMethods ?? {}))
            if (m.methodIntegration) m.methodIntegration.cacheNamespace = r.id;
        st.authorizers = copy.authorizers;
        st.requestValidators = copy.requestValidators;
        st.models = copy.models;
      }
      store.state.apis.push(st);
      return ok(clone(st.api), 201);
    }),
    route('GET', '/restapis', 'GetRestApis', false, (req) =>
      ok(
        page(
          store.state.apis.map((a) => a.api),
          req,
        ),
      ),
    ),
    route('GET', API, 'GetRestApi', false, (_req, p) => ok(store.api(p.restApiId).api)),
    route('PATCH', API, 'UpdateRestApi', true, (req, p) => {
      const st = store.api(p.restApiId);
      const ops = parsePatchOps(bodyOf(req).patchOperations);
      const next = clone(st.api);
      const rest = specialOps(next, ops, { ...store.partition, apiId: st.api.id });
      applyPatch(next as unknown as Record<string, unknown>, REST_API_PATCH, rest);
      if (typeof next.name !== 'string' || next.name === '') throw badRequest('name must be non-empty');
      oneOf(next.apiKeySource, 'apiKeySource', API_KEY_SOURCES);
      checkCompressionSize(next.minimumCompressionSize);
      if (next.endpointConfiguration.vpcEndpointIds?.length === 0) delete next.endpointConfiguration.vpcEndpointIds;
      checkEndpointConfiguration(next.endpointConfiguration);
      st.api = next;
      return ok(clone(st.api));
    }),
    route('DELETE', API, 'DeleteRestApi', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const event = { type: 'rest-api.delete' as const, restApiId: st.api.id };
      store.events.guard(event);
      store.state.apis = store.state.apis.filter((a) => a !== st);
      store.events.cascade(event);
      return ok(undefined, 202);
    }),
  ];
}
