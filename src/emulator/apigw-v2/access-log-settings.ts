/** DeleteAccessLogSettings: turns a stage's access logging off (HTTP and WebSocket stages alike). */
import { notFound, type RouteDef } from '../core/types.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import { json } from './wire.js';

export function accessLogSettingsRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('DeleteAccessLogSettings', 'DELETE', '/v2/apis/{apiId}/stages/{stageName}/accesslogsettings', true, (_req, p) => {
      const st = store.api(p.apiId);
      const stage = store.stage(st, p.stageName);
      // The model lists only NotFoundException: a stage without access logging has none to delete.
      if (!stage.accessLogSettings) throw notFound(`Stage ${stage.stageName} has no access log settings`);
      delete stage.accessLogSettings;
      stage.lastUpdatedDate = store.isoNow();
      return json(204);
    }),
  ];
}
