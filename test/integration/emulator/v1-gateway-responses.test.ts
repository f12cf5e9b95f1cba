/** REST gateway responses over HTTP with the real SDK: AWS's defaults, customization, reset, import and export. */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteGatewayResponseCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  PutRestApiCommand,
  UpdateGatewayResponseCommand,
  type APIGatewayClient,
  type GatewayResponseType,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSE_DEFAULTS } from '../../../src/emulator/apigw-v1/gateway-responses.js';
import { sdkError, startTestEmulator, v1Client, type Emu } from './core-setup.js';

let emu: Emu;
let c: APIGatewayClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = v1Client(emu);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.control.reset());

const DEFAULT_TEMPLATE = { 'application/json': '{"message":$context.error.messageString}' };
const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

async function newApi(): Promise<string> {
  return (await c.send(new CreateRestApiCommand({ name: 'gr' }))).id!;
}

/** Adds one mocked method and deploys to `prod`, so GetExport has a snapshot. */
async function deploy(restApiId: string): Promise<void> {
  const root = (await c.send(new GetRestApiCommand({ restApiId }))).rootResourceId!;
  const res = (await c.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: 'health' }))).id!;
  await c.send(new PutMethodCommand({ restApiId, resourceId: res, httpMethod: 'GET', authorizationType: 'NONE' }));
  await c.send(new PutIntegrationCommand({ restApiId, resourceId: res, httpMethod: 'GET', type: 'MOCK' }));
  await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
}

describe('GetGatewayResponses', () => {
  it('lists every response type with AWS defaults: defaultResponse true, default status codes, the message template', async () => {
    const restApiId = await newApi();
    const out = await c.send(new GetGatewayResponsesCommand({ restApiId }));
    expect(out.position).toBeUndefined();
    expect(out.items).toHaveLength(21);
    const byType = new Map(out.items!.map((r) => [r.responseType, r]));
    expect(byType.get('DEFAULT_4XX')).toEqual({
      responseType: 'DEFAULT_4XX',
      responseParameters: {},
      responseTemplates: DEFAULT_TEMPLATE,
      defaultResponse: true,
    });
    expect(byType.get('DEFAULT_5XX')?.statusCode).toBeUndefined();
    // The table of the developer guide's "Gateway response types" page.
    const codes = Object.fromEntries(out.items!.map((r) => [r.responseType, r.statusCode]));
    expect(codes).toEqual({
      DEFAULT_4XX: undefined,
      DEFAULT_5XX: undefined,
      RESOURCE_NOT_FOUND: '404',
      UNAUTHORIZED: '401',
      INVALID_API_KEY: '403',
      ACCESS_DENIED: '403',
      AUTHORIZER_FAILURE: '500',
      AUTHORIZER_CONFIGURATION_ERROR: '500',
      INVALID_SIGNATURE: '403',
      EXPIRED_TOKEN: '403',
      MISSING_AUTHENTICATION_TOKEN: '403',
      INTEGRATION_FAILURE: '504',
      INTEGRATION_TIMEOUT: '504',
      API_CONFIGURATION_ERROR: '500',
      UNSUPPORTED_MEDIA_TYPE: '415',
      BAD_REQUEST_PARAMETERS: '400',
      BAD_REQUEST_BODY: '400',
      REQUEST_TOO_LARGE: '413',
      THROTTLED: '429',
      QUOTA_EXCEEDED: '429',
      WAF_FILTERED: '403',
    });
    expect(out.items!.every((r) => r.defaultResponse === true)).toBe(true);
  });

  it('is not paged (AWS: limit and position "do not apply"), but still range-checks limit', async () => {
    const restApiId = await newApi();
    expect((await c.send(new GetGatewayResponsesCommand({ restApiId, limit: 5 }))).items).toHaveLength(21);
    const err = await sdkError(() => c.send(new GetGatewayResponsesCommand({ restApiId, limit: 501 })));
    expect(err.name).toBe('BadRequestException');
  });

  it('answers NotFoundException for an unknown API', async () => {
    const err = await sdkError(() => c.send(new GetGatewayResponsesCommand({ restApiId: 'nope' })));
    expect(err.name).toBe('NotFoundException');
  });
});

