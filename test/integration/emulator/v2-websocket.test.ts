/**
 * WebSocket APIs in the API Gateway v2 emulator, with the real SDK v3 client over HTTP: what
 * AWS stores and returns for each operation, its defaults, and its refusals (AWS's own message
 * where it is known). One `describe` per resource kind.
 */
import * as v2 from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkError, startTestEmulator, TEST_CREDENTIALS, type Emu } from './core-setup.js';

let emu: Emu;
let c: v2.ApiGatewayV2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = new v2.ApiGatewayV2Client({
    endpoint: emu.url,
    region: 'eu-west-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  c.destroy();
  await emu.stop();
});

const lambda = (fn: string) =>
  `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:${fn}/invocations`;
const RSE = '$request.body.action';

async function wsApi(name = 'chat', extra: Partial<v2.CreateApiRequest> = {}) {
  return (
    await c.send(
      new v2.CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: RSE, ...extra }),
    )
  ).ApiId!;
}

async function refused(fn: () => Promise<unknown>, name: string, message?: RegExp | string) {
  const e = await sdkError(fn);
  expect(e.name, e.message).toBe(name);
  expect(e.$metadata.httpStatusCode).toBe(
    name === 'NotFoundException' ? 404 : name === 'ConflictException' ? 409 : 400,
  );
  if (message !== undefined) expect(e.message).toMatch(message);
  return e;
}

