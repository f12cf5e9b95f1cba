/** The ExportApi, ImportApi and ReimportApi operations over the OpenAPI mapping. */
import { stringify as toYaml } from 'yaml';
import { badRequest, type EmuRequest, type RouteDef } from '../core/types.js';
import { apiWire, newApiState } from './apis.js';
import { exportOpenApi } from './openapi-export.js';
import { importOpenApi, type ImportedDefinition } from './openapi-import.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState } from './types.js';
import { isWebSocket } from './websocket-api.js';
import { bodyOf, json, regionOf, reqStr } from './wire.js';

/** OpenAPI describes HTTP APIs only: API Gateway neither exports nor reimports a WebSocket API (our wording). */
const WEBSOCKET_EXPORT = 'Exporting WebSocket APIs is not supported; ExportApi supports HTTP APIs only (OAS30)';
const WEBSOCKET_REIMPORT =
  'Reimporting an OpenAPI definition into a WebSocket API is not supported; ReimportApi supports HTTP APIs only';

function definitionFrom(req: EmuRequest): ImportedDefinition {
  const basepath = req.query.get('basepath');
  if (basepath !== null && basepath !== 'ignore') {
    throw badRequest(`basepath=${basepath} is not supported by this emulator; only ignore (the default) is`);
  }
  const def = importOpenApi(reqStr(bodyOf(req), 'body'));
  if (req.query.get('failOnWarnings') === 'true' && def.warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${def.warnings.join('\n\t')}`);
  }
  return def;
}

function install(st: ApiState, def: ImportedDefinition): void {
  st.api.name = def.name;
  st.api.description = def.description;
  st.api.version = def.version;
  st.api.corsConfiguration = def.cors;
  st.api.disableExecuteApiEndpoint = def.disableExecuteApiEndpoint ?? false;
  st.api.warnings = def.warnings.length > 0 ? def.warnings : undefined;
  st.routes = def.routes;
  st.integrations = def.integrations;
  st.authorizers = def.authorizers;
  const keys = new Set(def.routes.map((r) => r.routeKey));
  for (const stage of st.stages) {
    for (const k of Object.keys(stage.routeSettings)) if (!keys.has(k)) delete stage.routeSettings[k];
  }
  if (!st.api.description) delete st.api.description;
  if (!st.api.version) delete st.api.version;
  if (!st.api.corsConfiguration) delete st.api.corsConfiguration;
  if (!st.api.warnings) delete st.api.warnings;
}

export function importExportRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('ExportApi', 'GET', '/v2/apis/{apiId}/exports/{specification}', false, (req, p) => {
      const st = store.api(p.apiId);
      if (isWebSocket(st)) throw badRequest(WEBSOCKET_EXPORT);
      if (p.specification !== 'OAS30')
        throw badRequest(`Invalid specification ${p.specification}; only OAS30 is supported`);
      const outputType = req.query.get('outputType');
      if (outputType !== 'YAML' && outputType !== 'JSON')
        throw badRequest('outputType is required and must be YAML or JSON');
      const exportVersion = req.query.get('exportVersion');
      if (exportVersion !== null && exportVersion !== '1.0')
        throw badRequest(`Invalid exportVersion ${exportVersion}; only 1.0 is supported`);
      const stageName = req.query.get('stageName') ?? undefined;
      let snap = store.snapshotOf(st);
      if (stageName !== undefined) {
        const stage = store.stage(st, stageName);
        if (!stage.deploymentId) throw badRequest(`Stage ${stageName} has no deployment to export`);
        snap = store.deployment(st, stage.deploymentId).snapshot;
      }
      const doc = exportOpenApi(snap, {
        apiId: st.api.apiId,
        region: regionOf(req),
        createdDate: st.api.createdDate,
        stageName,
        includeExtensions: req.query.get('includeExtensions') !== 'false',
        disableExecuteApiEndpoint: st.api.disableExecuteApiEndpoint,
      });
      const text = outputType === 'JSON' ? JSON.stringify(doc, null, 2) : toYaml(doc);
      return {
        status: 200,
        rawBody: text,
        headers: { 'content-type': outputType === 'JSON' ? 'application/json' : 'application/yaml' },
      };
    }),
    v2Route('ImportApi', 'PUT', '/v2/apis', true, (req) => {
      const def = definitionFrom(req);
      const st = newApiState(store, { name: def.name, region: regionOf(req) });
      install(st, def);
      return json(201, apiWire(st.api));
    }),
    v2Route('ReimportApi', 'PUT', '/v2/apis/{apiId}', true, (req, p) => {
      const st = store.api(p.apiId);
      if (isWebSocket(st)) throw badRequest(WEBSOCKET_REIMPORT);
      const def = definitionFrom(req);
      install(st, def);
      store.changed(st);
      return json(201, apiWire(st.api));
    }),
  ];
}
