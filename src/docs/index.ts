/**
 * API documentation as the gateway serves it (pure, except write-site.ts): from a valid
 * gateway-state to one OpenAPI document per API and the site that shows them.
 */
import type { GatewayModel } from '../model/api.js';
import { servicesOfApi, type SourceMap, type StateFiles } from '../state/index.js';
import { servedOpenapi } from './served-openapi.js';
import type { DocsDomain } from './servers.js';
import { renderSite, type SiteApi } from './site.js';
import { readSourceDocs } from './source-docs.js';

export { renderSite, type SiteApi } from './site.js';
export { servedOpenapi } from './served-openapi.js';
export { serversOf, type DocsDomain } from './servers.js';
export { docsTarget, type DocsTarget } from './publish.js';
export { writeSite, swaggerUiDir, siteAsset, SWAGGER_UI_FILES, SITE_MARKER } from './write-site.js';

export interface DocsInput {
  model: GatewayModel;
  sources: SourceMap;
  files: StateFiles;
  /** Live API ids by API key, when AWS was read. */
  apiIds?: Record<string, string>;
  /** Custom domain mappings by API key (none until the state declares domains). */
  domains?: Record<string, DocsDomain[]>;
}

export function buildDocs(x: DocsInput): { apis: SiteApi[]; files: Map<string, string> } {
  const apis: SiteApi[] = [];
  for (const key of Object.keys(x.model.apis).sort()) {
    const api = x.model.apis[key];
    // OpenAPI describes REST and HTTP APIs only: a WebSocket API has no page (its routes file is its documentation).
    if (api.kind === 'WebSocketApi') continue;
    const found = servicesOfApi(x.files, key);
    const docs = readSourceDocs(x.files, found.status === 'ok' ? found.entries : []);
    const doc = servedOpenapi({
      api,
      region: x.model.region,
      sources: x.sources,
      docs,
      apiId: x.apiIds?.[key],
      domains: x.domains?.[key],
    });
    apis.push({ key, kind: api.kind, doc });
  }
  return { apis, files: renderSite(apis) };
}
