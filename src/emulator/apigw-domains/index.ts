/**
 * Custom domain names as an emulator module: the v1 routes (DomainName, BasePathMapping) and
 * the v2 routes (DomainName, ApiMapping) over one store per account and region, as AWS shares
 * them between the two APIs. Deleting an API or a stage a mapping names is refused here.
 */
import type { ForeignTags, ModuleContext, ResourceEvent, ServiceModule } from '../core/types.js';
import { apiMappingRoutes } from './api-mappings.js';
import { basePathMappingRoutes } from './base-path-mappings.js';
import { DomainsStore } from './store.js';
import type { DomainsState } from './types.js';
import { v1DomainNameRoutes } from './v1-domain-names.js';
import { v2DomainNameRoutes } from './v2-domain-names.js';

export const DOMAINS_MODULE_NAME = 'apigateway-domains';

export interface DomainsModule extends ServiceModule {
  store: DomainsStore;
}

export function createDomainsModule(ctx?: ModuleContext): DomainsModule {
  const store = new DomainsStore(ctx);
  return {
    name: DOMAINS_MODULE_NAME,
    store,
    routes: [
      ...v1DomainNameRoutes(store),
      ...basePathMappingRoutes(store),
      ...v2DomainNameRoutes(store),
      ...apiMappingRoutes(store),
    ],
    snapshot: () => structuredClone(store.state),
    restore: (data) => {
      const d = data as DomainsState | undefined;
      store.state = d && Array.isArray(d.domains) ? structuredClone(d) : { domains: [] };
    },
    reset: () => {
      store.state = { domains: [] };
    },
    guard: (event: ResourceEvent) => store.guard(event),
    taggable: (_service, arn): ForeignTags | undefined => {
      const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/domainnames\/([^/]+)$/.exec(arn);
      const ds = m ? store.find(m[1]) : undefined;
      if (!ds) return undefined;
      return { get: () => (ds.domain.tags ??= {}), set: (tags) => (ds.domain.tags = tags) };
    },
  };
}

export type { DomainsStore } from './store.js';
export type * from './types.js';
