/** PURE: one live API → the gateway-state file texts that describe it. */
import { stringify } from 'yaml';
import type { ApiModel } from '../model/api.js';
import { emitApiYaml } from './emit-api-yaml.js';
import { emitOpenapi } from './emit-openapi.js';

export const OPENAPI_FILE = 'openapi.yaml';

export interface EmittedApi {
  /** Paths relative to the gateway-state directory → file text. */
  files: Record<string, string>;
  warnings: string[];
}

const YAML_OPTS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

export function emitApi(key: string, api: ApiModel): EmittedApi {
  const { doc, warnings } = emitOpenapi(api);
  const header = `# Imported by apigw-sync from the live ${api.kind} "${api.name}".\n`;
  return {
    files: {
      [`apis/${key}/api.yaml`]: header + stringify(emitApiYaml(api, { openapiFile: OPENAPI_FILE }), YAML_OPTS),
      [`apis/${key}/${OPENAPI_FILE}`]: header + stringify(doc, YAML_OPTS),
    },
    warnings,
  };
}

export function emitGatewayYaml(region: string, owner?: string): string {
  return stringify(owner ? { region, owner } : { region }, YAML_OPTS);
}
