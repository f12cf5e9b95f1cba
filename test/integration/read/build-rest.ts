/**
 * Builds a REST API through the SDK, call by call, the way a console user or another tool
 * would: resources, methods, integrations with responses, a TOKEN and a Cognito
 * authorizer, a validator, a model, a stage with variables, throttling and cache.
 * Returns the ApiModel a correct reader must produce for it.
 */
import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateStageCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import type { ApiModel } from '../../../src/model/api.js';

export const LAMBDA_ARN =
  'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:auth/invocations';
export const POOL_ARN = 'arn:aws:cognito-idp:ap-northeast-2:123456789012:userpool/ap-northeast-2_Abc';

export async function buildRestApi(
  c: APIGatewayClient,
  name: string,
  opts: { tags?: Record<string, string> } = {},
): Promise<{ apiId: string; expected: ApiModel }> {
  const api = await c.send(
    new CreateRestApiCommand({
      name,
      description: 'built by the read test',
      endpointConfiguration: { types: ['REGIONAL'] },
      tags: { team: 'qa', ...opts.tags },
    }),
  );
  const restApiId = api.id!;
  const root = (await c.send(new GetResourcesCommand({ restApiId }))).items!.find((r) => r.path === '/')!.id!;
  const pets = (await c.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: 'pets' }))).id!;
  const pet = (await c.send(new CreateResourceCommand({ restApiId, parentId: pets, pathPart: '{petId}' }))).id!;

  const token = await c.send(
    new CreateAuthorizerCommand({
      restApiId,
      name: 'token-auth',
      type: 'TOKEN',
      authorizerUri: LAMBDA_ARN,
      identitySource: 'method.request.header.X-Token',
      authorizerResultTtlInSeconds: 60,
    }),
  );
  const cognito = await c.send(
    new CreateAuthorizerCommand({
      restApiId,
      name: 'users',
      type: 'COGNITO_USER_POOLS',
      providerARNs: [POOL_ARN],
      identitySource: 'method.request.header.Authorization',
    }),
  );
  const validator = await c.send(
    new CreateRequestValidatorCommand({
      restApiId,
      name: 'all',
      validateRequestBody: true,
      validateRequestParameters: true,
    }),
  );
  const petSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
  await c.send(
    new CreateModelCommand({
      restApiId,
      name: 'Pet',
      contentType: 'application/json',
      schema: JSON.stringify(petSchema),
    }),
  );

  // GET /pets: HTTP_PROXY behind the TOKEN authorizer, with a query parameter.
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'GET',
      authorizationType: 'CUSTOM',
      authorizerId: token.id,
      requestParameters: { 'method.request.querystring.limit': false },
    }),
  );
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: 'https://pets.example.com/pets',
      timeoutInMillis: 5000,
    }),
  );
  // POST /pets: Cognito with scopes, validator, body model, AWS Lambda (non-proxy) with templates and responses.
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'POST',
      authorizationType: 'COGNITO_USER_POOLS',
      authorizerId: cognito.id,
      authorizationScopes: ['pets/write'],
      requestValidatorId: validator.id,
      requestModels: { 'application/json': 'Pet' },
      operationName: 'createPet',
    }),
  );
  await c.send(
    new PutMethodResponseCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'POST',
      statusCode: '201',
      responseParameters: { 'method.response.header.Location': false },
      responseModels: { 'application/json': 'Pet' },
    }),
  );
  await c.send(new PutMethodResponseCommand({ restApiId, resourceId: pets, httpMethod: 'POST', statusCode: '400' }));
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'POST',
      type: 'AWS',
      integrationHttpMethod: 'POST',
      uri: LAMBDA_ARN.replace('auth', 'create'),
      passthroughBehavior: 'NEVER',
      requestTemplates: { 'application/json': '{"body": $input.json(\'$\')}' },
    }),
  );
  await c.send(
    new PutIntegrationResponseCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'POST',
      statusCode: '201',
      responseParameters: { 'method.response.header.Location': "'/pets/1'" },
    }),
  );
  await c.send(
    new PutIntegrationResponseCommand({
      restApiId,
      resourceId: pets,
      httpMethod: 'POST',
      statusCode: '400',
      selectionPattern: '.*invalid.*',
      responseTemplates: { 'application/json': '{"error": "bad"}' },
    }),
  );
  // GET /pets/{petId}: IAM + API key, path parameter mapped to the backend.
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pet,
      httpMethod: 'GET',
      authorizationType: 'AWS_IAM',
      apiKeyRequired: true,
      requestParameters: { 'method.request.path.petId': true },
    }),
  );
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pet,
      httpMethod: 'GET',
      type: 'HTTP',
      integrationHttpMethod: 'GET',
      uri: 'https://pets.example.com/pets/{id}',
      requestParameters: { 'integration.request.path.id': 'method.request.path.petId' },
      cacheKeyParameters: ['method.request.path.petId'],
    }),
  );
  await c.send(new PutMethodResponseCommand({ restApiId, resourceId: pet, httpMethod: 'GET', statusCode: '200' }));
  await c.send(new PutIntegrationResponseCommand({ restApiId, resourceId: pet, httpMethod: 'GET', statusCode: '200' }));
  // OPTIONS /pets/{petId}: MOCK.
  await c.send(new PutMethodCommand({ restApiId, resourceId: pet, httpMethod: 'OPTIONS', authorizationType: 'NONE' }));
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pet,
      httpMethod: 'OPTIONS',
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );

  const dep = await c.send(new CreateDeploymentCommand({ restApiId }));
  await c.send(
    new CreateStageCommand({
      restApiId,
      stageName: 'prod',
      deploymentId: dep.id,
      description: 'Production',
      variables: { color: 'blue' },
      tags: { tier: 'gold' },
    }),
  );
  await c.send(
    new UpdateStageCommand({
      restApiId,
      stageName: 'prod',
      patchOperations: [
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '200' },
        { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
        { op: 'replace', path: '/cacheClusterSize', value: '1.6' },
        { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '120' },
      ],
    }),
  );
  // A second stage with only detailed metrics on: cache off, throttling at AWS's fill-in values.
  await c.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: dep.id }));
  await c.send(
    new UpdateStageCommand({
      restApiId,
      stageName: 'dev',
      patchOperations: [{ op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }],
    }),
  );

  const none = { type: 'NONE' as const, scopes: [] };
  const expected: ApiModel = {
    key: 'pets',
    kind: 'RestApi',
    name,
    description: 'built by the read test',
    endpointType: 'REGIONAL',
    binaryMediaTypes: [],
    apiKeySource: 'HEADER',
    disableExecuteApiEndpoint: false,
    tags: { team: 'qa' },
    stages: {
      dev: { name: 'dev', variables: {}, detailedMetrics: true },
      prod: {
        name: 'prod',
        description: 'Production',
        variables: { color: 'blue' },
        // The cache cluster is on, but no */* caching/enabled: AWS caches no method.
        throttling: { rateLimit: 100, burstLimit: 200 },
        cache: { sizeGb: 1.6, ttlSeconds: 120, allMethods: false },
      },
    },
    wsRoutes: {},
    routes: {
      'GET /pets': {
        method: 'GET',
        path: '/pets',
        authorization: { type: 'CUSTOM', authorizer: 'token-auth', scopes: [] },
        apiKeyRequired: false,
        requestParameters: { 'method.request.querystring.limit': false },
        requestModels: {},
        methodResponses: {},
        integration: {
          type: 'HTTP_PROXY',
          uri: 'https://pets.example.com/pets',
          httpMethod: 'GET',
          requestParameters: {},
          requestTemplates: {},
          responses: {},
          timeoutInMillis: 5000,
          connectionType: 'INTERNET',
          cacheKeyParameters: [],
        },
      },
      'POST /pets': {
        method: 'POST',
        path: '/pets',
        operationName: 'createPet',
        authorization: { type: 'COGNITO_USER_POOLS', authorizer: 'users', scopes: ['pets/write'] },
        apiKeyRequired: false,
        requestValidator: 'all',
        requestParameters: {},
        requestModels: { 'application/json': 'Pet' },
        methodResponses: {
          '201': {
            responseParameters: { 'method.response.header.Location': false },
            responseModels: { 'application/json': 'Pet' },
          },
          '400': { responseParameters: {}, responseModels: {} },
        },
        integration: {
          type: 'AWS',
          uri: LAMBDA_ARN.replace('auth', 'create'),
          httpMethod: 'POST',
          passthroughBehavior: 'NEVER',
          requestParameters: {},
          requestTemplates: { 'application/json': '{"body": $input.json(\'$\')}' },
          responses: {
            default: {
              statusCode: '201',
              responseParameters: { 'method.response.header.Location': "'/pets/1'" },
              responseTemplates: {},
            },
            '.*invalid.*': {
              statusCode: '400',
              responseParameters: {},
              responseTemplates: { 'application/json': '{"error": "bad"}' },
            },
          },
          timeoutInMillis: 29000,
          connectionType: 'INTERNET',
          cacheKeyParameters: [],
        },
      },
      'GET /pets/{petId}': {
        method: 'GET',
        path: '/pets/{petId}',
        authorization: { type: 'AWS_IAM', scopes: [] },
        apiKeyRequired: true,
        requestParameters: { 'method.request.path.petId': true },
        requestModels: {},
        methodResponses: { '200': { responseParameters: {}, responseModels: {} } },
        integration: {
          type: 'HTTP',
          uri: 'https://pets.example.com/pets/{id}',
          httpMethod: 'GET',
          passthroughBehavior: 'WHEN_NO_MATCH',
          requestParameters: { 'integration.request.path.id': 'method.request.path.petId' },
          requestTemplates: {},
          responses: { default: { statusCode: '200', responseParameters: {}, responseTemplates: {} } },
          timeoutInMillis: 29000,
          connectionType: 'INTERNET',
          cacheKeyParameters: ['method.request.path.petId'],
        },
      },
      'OPTIONS /pets/{petId}': {
        method: 'OPTIONS',
        path: '/pets/{petId}',
        authorization: none,
        apiKeyRequired: false,
        requestParameters: {},
        requestModels: {},
        methodResponses: {},
        integration: {
          type: 'MOCK',
          passthroughBehavior: 'WHEN_NO_MATCH',
          requestParameters: {},
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {},
          timeoutInMillis: 29000,
          connectionType: 'INTERNET',
          cacheKeyParameters: [],
        },
      },
    },
    authorizers: {
      'token-auth': {
        name: 'token-auth',
        type: 'TOKEN',
        authorizerUri: LAMBDA_ARN,
        identitySource: ['method.request.header.X-Token'],
        resultTtlSeconds: 60,
        providerArns: [],
      },
      users: {
        name: 'users',
        type: 'COGNITO_USER_POOLS',
        identitySource: ['method.request.header.Authorization'],
        providerArns: [POOL_ARN],
      },
    },
    requestValidators: { all: { name: 'all', validateRequestBody: true, validateRequestParameters: true } },
    models: { Pet: { contentType: 'application/json', schema: petSchema } },
    gatewayResponses: {},
    secrets: [],
  };
  return { apiId: restApiId, expected };
}