describe('Put/Get/Update/DeleteGatewayResponse', () => {
  it('customizes a type, shows it as non-default, patches it, and resets it to the default on delete', async () => {
    const restApiId = await newApi();
    const put = await c.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'UNAUTHORIZED',
        statusCode: '401',
        responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
        responseTemplates: { 'application/json': '{"error":"unauthorized"}' },
      }),
    );
    expect(put.$metadata.httpStatusCode).toBe(201);
    expect(put).toMatchObject({ responseType: 'UNAUTHORIZED', statusCode: '401', defaultResponse: false });

    const got = await c.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
    expect(got).toMatchObject({
      statusCode: '401',
      responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
      defaultResponse: false,
    });

    const patched = await c.send(
      new UpdateGatewayResponseCommand({
        restApiId,
        responseType: 'UNAUTHORIZED',
        patchOperations: [
          { op: 'replace', path: '/statusCode', value: '403' },
          {
            op: 'add',
            path: '/responseParameters/gatewayresponse.header.X-Reason',
            value: 'context.error.responseType',
          },
          { op: 'remove', path: '/responseTemplates/application~1json' },
        ],
      }),
    );
    expect(patched).toMatchObject({
      statusCode: '403',
      responseParameters: {
        'gatewayresponse.header.WWW-Authenticate': "'Bearer'",
        'gatewayresponse.header.X-Reason': 'context.error.responseType',
      },
      responseTemplates: {},
      defaultResponse: false,
    });

    const del = await c.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
    expect(del.$metadata.httpStatusCode).toBe(202);
    expect(await c.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }))).toMatchObject({
      statusCode: '401',
      responseParameters: {},
      responseTemplates: DEFAULT_TEMPLATE,
      defaultResponse: true,
    });
    const again = await sdkError(() =>
      c.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' })),
    );
    expect(again.name).toBe('NotFoundException');
  });

  it('keeps the type default status code when Put gives none, and none for DEFAULT_4XX', async () => {
    const restApiId = await newApi();
    const four = await c.send(
      new PutGatewayResponseCommand({
        restApiId,
        responseType: 'DEFAULT_4XX',
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      }),
    );
    expect(four.statusCode).toBeUndefined();
    expect(four.responseTemplates).toEqual({});
    const quota = await c.send(new PutGatewayResponseCommand({ restApiId, responseType: 'QUOTA_EXCEEDED' }));
    expect(quota.statusCode).toBe(GATEWAY_RESPONSE_DEFAULTS.QUOTA_EXCEEDED);
  });

  it('patching an uncustomized type starts from the default', async () => {
    const restApiId = await newApi();
    const r = await c.send(
      new UpdateGatewayResponseCommand({
        restApiId,
        responseType: 'THROTTLED',
        patchOperations: [{ op: 'add', path: '/responseParameters/gatewayresponse.header.Retry-After', value: "'1'" }],
      }),
    );
    expect(r).toMatchObject({
      statusCode: '429',
      responseTemplates: DEFAULT_TEMPLATE,
      responseParameters: { 'gatewayresponse.header.Retry-After': "'1'" },
      defaultResponse: false,
    });
  });

  it.each([
    [
      'an unknown response type',
      { responseType: 'NOT_A_TYPE' as GatewayResponseType },
      /failed to satisfy constraint: Member must satisfy enum value set/,
    ],
    [
      'a status code outside [1-5]\\d\\d',
      { responseType: 'UNAUTHORIZED' as GatewayResponseType, statusCode: '600' },
      /at 'statusCode' failed to satisfy constraint/,
    ],
    [
      'a response parameter that is not gatewayresponse.*',
      {
        responseType: 'UNAUTHORIZED' as GatewayResponseType,
        responseParameters: { 'method.response.header.X': "'a'" },
      },
      /Invalid mapping expression specified: method\.response\.header\.X/,
    ],
    [
      'a response parameter value that is not a mapping or a quoted literal',
      {
        responseType: 'UNAUTHORIZED' as GatewayResponseType,
        responseParameters: { 'gatewayresponse.header.X': 'plain' },
      },
      /Invalid mapping expression specified: plain/,
    ],
  ])('refuses %s with BadRequestException', async (_what, input, message) => {
    const restApiId = await newApi();
    const err = await sdkError(() => c.send(new PutGatewayResponseCommand({ restApiId, ...input })));
    expect(err.name).toBe('BadRequestException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toMatch(message);
  });
});

const OAS30 = (responses: object) =>
  JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'gr-import', version: '1' },
    paths: {
      '/ping': {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200' } },
          },
        },
      },
    },
    'x-amazon-apigateway-gateway-responses': responses,
  });

