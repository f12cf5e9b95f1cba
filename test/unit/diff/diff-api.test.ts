import { describe, expect, it } from 'vitest';
import { diffApi } from '../../../src/diff/api.js';
import { diffGateway } from '../../../src/diff/gateway.js';
import type { ApiModel } from '../../../src/model/api.js';
import type { Change } from '../../../src/model/change.js';
import { api, authorizer, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const restBase = (): ApiModel =>
  api('shop', 'RestApi', {
    description: 'the shop',
    tags: { team: 'platform' },
    stages: {
      prod: stage('prod', { variables: { backendVersion: 'v1' }, throttling: { rateLimit: 100, burstLimit: 200 } }),
    },
    authorizers: { lambda: authorizer('lambda') },
    requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } },
    models: { User: { contentType: 'application/json', schema: { type: 'object', required: ['id'] } } },
    routes: [
      route('RestApi', 'GET', '/users'),
      route('RestApi', 'GET', '/users/{id}', { requestParameters: { 'method.request.path.id': true } }),
      route('RestApi', 'POST', '/users', { authorization: { type: 'CUSTOM', authorizer: 'lambda', scopes: [] } }),
    ],
  });

const httpBase = (): ApiModel =>
  api('events', 'HttpApi', {
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: [],
      exposeHeaders: [],
    },
    stages: { prod: stage('prod') },
    authorizers: {
      jwt: authorizer('jwt', {
        type: 'JWT',
        authorizerUri: undefined,
        identitySource: ['$request.header.Authorization'],
        jwt: { issuer: 'https://issuer', audience: ['app'] },
      }),
    },
    routes: [route('HttpApi', 'GET', '/events'), route('HttpApi', 'POST', '/events')],
  });

const summary = (cs: Change[]) => cs.map((c) => `${c.action} ${c.target} ${c.name}`);

describe('diffApi: identical models', () => {
  it.each([
    ['REST', restBase],
    ['HTTP', httpBase],
  ])('%s: no changes when desired equals live (even as different objects)', (_n, make) => {
    expect(diffApi('k', make(), make())).toEqual([]);
  });

  it('treats an undefined optional field like an absent one', () => {
    const live = restBase();
    const desired = clone(live);
    (desired as { description?: string }).description = undefined;
    delete live.description;
    expect(diffApi('shop', desired, live)).toEqual([]);
  });

  it('nothing on either side: no changes', () => {
    expect(diffApi('x')).toEqual([]);
  });
});

type Edit = (m: ApiModel) => void;

interface Case {
  name: string;
  base: () => ApiModel;
  edit: Edit;
  expect: string[];
  fields?: Record<string, unknown[]>;
  flags?: { redeploy?: boolean; breaking?: boolean; destructive?: boolean; reason?: string };
}