describe('WebSocket Apis', () => {
  it('creates a WebSocket API with AWS defaults (wss endpoint, x-api-key selection), reads, lists, updates and deletes it', async () => {
    const created = await c.send(
      new v2.CreateApiCommand({
        Name: 'chat',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: RSE,
        Description: 'chat',
        Tags: { team: 'rt' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      Name: 'chat',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: RSE,
      ApiKeySelectionExpression: '$request.header.x-api-key',
      ApiEndpoint: `wss://${created.ApiId}.execute-api.eu-west-1.amazonaws.com`,
      DisableExecuteApiEndpoint: false,
      Description: 'chat',
      Tags: { team: 'rt' },
    });
    expect(created.CorsConfiguration).toBeUndefined();
    const listed = (await c.send(new v2.GetApisCommand({}))).Items!.find((a) => a.ApiId === created.ApiId);
    expect(listed).toMatchObject({ ProtocolType: 'WEBSOCKET', RouteSelectionExpression: RSE });

    const updated = await c.send(
      new v2.UpdateApiCommand({
        ApiId: created.ApiId!,
        Name: 'chat2',
        RouteSelectionExpression: '${request.body.service}/${request.body.action}',
        ApiKeySelectionExpression: '$context.authorizer.usageIdentifierKey',
        DisableSchemaValidation: true,
      }),
    );
    expect(updated).toMatchObject({
      Name: 'chat2',
      RouteSelectionExpression: '${request.body.service}/${request.body.action}',
      ApiKeySelectionExpression: '$context.authorizer.usageIdentifierKey',
      DisableSchemaValidation: true,
    });
    await c.send(new v2.DeleteApiCommand({ ApiId: created.ApiId! }));
    await refused(
      () => c.send(new v2.GetApiCommand({ ApiId: created.ApiId! })),
      'NotFoundException',
      `Invalid API identifier specified ${created.ApiId}`,
    );
  });

  it.each<[string, Partial<v2.CreateApiRequest>, RegExp]>([
    [
      'no route selection expression',
      { RouteSelectionExpression: undefined },
      /RouteSelectionExpression is required for WebSocket APIs/,
    ],
    [
      'the HTTP route selection expression',
      { RouteSelectionExpression: '$request.method $request.path' },
      /select routes on the message body/,
    ],
    ['CORS', { CorsConfiguration: { AllowOrigins: ['*'] } }, /CORS configuration is supported only for HTTP APIs/],
    ['quick create target', { Target: lambda('x') }, /Quick create \(target\) is supported only for HTTP APIs/],
    ['quick create route key', { RouteKey: '$default' }, /Quick create \(routeKey\)/],
    [
      'quick create credentials',
      { CredentialsArn: 'arn:aws:iam::000000000000:role/r' },
      /Quick create \(credentialsArn\)/,
    ],
    [
      'an unsupported API key selection expression',
      { ApiKeySelectionExpression: '$request.header.x-my-key' },
      /supported values are \$request\.header\.x-api-key and \$context\.authorizer\.usageIdentifierKey/,
    ],
  ])('refuses CreateApi with %s, and leaves no API behind', async (_label, extra, message) => {
    const before = (await c.send(new v2.GetApisCommand({}))).Items!.length;
    await refused(
      () =>
        c.send(
          new v2.CreateApiCommand({ Name: 'x', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: RSE, ...extra }),
        ),
      'BadRequestException',
      message,
    );
    expect((await c.send(new v2.GetApisCommand({}))).Items!.length).toBe(before);
  });

  it('refuses UpdateApi with CORS or an empty route selection expression', async () => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.UpdateApiCommand({ ApiId, CorsConfiguration: { AllowOrigins: ['*'] } })),
      'BadRequestException',
      /CORS/,
    );
    await refused(
      () => c.send(new v2.UpdateApiCommand({ ApiId, RouteSelectionExpression: '' })),
      'BadRequestException',
      /RouteSelectionExpression is required/,
    );
    expect((await c.send(new v2.GetApiCommand({ ApiId }))).RouteSelectionExpression).toBe(RSE);
  });

  it('has no OpenAPI export or reimport', async () => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.ExportApiCommand({ ApiId, Specification: 'OAS30', OutputType: 'YAML' })),
      'BadRequestException',
      /Exporting WebSocket APIs is not supported/,
    );
    await refused(
      () =>
        c.send(
          new v2.ReimportApiCommand({
            ApiId,
            Body: '{"openapi":"3.0.1","info":{"title":"x","version":"1"},"paths":{}}',
          }),
        ),
      'BadRequestException',
      /WebSocket API is not supported/,
    );
  });

  it('tags the API and its stages by ARN', async () => {
    const ApiId = await wsApi();
    await c.send(new v2.CreateStageCommand({ ApiId, StageName: 'prod' }));
    for (const arn of [
      `arn:aws:apigateway:eu-west-1::/apis/${ApiId}`,
      `arn:aws:apigateway:eu-west-1::/apis/${ApiId}/stages/prod`,
    ]) {
      await c.send(new v2.TagResourceCommand({ ResourceArn: arn, Tags: { owner: 'rt' } }));
      expect((await c.send(new v2.GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ owner: 'rt' });
      await c.send(new v2.UntagResourceCommand({ ResourceArn: arn, TagKeys: ['owner'] }));
      expect((await c.send(new v2.GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({});
    }
  });
});

describe('WebSocket routes', () => {
  it('creates the predefined and custom routes with AWS defaults and lists them', async () => {
    const ApiId = await wsApi();
    for (const RouteKey of ['$connect', '$disconnect', '$default', 'sendmessage', 'GET /looks-like-http']) {
      const r = await c.send(new v2.CreateRouteCommand({ ApiId, RouteKey }));
      expect(r).toMatchObject({ RouteKey, ApiKeyRequired: false, AuthorizationType: 'NONE' });
    }
    const page1 = await c.send(new v2.GetRoutesCommand({ ApiId, MaxResults: '3' }));
    const page2 = await c.send(new v2.GetRoutesCommand({ ApiId, MaxResults: '3', NextToken: page1.NextToken }));
    expect([...page1.Items!, ...page2.Items!].map((r) => r.RouteKey)).toEqual([
      '$connect',
      '$disconnect',
      '$default',
      'sendmessage',
      'GET /looks-like-http',
    ]);
    await refused(
      () => c.send(new v2.CreateRouteCommand({ ApiId, RouteKey: 'sendmessage' })),
      'ConflictException',
      /already exists/,
    );
  });

  it.each(['$getauthorized', '$'])("refuses the reserved-prefix route key %s with AWS's message", async (RouteKey) => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.CreateRouteCommand({ ApiId, RouteKey })),
      'BadRequestException',
      'The provided route key is not formatted properly',
    );
  });

  it("authorizes only $connect: CUSTOM with a REQUEST authorizer or AWS_IAM; anywhere else is AWS's refusal", async () => {
    const ApiId = await wsApi();
    const auth = await c.send(
      new v2.CreateAuthorizerCommand({
        ApiId,
        Name: 'token',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: lambda('auth'),
        IdentitySource: ['route.request.querystring.token'],
      }),
    );
    const connect = await c.send(
      new v2.CreateRouteCommand({
        ApiId,
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: auth.AuthorizerId,
        ApiKeyRequired: true,
      }),
    );
    expect(connect).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: auth.AuthorizerId,
      ApiKeyRequired: true,
    });
    for (const AuthorizationType of ['AWS_IAM', 'CUSTOM'] as const) {
      for (const RouteKey of ['$default', '$disconnect', 'sendmessage']) {
        await refused(
          () =>
            c.send(
              new v2.CreateRouteCommand({
                ApiId,
                RouteKey,
                AuthorizationType,
                AuthorizerId: AuthorizationType === 'CUSTOM' ? auth.AuthorizerId : undefined,
              }),
            ),
          'BadRequestException',
          'Currently, authorization is restricted to the $connect route only',
        );
      }
    }
    await refused(
      () =>
        c.send(
          new v2.CreateRouteCommand({
            ApiId,
            RouteKey: 'x',
            AuthorizationType: 'JWT',
            AuthorizerId: auth.AuthorizerId,
          }),
        ),
      'BadRequestException',
      /JWT authorization is supported only for HTTP APIs/,
    );
    const other = await c.send(new v2.CreateRouteCommand({ ApiId, RouteKey: 'sendmessage' }));
    await refused(
      () => c.send(new v2.UpdateRouteCommand({ ApiId, RouteId: other.RouteId!, AuthorizationType: 'AWS_IAM' })),
      'BadRequestException',
      'Currently, authorization is restricted to the $connect route only',
    );
    // Switching $connect to IAM, as Terraform's provider does: AuthorizerId "" clears the authorizer.
    const iam = await c.send(
      new v2.UpdateRouteCommand({ ApiId, RouteId: connect.RouteId!, AuthorizationType: 'AWS_IAM', AuthorizerId: '' }),
    );
    expect(iam.AuthorizationType).toBe('AWS_IAM');
    expect(iam.AuthorizerId).toBeUndefined();
    // An API key may be required on any route (AWS accepts it; only $connect sees a key, at connection time).
    expect(
      (await c.send(new v2.UpdateRouteCommand({ ApiId, RouteId: other.RouteId!, ApiKeyRequired: true })))
        .ApiKeyRequired,
    ).toBe(true);
  });

  it('keeps request parameters: UpdateRoute merges them, DeleteRouteRequestParameter removes one', async () => {
    const ApiId = await wsApi();
    const r = await c.send(
      new v2.CreateRouteCommand({
        ApiId,
        RouteKey: '$connect',
        RequestParameters: { 'route.request.header.authorization': { Required: true } },
      }),
    );
    const merged = await c.send(
      new v2.UpdateRouteCommand({
        ApiId,
        RouteId: r.RouteId!,
        RequestParameters: {
          'route.request.header.authorization': { Required: false },
          'route.request.querystring.authToken': { Required: true },
        },
      }),
    );
    expect(merged.RequestParameters).toEqual({
      'route.request.header.authorization': { Required: false },
      'route.request.querystring.authToken': { Required: true },
    });
    await c.send(
      new v2.DeleteRouteRequestParameterCommand({
        ApiId,
        RouteId: r.RouteId!,
        RequestParameterKey: 'route.request.header.authorization',
      }),
    );
    expect((await c.send(new v2.GetRouteCommand({ ApiId, RouteId: r.RouteId! }))).RequestParameters).toEqual({
      'route.request.querystring.authToken': { Required: true },
    });
    await refused(
      () =>
        c.send(
          new v2.DeleteRouteRequestParameterCommand({
            ApiId,
            RouteId: r.RouteId!,
            RequestParameterKey: 'route.request.header.authorization',
          }),
        ),
      'NotFoundException',
    );
    await refused(
      () =>
        c.send(
          new v2.CreateRouteCommand({
            ApiId,
            RouteKey: 'x',
            RequestParameters: { 'method.request.header.a': { Required: true } },
          }),
        ),
      'BadRequestException',
      /route\.request\.header/,
    );
  });

  it('two-way routes, models and clearing members with an empty string', async () => {
    const ApiId = await wsApi();
    await c.send(
      new v2.CreateModelCommand({
        ApiId,
        Name: 'Message',
        Schema: '{"type":"object","properties":{"text":{"type":"string"}}}',
        ContentType: 'application/json',
      }),
    );
    const r = await c.send(
      new v2.CreateRouteCommand({
        ApiId,
        RouteKey: 'sendmessage',
        OperationName: 'SendMessage',
        RouteResponseSelectionExpression: '$default',
        ModelSelectionExpression: 'action',
        RequestModels: { action: 'Message' },
      }),
    );
    expect(r).toMatchObject({
      OperationName: 'SendMessage',
      RouteResponseSelectionExpression: '$default',
      ModelSelectionExpression: 'action',
      RequestModels: { action: 'Message' },
    });
    await refused(
      () =>
        c.send(
          new v2.CreateRouteCommand({ ApiId, RouteKey: 'y', RouteResponseSelectionExpression: '$request.body.x' }),
        ),
      'BadRequestException',
      /only \$default is supported/,
    );
    await refused(
      () => c.send(new v2.CreateRouteCommand({ ApiId, RouteKey: 'z', RequestModels: { action: 'Nope' } })),
      'BadRequestException',
      /Invalid model Nope/,
    );
    const cleared = await c.send(
      new v2.UpdateRouteCommand({
        ApiId,
        RouteId: r.RouteId!,
        OperationName: '',
        RouteResponseSelectionExpression: '',
        ModelSelectionExpression: '',
        RequestModels: {},
      }),
    );
    expect(cleared.OperationName).toBeUndefined();
    expect(cleared.RouteResponseSelectionExpression).toBeUndefined();
    expect(cleared.ModelSelectionExpression).toBeUndefined();
    expect(cleared.RequestModels).toBeUndefined();
  });
});

