/** An HTTP API built call by call through the SDK reads back as exactly the expected ApiModel. */
import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { listApis, readApi, readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import type { ApiModel } from '../../../src/model/api.js';
import { REGION, startReadEmulator, testClients } from './helpers.js';

const FN =
  'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:events/invocations';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

describe('HTTP API read', () => {
  it('joins routes to integrations, names authorizers, reads stages and CORS', async () => {
    const clients = testClients(emu.url);
    const c = clients.apigwv2;
    const api = await c.send(
      new CreateApiCommand({
        Name: 'events-http',
        ProtocolType: 'HTTP',
        Description: 'ingest',
        CorsConfiguration: { AllowOrigins: ['https://a.example.com'], AllowMethods: ['GET'], MaxAge: 60 },
        Tags: { team: 'data', 'apigw-sync:id': 'events' },
      }),
    );
    const ApiId = api.ApiId!;
    const jwt = await c.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'jwt',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['events'] },
      }),
    );
    const lambdaAuth = await c.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'lambda',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: FN,
        IdentitySource: ['$request.header.X-Key'],
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        AuthorizerResultTtlInSeconds: 30,
      }),
    );
    const backend = await c.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://events.example.com/in',
        IntegrationMethod: 'POST',
        TimeoutInMillis: 8000,
      }),
    );
    const fn = await c.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: FN,
        PayloadFormatVersion: '2.0',
      }),
    );
    await c.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: 'POST /events',
        AuthorizationType: 'JWT',
        AuthorizerId: jwt.AuthorizerId,
        AuthorizationScopes: ['write'],
        Target: `integrations/${backend.IntegrationId}`,
      }),
    );
    await c.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: 'GET /events/{id}',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: lambdaAuth.AuthorizerId,
        Target: `integrations/${fn.IntegrationId}`,
        OperationName: 'getEvent',
      }),
    );
    await c.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: '$default',
        AuthorizationType: 'AWS_IAM',
        Target: `integrations/${fn.IntegrationId}`,
      }),
    );
    await c.send(
      new CreateStageCommand({
        ApiId,
        StageName: 'live',
        StageVariables: { queue: 'q1' },
        Description: 'Live',
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      }),
    );
    await c.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));

    const proxy = (uri: string, method: string, pfv: string, timeout: number) => ({
      type: uri === FN ? ('AWS_PROXY' as const) : ('HTTP_PROXY' as const),
      uri,
      httpMethod: method,
      requestParameters: {},
      requestTemplates: {},
      responses: {},
      timeoutInMillis: timeout,
      connectionType: 'INTERNET' as const,
      cacheKeyParameters: [],
      payloadFormatVersion: pfv,
    });
    const bare = { apiKeyRequired: false, requestParameters: {}, requestModels: {}, methodResponses: {} };
    const expected: ApiModel = {
      key: 'events',
      kind: 'HttpApi',
      name: 'events-http',
      description: 'ingest',
      binaryMediaTypes: [],
      disableExecuteApiEndpoint: false,
      cors: {
        allowOrigins: ['https://a.example.com'],
        allowMethods: ['GET'],
        allowHeaders: [],
        exposeHeaders: [],
        maxAge: 60,
      },
      tags: { team: 'data' },
      stages: {
        $default: { name: '$default', variables: {}, autoDeploy: true },
        live: {
          name: 'live',
          description: 'Live',
          variables: { queue: 'q1' },
          throttling: { rateLimit: 50, burstLimit: 100 },
          autoDeploy: false,
        },
      },
      wsRoutes: {},
      routes: {
        $default: {
          method: 'ANY',
          path: '$default',
          authorization: { type: 'AWS_IAM', scopes: [] },
          ...bare,
          integration: proxy(FN, 'POST', '2.0', 30000),
        },
        'GET /events/{id}': {
          method: 'GET',
          path: '/events/{id}',
          operationName: 'getEvent',
          authorization: { type: 'CUSTOM', authorizer: 'lambda', scopes: [] },
          ...bare,
          integration: proxy(FN, 'POST', '2.0', 30000),
        },
        'POST /events': {
          method: 'POST',
          path: '/events',
          authorization: { type: 'JWT', authorizer: 'jwt', scopes: ['write'] },
          ...bare,
          integration: proxy('https://events.example.com/in', 'POST', '1.0', 8000),
        },
      },
      authorizers: {
        jwt: {
          name: 'jwt',
          type: 'JWT',
          identitySource: ['$request.header.Authorization'],
          providerArns: [],
          jwt: { issuer: 'https://issuer.example.com', audience: ['events'] },
        },
        lambda: {
          name: 'lambda',
          type: 'REQUEST',
          authorizerUri: FN,
          identitySource: ['$request.header.X-Key'],
          providerArns: [],
          resultTtlSeconds: 30,
          payloadFormatVersion: '2.0',
          enableSimpleResponses: true,
        },
      },
      requestValidators: {},
      models: {},
      gatewayResponses: {},
      secrets: [],
    };

    const listed = (await listApis(clients)).find((a) => a.apiId === ApiId)!;
    const live = await readApi(clients, listed, 'events');
    expect(live.model).toEqual(expected);
    expect(live.ids.toolTags).toEqual({ 'apigw-sync:id': 'events' });
    expect(live.ids.integrationIds['POST /events']).toBe(backend.IntegrationId);
    expect(live.ids.integrationIds.$default).toBe(fn.IntegrationId);
    expect(Object.keys(live.ids.routeIds).sort()).toEqual(['$default', 'GET /events/{id}', 'POST /events']);
    expect(live.ids.authorizerIds).toEqual({ jwt: jwt.AuthorizerId, lambda: lambdaAuth.AuthorizerId });

    // Matched by its id tag although the state calls it differently.
    const desired = { region: REGION, defaults: {}, apis: { events: { ...expected, name: 'renamed' } } };
    const snap = await readLive({ clients, desired, region: REGION });
    expect(snap.apis.events.ids.apiId).toBe(ApiId);
    expect(diffGateway({ ...desired, apis: { events: expected } }, snap)).toEqual([]);
  }, 60_000);
});