const cases: Case[] = [
  {
    name: 'api description',
    base: restBase,
    edit: (m) => (m.description = 'new'),
    expect: ['update api shop-api'],
    fields: { description: ['the shop', 'new'] },
    flags: { redeploy: false, breaking: false },
  },
  {
    name: 'api rename (matched by key)',
    base: restBase,
    edit: (m) => (m.name = 'shop-v2'),
    expect: ['update api shop-v2'],
    fields: { name: ['shop-api', 'shop-v2'] },
  },
  {
    name: 'binary media types (REST redeploy)',
    base: restBase,
    edit: (m) => (m.binaryMediaTypes = ['image/png']),
    expect: ['update api shop-api'],
    fields: { binaryMediaTypes: [[], ['image/png']] },
    flags: { redeploy: true, reason: 'binary media types changed' },
  },
  {
    name: 'endpoint type',
    base: restBase,
    edit: (m) => (m.endpointType = 'EDGE'),
    expect: ['update api shop-api'],
    flags: { breaking: true, reason: 'endpoint type changed' },
  },
  {
    name: 'tags',
    base: restBase,
    edit: (m) => (m.tags = { team: 'payments', cost: 'x' }),
    expect: ['update tags tags'],
    fields: { team: ['platform', 'payments'], cost: [undefined, 'x'] },
    flags: { redeploy: false, breaking: false },
  },
  {
    name: 'HTTP cors narrowed',
    base: httpBase,
    edit: (m) => (m.cors!.allowOrigins = []),
    expect: ['update api events-api'],
    flags: { breaking: true, reason: 'CORS narrowed' },
  },

  {
    name: 'authorizer create',
    base: restBase,
    edit: (m) => (m.authorizers.other = authorizer('other', { type: 'REQUEST' })),
    expect: ['create authorizer other'],
    flags: { redeploy: true, breaking: false, destructive: false },
  },
  {
    name: 'authorizer update ttl',
    base: restBase,
    edit: (m) => (m.authorizers.lambda.resultTtlSeconds = 0),
    expect: ['update authorizer lambda'],
    fields: { resultTtlSeconds: [300, 0] },
    flags: { redeploy: true, breaking: false },
  },
  {
    name: 'authorizer needs new identity source',
    base: restBase,
    edit: (m) => m.authorizers.lambda.identitySource.push('method.request.header.X-Tenant'),
    expect: ['update authorizer lambda'],
    flags: { breaking: true, reason: 'authorizer needs a new identity source' },
  },
  {
    name: 'authorizer delete (and its route stops using it)',
    base: restBase,
    edit: (m) => {
      delete m.authorizers.lambda;
      m.routes['POST /users'].authorization = { type: 'NONE', scopes: [] };
    },
    expect: ['delete authorizer lambda', 'update route POST /users'],
    flags: { destructive: true, redeploy: true },
  },
  {
    name: 'authorizer rename: identical definition, new name',
    base: restBase,
    edit: (m) => {
      m.authorizers.tokens = { ...m.authorizers.lambda, name: 'tokens' };
      delete m.authorizers.lambda;
      m.routes['POST /users'].authorization.authorizer = 'tokens';
    },
    expect: ['update authorizer tokens'],
    fields: { name: ['lambda', 'tokens'] },
    flags: { destructive: false, breaking: false },
  },

  {
    name: 'request validator added',
    base: restBase,
    edit: (m) =>
      (m.requestValidators.params = { name: 'params', validateRequestBody: false, validateRequestParameters: true }),
    expect: ['create requestValidator params'],
    flags: { redeploy: true },
  },
  {
    name: 'request validator tightened',
    base: restBase,
    edit: (m) => (m.requestValidators.body.validateRequestParameters = true),
    expect: ['update requestValidator body'],
    flags: { breaking: true, reason: 'request validation tightened' },
  },
  {
    name: 'request validator deleted',
    base: restBase,
    edit: (m) => delete m.requestValidators.body,
    expect: ['delete requestValidator body'],
    flags: { destructive: true, redeploy: true },
  },
  {
    name: 'model schema requires more',
    base: restBase,
    edit: (m) => (m.models.User.schema = { type: 'object', required: ['id', 'email'] }),
    expect: ['update model User'],
    flags: { breaking: true, redeploy: true, reason: 'model requires email' },
  },
  {
    name: 'model created',
    base: restBase,
    edit: (m) => (m.models.Order = { contentType: 'application/json', schema: {} }),
    expect: ['create model Order'],
  },

  {
    name: 'route create (route + integration)',
    base: restBase,
    edit: (m) => (m.routes['DELETE /users/{id}'] = route('RestApi', 'DELETE', '/users/{id}')),
    expect: ['create route DELETE /users/{id}', 'create integration DELETE /users/{id}'],
    flags: { redeploy: true, breaking: false },
  },
  {
    name: 'route delete (route + integration)',
    base: restBase,
    edit: (m) => delete m.routes['GET /users'],
    expect: ['delete route GET /users', 'delete integration GET /users'],
    flags: { breaking: true, destructive: true, reason: 'route removed' },
  },
  {
    name: 'auth added to a route',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].authorization = { type: 'CUSTOM', authorizer: 'lambda', scopes: [] }),
    expect: ['update route GET /users'],
    fields: { 'authorization.type': ['NONE', 'CUSTOM'], 'authorization.authorizer': [undefined, 'lambda'] },
    flags: { breaking: true, redeploy: true, reason: 'auth added' },
  },
  {
    name: 'new required parameter',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].requestParameters['method.request.querystring.page'] = true),
    expect: ['update route GET /users'],
    fields: { 'requestParameters["method.request.querystring.page"]': [undefined, true] },
    flags: { breaking: true, reason: 'new required parameter method.request.querystring.page' },
  },
  {
    name: 'optional parameter is not breaking',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].requestParameters['method.request.querystring.page'] = false),
    expect: ['update route GET /users'],
    flags: { breaking: false, redeploy: true },
  },
  {
    name: 'request validator added to a route',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].requestValidator = 'body'),
    expect: ['update route GET /users'],
    flags: { breaking: true, reason: 'request validator added' },
  },
  {
    name: 'API key now required',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].apiKeyRequired = true),
    expect: ['update route GET /users'],
    flags: { breaking: true, reason: 'API key now required' },
  },
  {
    name: 'integration change is its own Change',
    base: restBase,
    edit: (m) => (m.routes['GET /users'].integration.uri = 'https://users-v2.internal.example.com/'),
    expect: ['update integration GET /users'],
    fields: { uri: ['https://backend.internal.example.com/', 'https://users-v2.internal.example.com/'] },
    flags: { redeploy: true, breaking: false, destructive: false },
  },
  {
    name: 'integration timeout',
    base: httpBase,
    edit: (m) => (m.routes['GET /events'].integration.timeoutInMillis = 5000),
    expect: ['update integration GET /events'],
    fields: { timeoutInMillis: [30000, 5000] },
  },

  {
    name: 'stage variable (no redeploy)',
    base: restBase,
    edit: (m) => (m.stages.prod.variables.backendVersion = 'v2'),
    expect: ['update stage prod'],
    fields: { 'variables.backendVersion': ['v1', 'v2'] },
    flags: { redeploy: false, breaking: false },
  },
  {
    name: 'stage throttling + cache added',
    base: restBase,
    edit: (m) => {
      m.stages.prod.throttling = { rateLimit: 50, burstLimit: 200 };
      m.stages.prod.cache = { sizeGb: 0.5, ttlSeconds: 300 };
    },
    expect: ['update stage prod'],
    fields: {
      'throttling.rateLimit': [100, 50],
      'cache.sizeGb': [undefined, 0.5],
      'cache.ttlSeconds': [undefined, 300],
    },
  },
  {
    name: 'stage access log + tracing',
    base: restBase,
    edit: (m) => {
      m.stages.prod.accessLog = { destinationArn: 'arn:aws:logs:x', format: '$context.requestId' };
      m.stages.prod.tracingEnabled = true;
    },
    expect: ['update stage prod'],
    fields: {
      'accessLog.destinationArn': [undefined, 'arn:aws:logs:x'],
      'accessLog.format': [undefined, '$context.requestId'],
      tracingEnabled: [undefined, true],
    },
  },
  {
    name: 'stage create needs a deployment',
    base: restBase,
    edit: (m) => (m.stages.dev = stage('dev')),
    expect: ['create stage dev'],
    flags: { redeploy: true, reason: 'new stage needs a deployment' },
  },
  {
    name: 'stage delete',
    base: restBase,
    edit: (m) => delete m.stages.prod,
    expect: ['delete stage prod'],
    flags: { destructive: true, breaking: true, reason: 'stage prod removed' },
  },
];

