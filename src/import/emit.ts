/** PURE: one live API → the gateway-state file texts that describe it. */
import { stringify } from 'yaml';
import type { ApiModel } from '../model/api.js';
import { emitApiYaml } from './emit-api-yaml.js';
import { emitOpenapi } from './emit-openapi.js';
import { emitWebSocketRoutes, WEBSOCKET_FORMAT_NOTE, WEBSOCKET_ROUTES_FILE } from './emit-websocket.js';

export const OPENAPI_FILE = 'openapi.yaml';

export interface EmittedApi {
  /** Paths relative to the gateway-state directory → file text. */
  files: Record<string, string>;
  warnings: string[];
  /** What the reader should know about the files (not problems). */
  notes: string[];
}

const YAML_OPTS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

export function emitApi(key: string, api: ApiModel): EmittedApi {
  const header = `# Imported by apigw-sync from the live ${api.kind} "${api.name}".\n`;
  if (api.kind === 'WebSocketApi') {
    const { doc, warnings } = emitWebSocketRoutes(api);
    return {
      files: {
        [`apis/${key}/api.yaml`]:
          header +
          stringify(emitApiYaml(api, { openapiFile: OPENAPI_FILE, routesFile: WEBSOCKET_ROUTES_FILE }), YAML_OPTS),
        [`apis/${key}/${WEBSOCKET_ROUTES_FILE}`]: `${header}# ${WEBSOCKET_FORMAT_NOTE}.\n${stringify(doc, YAML_OPTS)}`,
      },
      warnings,
      notes: [WEBSOCKET_FORMAT_NOTE],
    };
  }
  const { doc, warnings } = emitOpenapi(api);
  return {
    files: {
      [`apis/${key}/api.yaml`]: header + stringify(emitApiYaml(api, { openapiFile: OPENAPI_FILE }), YAML_OPTS),
      [`apis/${key}/${OPENAPI_FILE}`]: header + stringify(doc, YAML_OPTS),
    },
    warnings,
    notes: [],
  };
}

export function emitGatewayYaml(region: string, owner?: string): string {
  return stringify(owner ? { region, owner } : { region }, YAML_OPTS);
}