describe('WebSocket integrations', () => {
  it.each<[string, Partial<v2.CreateIntegrationRequest>, Record<string, unknown>]>([
    [
      'a Lambda proxy',
      { IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('send') },
      { IntegrationMethod: 'POST', IntegrationResponseSelectionExpression: undefined },
    ],
    [
      'a Lambda custom integration',
      { IntegrationType: 'AWS', IntegrationUri: lambda('send') },
      {
        IntegrationMethod: 'POST',
        IntegrationResponseSelectionExpression: '${integration.response.body.errorMessage}',
      },
    ],
    [
      'an AWS service integration',
      {
        IntegrationType: 'AWS',
        IntegrationUri: 'arn:aws:apigateway:eu-west-1:sqs:path/000000000000/queue',
        IntegrationMethod: 'POST',
        CredentialsArn: 'arn:aws:iam::000000000000:role/sqs',
      },
      {
        IntegrationResponseSelectionExpression: '${integration.response.body.errorMessage}',
        CredentialsArn: 'arn:aws:iam::000000000000:role/sqs',
      },
    ],
    [
      'an HTTP custom integration',
      { IntegrationType: 'HTTP', IntegrationUri: 'https://chat.example.com/send', IntegrationMethod: 'POST' },
      { IntegrationResponseSelectionExpression: '${integration.response.statuscode}' },
    ],
    [
      'an HTTP proxy',
      { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://chat.example.com/send', IntegrationMethod: 'POST' },
      { IntegrationResponseSelectionExpression: undefined },
    ],
    [
      'a mock',
      {
        IntegrationType: 'MOCK',
        RequestTemplates: { 'application/json': '{"statusCode":200}' },
        TemplateSelectionExpression: '\\$default',
      },
      {
        IntegrationResponseSelectionExpression: '${integration.response.statuscode}',
        TemplateSelectionExpression: '\\$default',
      },
    ],
  ])(
    "%s gets AWS's WebSocket defaults (payload 1.0, 29 s, WHEN_NO_MATCH, INTERNET)",
    async (_label, input, expected) => {
      const ApiId = await wsApi();
      const i = await c.send(new v2.CreateIntegrationCommand({ ApiId, ...input } as v2.CreateIntegrationRequest));
      expect(i).toMatchObject({
        PayloadFormatVersion: '1.0',
        TimeoutInMillis: 29000,
        PassthroughBehavior: 'WHEN_NO_MATCH',
        ConnectionType: 'INTERNET',
        ...Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)),
      });
      for (const [k, v] of Object.entries(expected))
        if (v === undefined) expect((i as unknown as Record<string, unknown>)[k]).toBeUndefined();
      expect(await c.send(new v2.GetIntegrationCommand({ ApiId, IntegrationId: i.IntegrationId! }))).toMatchObject({
        IntegrationId: i.IntegrationId,
        IntegrationType: input.IntegrationType,
      });
    },
  );

  it.each<[string, Partial<v2.CreateIntegrationRequest>, RegExp]>([
    [
      'payload format 2.0',
      { IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('x'), PayloadFormatVersion: '2.0' },
      /support only 1\.0/,
    ],
    ['a timeout above 29 s', { IntegrationType: 'MOCK', TimeoutInMillis: 29_001 }, /between 50 and 29000/],
    [
      "a timeout below 50 ms (the model's minimum)",
      { IntegrationType: 'MOCK', TimeoutInMillis: 49 },
      /Member must have value greater than or equal to 50/,
    ],
    [
      'an integration subtype',
      { IntegrationType: 'AWS_PROXY', IntegrationSubtype: 'SQS-SendMessage' },
      /IntegrationSubtype .* only for HTTP APIs/,
    ],
    [
      'response parameters',
      { IntegrationType: 'MOCK', ResponseParameters: { '200': { 'overwrite:statuscode': '201' } } },
      /ResponseParameters are supported only for HTTP APIs/,
    ],
    [
      'a TLS configuration',
      {
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://a.example.com',
        IntegrationMethod: 'GET',
        TlsConfig: { ServerNameToVerify: 'a.example.com' },
      },
      /TlsConfig/,
    ],
    [
      'a Lambda called with GET',
      { IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('x'), IntegrationMethod: 'GET' },
      /Lambda integrations must use POST/,
    ],
    [
      'an HTTP integration without a method',
      { IntegrationType: 'HTTP', IntegrationUri: 'https://a.example.com' },
      /IntegrationMethod is required/,
    ],
    [
      'an AWS integration with a plain function ARN',
      { IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:eu-west-1:000000000000:function:x' },
      /API Gateway service URI/,
    ],
    [
      'an HTTP proxy to a non-URL',
      { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'chat.example.com', IntegrationMethod: 'GET' },
      /http\(s\) URL/,
    ],
    [
      'an HTTP API style request parameter',
      { IntegrationType: 'MOCK', RequestParameters: { 'overwrite:header.x': 'y' } },
      /integration\.request\.header/,
    ],
    [
      'a VPC link without a connection id',
      {
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://a.example.com',
        IntegrationMethod: 'GET',
        ConnectionType: 'VPC_LINK',
      },
      /ConnectionId/,
    ],
  ])('refuses %s', async (_label, input, message) => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.CreateIntegrationCommand({ ApiId, ...input } as v2.CreateIntegrationRequest)),
      'BadRequestException',
      message,
    );
  });

  it('UpdateIntegration merges request parameters ("" removes one), replaces request templates and recomputes the response selection expression', async () => {
    const ApiId = await wsApi();
    const i = await c.send(
      new v2.CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'HTTP',
        IntegrationUri: 'https://a.example.com/{op}',
        IntegrationMethod: 'GET',
        TimeoutInMillis: 28_999,
        RequestParameters: {
          'integration.request.querystring.stage': "'value1'",
          'integration.request.path.op': "'send'",
        },
        RequestTemplates: { 'application/json': '' },
      }),
    );
    expect(i.RequestTemplates).toEqual({ 'application/json': '' });
    const u = await c.send(
      new v2.UpdateIntegrationCommand({
        ApiId,
        IntegrationId: i.IntegrationId!,
        IntegrationType: 'HTTP',
        ContentHandlingStrategy: 'CONVERT_TO_BINARY',
        PassthroughBehavior: 'WHEN_NO_TEMPLATES',
        TimeoutInMillis: 51,
        RequestParameters: {
          'integration.request.querystring.stage': '',
          'integration.request.header.x-userid': "'value2'",
        },
        RequestTemplates: { 'application/xml': '#set($percent=$number/100)' },
      }),
    );
    expect(u).toMatchObject({
      ContentHandlingStrategy: 'CONVERT_TO_BINARY',
      PassthroughBehavior: 'WHEN_NO_TEMPLATES',
      TimeoutInMillis: 51,
      RequestParameters: { 'integration.request.path.op': "'send'", 'integration.request.header.x-userid': "'value2'" },
      RequestTemplates: { 'application/xml': '#set($percent=$number/100)' },
    });
    const proxied = await c.send(
      new v2.UpdateIntegrationCommand({ ApiId, IntegrationId: i.IntegrationId!, IntegrationType: 'HTTP_PROXY' }),
    );
    expect(proxied.IntegrationResponseSelectionExpression).toBeUndefined();
  });

  it('deleting an integration a route targets is a conflict; deleting it afterwards drops its integration responses', async () => {
    const ApiId = await wsApi();
    const i = await c.send(new v2.CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
    await c.send(
      new v2.CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId: i.IntegrationId!,
        IntegrationResponseKey: '$default',
      }),
    );
    const r = await c.send(
      new v2.CreateRouteCommand({ ApiId, RouteKey: '$default', Target: `integrations/${i.IntegrationId}` }),
    );
    await refused(
      () => c.send(new v2.DeleteIntegrationCommand({ ApiId, IntegrationId: i.IntegrationId! })),
      'ConflictException',
    );
    await c.send(new v2.DeleteRouteCommand({ ApiId, RouteId: r.RouteId! }));
    await c.send(new v2.DeleteIntegrationCommand({ ApiId, IntegrationId: i.IntegrationId! }));
    await refused(
      () => c.send(new v2.GetIntegrationResponsesCommand({ ApiId, IntegrationId: i.IntegrationId! })),
      'NotFoundException',
    );
  });
});

