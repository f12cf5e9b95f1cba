/**
 * PURE: ApiModel → the api.yaml object (kind, name, description, endpoint, CORS, stages,
 * tags) that points at the emitted OpenAPI file for routes, authorizers and validators.
 */
import type { ApiModel, StageModel } from '../model/api.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { emitFields } from '../kinds/field.js';

type Obj = Record<string, unknown>;

export function emitApiYaml(api: ApiModel, opts: { openapiFile: string }): Obj {
  // The API's own fields as the api field table writes them (AWS's defaults left out).
  const y: Obj = { kind: api.kind, ...emitFields<ApiFieldsModel>(apiFields, api.kind, api).apiYaml };
  y.openapi = opts.openapiFile;
  y.stages = Object.fromEntries(Object.entries(api.stages).map(([name, s]) => [name, emitStage(api, s)]));
  if (Object.keys(api.tags).length) y.tags = { ...api.tags };
  return y;
}

function emitStage(api: ApiModel, s: StageModel): Obj {
  const o: Obj = {};
  if (s.description !== undefined) o.description = s.description;
  if (Object.keys(s.variables).length) o.variables = { ...s.variables };
  if (s.throttling) o.throttling = { ...s.throttling };
  if (s.cache) o.cache = { ...s.cache };
  if (s.accessLog) o.accessLog = { ...s.accessLog };
  if (s.tracingEnabled !== undefined) o.tracingEnabled = s.tracingEnabled;
  // HTTP stages always say it (the loader's default is false, AWS's is per stage).
  if (api.kind === 'HttpApi' && s.autoDeploy !== undefined) o.autoDeploy = s.autoDeploy;
  return o;
}

/** A folder name the loader accepts (lower-case letters, digits, dashes; ≤ 63). */
export function apiKeyFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return slug || 'api';
}