describe('diffApi: one edit at a time', () => {
  it.each(cases)('$name', (c) => {
    const live = c.base();
    const desired = clone(live);
    c.edit(desired);
    const changes = diffApi(live.key, desired, live);
    expect(summary(changes)).toEqual(c.expect);
    const first = changes[0];
    for (const [path, [before, after]] of Object.entries(c.fields ?? {})) {
      const f = first.fields.find((x) => x.path === path);
      expect(f, `field ${path} in ${JSON.stringify(first.fields)}`).toBeDefined();
      expect(f!.before).toEqual(before);
      expect(f!.after).toEqual(after);
    }
    if (c.fields) expect(first.fields.map((f) => f.path).sort()).toEqual(Object.keys(c.fields).sort());
    for (const flag of ['redeploy', 'breaking', 'destructive'] as const) {
      if (c.flags?.[flag] !== undefined) expect(first.flags[flag], flag).toBe(c.flags[flag]);
    }
    if (c.flags?.reason) expect(first.flags.reasons).toContain(c.flags.reason);
    // Every change carries both sides as whole objects.
    for (const ch of changes) {
      if (ch.action !== 'create') expect(ch.before).toBeDefined();
      if (ch.action !== 'delete') expect(ch.after).toBeDefined();
      if (ch.action !== 'update') expect(ch.fields).toEqual([]);
      expect(ch.id).toBe(`${ch.apiKey}/${ch.target}/${ch.name}`);
    }
  });
});

