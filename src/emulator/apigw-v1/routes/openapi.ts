/**
 * GetExport (from a stage's deployed snapshot), ImportRestApi and PutRestApi (merge | overwrite).
 */
import { stringify as toYaml } from 'yaml';
import { badRequest, notFound, type EmuRequest, type RouteDef } from '../../core/types.js';
import { buildExport, type ExportType } from '../openapi/export.js';
import {
  ensureResource,
  parseDocument,
  readDefinitions,
  type BasePathMode,
  type ImportedDefinitions,
} from '../openapi/import.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, RestApi } from '../types.js';
import { checkEndpointConfiguration, storedPolicy } from '../rest-api-settings.js';
import type { Partition } from '../../core/partitions.js';
import { clone, ok, oneOf, regionOf } from '../wire.js';
import { checkLimit, V1_LIMITS } from '../limits.js';
import { newApiState, ENDPOINT_TYPES } from './restapis.js';
import { checkIntegration } from './integrations.js';

function flag(req: EmuRequest, name: string): boolean {
  const v = req.query.get(name);
  if (v === null) return false;
  if (v !== 'true' && v !== 'false') throw badRequest(`Invalid value for ${name}: expected true or false`);
  return v === 'true';
}

function basePathMode(req: EmuRequest): BasePathMode {
  return oneOf(req.query.get('basepath') ?? 'ignore', 'basepath', ['ignore', 'prepend', 'split'] as const)!;
}

function checkWarnings(req: EmuRequest, defs: ImportedDefinitions): void {
  if (flag(req, 'failonwarnings') && defs.warnings.length > 0) {
    throw badRequest(`Errors found during import:\n\t${defs.warnings.join('\n\t')}`);
  }
}

/** Writes imported definitions into an API: `overwrite` replaces them all, `merge` adds and replaces by name/path/verb. */
function applyDefinitions(
  st: ApiState,
  defs: ImportedDefinitions,
  mode: 'merge' | 'overwrite',
  partition: Partition,
): void {
  const idMap = new Map<string, string>();
  if (mode === 'overwrite') {
    st.resources = st.resources.filter((r) => r.id === st.api.rootResourceId);
    delete st.resources[0].resourceMethods;
    st.models = defs.models;
    st.authorizers = defs.authorizers;
    st.requestValidators = defs.requestValidators;
  } else {
    for (const m of defs.models) {
      const existing = st.models.find((x) => x.name === m.name);
      if (existing) Object.assign(existing, { ...m, id: existing.id });
      else st.models.push(m);
    }
    for (const a of defs.authorizers) {
      const existing = st.authorizers.find((x) => x.name === a.name);
      if (existing) {
        idMap.set(a.id, existing.id);
        Object.assign(existing, { ...a, id: existing.id });
      } else st.authorizers.push(a);
    }
    for (const v of defs.requestValidators) {
      const existing = st.requestValidators.find((x) => x.name === v.name);
      if (existing) {
        idMap.set(v.id, existing.id);
        Object.assign(existing, { ...v, id: existing.id });
      } else st.requestValidators.push(v);
    }
  }
  for (const [path, methods] of defs.paths) {
    const r = ensureResource(st.resources, st.api.rootResourceId, path);
    for (const [verb, m] of Object.entries(methods)) {
      if (m.authorizerId) m.authorizerId = idMap.get(m.authorizerId) ?? m.authorizerId;
      if (m.requestValidatorId) m.requestValidatorId = idMap.get(m.requestValidatorId) ?? m.requestValidatorId;
      if (m.methodIntegration) {
        m.methodIntegration.cacheNamespace ??= r.id;
        try {
          checkIntegration(m.methodIntegration);
        } catch (e) {
          defs.warnings.push(`Integration on ${verb} ${path} is invalid: ${(e as Error).message}`);
          delete m.methodIntegration;
        }
      }
      r.resourceMethods = { ...(r.resourceMethods ?? {}), [verb]: m };
    }
  }
  st.gatewayResponses =
    mode === 'overwrite' ? defs.gatewayResponses : { ...(st.gatewayResponses ?? {}), ...defs.gatewayResponses };
  applyApiSettings(st, defs.api, mode, partition);
}

/**
 * The document's API-level settings: `overwrite` makes the API exactly what the document
 * says (absent settings are cleared), `merge` changes only what the document declares.
 */
