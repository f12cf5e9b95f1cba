/**
 * HTTP integrations apigw-sync made that no route uses (an apply died between
 * CreateIntegration and CreateRoute, see kinds/integration/unused.ts): the plan deletes
 * them, so the next apply leaves nothing behind. No state declares them; they are found by
 * the read and named by their AWS id. Integrations apigw-sync did not make are never listed.
 */
import type { IntegrationModel } from '../integration/model.js';
import { defineKind } from '../kind.js';

export const unusedIntegrationKind = defineKind<IntegrationModel>({
  target: 'unusedIntegration',
  label: 'unused integration',
  section: 'other',
  // After the routes (HTTP rank 4): a delete runs before every other delete, and nothing refers to it.
  rank: { RestApi: 5, HttpApi: 5, WebSocketApi: 5 },
  snapshot: false,
  diff(ctx) {
    if (ctx.apiKind !== 'HttpApi') return [];
    return Object.entries(ctx.unusedIntegrations ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, u]) => {
        const c = ctx.change({ target: 'unusedIntegration', action: 'delete', name: id, before: u.integration });
        c.flags.reasons.push(`made for route ${u.routeKey} by an apply that did not finish; no route uses it`);
        return c;
      });
  },
  facts: (a) => [
    ['type', a.type],
    ['uri', a.uri],
  ],
});