describe('WebSocket authorizers', () => {
  it('creates a REQUEST (Lambda) authorizer with WebSocket identity sources and updates it', async () => {
    const ApiId = await wsApi();
    const a = await c.send(
      new v2.CreateAuthorizerCommand({
        ApiId,
        Name: 'token',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: lambda('auth'),
        AuthorizerCredentialsArn: 'arn:aws:iam::000000000000:role/invoke',
        IdentitySource: ['route.request.header.Auth', 'route.request.querystring.Name'],
      }),
    );
    expect(a).toMatchObject({
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.header.Auth', 'route.request.querystring.Name'],
      AuthorizerCredentialsArn: 'arn:aws:iam::000000000000:role/invoke',
    });
    expect(a.AuthorizerPayloadFormatVersion).toBeUndefined();
    expect(a.EnableSimpleResponses).toBeUndefined();
    const u = await c.send(
      new v2.UpdateAuthorizerCommand({
        ApiId,
        AuthorizerId: a.AuthorizerId!,
        IdentitySource: ['route.request.querystring.token'],
        Name: 'token2',
      }),
    );
    expect(u).toMatchObject({ Name: 'token2', IdentitySource: ['route.request.querystring.token'] });
  });

  it.each<[string, Partial<v2.CreateAuthorizerRequest>, RegExp]>([
    [
      'a JWT authorizer',
      {
        AuthorizerType: 'JWT',
        AuthorizerUri: undefined,
        JwtConfiguration: { Issuer: 'https://i.example.com', Audience: ['a'] },
      },
      /JwtConfiguration is supported only for HTTP APIs/,
    ],
    [
      'a JWT authorizer without configuration',
      { AuthorizerType: 'JWT', AuthorizerUri: undefined },
      /support only REQUEST/,
    ],
    [
      'a payload format version',
      { AuthorizerPayloadFormatVersion: '2.0' },
      /AuthorizerPayloadFormatVersion is supported only for HTTP APIs/,
    ],
    ['simple responses', { EnableSimpleResponses: true }, /EnableSimpleResponses is supported only for HTTP APIs/],
    [
      'an HTTP API identity source',
      { IdentitySource: ['$request.header.Auth'] },
      /the WebSocket form of \$request\.header\.Auth is route\.request\.header\.Auth/,
    ],
    ['a non-Lambda URI', { AuthorizerUri: 'https://auth.example.com' }, /Lambda invocation URI/],
  ])('refuses %s', async (_label, extra, message) => {
    const ApiId = await wsApi();
    await refused(
      () =>
        c.send(
          new v2.CreateAuthorizerCommand({
            ApiId,
            Name: 'a',
            AuthorizerType: 'REQUEST',
            AuthorizerUri: lambda('auth'),
            IdentitySource: ['route.request.header.Auth'],
            ...extra,
          } as v2.CreateAuthorizerRequest),
        ),
      'BadRequestException',
      message,
    );
  });
});

