/**
 * Integrations an HTTP apply made and no route uses (an apply that died between
 * CreateIntegration and CreateRoute): found by the read only when apigw-sync's marker is in
 * their description, and planned for deletion by id. Integrations someone else made are
 * never listed; REST APIs have none.
 */
import { describe, expect, it } from 'vitest';
import { normalizeApi } from '../../../src/kinds/normalize.js';
import { integrationMarker, markedFor } from '../../../src/kinds/integration/unused.js';
import { diffApi } from '../../../src/diff/api.js';
import { api, route } from '../../helpers/model-builders.js';

const integration = (id: string, description?: string) => ({
  IntegrationId: id,
  IntegrationType: 'HTTP_PROXY',
  IntegrationMethod: 'GET',
  IntegrationUri: `https://${id}.example.com`,
  PayloadFormatVersion: '1.0',
  Description: description,
});

describe('unused integrations of an HTTP API', () => {
  const wire = {
    api: { ApiId: 'a1', Name: 'a' },
    lists: {
      route: [{ RouteId: 'r1', RouteKey: 'GET /used', Target: 'integrations/used' }],
      integration: [
        integration('used', integrationMarker('GET /used')),
        integration('left', integrationMarker('GET /new')),
        integration('foreign'),
        integration('console', 'made in the console'),
      ],
    },
  };

  it('the marker names the route; only marked integrations count as ours', () => {
    expect(markedFor(integrationMarker('GET /items/{id}'))).toBe('GET /items/{id}');
    expect(markedFor('made in the console')).toBeUndefined();
    expect(markedFor(undefined)).toBeUndefined();
  });

  it('the read keeps the marked ones no route targets, with the route they were made for', () => {
    const live = normalizeApi('HttpApi', 'a', wire);
    expect(Object.keys(live.ids.unusedIntegrations ?? {})).toEqual(['left']);
    expect(live.ids.unusedIntegrations!.left).toMatchObject({
      routeKey: 'GET /new',
      integration: { type: 'HTTP_PROXY', uri: 'https://left.example.com' },
    });
    expect(Object.keys(live.model.routes)).toEqual(['GET /used']);
  });

  it('the diff deletes each by id (destructive, with the reason), and nothing else', () => {
    const live = normalizeApi('HttpApi', 'a', wire);
    const desired = { ...live.model, routes: { 'GET /used': live.model.routes['GET /used'] } };
    const changes = diffApi('a', desired, live.model, { unusedIntegrations: live.ids.unusedIntegrations });
    expect(changes.map((c) => `${c.action} ${c.target} ${c.name}`)).toEqual(['delete unusedIntegration left']);
    expect(changes[0].flags).toMatchObject({ destructive: true, redeploy: false, breaking: false });
    expect(changes[0].flags.reasons).toContain(
      'made for route GET /new by an apply that did not finish; no route uses it',
    );
  });

  it('REST APIs have none', () => {
    const rest = api('r', 'RestApi', { routes: [route('RestApi', 'GET', '/x')] });
    expect(
      diffApi('r', rest, rest, {
        unusedIntegrations: { x: { routeKey: 'GET /x', integration: rest.routes['GET /x'].integration } },
      }),
    ).toEqual([]);
  });
});
