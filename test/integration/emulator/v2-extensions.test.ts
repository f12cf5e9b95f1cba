/**
 * HTTP API extensions over HTTP with the real SDK: CORS (`x-amazon-apigateway-cors` ↔
 * CorsConfiguration), integration parameter mapping (requestParameters, responseParameters),
 * the endpoint configuration on `servers[]`, and the refusals AWS makes for them.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  DeleteCorsConfigurationCommand,
  ExportApiCommand,
  GetApiCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  ImportApiCommand,
  ReimportApiCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkError, startTestEmulator, TEST_CREDENTIALS, type Emu } from './core-setup.js';

let emu: Emu;
let v2: ApiGatewayV2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  v2 = new ApiGatewayV2Client({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  v2.destroy();
  await emu.stop();
});

const CORS = {
  allowOrigins: ['https://shop.example.com'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization'],
  exposeHeaders: ['x-request-id'],
  allowCredentials: true,
  maxAge: 600,
};
const SDK_CORS = {
  AllowOrigins: CORS.allowOrigins,
  AllowMethods: CORS.allowMethods,
  AllowHeaders: CORS.allowHeaders,
  ExposeHeaders: CORS.exposeHeaders,
  AllowCredentials: true,
  MaxAge: 600,
};

const REQUEST_PARAMETERS = {
  'overwrite:header.x-tenant': '$request.header.x-tenant-id',
  'remove:querystring.debug': "''",
  'overwrite:path': '/v2$request.path',
};
const RESPONSE_PARAMETERS = {
  '200': { 'overwrite:header.cache-control': 'no-store' },
  '404': { 'overwrite:statuscode': '410' },
};

function doc(extra: Record<string, unknown> = {}, integration: Record<string, unknown> = {}) {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'ext', version: '1' },
    paths: {
      '/items/{id}': {
        get: {
          responses: { default: { description: 'Default response for GET /items/{id}' } },
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'GET',
            uri: 'https://items.example.com/items/{id}',
            payloadFormatVersion: '1.0',
            connectionType: 'INTERNET',
            ...integration,
          },
        },
      },
    },
    ...extra,
  });
}

async function exported(ApiId: string): Promise<Record<string, any>> {
  const out = await v2.send(new ExportApiCommand({ ApiId, Specification: 'OAS30', OutputType: 'YAML' }));
  return parseYaml(new TextDecoder().decode(out.body));
}

describe('x-amazon-apigateway-cors', () => {
  it('ImportApi sets CorsConfiguration; GetApi returns it; ExportApi writes it back', async () => {
    const api = await v2.send(new ImportApiCommand({ Body: doc({ 'x-amazon-apigateway-cors': CORS }) }));
    expect(api.CorsConfiguration).toEqual(SDK_CORS);
    expect((await v2.send(new GetApiCommand({ ApiId: api.ApiId! }))).CorsConfiguration).toEqual(SDK_CORS);
    expect((await exported(api.ApiId!))['x-amazon-apigateway-cors']).toEqual(CORS);
  });

  it('ReimportApi replaces it (and removes it when the document has none); UpdateApi sets it; DeleteCorsConfiguration removes it', async () => {
    const api = await v2.send(new ImportApiCommand({ Body: doc({ 'x-amazon-apigateway-cors': CORS }) }));
    const ApiId = api.ApiId!;
    await v2.send(
      new ReimportApiCommand({ ApiId, Body: doc({ 'x-amazon-apigateway-cors': { allowOrigins: ['*'], maxAge: -1 } }) }),
    );
    expect((await v2.send(new GetApiCommand({ ApiId }))).CorsConfiguration).toEqual({
      AllowOrigins: ['*'],
      MaxAge: -1,
    });
    await v2.send(new ReimportApiCommand({ ApiId, Body: doc() }));
    expect((await v2.send(new GetApiCommand({ ApiId }))).CorsConfiguration).toBeUndefined();
    expect((await exported(ApiId))['x-amazon-apigateway-cors']).toBeUndefined();

    const updated = await v2.send(new UpdateApiCommand({ ApiId, CorsConfiguration: SDK_CORS }));
    expect(updated.CorsConfiguration).toEqual(SDK_CORS);
    const del = await v2.send(new DeleteCorsConfigurationCommand({ ApiId }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect((await v2.send(new GetApiCommand({ ApiId }))).CorsConfiguration).toBeUndefined();
  });

  it.each([
    [
      'allowCredentials with the * origin',
      { allowOrigins: ['*'], allowCredentials: true },
      "allow-credentials is not supported if 'allow-origin' is *",
    ],
    // CreateApi/UpdateApi meet the model's range check first ("…must have value less than or equal to 86400"), ImportApi the CORS check.
    ['maxAge above 86400', { allowOrigins: ['https://a.example.com'], maxAge: 86401 }, '86400'],
    [
      'a method that is not one',
      { allowOrigins: ['https://a.example.com'], allowMethods: ['FETCH'] },
      'Invalid allowMethods value FETCH',
    ],
  ] as Array<
    [string, { allowOrigins: string[]; allowCredentials?: boolean; maxAge?: number; allowMethods?: string[] }, string]
  >)('refuses %s (CreateApi, UpdateApi, ImportApi) with BadRequestException', async (_what, cors, message) => {
    const sdk = {
      AllowOrigins: cors.allowOrigins,
      AllowCredentials: cors.allowCredentials,
      MaxAge: cors.maxAge,
      AllowMethods: cors.allowMethods,
    };
    const create = await sdkError(() =>
      v2.send(new CreateApiCommand({ Name: 'c', ProtocolType: 'HTTP', CorsConfiguration: sdk })),
    );
    expect(create.name).toBe('BadRequestException');
    expect(create.message).toContain(message);
    const api = await v2.send(new CreateApiCommand({ Name: 'c', ProtocolType: 'HTTP' }));
    expect(
      (await sdkError(() => v2.send(new UpdateApiCommand({ ApiId: api.ApiId!, CorsConfiguration: sdk })))).message,
    ).toContain(message);
    expect(
      (await sdkError(() => v2.send(new ImportApiCommand({ Body: doc({ 'x-amazon-apigateway-cors': cors }) }))))
        .message,
    ).toContain(message);
  });
});

describe('integration parameter mapping', () => {
  it('CreateIntegration stores requestParameters and responseParameters; GetIntegration(s) return them', async () => {
    const api = await v2.send(new CreateApiCommand({ Name: 'pm', ProtocolType: 'HTTP' }));
    const i = await v2.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId!,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'GET',
        IntegrationUri: 'https://items.example.com',
        PayloadFormatVersion: '1.0',
        RequestParameters: REQUEST_PARAMETERS,
        ResponseParameters: RESPONSE_PARAMETERS,
      }),
    );
    expect(i).toMatchObject({ RequestParameters: REQUEST_PARAMETERS, ResponseParameters: RESPONSE_PARAMETERS });
    expect(
      await v2.send(new GetIntegrationCommand({ ApiId: api.ApiId!, IntegrationId: i.IntegrationId! })),
    ).toMatchObject({ RequestParameters: REQUEST_PARAMETERS, ResponseParameters: RESPONSE_PARAMETERS });
    expect((await v2.send(new GetIntegrationsCommand({ ApiId: api.ApiId! }))).Items?.[0]).toMatchObject({
      ResponseParameters: RESPONSE_PARAMETERS,
    });
  });

  it('UpdateIntegration merges: a request parameter set to "" is removed, a status code set to {} drops its mappings', async () => {
    const api = await v2.send(new CreateApiCommand({ Name: 'pm', ProtocolType: 'HTTP' }));
    const i = await v2.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId!,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'GET',
        IntegrationUri: 'https://items.example.com',
        RequestParameters: REQUEST_PARAMETERS,
        ResponseParameters: RESPONSE_PARAMETERS,
      }),
    );
    const u = await v2.send(
      new UpdateIntegrationCommand({
        ApiId: api.ApiId!,
        IntegrationId: i.IntegrationId!,
        RequestParameters: { 'remove:querystring.debug': '', 'append:header.x-via': 'apigw' },
        ResponseParameters: { '404': {}, '500': { 'overwrite:header.retry-after': '5' } },
      }),
    );
    expect(u.RequestParameters).toEqual({
      'overwrite:header.x-tenant': '$request.header.x-tenant-id',
      'overwrite:path': '/v2$request.path',
      'append:header.x-via': 'apigw',
    });
    expect(u.ResponseParameters).toEqual({
      '200': RESPONSE_PARAMETERS['200'],
      '500': { 'overwrite:header.retry-after': '5' },
    });
    const cleared = await v2.send(
      new UpdateIntegrationCommand({
        ApiId: api.ApiId!,
        IntegrationId: i.IntegrationId!,
        ResponseParameters: { '200': {}, '500': {} },
      }),
    );
    expect(cleared.ResponseParameters).toBeUndefined();
  });

  it('x-amazon-apigateway-integration requestParameters/responseParameters import and export', async () => {
    const api = await v2.send(
      new ImportApiCommand({
        Body: doc({}, { requestParameters: REQUEST_PARAMETERS, responseParameters: RESPONSE_PARAMETERS }),
      }),
    );
    const [i] = (await v2.send(new GetIntegrationsCommand({ ApiId: api.ApiId! }))).Items!;
    expect(i).toMatchObject({ RequestParameters: REQUEST_PARAMETERS, ResponseParameters: RESPONSE_PARAMETERS });
    const ext = (await exported(api.ApiId!)).paths['/items/{id}'].get['x-amazon-apigateway-integration'];
    expect(ext).toMatchObject({ requestParameters: REQUEST_PARAMETERS, responseParameters: RESPONSE_PARAMETERS });
  });

  it.each([
    [
      'a request parameter key outside append|overwrite|remove',
      { RequestParameters: { 'integration.request.header.x': "'a'" } },
      'Invalid request parameter key integration.request.header.x',
    ],
    [
      'a response status code outside 200-599',
      { ResponseParameters: { '199': { 'overwrite:header.x': 'a' } } },
      'Invalid status code 199',
    ],
    [
      'a response parameter key that is not a header or the status code',
      { ResponseParameters: { '200': { 'overwrite:querystring.x': 'a' } } },
      'Invalid response parameter key overwrite:querystring.x',
    ],
    [
      'payload format 2.0 on an HTTP_PROXY integration',
      { PayloadFormatVersion: '2.0' },
      'Invalid payloadFormatVersion 2.0 for HTTP_PROXY',
    ],
  ])('refuses %s with BadRequestException', async (_what, input, message) => {
    const api = await v2.send(new CreateApiCommand({ Name: 'pm', ProtocolType: 'HTTP' }));
    const err = await sdkError(() =>
      v2.send(
        new CreateIntegrationCommand({
          ApiId: api.ApiId!,
          IntegrationType: 'HTTP_PROXY',
          IntegrationMethod: 'GET',
          IntegrationUri: 'https://items.example.com',
          ...input,
        }),
      ),
    );
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toContain(message);
  });

  it('AWS service integrations (with a subtype) take the service parameter names', async () => {
    const api = await v2.send(new CreateApiCommand({ Name: 'sqs', ProtocolType: 'HTTP' }));
    const i = await v2.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId!,
        IntegrationType: 'AWS_PROXY',
        IntegrationSubtype: 'SQS-SendMessage',
        PayloadFormatVersion: '1.0',
        IntegrationUri: 'arn:aws:apigateway:us-east-1:sqs:action/SendMessage',
        CredentialsArn: 'arn:aws:iam::000000000000:role/sqs',
        RequestParameters: { QueueUrl: '$request.header.queueUrl', MessageBody: '$request.body.message' },
      }),
    );
    expect(i.RequestParameters).toEqual({ QueueUrl: '$request.header.queueUrl', MessageBody: '$request.body.message' });
  });
});

describe('HTTP endpoint configuration and REQUEST authorizers', () => {
  it('disableExecuteApiEndpoint under servers[] imports and exports', async () => {
    const api = await v2.send(
      new ImportApiCommand({
        Body: doc({
          servers: [
            {
              url: 'https://x/{basePath}',
              'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true },
            },
          ],
        }),
      }),
    );
    expect(api.DisableExecuteApiEndpoint).toBe(true);
    expect((await exported(api.ApiId!)).servers[0]['x-amazon-apigateway-endpoint-configuration']).toEqual({
      disableExecuteApiEndpoint: true,
    });
  });

  it('x-amazon-apigateway-auth AWS_IAM makes the route IAM-authorized', async () => {
    const body = JSON.parse(doc());
    body.paths['/items/{id}'].get['x-amazon-apigateway-auth'] = { type: 'AWS_IAM' };
    const api = await v2.send(new ImportApiCommand({ Body: JSON.stringify(body) }));
    expect((await v2.send(new GetRoutesCommand({ ApiId: api.ApiId! }))).Items?.[0].AuthorizationType).toBe('AWS_IAM');
  });

  it('a REQUEST authorizer needs an identity source only when caching is on', async () => {
    const api = await v2.send(new CreateApiCommand({ Name: 'auth', ProtocolType: 'HTTP' }));
    // The model marks IdentitySource required, yet documents it as optional for REQUEST authorizers: an empty list.
    const base = {
      ApiId: api.ApiId!,
      AuthorizerType: 'REQUEST' as const,
      IdentitySource: [],
      AuthorizerUri:
        'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
      AuthorizerPayloadFormatVersion: '2.0',
    };
    expect((await v2.send(new CreateAuthorizerCommand({ ...base, Name: 'no-cache' }))).AuthorizerId).toBeDefined();
    const err = await sdkError(() =>
      v2.send(new CreateAuthorizerCommand({ ...base, Name: 'cached', AuthorizerResultTtlInSeconds: 300 })),
    );
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toContain('identitySource is required for a REQUEST authorizer when caching is enabled');
  });
});
