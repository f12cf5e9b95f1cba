/** A route's integration: its own change (diffed with the route, see kinds/route and kinds/ws-route), written after the method (REST) or before the route (HTTP, WebSocket). */
import { defineKind } from '../kind.js';
import { integrationFields } from './fields.js';
import type { IntegrationModel } from './model.js';

export const integrationKind = defineKind<IntegrationModel>({
  target: 'integration',
  label: 'integration',
  section: 'route',
  rank: { RestApi: 4, HttpApi: 3, WebSocketApi: 3 },
  snapshot: true,
  byPathDepth: true,
  fields: integrationFields,
  // REST integrations arrive embedded in their methods (GetResources); HTTP ones are listed and joined to routes by `Target`.
  read: {
    HttpApi: { op: 'GetIntegrations', paging: 'nextToken' },
    WebSocketApi: { op: 'GetIntegrations', paging: 'nextToken' },
  },
  // Diffed together with its route (kinds/route): one route, two changes.
  diff: () => [],
  facts: (a) => [
    ['type', a.type],
    ['uri', a.uri],
  ],
});
