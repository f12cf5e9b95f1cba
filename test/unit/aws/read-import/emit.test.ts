/**
 * The import emitter, pure: ApiModel → files → the loader's compileState → the same model.
 * Plus the golden text of one import, and what the OpenAPI form cannot carry (warnings).
 */
import { describe, expect, it } from 'vitest';
import { emitApi, emitGatewayYaml } from '../../../../src/import/emit.js';
import { apiKeyFor } from '../../../../src/import/emit-api-yaml.js';
import { compileState } from '../../../../src/state/index.js';
import type { ApiModel, IntegrationModel, RouteModel } from '../../../../src/model/api.js';
import { expectGolden } from '../../../helpers/golden.js';

const FN =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations';

const integ = (o: Partial<IntegrationModel>): IntegrationModel => ({
  type: 'HTTP_PROXY',
  requestParameters: {},
  requestTemplates: {},
  responses: {},
  timeoutInMillis: 29000,
  connectionType: 'INTERNET',
  cacheKeyParameters: [],
  ...o,
});
const route = (method: RouteModel['method'], path: string, o: Partial<RouteModel> = {}): RouteModel => ({
  method,
  path,
  authorization: { type: 'NONE', scopes: [] },
  apiKeyRequired: false,
  requestParameters: {},
  requestModels: {},
  methodResponses: {},
  integration: integ({ uri: `https://b.example.com${path}`, httpMethod: method }),
  ...o,
});
const base = (o: Partial<ApiModel>): ApiModel => ({
  key: 'a',
  kind: 'RestApi',
  name: 'a',
  endpointType: 'REGIONAL',
  apiKeySource: 'HEADER',
  disableExecuteApiEndpoint: false,
  binaryMediaTypes: [],
  tags: {},
  stages: {},
  routes: {},
  wsRoutes: {},
  authorizers: {},
  requestValidators: {},
  models: {},
  gatewayResponses: {},
  secrets: [],
  ...o,
});

const REST: ApiModel = base({
  key: 'orders',
  name: 'Orders API',
  description: 'orders',
  endpointType: 'EDGE',
  apiKeySource: 'AUTHORIZER',
  disableExecuteApiEndpoint: true,
  binaryMediaTypes: ['image/png'],
  tags: { team: 'x', 'cost-center': '42' },
  stages: {
    prod: {
      name: 'prod',
      description: 'P',
      variables: { v: '1', n: '007' },
      throttling: { rateLimit: 5, burstLimit: 10 },
      cache: { sizeGb: 0.5, ttlSeconds: 60 },
      accessLog: { destinationArn: 'arn:aws:logs:x', format: '$context.requestId' },
      tracingEnabled: false,
    },
    dev: { name: 'dev', variables: {} },
  },
  authorizers: {
    sigv4: {
      name: 'sigv4',
      type: 'TOKEN',
      authorizerUri: FN,
      identitySource: ['method.request.header.X-Auth'],
      providerArns: [],
      resultTtlSeconds: 0,
      identityValidationExpression: '^Bearer .+$',
    },
    req: {
      name: 'req',
      type: 'REQUEST',
      authorizerUri: FN,
      authorizerCredentials: 'arn:aws:iam::1:role/r',
      identitySource: ['method.request.header.A', 'method.request.querystring.b'],
      providerArns: [],
    },
  },
  requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } },
  models: {
    Order: {
      contentType: 'application/json',
      schema: { type: 'object', description: 'an order', properties: { id: { type: 'string' } } },
      description: 'an order',
    },
  },
  routes: {
    'ANY /{proxy+}': route('ANY', '/{proxy+}', {
      requestParameters: { 'method.request.path.proxy': true },
      integration: integ({
        uri: 'https://b.example.com/{proxy}',
        httpMethod: 'ANY',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
        cacheKeyParameters: ['method.request.path.proxy'],
      }),
    }),
    'GET /orders': route('GET', '/orders', {
      operationName: 'list',
      authorization: { type: 'CUSTOM', authorizer: 'sigv4', scopes: [] },
      apiKeyRequired: true,
      requestParameters: { 'method.request.querystring.page': false, 'method.request.header.X-Trace': true },
      methodResponses: {
        '200': {
          responseParameters: { 'method.response.header.X-Count': false },
          responseModels: { 'application/json': 'Order' },
        },
      },
    }),
    'POST /orders': route('POST', '/orders', {
      authorization: { type: 'AWS_IAM', scopes: [] },
      requestValidator: 'body',
      requestModels: { 'application/json': 'Order' },
      integration: integ({
        type: 'AWS',
        uri: FN,
        httpMethod: 'POST',
        passthroughBehavior: 'WHEN_NO_TEMPLATES',
        contentHandling: 'CONVERT_TO_TEXT',
        credentials: 'arn:aws:iam::1:role/r',
        timeoutInMillis: 1000,
        requestTemplates: { 'application/json': '#set($x = 1)\n{"a": "$x"}' },
        responses: {
          default: { statusCode: '200', responseParameters: {}, responseTemplates: {} },
          'Err.*': {
            statusCode: '500',
            responseParameters: { 'method.response.header.X': "'e'" },
            responseTemplates: { 'application/json': '{}' },
            contentHandling: 'CONVERT_TO_BINARY',
          },
        },
      }),
    }),
    'DELETE /orders/{id}': route('DELETE', '/orders/{id}', {
      authorization: { type: 'CUSTOM', authorizer: 'req', scopes: [] },
      requestParameters: { 'method.request.path.id': true },
      integration: integ({
        type: 'MOCK',
        httpMethod: undefined,
        uri: undefined,
        passthroughBehavior: 'WHEN_NO_MATCH',
        connectionType: 'VPC_LINK',
        connectionId: 'vl1',
      }),
    }),
  },
});

