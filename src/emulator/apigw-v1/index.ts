/**
 * API Gateway v1 (REST APIs) as an emulator service module: the routes the
 * @aws-sdk/client-api-gateway serializers produce, over one in-memory store.
 */
import { resourceEvents } from '../core/resource-events.js';
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { V1Store } from './store.js';
import type { V1State } from './types.js';
import { definitionRoutes } from './routes/authorizers.js';
import { openapiRoutes } from './routes/openapi.js';
import { deploymentRoutes } from './routes/deployments.js';
import { gatewayResponseRoutes } from './routes/gateway-responses.js';
import { integrationRoutes } from './routes/integrations.js';
import { methodRoutes } from './routes/methods.js';
import { resourceRoutes } from './routes/resources.js';
import { restApiRoutes } from './routes/restapis.js';
import { stageRoutes } from './routes/stages.js';
import { tagRoutes } from './routes/tags.js';

export const V1_MODULE_NAME = 'apigateway';

/** The v1 module; `store` is public so other modules (traffic) can read stages and canaries. */
export interface ApigwV1Module extends ServiceModule {
  store: V1Store;
}

export function createApigwV1Module(ctx?: ModuleContext): ApigwV1Module {
  const store = new V1Store(ctx?.partition);
  store.events = resourceEvents(ctx, V1_MODULE_NAME);
  return {
    name: V1_MODULE_NAME,
    store,
    routes: [
      ...restApiRoutes(store),
      ...resourceRoutes(store),
      ...definitionRoutes(store),
      ...methodRoutes(store),
      ...integrationRoutes(store),
      ...deploymentRoutes(store),
      ...stageRoutes(store),
      ...tagRoutes(store),
      ...openapiRoutes(store),
      ...gatewayResponseRoutes(store),
    ],
    snapshot: () => structuredClone(store.state),
    restore: (data) => {
      const d = data as V1State | undefined;
      store.state = d && Array.isArray(d.apis) ? structuredClone(d) : { apis: [] };
    },
    reset: () => {
      store.state = { apis: [] };
    },
  };
}

export { V1Store } from './store.js';
export type * from './types.js';
