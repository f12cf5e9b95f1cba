/**
 * A realistic change set for the golden files: a REST API (shop) and an HTTP API (events)
 * with the kinds of edits a team makes in one pull request — auth added, a route added,
 * removed and renamed, integration changes, stage variables (one of them secret), CORS.
 */
import type { ApiModel, GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { api, authorizer, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

export const FIXTURE_NOW = new Date('2026-11-23T09:00:00Z');

function liveShop(): ApiModel {
  return api('shop', 'RestApi', {
    name: 'shop-api',
    description: 'Shop API',
    tags: { team: 'platform' },
    secrets: ['upstreamCode'],
    requestValidators: {
      'body-only': { name: 'body-only', validateRequestBody: true, validateRequestParameters: false },
    },
    stages: {
      prod: stage('prod', {
        variables: { backendVersion: 'v1', dbPassword: 'hunter2-old', upstreamCode: 'c-1111' },
        throttling: { rateLimit: 1000, burstLimit: 2000 },
        cache: { sizeGb: 0.5, ttlSeconds: 300 },
        routeSettings: { 'GET /users/{id}': { caching: { ttlSeconds: 60 } } },
        webAclArn:
          'arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop-waf/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      }),
      dev: stage('dev', { variables: { backendVersion: 'v2' } }),
    },
    routes: [
      route('RestApi', 'GET', '/users/{id}', {
        requestParameters: { 'method.request.path.id': true },
        integration: {
          uri: 'https://users.internal.example.com/users/{id}',
          requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
        },
      }),
      route('RestApi', 'DELETE', '/users/{id}', {
        requestParameters: { 'method.request.path.id': true },
        integration: { uri: 'https://users.internal.example.com/users/{id}' },
      }),
      route('RestApi', 'GET', '/catalog/items', { integration: { uri: 'https://catalog.internal.example.com/items' } }),
      route('RestApi', 'GET', '/health', {
        integration: {
          type: 'MOCK',
          uri: undefined,
          httpMethod: undefined,
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
        },
      }),
    ],
  });
}

function desiredShop(): ApiModel {
  const d = clone(liveShop());
  d.description = 'Shop API | owned by @platform-team, see #42 <b>now</b>';
  d.tags['cost-center'] = 'cc-1234';
  d.authorizers.cognito = authorizer('cognito', {
    type: 'COGNITO_USER_POOLS',
    authorizerUri: undefined,
    providerArns: ['arn:aws:cognito-idp:ap-northeast-2:123456789012:userpool/ap-northeast-2_AbCdEf'],
  });
  d.models.Order = { contentType: 'application/json', schema: { type: 'object', required: ['sku', 'quantity'] } };
  d.stages.prod.variables.backendVersion = 'v2';
  d.stages.prod.variables.dbPassword = 'correct-horse-battery';
  d.stages.prod.variables.upstreamCode = 'c-2222';
  d.stages.prod.throttling = { rateLimit: 500, burstLimit: 1000 };
  // Per-method settings change; the web ACL goes (security-relevant).
  d.stages.prod.detailedMetrics = true;
  d.stages.prod.routeSettings = {
    'GET /users/{id}': { caching: { ttlSeconds: 120 }, throttling: { rateLimit: 50, burstLimit: 100 } },
  };
  delete d.stages.prod.webAclArn;
  d.stages.dev.tracingEnabled = true;
  const getUser = d.routes['GET /users/{id}'];
  getUser.authorization = { type: 'COGNITO_USER_POOLS', authorizer: 'cognito', scopes: [] };
  getUser.integration.uri = 'https://users-v2.internal.example.com/users/{id}';
  delete d.routes['DELETE /users/{id}'];
  const items = d.routes['GET /catalog/items'];
  delete d.routes['GET /catalog/items'];
  d.routes['GET /catalog/products'] = { ...items, path: '/catalog/products' };
  d.routes['GET /health'].integration.timeoutInMillis = 5000;
  d.routes['POST /orders'] = route('RestApi', 'POST', '/orders', {
    authorization: { type: 'COGNITO_USER_POOLS', authorizer: 'cognito', scopes: [] },
    requestValidator: 'body-only',
    requestModels: { 'application/json': 'Order' },
    integration: { uri: 'https://orders.internal.example.com/orders', httpMethod: 'POST' },
  });
  return d;
}

function liveEvents(): ApiModel {
  return api('events', 'HttpApi', {
    name: 'events-api',
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type'],
      exposeHeaders: [],
    },
    authorizers: {
      jwt: authorizer('jwt', {
        type: 'JWT',
        authorizerUri: undefined,
        resultTtlSeconds: undefined,
        identitySource: ['$request.header.Authorization'],
        jwt: { issuer: 'https://auth.example.com', audience: ['events'] },
      }),
    },
    stages: {
      prod: stage('prod', { variables: { feedToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldmVudHMifQ.c2lnbmF0dXJl' } }),
      preview: stage('preview', { autoDeploy: true }),
    },
    routes: [
      route('HttpApi', 'GET', '/events', { integration: { uri: 'https://events.internal.example.com/events' } }),
      route('HttpApi', 'POST', '/events', {
        authorization: { type: 'JWT', authorizer: 'jwt', scopes: ['events:write'] },
        integration: { uri: 'https://events.internal.example.com/events' },
      }),
      route('HttpApi', 'DELETE', '/events/{id}', {
        integration: { uri: 'https://events.internal.example.com/events/{id}' },
      }),
    ],
  });
}

function desiredEvents(): ApiModel {
  const d = clone(liveEvents());
  d.cors!.allowOrigins.push('https://admin.example.com');
  d.routes['GET /events'].integration.timeoutInMillis = 10000;
  d.routes['POST /events'].authorization.scopes.push('events:admin');
  delete d.routes['DELETE /events/{id}'];
  d.routes['GET /events/{id}'] = route('HttpApi', 'GET', '/events/{id}', {
    integration: { uri: 'https://events.internal.example.com/events/{id}' },
  });
  d.stages.prod.variables.feedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldmVudHMyIn0.bmV3c2lnbmF0dXJl';
  d.stages.staging = stage('staging', { variables: { logLevel: 'debug' } });
  return d;
}

export function fixtureDesired(): GatewayModel {
  return gateway([desiredShop(), desiredEvents()]);
}

export function fixtureLive(): LiveSnapshot {
  return snapshot([liveShop(), liveEvents()], {
    unmanaged: [
      { apiId: 'a1b2c3d4e5', kind: 'RestApi', name: 'legacy-orders', managed: false },
      { apiId: 'z9y8x7w6v5', kind: 'HttpApi', name: 'old-events', managed: true },
    ],
  });
}
