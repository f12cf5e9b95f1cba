/**
 * PURE: ApiModel → the api.yaml object (kind, name, description, endpoint, CORS, stages,
 * tags) that points at the emitted OpenAPI file for routes, authorizers and validators — or,
 * for a WebSocket API, at its routes file, with its authorizers in api.yaml itself.
 */
import type { ApiModel, StageModel } from '../model/api.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { emitFields } from '../kinds/field.js';
import { stageFields } from '../kinds/stage/fields.js';
import { emitWebSocketAuthorizers } from './emit-websocket.js';

type Obj = Record<string, unknown>;

export function emitApiYaml(api: ApiModel, opts: { openapiFile: string; routesFile?: string }): Obj {
  // The API's own fields as the api field table writes them (AWS's defaults left out).
  const y: Obj = { kind: api.kind, ...emitFields<ApiFieldsModel>(apiFields, api.kind, api).apiYaml };
  if (api.kind === 'WebSocketApi') {
    y.routes = opts.routesFile;
    const authorizers = emitWebSocketAuthorizers(api.authorizers);
    if (authorizers) y.authorizers = authorizers;
  } else y.openapi = opts.openapiFile;
  y.stages = Object.fromEntries(Object.entries(api.stages).map(([name, s]) => [name, emitStage(api, s)]));
  if (Object.keys(api.tags).length) y.tags = { ...api.tags };
  return y;
}

/** A stage as api.yaml declares it: the stage field table's state column (AWS's defaults left out). */
function emitStage(api: ApiModel, s: StageModel): Obj {
  return emitFields<StageModel>(stageFields, api.kind, s).apiYaml;
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
