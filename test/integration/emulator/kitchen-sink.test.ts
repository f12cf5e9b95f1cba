/**
 * The kitchen-sink state (test/fixtures/state/kitchen-sink) at the endpoint level, until the
 * tool side of the new extensions exists: ImportRestApi / ImportApi of its OpenAPI files →
 * GetExport / ExportApi → every extension comes back, and the reads (GetRestApi,
 * GetGatewayResponses, GetApi, GetIntegrations) show each setting.
 */
import { readFileSync } from 'node:fs';
import {
  CreateDeploymentCommand,
  GetExportCommand,
  GetGatewayResponsesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  ExportApiCommand,
  GetApiCommand,
  GetIntegrationsCommand,
  ImportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_CREDENTIALS, v1Client, type Emu } from './core-setup.js';

const KITCHEN_SINK = 'test/fixtures/state/kitchen-sink';
const REST_FILE = `${KITCHEN_SINK}/apis/storefront/storefront.openapi.yaml`;
const HTTP_FILE = `${KITCHEN_SINK}/apis/events/events.openapi.yaml`;

type Doc = Record<string, any>;
const source = (file: string): Doc => parseYaml(readFileSync(file, 'utf8'));

let emu: Emu;
let v1: APIGatewayClient;
let v2: ApiGatewayV2Client;

beforeAll(async () => {
  emu = await startTestEmulator();
  v1 = v1Client(emu);
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

describe('kitchen sink, REST API', () => {
  const src = source(REST_FILE);
  let restApiId = '';

  beforeAll(async () => {
    const api = await v1.send(
      new ImportRestApiCommand({
        body: readFileSync(REST_FILE),
        failOnWarnings: true,
        parameters: { endpointConfigurationTypes: 'PRIVATE' },
      }),
    );
    restApiId = api.id!;
    await v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  });

  it('imports without a warning and the reads show every API-level setting', async () => {
    const api = await v1.send(new GetRestApiCommand({ restApiId }));
    expect(api).toMatchObject({
      name: 'kitchen-sink-rest',
      description: src.info.description,
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/png', 'application/pdf'],
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] },
    });
    const policy = JSON.parse(api.policy!.replace(/\\"/g, '"').replace(/\\\//g, '/'));
    expect(policy.Statement.map((s: Doc) => s.Resource)).toEqual([
      `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/*`,
      `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/*`,
    ]);
    const custom = (await v1.send(new GetGatewayResponsesCommand({ restApiId }))).items!.filter(
      (r) => !r.defaultResponse,
    );
    expect(Object.fromEntries(custom.map((r) => [r.responseType, r.statusCode ?? null]))).toEqual({
      DEFAULT_4XX: null,
      DEFAULT_5XX: null,
      UNAUTHORIZED: '401',
      BAD_REQUEST_BODY: '422',
      THROTTLED: '429',
    });
  });

  it.each(['oas30', 'swagger'] as const)(
    'GetExport %s with extensions=apigateway writes every extension back',
    async (exportType) => {
      const out = await v1.send(
        new GetExportCommand({
          restApiId,
          stageName: 'prod',
          exportType,
          parameters: { extensions: 'apigateway' },
          accepts: 'application/yaml',
        }),
      );
      const doc: Doc = parseYaml(new TextDecoder().decode(out.body));
      expect(doc.info).toMatchObject({ title: 'kitchen-sink-rest', description: src.info.description });
      expect(doc['x-amazon-apigateway-gateway-responses']).toEqual(src['x-amazon-apigateway-gateway-responses']);
      expect(doc['x-amazon-apigateway-minimum-compression-size']).toBe(1024);
      expect(doc['x-amazon-apigateway-api-key-source']).toBe('AUTHORIZER');
      expect(doc['x-amazon-apigateway-binary-media-types']).toEqual(src['x-amazon-apigateway-binary-media-types']);
      expect(doc['x-amazon-apigateway-request-validators']).toEqual(src['x-amazon-apigateway-request-validators']);
      const arn = `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/*`;
      const srcPolicy = src['x-amazon-apigateway-policy'];
      expect(doc['x-amazon-apigateway-policy']).toEqual({
        ...srcPolicy,
        Statement: srcPolicy.Statement.map((s: Doc) => ({ ...s, Resource: arn })),
      });
      const endpoint =
        exportType === 'oas30'
          ? doc.servers[0]['x-amazon-apigateway-endpoint-configuration']
          : doc['x-amazon-apigateway-endpoint-configuration'];
      expect(endpoint).toEqual(src.servers[0]['x-amazon-apigateway-endpoint-configuration']);
      expect(doc.paths['/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration']).toMatchObject(
        { type: 'http_proxy', uri: 'https://legacy.internal.example.com/{proxy}' },
      );
      expect(doc.paths['/orders'].get['x-amazon-apigateway-request-validator']).toBe('params-only');
    },
  );
});

describe('kitchen sink, HTTP API', () => {
  const src = source(HTTP_FILE);
  let apiId = '';

  beforeAll(async () => {
    const api = await v2.send(new ImportApiCommand({ Body: readFileSync(HTTP_FILE, 'utf8'), FailOnWarnings: true }));
    apiId = api.ApiId!;
  });

  it('GetApi shows CORS, the description and the endpoint setting; GetIntegrations the parameter mappings', async () => {
    const api = await v2.send(new GetApiCommand({ ApiId: apiId }));
    const cors = src['x-amazon-apigateway-cors'];
    expect(api).toMatchObject({
      Name: 'kitchen-sink-http',
      Description: src.info.description,
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: {
        AllowOrigins: cors.allowOrigins,
        AllowMethods: cors.allowMethods,
        AllowHeaders: cors.allowHeaders,
        ExposeHeaders: cors.exposeHeaders,
        MaxAge: 600,
        AllowCredentials: true,
      },
    });
    const items = (await v2.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items!;
    const ext = src.paths['/items/{id}'].get['x-amazon-apigateway-integration'];
    expect(items.find((i) => i.IntegrationType === 'HTTP_PROXY' && i.IntegrationMethod === 'GET')).toMatchObject({
      RequestParameters: ext.requestParameters,
      ResponseParameters: ext.responseParameters,
    });
  });

  it('ExportApi writes CORS, the parameter mappings, the endpoint configuration and the description back', async () => {
    const out = await v2.send(new ExportApiCommand({ ApiId: apiId, Specification: 'OAS30', OutputType: 'YAML' }));
    const doc: Doc = parseYaml(new TextDecoder().decode(out.body));
    expect(doc.info.description).toBe(src.info.description);
    expect(doc['x-amazon-apigateway-cors']).toEqual(src['x-amazon-apigateway-cors']);
    expect(doc['x-amazon-apigateway-importexport-version']).toBe('1.0');
    expect(doc.servers[0]['x-amazon-apigateway-endpoint-configuration']).toEqual({ disableExecuteApiEndpoint: true });
    const ext = src.paths['/items/{id}'].get['x-amazon-apigateway-integration'];
    expect(doc.paths['/items/{id}'].get['x-amazon-apigateway-integration']).toMatchObject({
      requestParameters: ext.requestParameters,
      responseParameters: ext.responseParameters,
    });
  });
});
