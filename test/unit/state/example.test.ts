import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayModel } from '../../../src/model/api.js';
import { loadState, locate, type SourceMap } from '../../../src/state/index.js';

let model: GatewayModel;
let sources: SourceMap;

beforeAll(async () => {
  const r = await loadState('gateway-state');
  expect(r.issues).toEqual([]);
  model = r.model;
  sources = r.sources;
});

describe('example gateway-state', () => {
  it('has the region and its three APIs', () => {
    expect(model.region).toBe('ap-northeast-2');
    expect(Object.keys(model.apis).sort()).toEqual(['chat', 'events', 'shop']);
  });

  it("declares the custom domain with its mappings and the VPC link shop's GET /inventory names", () => {
    const a = model.account!;
    expect(Object.keys(a.domains)).toEqual(['api.example.com']);
    expect(Object.keys(a.basePathMappings)).toEqual(['api.example.com/(none)', 'api.example.com/shop']);
    expect(Object.keys(a.apiMappings)).toEqual(['api.example.com/events']);
    expect(a.vpcLinks['inventory-nlb']).toMatchObject({ for: 'RestApi' });
    expect(model.apis.shop.routes['GET /inventory'].integration).toMatchObject({
      type: 'HTTP_PROXY',
      connectionType: 'VPC_LINK',
      vpcLink: 'inventory-nlb',
    });
  });

  it('builds shop from two plain service files with prefixes, defaults and path mappings', () => {
    const shop = model.apis.shop;
    expect(shop.kind).toBe('RestApi');
    expect(Object.keys(shop.routes)).toEqual([
      'DELETE /users/{user_id}',
      'GET /api/health',
      'GET /api/orders',
      'GET /api/orders/{order_id}',
      'GET /inventory',
      'GET /users',
      'GET /users/{user_id}',
      'GET /users/{user_id}/addresses',
      'POST /api/orders',
      'POST /users',
      'PUT /api/orders/{order_id}/items/{item_id}',
    ]);
    const item = shop.routes['PUT /api/orders/{order_id}/items/{item_id}'];
    expect(item.integration).toMatchObject({
      type: 'HTTP_PROXY',
      uri: 'https://orders.internal.example.com/orders/{order_id}/items/{item_id}',
      httpMethod: 'PUT',
      timeoutInMillis: 29000,
      connectionType: 'INTERNET',
      requestParameters: {
        'integration.request.path.order_id': 'method.request.path.order_id',
        'integration.request.path.item_id': 'method.request.path.item_id',
      },
    });
    expect(item.requestParameters).toEqual({
      'method.request.path.order_id': true,
      'method.request.path.item_id': true,
    });
    expect(item.authorization).toEqual({ type: 'COGNITO_USER_POOLS', authorizer: 'shop-cognito', scopes: [] });
    // `security: []` on an operation means no authorization, even with a service default.
    expect(shop.routes['GET /api/health'].authorization).toEqual({ type: 'NONE', scopes: [] });
    expect(shop.routes['GET /users/{user_id}'].integration.timeoutInMillis).toBe(10000);
    expect(shop.routes['POST /users']).toMatchObject({
      requestValidator: 'body-and-params',
      requestModels: { 'application/json': 'NewUser' },
    });
    expect(shop.requestValidators['body-and-params']).toEqual({
      name: 'body-and-params',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    expect(Object.keys(shop.models).sort()).toEqual(['NewOrder', 'NewUser', 'User', 'UserList']);
  });

  it('fills stage, cache, throttling and the merged rollout policy', () => {
    const shop = model.apis.shop;
    expect(shop.stages.prod).toMatchObject({
      variables: { backendVersion: 'v1' },
      throttling: { rateLimit: 1000, burstLimit: 2000 },
      cache: { sizeGb: 0.5, ttlSeconds: 300 },
    });
    expect(shop.rollout).toEqual({
      stage: 'prod',
      steps: [5, 25, 50, 100],
      bakeSeconds: 120,
      pollSeconds: 5,
      minRequests: 100,
      timeoutSeconds: 120 * 4 * 2 + 300,
      onInsufficientData: 'rollback',
      onAlarmReadError: 'rollback',
      leaseSeconds: 60,
      alarms: ['shop-api-5xx', 'shop-api-p99-latency'],
      managedAlarms: [],
    });
    expect(shop.endpointType).toBe('REGIONAL');
    expect(shop.tags).toEqual({ team: 'platform', 'cost-center': 'storefront' });
  });

  it('builds events (HttpApi) with a JWT authorizer, HTTP and Lambda proxy integrations', () => {
    const ev = model.apis.events;
    expect(ev.kind).toBe('HttpApi');
    expect(ev.authorizers['events-jwt']).toMatchObject({
      type: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwt: { issuer: expect.stringContaining('cognito-idp.ap-northeast-2') },
    });
    expect(ev.routes['POST /events'].integration).toMatchObject({
      type: 'AWS_PROXY',
      payloadFormatVersion: '2.0',
      timeoutInMillis: 30000,
    });
    expect(ev.routes['POST /events'].authorization).toEqual({
      type: 'JWT',
      authorizer: 'events-jwt',
      scopes: ['events/write'],
    });
    expect(ev.routes['ANY /stream/{proxy+}'].integration).toMatchObject({
      type: 'HTTP_PROXY',
      uri: 'https://stream.internal.example.com/{proxy}',
    });
    expect(ev.stages.live.autoDeploy).toBe(false);
    // HTTP APIs cannot split traffic: deploy-and-bake is one step.
    expect(ev.rollout?.steps).toEqual([100]);
    expect(ev.rollout?.timeoutSeconds).toBe(180 * 2 + 300);
  });

  it('builds chat (WebSocketApi) from its routes file: $connect with the authorizer, a two-way $default, per-route throttling', () => {
    const chat = model.apis.chat;
    expect(chat.kind).toBe('WebSocketApi');
    expect(chat.routeSelectionExpression).toBe('$request.body.action');
    expect(chat.apiKeySelectionExpression).toBe('$request.header.x-api-key');
    expect(Object.keys(chat.wsRoutes)).toEqual(['$connect', '$default', '$disconnect', 'sendmessage']);
    expect(chat.routes).toEqual({});
    expect(chat.wsRoutes.$connect).toMatchObject({
      authorization: { type: 'CUSTOM', authorizer: 'connect-token' },
      requestParameters: { 'route.request.querystring.token': true },
    });
    expect(chat.wsRoutes.$connect.integration).toMatchObject({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      timeoutInMillis: 29000,
      connectionType: 'INTERNET',
    });
    expect(chat.wsRoutes.$default).toMatchObject({
      routeResponseSelectionExpression: '$default',
      responses: { $default: { responseModels: {}, responseParameters: {} } },
    });
    expect(chat.wsRoutes.$default.integration).toMatchObject({
      type: 'MOCK',
      templateSelectionExpression: '\\$default',
      passthroughBehavior: 'WHEN_NO_MATCH',
    });
    expect(Object.keys(chat.wsRoutes.$default.integrationResponses)).toEqual(['$default']);
    expect(chat.wsRoutes.sendmessage.integration.timeoutInMillis).toBe(10000);
    expect(chat.authorizers['connect-token']).toMatchObject({
      type: 'REQUEST',
      identitySource: ['route.request.querystring.token'],
    });
    expect(chat.stages.live).toMatchObject({
      autoDeploy: false,
      logging: { level: 'ERROR' },
      routeSettings: { sendmessage: { throttling: { rateLimit: 50, burstLimit: 100 } } },
    });
    // No traffic split for WebSocket APIs: one 100 % step.
    expect(chat.rollout?.steps).toEqual([100]);
    expect(chat.rollout?.managedAlarms.map((a) => a.metric)).toEqual(['IntegrationError']);
    expect(sources['chat/routes/sendmessage']?.file).toBe('gateway-state/apis/chat/routes.yaml');
  });

  it('maps every route, stage and authorizer to where it is declared', () => {
    expect(sources['shop/routes/GET /users/{user_id}']).toEqual({
      file: 'gateway-state/apis/shop/users.openapi.yaml',
      line: 39,
      column: 5,
    });
    expect(sources['shop/stages/prod']?.file).toBe('gateway-state/apis/shop/api.yaml');
    expect(sources['events/authorizers/events-jwt']?.file).toBe('gateway-state/apis/events/events.openapi.yaml');
    expect(sources.shop).toEqual({ file: 'gateway-state/apis/shop/api.yaml', line: 2, column: 1 });
    for (const [key, api] of Object.entries(model.apis)) {
      for (const rk of Object.keys(api.routes)) expect(sources[`${key}/routes/${rk}`], rk).toBeDefined();
      for (const s of Object.keys(api.stages)) expect(sources[`${key}/stages/${s}`]).toBeDefined();
    }
    // Finer keys fall back to the nearest declaration.
    expect(locate(sources, 'shop/routes/GET /users/{user_id}/integration/uri')?.file).toBe(
      'gateway-state/apis/shop/api.yaml',
    );
  });
});
