/**
 * WebSocket integration responses: how a non-proxy integration's answer is selected (key
 * `$default` or `/regex/`) and transformed. One change per route, named by its route key,
 * whose before/after is the integration's map of responses (key → fields); `fields` describes
 * one of them. Diffed with the route (kinds/ws-route/diff.ts), written with it.
 */
import { defineKind } from '../kind.js';
import { wsIntegrationResponseFields } from './fields.js';
import type { WsIntegrationResponseModel } from './model.js';

export const wsIntegrationResponseKind = defineKind<WsIntegrationResponseModel>({
  target: 'integrationResponse',
  label: 'integration response',
  section: 'route',
  rank: { RestApi: 5, HttpApi: 5, WebSocketApi: 5 },
  snapshot: true,
  fields: wsIntegrationResponseFields,
  // Listed per integration: its id goes in as IntegrationId and is kept on each item.
  read: {
    WebSocketApi: {
      op: 'GetIntegrationResponses',
      paging: 'nextToken',
      parent: { target: 'integration', id: 'IntegrationId', input: 'IntegrationId' },
    },
  },
  diff: () => [],
  facts: (a) =>
    Object.keys(a as unknown as Record<string, WsIntegrationResponseModel>).map((key): [string, unknown] => [
      'key',
      key,
    ]),
});