describe('diffApi: whole APIs', () => {
  it('creates a new API with everything in it', () => {
    const cs = diffApi('shop', restBase(), undefined);
    expect(summary(cs)).toEqual([
      'create api shop-api',
      'create tags tags',
      'create authorizer lambda',
      'create requestValidator body',
      'create model User',
      'create route GET /users',
      'create integration GET /users',
      'create route GET /users/{id}',
      'create integration GET /users/{id}',
      'create route POST /users',
      'create integration POST /users',
      'create stage prod',
    ]);
    expect(cs[0].after).toMatchObject({ kind: 'RestApi', name: 'shop-api', description: 'the shop' });
    expect(cs[0].before).toBeUndefined();
  });

  it('deletes an API as one destructive, breaking change', () => {
    const cs = diffApi('shop', undefined, restBase());
    expect(summary(cs)).toEqual(['delete api shop-api']);
    expect(cs[0].flags).toMatchObject({ destructive: true, breaking: true });
    expect(cs[0].flags.reasons).toContain('deletes 3 routes and 1 stage(s) with it');
  });

  it('replaces an API whose kind changed', () => {
    const live = restBase();
    const desired = { ...httpBase(), key: 'shop' };
    const cs = diffApi('shop', desired, live);
    expect(cs[0]).toMatchObject({ action: 'delete', target: 'api' });
    expect(cs[0].flags.reasons).toContain('API kind changed: replaced');
    expect(cs[1]).toMatchObject({ action: 'create', target: 'api', apiKind: 'HttpApi' });
  });
});

