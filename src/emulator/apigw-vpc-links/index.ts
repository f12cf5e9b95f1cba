/**
 * VPC links, REST (v1) and HTTP (v2), as an emulator module: links turn from PENDING to
 * AVAILABLE after `vpcLinkPendingMs` (startEmulator option / control API), integrations naming
 * a link are checked here, and a link in use cannot be deleted.
 */
import type { ForeignTags, ModuleContext, ServiceModule } from '../core/types.js';
import { httpVpcLinkRoutes } from './http-vpc-links.js';
import { restVpcLinkRoutes } from './rest-vpc-links.js';
import { VpcLinksStore } from './store.js';
import type { VpcLinksState } from './types.js';

export const VPC_LINKS_MODULE_NAME = 'apigateway-vpc-links';

export interface VpcLinksModule extends ServiceModule {
  store: VpcLinksStore;
}

export function createVpcLinksModule(ctx?: ModuleContext): VpcLinksModule {
  const store = new VpcLinksStore(ctx);
  return {
    name: VPC_LINKS_MODULE_NAME,
    store,
    routes: [...restVpcLinkRoutes(store), ...httpVpcLinkRoutes(store)],
    snapshot: () => structuredClone(store.state),
    restore: (data) => {
      const d = data as VpcLinksState | undefined;
      store.state = d && Array.isArray(d.rest) && Array.isArray(d.http) ? structuredClone(d) : { rest: [], http: [] };
    },
    reset: () => {
      store.state = { rest: [], http: [] };
    },
    guard: (event) => store.guard(event),
    taggable: (service, arn): ForeignTags | undefined => {
      const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/vpclinks\/([^/]+)$/.exec(arn);
      if (!m) return undefined;
      if (service === 'apigateway') {
        const l = store.state.rest.find((x) => x.id === m[1]);
        return l ? { get: () => (l.tags ??= {}), set: (tags) => (l.tags = tags) } : undefined;
      }
      const l = store.state.http.find((x) => x.vpcLinkId === m[1]);
      return l ? { get: () => l.tags, set: (tags) => (l.tags = tags) } : undefined;
    },
  };
}

export type { VpcLinksStore } from './store.js';
export type * from './types.js';