describe('WebSocket route responses and integration responses', () => {
  it('route responses: only $default, one per route, models must exist; get, list, update, delete; gone with the route', async () => {
    const ApiId = await wsApi();
    await c.send(new v2.CreateModelCommand({ ApiId, Name: 'Reply', Schema: '{"type":"object"}' }));
    const route = await c.send(
      new v2.CreateRouteCommand({ ApiId, RouteKey: 'sendmessage', RouteResponseSelectionExpression: '$default' }),
    );
    const RouteId = route.RouteId!;
    const rr = await c.send(
      new v2.CreateRouteResponseCommand({
        ApiId,
        RouteId,
        RouteResponseKey: '$default',
        ModelSelectionExpression: 'default',
        ResponseModels: { default: 'Reply' },
      }),
    );
    expect(rr).toMatchObject({
      RouteResponseKey: '$default',
      ModelSelectionExpression: 'default',
      ResponseModels: { default: 'Reply' },
    });
    expect(rr.$metadata.httpStatusCode).toBe(201);
    await refused(
      () => c.send(new v2.CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' })),
      'ConflictException',
    );
    await refused(
      () => c.send(new v2.CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: 'ok' })),
      'BadRequestException',
      /only the \$default route response/,
    );
    await refused(
      () =>
        c.send(
          new v2.UpdateRouteResponseCommand({
            ApiId,
            RouteId,
            RouteResponseId: rr.RouteResponseId!,
            ResponseModels: { default: 'Nope' },
          }),
        ),
      'BadRequestException',
      /Invalid model Nope/,
    );
    const u = await c.send(
      new v2.UpdateRouteResponseCommand({
        ApiId,
        RouteId,
        RouteResponseId: rr.RouteResponseId!,
        ResponseParameters: { 'route.response.header.x': { Required: false } },
      }),
    );
    expect(u.ResponseParameters).toEqual({ 'route.response.header.x': { Required: false } });
    expect(
      (await c.send(new v2.GetRouteResponsesCommand({ ApiId, RouteId }))).Items!.map((x) => x.RouteResponseId),
    ).toEqual([rr.RouteResponseId]);
    expect(
      await c.send(new v2.GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId: rr.RouteResponseId! })),
    ).toMatchObject({ RouteResponseKey: '$default' });
    await c.send(new v2.DeleteRouteResponseCommand({ ApiId, RouteId, RouteResponseId: rr.RouteResponseId! }));
    await refused(
      () => c.send(new v2.GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId: rr.RouteResponseId! })),
      'NotFoundException',
      `Invalid RouteResponse identifier specified ${rr.RouteResponseId}`,
    );
    const again = await c.send(new v2.CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
    await c.send(new v2.DeleteRouteCommand({ ApiId, RouteId }));
    await refused(
      () => c.send(new v2.GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId: again.RouteResponseId! })),
      'NotFoundException',
    );
  });

  it('integration responses: $default and /regex/ keys, one per key; get, list, update, delete', async () => {
    const ApiId = await wsApi();
    const { IntegrationId } = await c.send(new v2.CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK' }));
    const ok = await c.send(
      new v2.CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId: IntegrationId!,
        IntegrationResponseKey: '$default',
        ContentHandlingStrategy: 'CONVERT_TO_TEXT',
        TemplateSelectionExpression: '$request.body.name',
        ResponseTemplates: { 'application/json': '' },
      }),
    );
    expect(ok).toMatchObject({
      IntegrationResponseKey: '$default',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      TemplateSelectionExpression: '$request.body.name',
      ResponseTemplates: { 'application/json': '' },
    });
    const notFound = await c.send(
      new v2.CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId: IntegrationId!,
        IntegrationResponseKey: '/4\\d\\d/',
      }),
    );
    await refused(
      () =>
        c.send(
          new v2.CreateIntegrationResponseCommand({
            ApiId,
            IntegrationId: IntegrationId!,
            IntegrationResponseKey: '/4\\d\\d/',
          }),
        ),
      'ConflictException',
    );
    await refused(
      () =>
        c.send(
          new v2.CreateIntegrationResponseCommand({
            ApiId,
            IntegrationId: IntegrationId!,
            IntegrationResponseKey: '200',
          }),
        ),
      'BadRequestException',
      /\$default or a regular expression/,
    );
    const u = await c.send(
      new v2.UpdateIntegrationResponseCommand({
        ApiId,
        IntegrationId: IntegrationId!,
        IntegrationResponseId: notFound.IntegrationResponseId!,
        IntegrationResponseKey: '/404/',
        ResponseTemplates: { 'application/json': '#set($number=42)', 'application/xml': '#set($percent=$number/100)' },
      }),
    );
    expect(u).toMatchObject({
      IntegrationResponseKey: '/404/',
      ResponseTemplates: { 'application/json': '#set($number=42)', 'application/xml': '#set($percent=$number/100)' },
    });
    expect(
      (await c.send(new v2.GetIntegrationResponsesCommand({ ApiId, IntegrationId: IntegrationId! }))).Items!.map(
        (x) => x.IntegrationResponseKey,
      ),
    ).toEqual(['$default', '/404/']);
    expect(
      await c.send(
        new v2.GetIntegrationResponseCommand({
          ApiId,
          IntegrationId: IntegrationId!,
          IntegrationResponseId: ok.IntegrationResponseId!,
        }),
      ),
    ).toMatchObject({ IntegrationResponseKey: '$default' });
    await c.send(
      new v2.DeleteIntegrationResponseCommand({
        ApiId,
        IntegrationId: IntegrationId!,
        IntegrationResponseId: ok.IntegrationResponseId!,
      }),
    );
    await refused(
      () =>
        c.send(
          new v2.DeleteIntegrationResponseCommand({
            ApiId,
            IntegrationId: IntegrationId!,
            IntegrationResponseId: ok.IntegrationResponseId!,
          }),
        ),
      'NotFoundException',
    );
  });

  it('route responses, integration responses and models are WebSocket-only: refused on an HTTP API', async () => {
    const http = (await c.send(new v2.CreateApiCommand({ Name: 'http', ProtocolType: 'HTTP' }))).ApiId!;
    const i = await c.send(
      new v2.CreateIntegrationCommand({
        ApiId: http,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://a.example.com',
        IntegrationMethod: 'ANY',
      }),
    );
    const r = await c.send(new v2.CreateRouteCommand({ ApiId: http, RouteKey: 'GET /a' }));
    await refused(
      () =>
        c.send(new v2.CreateRouteResponseCommand({ ApiId: http, RouteId: r.RouteId!, RouteResponseKey: '$default' })),
      'BadRequestException',
      /Route responses are supported only for WebSocket APIs/,
    );
    await refused(
      () =>
        c.send(
          new v2.CreateIntegrationResponseCommand({
            ApiId: http,
            IntegrationId: i.IntegrationId!,
            IntegrationResponseKey: '$default',
          }),
        ),
      'BadRequestException',
      /Integration responses are supported only for WebSocket APIs/,
    );
    await refused(
      () => c.send(new v2.CreateModelCommand({ ApiId: http, Name: 'M', Schema: '{}' })),
      'BadRequestException',
      /Models are supported only for WebSocket APIs/,
    );
    await refused(() => c.send(new v2.GetModelCommand({ ApiId: http, ModelId: 'abc123' })), 'NotFoundException');
  });
});

