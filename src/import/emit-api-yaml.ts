/**
 * PURE: ApiModel → the api.yaml object (kind, name, description, endpoint, CORS, stages,
 * tags) that points at the emitted OpenAPI file for routes, authorizers and validators.
 */
import type { ApiModel, StageModel } from '../model/api.js';

type Obj = Record<string, unknown>;

export function emitApiYaml(api: ApiModel, opts: { openapiFile: string }): Obj {
  const y: Obj = { kind: api.kind, name: api.name };
  if (api.description !== undefined) y.description = api.description;
  if (api.kind === 'RestApi') {
    if (api.endpointType) y.endpointType = api.endpointType;
    if (api.apiKeySource && api.apiKeySource !== 'HEADER') y.apiKeySource = api.apiKeySource;
  }
  if (api.disableExecuteApiEndpoint) y.disableExecuteApiEndpoint = true;
  if (api.cors) {
    const c: Obj = {};
    for (const k of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const) if (api.cors[k].length) c[k] = [...api.cors[k]];
    if (api.cors.allowCredentials !== undefined) c.allowCredentials = api.cors.allowCredentials;
    if (api.cors.maxAge !== undefined) c.maxAge = api.cors.maxAge;
    y.cors = c;
  }
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