describe('diffApi: route renames', () => {
  it('REST: a renamed path parameter is an update of the route, not delete + create', () => {
    const live = restBase();
    const desired = clone(live);
    const r = desired.routes['GET /users/{id}'];
    delete desired.routes['GET /users/{id}'];
    desired.routes['GET /users/{userId}'] = {
      ...r,
      path: '/users/{userId}',
      requestParameters: { 'method.request.path.userId': true },
    };
    const cs = diffApi('shop', desired, live);
    expect(summary(cs)).toEqual(['update route GET /users/{userId}']);
    expect(cs[0].before).toMatchObject({ path: '/users/{id}' });
    expect(cs[0].after).toMatchObject({ path: '/users/{userId}' });
    expect(cs[0].fields.map((f) => f.path)).toEqual([
      'path',
      'requestParameters["method.request.path.id"]',
      'requestParameters["method.request.path.userId"]',
    ]);
    expect(cs[0].flags.reasons).toContain('path renamed: clients of GET /users/{id} break');
    expect(cs[0].flags.destructive).toBe(false);
  });

  it('REST: a rename with a changed integration adds an integration update under the new key', () => {
    const live = api('a', 'RestApi', { routes: [route('RestApi', 'GET', '/orders')] });
    const desired = api('a', 'RestApi', {
      routes: [route('RestApi', 'GET', '/purchases', { integration: { uri: 'https://p/' } })],
    });
    expect(summary(diffApi('a', desired, live))).toEqual([
      'update route GET /purchases',
      'update integration GET /purchases',
    ]);
  });

  it('REST: no rename when a live resource (even without methods) already sits at the new path', () => {
    const live = api('a', 'RestApi', { routes: [route('RestApi', 'GET', '/orders')] });
    const desired = api('a', 'RestApi', { routes: [route('RestApi', 'GET', '/purchases')] });
    expect(
      summary(diffApi('a', desired, live, { liveResourcePaths: ['/', '/orders', '/purchases/{id}'] })),
    ).toHaveLength(4);
    expect(summary(diffApi('a', desired, live, { liveResourcePaths: ['/', '/orders'] }))).toEqual([
      'update route GET /purchases',
    ]);
  });

  it('REST: no rename when the old resource still serves another route', () => {
    const live = api('a', 'RestApi', {
      routes: [route('RestApi', 'GET', '/orders'), route('RestApi', 'POST', '/orders')],
    });
    const desired = api('a', 'RestApi', {
      routes: [route('RestApi', 'GET', '/purchases'), route('RestApi', 'POST', '/orders')],
    });
    expect(summary(diffApi('a', desired, live))).toEqual([
      'create route GET /purchases',
      'create integration GET /purchases',
      'delete route GET /orders',
      'delete integration GET /orders',
    ]);
  });

  it('no rename when the method config differs', () => {
    const live = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/orders')] });
    const desired = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/purchases', { apiKeyRequired: true })] });
    expect(summary(diffApi('a', desired, live))).toContain('delete route GET /orders');
  });

  it('no rename when two candidates make it ambiguous', () => {
    const live = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/v1/x')] });
    const desired = api('a', 'HttpApi', {
      routes: [route('HttpApi', 'GET', '/v2/x'), route('HttpApi', 'GET', '/v3/x')],
    });
    expect(summary(diffApi('a', desired, live)).filter((s) => s.startsWith('update'))).toEqual([]);
  });

  it('no rename when more than one segment differs', () => {
    const live = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/v1/x')] });
    const desired = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/v2/y')] });
    expect(summary(diffApi('a', desired, live))).toHaveLength(4);
  });

  it('HTTP: a renamed segment is a route key update', () => {
    const live = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/v1/x'), route('HttpApi', 'POST', '/v1/x')] });
    const desired = api('a', 'HttpApi', {
      routes: [route('HttpApi', 'GET', '/v2/x'), route('HttpApi', 'POST', '/v1/x')],
    });
    expect(summary(diffApi('a', desired, live))).toEqual(['update route GET /v2/x']);
  });
});

describe('diffGateway', () => {
  it('diffs every API and ignores unmanaged live APIs', () => {
    const desired = gateway([restBase(), httpBase()]);
    const liveRest = restBase();
    liveRest.stages.prod.variables.backendVersion = 'v0';
    const live = snapshot([liveRest], {
      unmanaged: [{ apiId: 'x1', kind: 'RestApi', name: 'legacy', managed: false }],
    });
    const cs = diffGateway(desired, live);
    expect(cs.filter((c) => c.apiKey === 'shop').map((c) => `${c.action} ${c.target}`)).toEqual(['update stage']);
    expect(cs.filter((c) => c.apiKey === 'events')[0]).toMatchObject({ action: 'create', target: 'api' });
    expect(cs.some((c) => c.name === 'legacy')).toBe(false);
  });

  it('identical gateway: no changes', () => {
    expect(diffGateway(gateway([restBase(), httpBase()]), snapshot([restBase(), httpBase()]))).toEqual([]);
  });
});

describe('flags: HTTP auto-deploy stages', () => {
  it('a new auto-deploy stage needs no deployment; a manual one does', () => {
    const live = httpBase();
    const desired = clone(live);
    desired.stages.preview = stage('preview', { autoDeploy: true });
    desired.stages.manual = stage('manual');
    const cs = diffApi('events', desired, live);
    expect(cs.find((c) => c.name === 'preview')!.flags.redeploy).toBe(false);
    expect(cs.find((c) => c.name === 'manual')!.flags.redeploy).toBe(true);
  });
});
