/** Unchanged API Gateway exports (oas30 with extensions, Swagger 2.0) load into the model. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayModel } from '../../../src/model/api.js';
import { loadState } from '../../../src/state/index.js';

let model: GatewayModel;
beforeAll(async () => {
  const r = await loadState('test/fixtures/state/exports');
  expect(r.issues).toEqual([]);
  model = r.model;
});

describe('OpenAPI 3.0 export (get-export --export-type oas30, extensions=apigateway)', () => {
  it('loads every operation, including any-method and {proxy+}', () => {
    expect(Object.keys(model.apis.petstore.routes)).toEqual([
      'ANY /photos/{proxy+}',
      'DELETE /pets/{petId}',
      'GET /pets',
      'GET /pets/{petId}',
      'OPTIONS /pets',
      'POST /pets',
    ]);
  });

  it.each([
    ['GET /pets', { apiKeyRequired: true, authorization: { type: 'NONE', scopes: [] } }],
    [
      'POST /pets',
      {
        authorization: { type: 'CUSTOM', authorizer: 'petstore-token', scopes: [] },
        requestValidator: 'Validate body',
        requestModels: { 'application/json': 'NewPet' },
      },
    ],
    [
      'GET /pets/{petId}',
      { authorization: { type: 'COGNITO_USER_POOLS', authorizer: 'petstore-cognito', scopes: ['petstore/read'] } },
    ],
    ['DELETE /pets/{petId}', { authorization: { type: 'AWS_IAM', scopes: [] } }],
    [
      'ANY /photos/{proxy+}',
      {
        authorization: { type: 'CUSTOM', authorizer: 'petstore-request', scopes: [] },
        requestParameters: { 'method.request.path.proxy': true },
      },
    ],
  ])('%s: authorization and request', (key, expected) => {
    expect(model.apis.petstore.routes[key]).toMatchObject(expected);
  });

  it.each([
    [
      'GET /pets',
      {
        type: 'HTTP',
        passthroughBehavior: 'WHEN_NO_MATCH',
        cacheKeyParameters: ['method.request.querystring.type'],
        responses: {
          default: {
            statusCode: '200',
            responseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" },
            responseTemplates: {},
          },
        },
      },
    ],
    [
      'POST /pets',
      {
        type: 'HTTP',
        passthroughBehavior: 'WHEN_NO_TEMPLATES',
        requestTemplates: { 'application/json': expect.stringContaining('$input.json') },
      },
    ],
    ['OPTIONS /pets', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }],
    [
      'DELETE /pets/{petId}',
      {
        type: 'AWS_PROXY',
        httpMethod: 'POST',
        timeoutInMillis: 10000,
        contentHandling: 'CONVERT_TO_TEXT',
        credentials: 'arn:aws:iam::123456789012:role/apigw-invoke-delete-pet',
      },
    ],
    [
      'ANY /photos/{proxy+}',
      {
        type: 'HTTP_PROXY',
        connectionType: 'VPC_LINK',
        connectionId: 'vl1a2b3',
        httpMethod: 'ANY',
        requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      },
    ],
  ])('%s: integration', (key, expected) => {
    expect(model.apis.petstore.routes[key].integration).toMatchObject(expected);
  });

  it('loads authorizers, validators, models and binary media types', () => {
    const p = model.apis.petstore;
    expect(p.authorizers['petstore-token']).toMatchObject({
      type: 'TOKEN',
      identitySource: ['method.request.header.Authorization'],
      resultTtlSeconds: 300,
      identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$',
    });
    expect(p.authorizers['petstore-request']).toMatchObject({
      type: 'REQUEST',
      identitySource: ['method.request.header.X-Device-Id', 'method.request.querystring.session'],
      resultTtlSeconds: 0,
    });
    expect(p.authorizers['petstore-cognito']).toMatchObject({
      type: 'COGNITO_USER_POOLS',
      providerArns: ['arn:aws:cognito-idp:ap-northeast-2:123456789012:userpool/ap-northeast-2_PetPool1'],
    });
    expect(Object.keys(p.authorizers)).not.toContain('sigv4');
    expect(Object.keys(p.authorizers)).not.toContain('api_key');
    expect(Object.keys(p.requestValidators)).toEqual(['Validate body', 'Validate query string parameters and headers']);
    expect(p.binaryMediaTypes).toEqual(['image/png', 'image/jpeg']);
    expect(p.models.PetType).toEqual({
      contentType: 'application/json',
      schema: { type: 'string', enum: ['dog', 'cat', 'fish', 'bird', 'gecko'] },
    });
    expect(p.apiKeySource).toBe('HEADER');
  });

  it('ignores the export basePath (the stage) by default, like ImportRestApi', () => {
    expect(model.apis.petstore.routes['GET /pets'].path).toBe('/pets');
  });
});

describe('Swagger 2.0 export', () => {
  it('loads body models, header params, AWS (SQS) integration and a token authorizer; basePath prepended on request', () => {
    const l = model.apis.legacy;
    expect(Object.keys(l.routes)).toEqual(['GET /v1/orders/{orderId}', 'POST /v1/orders']);
    expect(l.routes['POST /v1/orders']).toMatchObject({
      requestModels: { 'application/json': 'Order' },
      requestValidator: 'body-only',
      authorization: { type: 'CUSTOM', authorizer: 'orders-token' },
      integration: {
        type: 'AWS',
        passthroughBehavior: 'NEVER',
        uri: 'arn:aws:apigateway:ap-northeast-2:sqs:path/123456789012/legacy-orders',
      },
      methodResponses: { '200': { responseParameters: {}, responseModels: { 'application/json': 'Empty' } } },
    });
    expect(l.routes['GET /v1/orders/{orderId}'].requestParameters).toEqual({
      'method.request.path.orderId': true,
      'method.request.header.X-Trace': false,
    });
    expect(l.authorizers['orders-token']).toMatchObject({ type: 'TOKEN', resultTtlSeconds: 300 });
  });
});
