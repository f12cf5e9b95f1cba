import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import type { ApiModel } from '../../../src/model/api.js';
import { api, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const now = new Date('2026-11-23T09:00:00Z');

const rest = (): ApiModel =>
  api('shop', 'RestApi', {
    stages: { prod: stage('prod', { variables: { v: '1' } }), dev: stage('dev') },
    routes: [route('RestApi', 'GET', '/users')],
    secrets: ['dbPassword'],
  });
const http = (): ApiModel =>
  api('events', 'HttpApi', {
    stages: { prod: stage('prod'), preview: stage('preview', { autoDeploy: true }) },
    routes: [route('HttpApi', 'GET', '/events')],
  });

describe('buildPlan', () => {
  it('no changes: empty steps, zero summary, no deployments', () => {
    const plan = buildPlan({ desired: gateway([rest(), http()]), live: snapshot([rest(), http()]), now });
    expect(plan.steps).toEqual([]);
    expect(plan.summary).toEqual({ add: 0, change: 0, destroy: 0, redeploys: 0, breaking: 0 });
    expect(plan.deployments).toEqual({});
    expect(plan.createdAt).toBe('2026-11-23T09:00:00.000Z');
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('route changes redeploy every stage of the API (not auto-deploy HTTP stages)', () => {
    const dRest = rest();
    dRest.routes['POST /users'] = route('RestApi', 'POST', '/users');
    const dHttp = http();
    delete dHttp.routes['GET /events'];
    const plan = buildPlan({ desired: gateway([dRest, dHttp]), live: snapshot([rest(), http()]), now });
    expect(plan.deployments).toEqual({ events: ['prod'], shop: ['dev', 'prod'] });
    expect(plan.summary).toEqual({ add: 2, change: 0, destroy: 2, redeploys: 2, breaking: 1 });
    expect(plan.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(plan.steps[0].change.apiKey).toBe('events');
  });

  it('stage settings alone need no deployment; a new stage needs its own', () => {
    const d = rest();
    d.stages.prod.variables.v = '2';
    d.stages.qa = stage('qa');
    const plan = buildPlan({ desired: gateway([d]), live: snapshot([rest()]), now });
    expect(plan.deployments).toEqual({ shop: ['qa'] });
    expect(plan.summary).toMatchObject({ add: 1, change: 1, redeploys: 1 });
  });

  it('a deleted stage is not deployed', () => {
    const d = rest();
    delete d.stages.dev;
    d.routes['GET /users'].integration.uri = 'https://x/';
    const plan = buildPlan({ desired: gateway([d]), live: snapshot([rest()]), now });
    expect(plan.deployments).toEqual({ shop: ['prod'] });
  });

  it('carries secret names per API and the desired region', () => {
    const plan = buildPlan({
      desired: gateway([rest()], 'us-east-1'),
      live: snapshot([], { region: 'us-east-1' }),
      now,
    });
    expect(plan.secrets).toEqual({ shop: ['dbPassword'] });
    expect(plan.region).toBe('us-east-1');
  });

  it('is deterministic: same input, same plan', () => {
    const d = gateway([rest(), http()]);
    const l = snapshot([]);
    expect(buildPlan({ desired: d, live: l, now })).toEqual(buildPlan({ desired: clone(d), live: clone(l), now }));
  });
});
