/**
 * Usage plans, API keys and usage-plan keys (API Gateway v1) as an emulator module. A REST
 * stage or API a plan names cannot be deleted (see store.ts); tags on plans and keys are
 * reached through the v1 tag operations by ARN (`/usageplans/{id}`, `/apikeys/{id}`).
 */
import type { ForeignTags, ModuleContext, ServiceModule } from '../core/types.js';
import { apiKeyRoutes } from './api-keys.js';
import { UsagePlansStore } from './store.js';
import type { UsagePlansState } from './types.js';
import { usagePlanKeyRoutes } from './usage-plan-keys.js';
import { usagePlanRoutes } from './usage-plans.js';

export const USAGE_PLANS_MODULE_NAME = 'apigateway-usage-plans';

export interface UsagePlansModule extends ServiceModule {
  store: UsagePlansStore;
}

const empty = (): UsagePlansState => ({ apiKeys: [], usagePlans: [], usagePlanKeys: [] });

export function createUsagePlansModule(ctx?: ModuleContext): UsagePlansModule {
  const store = new UsagePlansStore(ctx);
  return {
    name: USAGE_PLANS_MODULE_NAME,
    store,
    routes: [...apiKeyRoutes(store, ctx), ...usagePlanRoutes(store), ...usagePlanKeyRoutes(store)],
    snapshot: () => structuredClone(store.state),
    restore: (data) => {
      const d = data as UsagePlansState | undefined;
      store.state = d && Array.isArray(d.apiKeys) ? structuredClone(d) : empty();
    },
    reset: () => {
      store.state = empty();
    },
    guard: (event) => store.guard(event),
    taggable: (service, arn): ForeignTags | undefined => {
      if (service !== 'apigateway') return undefined;
      const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/(usageplans|apikeys)\/([^/]+)$/.exec(arn);
      const target =
        m?.[1] === 'usageplans'
          ? store.state.usagePlans.find((p) => p.id === m[2])
          : m
            ? store.state.apiKeys.find((k) => k.id === m[2])
            : undefined;
      if (!target) return undefined;
      return { get: () => (target.tags ??= {}), set: (tags) => (target.tags = tags) };
    },
  };
}

export type { UsagePlansStore } from './store.js';
export type * from './types.js';