const HTTP: ApiModel = base({
  key: 'events',
  kind: 'HttpApi',
  name: 'events',
  endpointType: undefined,
  apiKeySource: undefined,
  cors: {
    allowOrigins: ['*'],
    allowMethods: [],
    allowHeaders: ['a'],
    exposeHeaders: [],
    allowCredentials: false,
    maxAge: 0,
  },
  stages: {
    $default: { name: '$default', variables: {}, autoDeploy: true },
    live: { name: 'live', variables: { q: 'x' }, autoDeploy: false, throttling: { rateLimit: 1, burstLimit: 2 } },
  },
  authorizers: {
    jwt: {
      name: 'jwt',
      type: 'JWT',
      identitySource: ['$request.header.Authorization'],
      providerArns: [],
      jwt: { issuer: 'https://i', audience: ['a', 'b'] },
    },
    fn: {
      name: 'fn',
      type: 'REQUEST',
      authorizerUri: FN,
      identitySource: ['$request.header.K', '$context.x'],
      providerArns: [],
      payloadFormatVersion: '1.0',
      resultTtlSeconds: 0,
      enableSimpleResponses: false,
    },
  },
  routes: {
    $default: route('ANY', '$default', {
      authorization: { type: 'AWS_IAM', scopes: [] },
      integration: integ({
        type: 'AWS_PROXY',
        uri: FN,
        httpMethod: 'POST',
        timeoutInMillis: 30000,
        payloadFormatVersion: '2.0',
      }),
    }),
    'POST /e': route('POST', '/e', {
      authorization: { type: 'JWT', authorizer: 'jwt', scopes: ['w', 'r'] },
      integration: integ({
        uri: 'https://b/e',
        httpMethod: 'POST',
        timeoutInMillis: 30000,
        payloadFormatVersion: '1.0',
      }),
    }),
    'GET /e/{id}': route('GET', '/e/{id}', {
      operationName: 'get',
      authorization: { type: 'CUSTOM', authorizer: 'fn', scopes: [] },
      integration: integ({
        uri: 'https://b/e/{id}',
        httpMethod: 'GET',
        timeoutInMillis: 5000,
        payloadFormatVersion: '1.0',
      }),
    }),
  },
});

function compileEmitted(model: ApiModel) {
  const { files, warnings } = emitApi(model.key, model);
  const state = compileState({
    root: 'gateway-state',
    files: new Map([...Object.entries(files), ['gateway.yaml', emitGatewayYaml('us-east-1')]]),
  });
  return { state, warnings, files };
}

describe('emitApi → compileState', () => {
  it.each([
    ['a REST API with every part', REST],
    ['an HTTP API with JWT, Lambda and IAM routes', HTTP],
  ])('%s loads back to the same model', (_n, model) => {
    const { state, warnings } = compileEmitted(model);
    expect(state.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(state.model.region).toBe('us-east-1');
    const { rollout: _r, ...loaded } = state.model.apis[model.key];
    expect(loaded).toEqual(model);
    expect(warnings).toEqual([]);
  });

  it('writes what API Gateway exports (golden)', () => {
    const { files } = compileEmitted(REST);
    expectGolden('import/orders-api.yaml', files['apis/orders/api.yaml']);
    expectGolden('import/orders-openapi.yaml', files['apis/orders/openapi.yaml']);
  });

  it('says what the OpenAPI form cannot carry instead of dropping it silently', () => {
    const m = base({
      routes: {
        'GET /x': route('GET', '/x', {
          requestParameters: { 'method.request.multivaluequerystring.tags': false },
          methodResponses: {
            '200': { responseParameters: { 'method.response.header.Req': true }, responseModels: {} },
          },
        }),
        'GET /broken': route('GET', '/broken', { integration: integ({ type: 'MOCK', timeoutInMillis: 0 }) }),
      },
      models: { Text: { contentType: 'text/plain', schema: { type: 'string' } } },
    });
    expect(emitApi('a', m).warnings).toEqual([
      'GET /x: request parameter method.request.multivaluequerystring.tags has no OpenAPI form; left out',
      'GET /x: response header Req is required in AWS; OpenAPI import makes it optional',
      'GET /broken: has no integration in AWS; left out (add one, then import again)',
      'model Text: content type text/plain becomes application/json (OpenAPI schemas carry none)',
    ]);
  });
});

describe('apiKeyFor', () => {
  it.each([
    ['shop-api', 'shop-api'],
    ['Pets API (legacy)', 'pets-api-legacy'],
    ['  --Über__Service--  ', 'ber-service'],
    ['日本語', 'api'],
    ['x'.repeat(80), 'x'.repeat(63)],
  ])('%s → %s', (name, key) => {
    expect(apiKeyFor(name)).toBe(key);
    expect(key).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
  });
});