describe('WebSocket models', () => {
  it('creates, reads, lists, templates, updates and deletes a model; a deployment refuses a route naming a missing model unless schema validation is off', async () => {
    const ApiId = await wsApi();
    const m = await c.send(
      new v2.CreateModelCommand({
        ApiId,
        Name: 'Message',
        Schema: '{"type":"object","properties":{"text":{"type":"string"},"n":{"type":"integer"}}}',
        ContentType: 'application/json',
        Description: 'a message',
      }),
    );
    expect(m).toMatchObject({ Name: 'Message', ContentType: 'application/json', Description: 'a message' });
    await refused(
      () => c.send(new v2.CreateModelCommand({ ApiId, Name: 'Message', Schema: '{}' })),
      'ConflictException',
    );
    await refused(
      () => c.send(new v2.CreateModelCommand({ ApiId, Name: 'not-alnum', Schema: '{}' })),
      'BadRequestException',
      /alphanumeric/,
    );
    await refused(
      () => c.send(new v2.CreateModelCommand({ ApiId, Name: 'Bad', Schema: 'not json' })),
      'BadRequestException',
      /Invalid model schema specified/,
    );
    expect((await c.send(new v2.GetModelsCommand({ ApiId }))).Items!.map((x) => x.Name)).toEqual(['Message']);
    expect((await c.send(new v2.GetModelCommand({ ApiId, ModelId: m.ModelId! }))).Schema).toContain('"text"');
    const template = (await c.send(new v2.GetModelTemplateCommand({ ApiId, ModelId: m.ModelId! }))).Value!;
    expect(template).toContain(`"text" : "$inputRoot.text"`);
    expect(template).toContain(`"n" : $inputRoot.n`);
    expect(
      (await c.send(new v2.UpdateModelCommand({ ApiId, ModelId: m.ModelId!, Description: 'changed' }))).Description,
    ).toBe('changed');

    await c.send(
      new v2.CreateRouteCommand({
        ApiId,
        RouteKey: '$default',
        ModelSelectionExpression: 'action',
        RequestModels: { action: 'Message' },
      }),
    );
    await c.send(new v2.DeleteModelCommand({ ApiId, ModelId: m.ModelId! }));
    await refused(
      () => c.send(new v2.GetModelCommand({ ApiId, ModelId: m.ModelId! })),
      'NotFoundException',
      `Invalid Model identifier specified ${m.ModelId}`,
    );
    await refused(
      () => c.send(new v2.CreateDeploymentCommand({ ApiId })),
      'BadRequestException',
      /models not found: Message \(route \$default\)/,
    );
    await c.send(new v2.UpdateApiCommand({ ApiId, DisableSchemaValidation: true }));
    expect((await c.send(new v2.CreateDeploymentCommand({ ApiId }))).DeploymentId).toBeTruthy();
  });
});

