/**
 * AWS WAF (wafv2, AWS JSON 1.1, target prefix AWSWAF_20190729) as an emulator module: web ACLs
 * and their association with REST API stages. Web ACLs given to startEmulator (`webAcls`)
 * exist in every account and region from the start, so a state can name their ARN.
 */
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { associationRoutes } from './associations.js';
import { WafStore } from './store.js';
import type { WafState } from './types.js';
import { webAclRoutes } from './web-acls.js';

export const WAFV2_MODULE_NAME = 'wafv2';

export interface WafModule extends ServiceModule {
  store: WafStore;
}

export function createWafModule(ctx?: ModuleContext): WafModule {
  const store = new WafStore(ctx);
  store.seed();
  return {
    name: WAFV2_MODULE_NAME,
    store,
    routes: [...webAclRoutes(store), ...associationRoutes(store)],
    snapshot: () => structuredClone(store.state),
    restore: (data) => {
      const d = data as WafState | undefined;
      if (d && Array.isArray(d.webAcls)) store.state = structuredClone(d);
      else {
        store.state = { webAcls: [], associations: {} };
        store.seed();
      }
    },
    reset: () => {
      store.state = { webAcls: [], associations: {} };
      store.seed();
    },
    cascade: (event) => store.cascade(event),
  };
}

export type { WafStore } from './store.js';
