import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../src/diff/drift.js';
import type { ApiModel } from '../../../src/model/api.js';
import { api, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const git = (): ApiModel =>
  api('shop', 'RestApi', {
    stages: { prod: stage('prod', { variables: { backendVersion: 'v1' } }) },
    routes: [route('RestApi', 'GET', '/users'), route('RestApi', 'POST', '/users')],
    secrets: ['backendVersion'],
  });

const line = (r: ReturnType<typeof detectDrift>) =>
  r.items.map((i) => `${i.change.action} ${i.change.target} ${i.change.name}`);

describe("detectDrift: told from AWS's side", () => {
  it('none when AWS matches Git', () => {
    const r = detectDrift(gateway([git()]), snapshot([git()]));
    expect(r.items).toEqual([]);
    expect(r.onlyInAws).toEqual([]);
  });

  it('a console edit of an integration: before = Git, after = AWS', () => {
    const aws = git();
    aws.routes['GET /users'].integration.uri = 'https://console-edit/';
    const r = detectDrift(gateway([git()]), snapshot([aws]));
    expect(line(r)).toEqual(['update integration GET /users']);
    expect(r.items[0].change.fields).toEqual([
      { path: 'uri', before: 'https://backend.internal.example.com/', after: 'https://console-edit/' },
    ]);
  });

  it('a route deleted in AWS is a breaking "delete"; a route added in AWS is a "create"', () => {
    const aws = git();
    delete aws.routes['POST /users'];
    aws.routes['GET /debug'] = route('RestApi', 'GET', '/debug');
    const r = detectDrift(gateway([git()]), snapshot([aws]));
    expect(line(r)).toEqual([
      'create route GET /debug',
      'create integration GET /debug',
      'delete route POST /users',
      'delete integration POST /users',
    ]);
    expect(r.items.find((i) => i.change.name === 'POST /users')!.change.flags.breaking).toBe(true);
  });

  it('a changed stage variable', () => {
    const aws = git();
    aws.stages.prod.variables.backendVersion = 'v9';
    const r = detectDrift(gateway([git()]), snapshot([aws]));
    expect(r.items[0].change.fields).toEqual([{ path: 'variables.backendVersion', before: 'v1', after: 'v9' }]);
    expect(r.secrets).toEqual({ shop: ['backendVersion'] });
  });

  it('an out-of-band deployment, when the last applied deployment is known', () => {
    const live = snapshot([git()]);
    live.apis.shop.ids.stageDeployments.prod = { deploymentId: 'dep-console' };
    const r = detectDrift(gateway([git()]), live, { appliedDeployments: { shop: { prod: 'dep-applied' } } });
    expect(line(r)).toEqual(['update deployment prod']);
    expect(r.items[0].change.before).toEqual({ stage: 'prod', deploymentId: 'dep-applied' });
    expect(r.items[0].change.after).toEqual({ stage: 'prod', deploymentId: 'dep-console' });
    expect(r.items[0].change.flags.reasons).toContain('deployed outside apigw-sync');
    // same deployment: no drift
    const same = detectDrift(gateway([git()]), live, { appliedDeployments: { shop: { prod: 'dep-console' } } });
    expect(same.items).toEqual([]);
  });

  it('an API deleted in AWS', () => {
    const r = detectDrift(gateway([git()]), snapshot([]));
    expect(line(r)).toEqual(['delete api shop-api']);
  });

  it('lists APIs only in AWS, sorted, never as changes', () => {
    const live = snapshot([clone(git())], {
      unmanaged: [
        { apiId: 'b', kind: 'HttpApi', name: 'zeta', managed: true },
        { apiId: 'a', kind: 'RestApi', name: 'alpha', managed: false },
      ],
    });
    const r = detectDrift(gateway([git()]), live);
    expect(r.items).toEqual([]);
    expect(r.onlyInAws.map((u) => u.name)).toEqual(['alpha', 'zeta']);
  });
});