describe('WebSocket stages and deployments', () => {
  it('creates a stage with the WebSocket route-settings defaults; per-route settings, variables, access logs; deploys', async () => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.CreateDeploymentCommand({ ApiId })),
      'BadRequestException',
      'Unable to deploy API because no routes exist in this API',
    );
    const i = await c.send(
      new v2.CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('connect') }),
    );
    await c.send(new v2.CreateRouteCommand({ ApiId, RouteKey: '$connect', Target: `integrations/${i.IntegrationId}` }));
    const stage = await c.send(new v2.CreateStageCommand({ ApiId, StageName: 'prod', StageVariables: { fn: 'chat' } }));
    expect(stage.DefaultRouteSettings).toEqual({
      DataTraceEnabled: false,
      DetailedMetricsEnabled: false,
      LoggingLevel: 'OFF',
    });
    expect(stage.DeploymentId).toBeUndefined();
    const destinationArn = 'arn:aws:logs:eu-west-1:000000000000:log-group:chat-access';
    const updated = await c.send(
      new v2.UpdateStageCommand({
        ApiId,
        StageName: 'prod',
        DefaultRouteSettings: {
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
          LoggingLevel: 'INFO',
          DataTraceEnabled: true,
          DetailedMetricsEnabled: true,
        },
        RouteSettings: { $connect: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, LoggingLevel: 'ERROR' } },
        AccessLogSettings: { DestinationArn: destinationArn, Format: '$context.connectionId $context.eventType' },
      }),
    );
    expect(updated).toMatchObject({
      DefaultRouteSettings: {
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
        LoggingLevel: 'INFO',
        DataTraceEnabled: true,
        DetailedMetricsEnabled: true,
      },
      RouteSettings: { $connect: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, LoggingLevel: 'ERROR' } },
      AccessLogSettings: { DestinationArn: destinationArn, Format: '$context.connectionId $context.eventType' },
      StageVariables: { fn: 'chat' },
    });
    await refused(
      () =>
        c.send(
          new v2.UpdateStageCommand({
            ApiId,
            StageName: 'prod',
            RouteSettings: { sendmessage: { LoggingLevel: 'INFO' } },
          }),
        ),
      'BadRequestException',
      /Unable to find Route by key sendmessage/,
    );
    await c.send(new v2.DeleteAccessLogSettingsCommand({ ApiId, StageName: 'prod' }));
    expect((await c.send(new v2.GetStageCommand({ ApiId, StageName: 'prod' }))).AccessLogSettings).toBeUndefined();
    await refused(
      () => c.send(new v2.DeleteAccessLogSettingsCommand({ ApiId, StageName: 'prod' })),
      'NotFoundException',
    );

    const d = await c.send(new v2.CreateDeploymentCommand({ ApiId, StageName: 'prod', Description: 'first' }));
    expect((await c.send(new v2.GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(d.DeploymentId);
    await refused(
      () => c.send(new v2.DeleteDeploymentCommand({ ApiId, DeploymentId: d.DeploymentId! })),
      'BadRequestException',
      /in use by stage/,
    );
  });

  it('refuses a $default stage on a WebSocket API', async () => {
    const ApiId = await wsApi();
    await refused(
      () => c.send(new v2.CreateStageCommand({ ApiId, StageName: '$default' })),
      'BadRequestException',
      /\$default stage is supported only for HTTP APIs/,
    );
  });

  it('keeps WebSocket APIs apart per region and account', async () => {
    const ApiId = await wsApi('eu-only');
    const us = new v2.ApiGatewayV2Client({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    await refused(() => us.send(new v2.GetApiCommand({ ApiId })), 'NotFoundException');
    us.destroy();
  });
});
