import { describe, expect, it } from 'vitest';
import { diffApi } from '../../../src/diff/api.js';
import { orderChanges } from '../../../src/plan/order.js';
import type { ApiModel } from '../../../src/model/api.js';
import type { Change } from '../../../src/model/change.js';
import { api, authorizer, route, stage } from '../../helpers/model-builders.js';

const line = (c: Change) => `${c.action} ${c.target} ${c.name}`;

const full = (kind: ApiModel['kind']): ApiModel =>
  api('a', kind, {
    tags: { t: '1' },
    stages: { prod: stage('prod') },
    authorizers: { auth: authorizer('auth', kind === 'HttpApi' ? { type: 'REQUEST' } : {}) },
    ...(kind === 'RestApi'
      ? { requestValidators: { v: { name: 'v', validateRequestBody: true, validateRequestParameters: true } } }
      : {}),
    routes: [
      route(kind, 'GET', '/a/b/c'),
      route(kind, 'GET', '/a'),
      route(kind, 'POST', '/a/b', { authorization: { type: 'CUSTOM', authorizer: 'auth', scopes: [] } }),
    ],
  });

describe('orderChanges: creates follow the dependency table', () => {
  it('REST: api → tags → authorizers/validators → routes by depth (method, then integration) → stage', () => {
    expect(orderChanges(diffApi('a', full('RestApi'))).map(line)).toEqual([
      'create api a-api',
      'create tags tags',
      'create authorizer auth',
      'create requestValidator v',
      'create route GET /a',
      'create route POST /a/b',
      'create route GET /a/b/c',
      'create integration GET /a',
      'create integration POST /a/b',
      'create integration GET /a/b/c',
      'create stage prod',
    ]);
  });

  it('HTTP: integrations exist before the routes that target them', () => {
    const order = orderChanges(diffApi('a', full('HttpApi'))).map(line);
    expect(order.indexOf('create integration GET /a')).toBeLessThan(order.indexOf('create route GET /a'));
    expect(order.indexOf('create authorizer auth')).toBeLessThan(order.indexOf('create integration GET /a'));
    expect(order[order.length - 1]).toBe('create stage prod');
  });
});

describe('orderChanges: deletes run after creates/updates, in reverse', () => {
  it('REST: integration before its method, deepest route first, authorizer after the routes using it', () => {
    const live = full('RestApi');
    const desired = api('a', 'RestApi', {
      tags: { t: '1' },
      stages: { prod: stage('prod') },
      routes: [route('RestApi', 'GET', '/new')],
    });
    expect(orderChanges(diffApi('a', desired, live)).map(line)).toEqual([
      'create route GET /new',
      'create integration GET /new',
      'delete integration GET /a/b/c',
      'delete integration POST /a/b',
      'delete integration GET /a',
      'delete route GET /a/b/c',
      'delete route POST /a/b',
      'delete route GET /a',
      'delete authorizer auth',
      'delete requestValidator v',
    ]);
  });

  it('HTTP: a route is deleted before its integration', () => {
    const live = full('HttpApi');
    const desired = api('a', 'HttpApi', {
      tags: { t: '1' },
      stages: { prod: stage('prod') },
      authorizers: live.authorizers,
    });
    const order = orderChanges(diffApi('a', desired, live)).map(line);
    expect(order.indexOf('delete route GET /a')).toBeLessThan(order.indexOf('delete integration GET /a'));
    expect(order.indexOf('delete route GET /a/b/c')).toBeLessThan(order.indexOf('delete route GET /a'));
  });

  it('a route switches authorizer before the old one is deleted', () => {
    const live = full('RestApi');
    const desired = full('RestApi');
    delete desired.authorizers.auth;
    desired.authorizers.other = authorizer('other', { type: 'REQUEST' });
    desired.routes['POST /a/b'].authorization.authorizer = 'other';
    const order = orderChanges(diffApi('a', desired, live)).map(line);
    expect(order).toEqual(['create authorizer other', 'update route POST /a/b', 'delete authorizer auth']);
  });

  it('a replaced API (kind changed) is deleted before it is created again', () => {
    const order = orderChanges(diffApi('a', full('HttpApi'), full('RestApi'))).map(line);
    expect(order[0]).toBe('delete api a-api');
    expect(order[1]).toBe('create api a-api');
  });

  it('groups steps per API, APIs by key', () => {
    const cs = [...diffApi('zeta', full('HttpApi')), ...diffApi('alpha', full('RestApi'))];
    const keys = orderChanges(cs).map((c) => c.apiKey);
    expect(keys.indexOf('zeta')).toBe(keys.lastIndexOf('alpha') + 1);
  });
});