function applyApiSettings(
  st: ApiState,
  declared: ImportedDefinitions['api'],
  mode: 'merge' | 'overwrite',
  partition: Partition,
): void {
  const { name, vpcEndpointIds, policy, ...rest } = declared;
  const cleared =
    mode === 'overwrite'
      ? {
          description: undefined,
          version: undefined,
          binaryMediaTypes: undefined,
          minimumCompressionSize: undefined,
          policy: undefined,
          apiKeySource: 'HEADER',
          disableExecuteApiEndpoint: false,
        }
      : {};
  const api: RestApi = { ...st.api, ...cleared, ...rest, endpointConfiguration: { ...st.api.endpointConfiguration } };
  if (name) api.name = name;
  if (policy !== undefined) api.policy = storedPolicy(policy, { ...partition, apiId: st.api.id });
  if (vpcEndpointIds) api.endpointConfiguration.vpcEndpointIds = vpcEndpointIds;
  checkEndpointConfiguration(api.endpointConfiguration);
  st.api = Object.fromEntries(Object.entries(api).filter(([, v]) => v !== undefined)) as RestApi;
}

export function openapiRoutes(store: V1Store): RouteDef[] {
  return [
    route('GET', `${API}/stages/{stageName}/exports/{exportType}`, 'GetExport', false, (req, p) => {
      const st = store.api(p.restApiId);
      const stage = store.stage(st, p.stageName);
      const type = oneOf(p.exportType, 'export type', ['oas30', 'swagger'] as const) as ExportType;
      if (!stage.deploymentId) throw notFound('The stage has no deployment');
      const deployment = store.deployment(st, stage.deploymentId);
      const extensions = req.query
        .getAll('extensions')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim());
      const doc = buildExport(deployment.snapshot, {
        type,
        stageName: stage.stageName,
        region: regionOf(req),
        integrations: extensions.includes('integrations'),
        authorizers: extensions.includes('authorizers'),
        apigateway: extensions.includes('apigateway'),
      });
      const yaml = /yaml/i.test(req.headers['accept'] ?? '');
      const ext = yaml ? 'yaml' : 'json';
      return {
        status: 200,
        rawBody: yaml ? toYaml(doc) : JSON.stringify(doc, null, 2),
        headers: {
          'Content-Type': yaml ? 'application/yaml' : 'application/json',
          'Content-Disposition': `attachment; filename="${type === 'oas30' ? 'oas30' : 'swagger'}_${st.api.name}-${stage.stageName}.${ext}"`,
        },
      };
    }),
    route('POST', '/restapis?mode=import', 'ImportRestApi', true, (req) => {
      checkLimit(store.state.apis.length, V1_LIMITS.restApisPerRegion, 'REST APIs per region');
      const doc = parseDocument(req.rawBody);
      const fields = newApiState({
        name: 'import',
        apiKeySource: 'HEADER',
        endpointConfiguration: { types: ['EDGE'] },
        disableExecuteApiEndpoint: false,
      });
      const defs = readDefinitions(doc, fields.api.id, { basePath: basePathMode(req) });
      if (!defs.api.name) throw badRequest('Invalid OpenAPI input: info.title is required (it becomes the API name)');
      checkWarnings(req, defs);
      const types =
        req.query.get('endpointConfigurationTypes') ?? req.query.get('parameters.endpointConfigurationTypes');
      if (types)
        fields.api.endpointConfiguration = { types: [oneOf(types, 'endpointConfigurationTypes', ENDPOINT_TYPES)!] };
      applyDefinitions(fields, defs, 'overwrite', store.partition);
      if (fields.resources.length > V1_LIMITS.resourcesPerApi)
        checkLimit(fields.resources.length, V1_LIMITS.resourcesPerApi, 'resources per API');
      store.state.apis.push(fields);
      return ok({ ...clone(fields.api), ...(defs.warnings.length > 0 ? { warnings: defs.warnings } : {}) }, 201);
    }),
    route('PUT', API, 'PutRestApi', true, (req, p) => {
      const st = store.api(p.restApiId);
      const mode = oneOf(req.query.get('mode') ?? 'merge', 'mode', ['merge', 'overwrite'] as const)!;
      const defs = readDefinitions(parseDocument(req.rawBody), st.api.id, { basePath: basePathMode(req) });
      checkWarnings(req, defs);
      const next = clone(st);
      applyDefinitions(next, defs, mode, store.partition);
      if (next.resources.length > V1_LIMITS.resourcesPerApi)
        checkLimit(next.resources.length, V1_LIMITS.resourcesPerApi, 'resources per API');
      Object.assign(st, next);
      return ok({ ...clone(st.api), ...(defs.warnings.length > 0 ? { warnings: defs.warnings } : {}) });
    }),
  ];
}
