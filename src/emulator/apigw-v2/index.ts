/** API Gateway v2 (HTTP and WebSocket APIs) service module for the emulator. */
import { resourceEvents } from '../core/resource-events.js';
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { apiRoutes } from './apis.js';
import { authorizerRoutes } from './authorizers.js';
import { deploymentRoutes } from './deployments.js';
import { importExportRoutes } from './import-export.js';
import { integrationRoutes } from './integrations.js';
import { routeRoutes } from './routes.js';
import { stageRoutes } from './stages.js';
import { V2Store, type V2StoreOptions } from './store.js';
import { tagRoutes } from './tags.js';
import { accessLogSettingsRoutes } from './access-log-settings.js';
import { integrationResponseRoutes } from './integration-responses.js';
import { modelRoutes } from './models.js';
import { routeResponseRoutes } from './route-responses.js';
import { webSocketRouteRoutes } from './websocket-routes.js';

export { V2Store } from './store.js';
export type * from './types.js';

export const V2_MODULE_NAME = 'apigatewayv2';

export interface ApigwV2Module extends ServiceModule {
  store: V2Store;
}

export function createApigwV2Module(ctx?: ModuleContext, opts: V2StoreOptions = {}): ApigwV2Module {
  const store = new V2Store({ partition: ctx?.partition, ...opts });
  store.events = resourceEvents(ctx, V2_MODULE_NAME);
  return {
    name: V2_MODULE_NAME,
    store,
    routes: [
      ...apiRoutes(store),
      ...routeRoutes(store),
      ...integrationRoutes(store),
      ...authorizerRoutes(store),
      ...stageRoutes(store),
      ...deploymentRoutes(store),
      ...tagRoutes(store),
      ...importExportRoutes(store),
      // WebSocket APIs (and DeleteAccessLogSettings, for both kinds).
      ...routeResponseRoutes(store),
      ...integrationResponseRoutes(store),
      ...modelRoutes(store),
      ...webSocketRouteRoutes(store),
      ...accessLogSettingsRoutes(store),
    ],
    snapshot: () => store.snapshot(),
    restore: (data) => store.restore(data),
    reset: () => store.restore(undefined),
  };
}