describe('x-amazon-apigateway-gateway-responses', () => {
  it('ImportRestApi customizes the declared types (statusCode as number or string); GetExport writes them back (oas30 and swagger)', async () => {
    const body = OAS30({
      DEFAULT_4XX: {
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
        responseTemplates: DEFAULT_TEMPLATE,
      },
      UNAUTHORIZED: { statusCode: 401, responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" } },
      BAD_REQUEST_BODY: {
        statusCode: '422',
        responseTemplates: { 'application/json': '{"message":$context.error.validationErrorString}' },
      },
    });
    const api = await c.send(new ImportRestApiCommand({ body: new TextEncoder().encode(body) }));
    const all = await c.send(new GetGatewayResponsesCommand({ restApiId: api.id! }));
    const custom = all.items!.filter((r) => !r.defaultResponse).map((r) => [r.responseType, r.statusCode]);
    expect(custom.sort()).toEqual([
      ['BAD_REQUEST_BODY', '422'],
      ['DEFAULT_4XX', undefined],
      ['UNAUTHORIZED', '401'],
    ]);

    await deploy(api.id!);
    for (const exportType of ['oas30', 'swagger']) {
      const out = await c.send(
        new GetExportCommand({
          restApiId: api.id!,
          stageName: 'prod',
          exportType,
          parameters: { extensions: 'apigateway' },
          accepts: 'application/json',
        }),
      );
      const doc = JSON.parse(text(out.body));
      expect(doc['x-amazon-apigateway-gateway-responses']).toEqual({
        DEFAULT_4XX: {
          responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
          responseTemplates: DEFAULT_TEMPLATE,
        },
        UNAUTHORIZED: {
          statusCode: 401,
          responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
        },
        BAD_REQUEST_BODY: {
          statusCode: 422,
          responseTemplates: { 'application/json': '{"message":$context.error.validationErrorString}' },
        },
      });
    }
    // Only with the API Gateway extensions.
    const plain = await c.send(
      new GetExportCommand({ restApiId: api.id!, stageName: 'prod', exportType: 'oas30', accepts: 'application/json' }),
    );
    expect(JSON.parse(text(plain.body))['x-amazon-apigateway-gateway-responses']).toBeUndefined();
  });

  it('a gateway response change reaches GetExport only after a new deployment (it is part of the deployed snapshot)', async () => {
    const api = await c.send(new ImportRestApiCommand({ body: new TextEncoder().encode(OAS30({})) }));
    await deploy(api.id!);
    await c.send(new PutGatewayResponseCommand({ restApiId: api.id!, responseType: 'THROTTLED', statusCode: '503' }));
    const exportNow = async () =>
      JSON.parse(
        text(
          (
            await c.send(
              new GetExportCommand({
                restApiId: api.id!,
                stageName: 'prod',
                exportType: 'oas30',
                parameters: { extensions: 'apigateway' },
                accepts: 'application/json',
              }),
            )
          ).body,
        ),
      );
    expect((await exportNow())['x-amazon-apigateway-gateway-responses']).toBeUndefined();
    await c.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'prod' }));
    expect((await exportNow())['x-amazon-apigateway-gateway-responses']).toEqual({ THROTTLED: { statusCode: 503 } });
  });

  it('PutRestApi overwrite replaces the customizations; merge adds and replaces by type', async () => {
    const api = await c.send(
      new ImportRestApiCommand({
        body: new TextEncoder().encode(OAS30({ UNAUTHORIZED: { statusCode: 401 }, THROTTLED: { statusCode: 503 } })),
      }),
    );
    const restApiId = api.id!;
    const customized = async () =>
      (await c.send(new GetGatewayResponsesCommand({ restApiId })))
        .items!.filter((r) => !r.defaultResponse)
        .map((r) => `${r.responseType}:${r.statusCode}`)
        .sort();
    await c.send(
      new PutRestApiCommand({
        restApiId,
        mode: 'merge',
        body: new TextEncoder().encode(OAS30({ THROTTLED: { statusCode: 429 }, EXPIRED_TOKEN: { statusCode: 401 } })),
      }),
    );
    expect(await customized()).toEqual(['EXPIRED_TOKEN:401', 'THROTTLED:429', 'UNAUTHORIZED:401']);
    await c.send(
      new PutRestApiCommand({
        restApiId,
        mode: 'overwrite',
        body: new TextEncoder().encode(OAS30({ ACCESS_DENIED: { statusCode: 403 } })),
      }),
    );
    expect(await customized()).toEqual(['ACCESS_DENIED:403']);
  });

  it('an invalid entry is a warning on import, and an error with failonwarnings', async () => {
    const body = new TextEncoder().encode(
      OAS30({ NOT_A_TYPE: { statusCode: 400 }, UNAUTHORIZED: { statusCode: 401 } }),
    );
    const api = await c.send(new ImportRestApiCommand({ body }));
    expect(api.warnings?.some((w) => w.includes("Unable to put gateway response 'NOT_A_TYPE'"))).toBe(true);
    const err = await sdkError(() => c.send(new ImportRestApiCommand({ body, failOnWarnings: true })));
    expect(err.name).toBe('BadRequestException');
  });
});
