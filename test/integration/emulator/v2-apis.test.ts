/**
 * API Gateway v2 over HTTP with the real SDK client: Apis, Routes, Integrations, Authorizers,
 * Tags, paging and the conflicts AWS raises on delete.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateVpcLinkCommand,
  DeleteApiCommand,
  DeleteAuthorizerCommand,
  DeleteCorsConfigurationCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetApiCommand,
  GetApisCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

let emu: RunningEmulator;
let v2: ApiGatewayV2Client;

beforeAll(async () => {
  emu = await startEmulator({ quotas: false });
  v2 = new ApiGatewayV2Client({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  v2.destroy();
  await emu.stop();
});

async function newApi(name = 'pets') {
  const api = await v2.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }));
  return api.ApiId!;
}

async function httpIntegration(ApiId: string, uri = 'https://backend.example.com/pets') {
  const i = await v2.send(
    new CreateIntegrationCommand({
      ApiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: uri,
      IntegrationMethod: 'ANY',
    }),
  );
  return i.IntegrationId!;
}

describe('v2 Apis', () => {
  it('creates, reads, updates and deletes an HTTP API with AWS defaults', async () => {
    const created = await v2.send(
      new CreateApiCommand({
        Name: 'orders',
        ProtocolType: 'HTTP',
        Description: 'd1',
        Tags: { team: 'core' },
        CorsConfiguration: { AllowOrigins: ['*'], MaxAge: 60 },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      Name: 'orders',
      ProtocolType: 'HTTP',
      Description: 'd1',
      Tags: { team: 'core' },
      RouteSelectionExpression: '$request.method $request.path',
      ApiKeySelectionExpression: '$request.header.x-api-key',
      DisableExecuteApiEndpoint: false,
      CorsConfiguration: { AllowOrigins: ['*'], MaxAge: 60 },
    });
    expect(created.ApiEndpoint).toBe(`https://${created.ApiId}.execute-api.us-east-1.amazonaws.com`);
    expect(created.CreatedDate).toBeInstanceOf(Date);

    const updated = await v2.send(
      new UpdateApiCommand({ ApiId: created.ApiId!, Name: 'orders-v2', DisableExecuteApiEndpoint: true }),
    );
    expect(updated).toMatchObject({ Name: 'orders-v2', Description: 'd1', DisableExecuteApiEndpoint: true });
    await v2.send(new DeleteCorsConfigurationCommand({ ApiId: created.ApiId! }));
    expect((await v2.send(new GetApiCommand({ ApiId: created.ApiId! }))).CorsConfiguration).toBeUndefined();
    await expect(v2.send(new DeleteCorsConfigurationCommand({ ApiId: created.ApiId! }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    expect((await v2.send(new GetApiCommand({ ApiId: created.ApiId! }))).Name).toBe('orders-v2');

    await v2.send(new DeleteApiCommand({ ApiId: created.ApiId! }));
    await expect(v2.send(new GetApiCommand({ ApiId: created.ApiId! }))).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 404 },
      message: `Invalid API identifier specified ${created.ApiId}`,
    });
  });

  it.each([
    ['missing name', { ProtocolType: 'HTTP' }],
    ['unknown protocol', { Name: 'x', ProtocolType: 'GRPC' }],
    ['websocket without a route selection expression', { Name: 'x', ProtocolType: 'WEBSOCKET' }],
  ])('refuses CreateApi with %s', async (_label, input) => {
    await expect(v2.send(new CreateApiCommand(input as never))).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('quick create makes the integration, $default route and an auto-deploying $default stage', async () => {
    const api = await v2.send(
      new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: 'https://quick.example.com' }),
    );
    const routes = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId! }));
    expect(routes.Items).toHaveLength(1);
    expect(routes.Items![0]).toMatchObject({ RouteKey: '$default', ApiGatewayManaged: true });
    const integration = await v2.send(
      new GetIntegrationCommand({ ApiId: api.ApiId!, IntegrationId: routes.Items![0].Target!.split('/')[1] }),
    );
    expect(integration).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://quick.example.com',
      PayloadFormatVersion: '1.0',
    });
  });

  it('pages GetApis with MaxResults and NextToken and sees every API once', async () => {
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await newApi(`paged-${i}`));
    const first = await v2.send(new GetApisCommand({ MaxResults: '3' }));
    expect(first.Items).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await v2.send(new GetApisCommand({ MaxResults: '3', NextToken }));
      expect(page.Items!.length).toBeLessThanOrEqual(3);
      seen.push(...page.Items!.map((a) => a.ApiId!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
    await expect(v2.send(new GetApisCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    await expect(v2.send(new GetApisCommand({ MaxResults: '0' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });
});

describe('v2 Integrations', () => {
  it('applies AWS defaults and validates payload formats', async () => {
    const ApiId = await newApi();
    const http = await v2.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://a.example.com',
        IntegrationMethod: 'GET',
      }),
    );
    expect(http).toMatchObject({
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: 30000,
      ConnectionType: 'INTERNET',
      IntegrationMethod: 'GET',
    });

    const lambdaUri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations';
    await expect(
      v2.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaUri })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('PayloadFormatVersion'),
    });
    const lambda = await v2.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: lambdaUri,
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 5000,
        RequestParameters: { 'overwrite:header.x-a': 'b' },
      }),
    );
    expect(lambda).toMatchObject({
      IntegrationMethod: 'POST',
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 5000,
      RequestParameters: { 'overwrite:header.x-a': 'b' },
    });

    const table: Array<[string, Record<string, unknown>]> = [
      [
        'timeout above 30 s',
        {
          IntegrationType: 'HTTP_PROXY',
          IntegrationUri: 'https://a',
          IntegrationMethod: 'GET',
          TimeoutInMillis: 30001,
        },
      ],
      [
        'HTTP_PROXY with payload 2.0',
        {
          IntegrationType: 'HTTP_PROXY',
          IntegrationUri: 'https://a',
          IntegrationMethod: 'GET',
          PayloadFormatVersion: '2.0',
        },
      ],
      ['HTTP_PROXY without method', { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://a' }],
      [
        'VPC_LINK without connection id',
        {
          IntegrationType: 'HTTP_PROXY',
          IntegrationUri: 'arn:aws:elasticloadbalancing:x',
          IntegrationMethod: 'GET',
          ConnectionType: 'VPC_LINK',
        },
      ],
      ['MOCK on an HTTP API', { IntegrationType: 'MOCK' }],
    ];
    for (const [label, input] of table) {
      await expect(v2.send(new CreateIntegrationCommand({ ApiId, ...input } as never)), label).rejects.toMatchObject({
        name: 'BadRequestException',
      });
    }

    const link = await v2.send(new CreateVpcLinkCommand({ Name: 'private', SubnetIds: ['subnet-0123456789abcdef0'] }));
    const listener =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/x/0123456789abcdef/0123456789abcdef';
    const vpc = await v2.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: listener,
        IntegrationMethod: 'GET',
        ConnectionType: 'VPC_LINK',
        ConnectionId: link.VpcLinkId,
      }),
    );
    expect(vpc).toMatchObject({ ConnectionType: 'VPC_LINK', ConnectionId: link.VpcLinkId });

    const upd = await v2.send(
      new UpdateIntegrationCommand({ ApiId, IntegrationId: http.IntegrationId!, TimeoutInMillis: 1000 }),
    );
    expect(upd).toMatchObject({ TimeoutInMillis: 1000, IntegrationUri: 'https://a.example.com' });
    expect((await v2.send(new GetIntegrationsCommand({ ApiId }))).Items).toHaveLength(3);
  });

  it('refuses to delete an integration a route targets (ConflictException), then deletes it once free', async () => {
    const ApiId = await newApi();
    const IntegrationId = await httpIntegration(ApiId);
    const route = await v2.send(
      new CreateRouteCommand({ ApiId, RouteKey: 'GET /pets', Target: `integrations/${IntegrationId}` }),
    );
    await expect(v2.send(new DeleteIntegrationCommand({ ApiId, IntegrationId }))).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
      message: expect.stringContaining(route.RouteId!),
    });
    await v2.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId! }));
    await v2.send(new DeleteIntegrationCommand({ ApiId, IntegrationId }));
    await expect(v2.send(new GetIntegrationCommand({ ApiId, IntegrationId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});

describe('v2 Routes and Authorizers', () => {
  it('creates JWT and Lambda authorizers and routes that use them; conflicts on deleting one in use', async () => {
    const ApiId = await newApi();
    const IntegrationId = await httpIntegration(ApiId);
    const jwt = await v2.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'cognito',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['app'] },
      }),
    );
    expect(jwt).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['app'] },
    });
    const lambda = await v2.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'lambda',
        AuthorizerType: 'REQUEST',
        IdentitySource: ['$request.header.X-Token'],
        AuthorizerUri:
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        AuthorizerResultTtlInSeconds: 300,
      }),
    );
    expect(lambda).toMatchObject({
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
    });
    await expect(
      v2.send(
        new CreateAuthorizerCommand({
          ApiId,
          Name: 'bad',
          AuthorizerType: 'REQUEST',
          IdentitySource: ['$request.header.A'],
          AuthorizerUri: 'arn:x',
          AuthorizerPayloadFormatVersion: '1.0',
          EnableSimpleResponses: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(
      v2.send(
        new CreateAuthorizerCommand({
          ApiId,
          Name: 'nojwt',
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.A'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
    });

    const route = await v2.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: 'GET /pets/{id}',
        Target: `integrations/${IntegrationId}`,
        AuthorizationType: 'JWT',
        AuthorizerId: jwt.AuthorizerId,
        AuthorizationScopes: ['pets/read'],
      }),
    );
    expect(route).toMatchObject({
      RouteKey: 'GET /pets/{id}',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['pets/read'],
      ApiKeyRequired: false,
    });
    await expect(
      v2.send(
        new CreateRouteCommand({
          ApiId,
          RouteKey: 'GET /x',
          AuthorizationType: 'JWT',
          AuthorizerId: lambda.AuthorizerId,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
    });

    await expect(
      v2.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId! })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    const moved = await v2.send(
      new UpdateRouteCommand({
        ApiId,
        RouteId: route.RouteId!,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: lambda.AuthorizerId,
        AuthorizationScopes: [],
      }),
    );
    expect(moved).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: lambda.AuthorizerId });
    await v2.send(new DeleteAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId! }));
    await expect(v2.send(new GetAuthorizerCommand({ ApiId, AuthorizerId: jwt.AuthorizerId! }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });

    const renamed = await v2.send(
      new UpdateAuthorizerCommand({ ApiId, AuthorizerId: lambda.AuthorizerId!, AuthorizerResultTtlInSeconds: 60 }),
    );
    expect(renamed.AuthorizerResultTtlInSeconds).toBe(60);
    expect((await v2.send(new GetAuthorizersCommand({ ApiId }))).Items!.map((a) => a.Name)).toEqual(['lambda']);
    const none = await v2.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId!, AuthorizationType: 'NONE' }));
    expect(none.AuthorizerId).toBeUndefined();
  });

  it.each([
    ['a malformed route key', { RouteKey: 'FETCH /x' }],
    ['a target that is not integrations/<id>', { RouteKey: 'GET /x', Target: 'lambda' }],
    ['authorizationType JWT without authorizer', { RouteKey: 'GET /x', AuthorizationType: 'JWT' }],
  ])('refuses a route with %s', async (_label, input) => {
    const ApiId = await newApi();
    await expect(v2.send(new CreateRouteCommand({ ApiId, ...input } as never))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('refuses a duplicate route key and a target to a missing integration', async () => {
    const ApiId = await newApi();
    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /a' }));
    await expect(v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /a' }))).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await expect(
      v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /b', Target: 'integrations/abcdefg' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('pages routes with NextToken and reads one route', async () => {
    const ApiId = await newApi();
    for (let i = 0; i < 12; i++)
      await v2.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /r${i}`, ApiKeyRequired: i % 2 === 0 }));
    const keys: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await v2.send(new GetRoutesCommand({ ApiId, MaxResults: '5', NextToken }));
      keys.push(...page.Items!.map((r) => r.RouteKey!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(keys).toEqual(Array.from({ length: 12 }, (_, i) => `GET /r${i}`));
    const firstPage = await v2.send(new GetRoutesCommand({ ApiId, MaxResults: '5' }));
    const one = await v2.send(new GetRouteCommand({ ApiId, RouteId: firstPage.Items![0].RouteId! }));
    expect(one).toMatchObject({ RouteKey: 'GET /r0', ApiKeyRequired: true });
  });
});

describe('v2 Tags', () => {
  it('tags and untags an API by ARN, and the Api object shows its tags', async () => {
    const ApiId = await newApi();
    const ResourceArn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
    await v2.send(new TagResourceCommand({ ResourceArn, Tags: { env: 'prod', owner: 'me' } }));
    expect((await v2.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ env: 'prod', owner: 'me' });
    await v2.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['owner'] }));
    expect((await v2.send(new GetApiCommand({ ApiId }))).Tags).toEqual({ env: 'prod' });
    await expect(
      v2.send(new GetTagsCommand({ ResourceArn: `arn:aws:apigateway:us-east-1::/apis/nope` })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});
