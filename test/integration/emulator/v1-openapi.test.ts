/** GetExport from the deployed snapshot, ImportRestApi and PutRestApi (merge | overwrite), over HTTP. */
import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetAuthorizersCommand,
  GetModelsCommand,
  ImportRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
  UpdateIntegrationCommand,
  type APIGatewayClient,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkError, startTestEmulator, v1Client, type Emu } from './core-setup.js';

let emu: Emu;
let c: APIGatewayClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = v1Client(emu);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.control.reset());

const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

/** An API with a path parameter, a model, a validator, a custom authorizer, responses, and a deployed stage. */
async function buildApi(): Promise<{ restApiId: string; petId: string }> {
  const api = await c.send(
    new CreateRestApiCommand({
      name: 'pets',
      description: 'pet store',
      version: '1.0',
      binaryMediaTypes: ['image/png'],
    }),
  );
  const restApiId = api.id!;
  await c.send(
    new CreateModelCommand({
      restApiId,
      name: 'Pet',
      contentType: 'application/json',
      schema: JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }),
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
  const auth = await c.send(
    new CreateAuthorizerCommand({
      restApiId,
      name: 'tok',
      type: 'TOKEN',
      authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/fn',
      identitySource: 'method.request.header.Authorization',
    }),
  );
  const pets = await c.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'pets' }));
  const pet = await c.send(new CreateResourceCommand({ restApiId, parentId: pets.id!, pathPart: '{petId}' }));
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'GET',
      authorizationType: 'NONE',
      requestParameters: { 'method.request.querystring.limit': false },
    }),
  );
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: 'https://pets.example.com/pets',
    }),
  );
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'POST',
      authorizationType: 'CUSTOM',
      authorizerId: auth.id,
      requestModels: { 'application/json': 'Pet' },
      requestValidatorId: validator.id,
      apiKeyRequired: true,
    }),
  );
  await c.send(
    new PutMethodResponseCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'POST',
      statusCode: '201',
      responseModels: { 'application/json': 'Pet' },
    }),
  );
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'POST',
      type: 'AWS',
      integrationHttpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/create',
    }),
  );
  await c.send(
    new PutIntegrationResponseCommand({
      restApiId,
      resourceId: pets.id!,
      httpMethod: 'POST',
      statusCode: '201',
      responseTemplates: { 'application/json': '$input.body' },
    }),
  );
  await c.send(
    new PutMethodCommand({
      restApiId,
      resourceId: pet.id!,
      httpMethod: 'ANY',
      authorizationType: 'NONE',
      requestParameters: { 'method.request.path.petId': true },
    }),
  );
  await c.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId: pet.id!,
      httpMethod: 'ANY',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'ANY',
      uri: 'https://pets.example.com/pets/{petId}',
      requestParameters: { 'integration.request.path.petId': 'method.request.path.petId' },
    }),
  );
  await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return { restApiId, petId: pet.id! };
}

/** What an import must reproduce: path → verb → the method's essentials and its integration. */
function shape(items: Resource[]) {
  return Object.fromEntries(
    items
      .filter((r) => r.resourceMethods)
      .map((r) => [
        r.path,
        Object.fromEntries(
          Object.entries(r.resourceMethods!).map(([verb, m]) => [
            verb,
            {
              authorizationType: m.authorizationType,
              apiKeyRequired: m.apiKeyRequired,
              requestParameters: m.requestParameters,
              requestModels: m.requestModels,
              responses: Object.keys(m.methodResponses ?? {}),
              integration: m.methodIntegration && {
                type: m.methodIntegration.type,
                httpMethod: m.methodIntegration.httpMethod,
                uri: m.methodIntegration.uri,
                requestParameters: m.methodIntegration.requestParameters,
                passthroughBehavior: m.methodIntegration.passthroughBehavior,
                timeoutInMillis: m.methodIntegration.timeoutInMillis,
                responses:
                  m.methodIntegration.integrationResponses &&
                  Object.values(m.methodIntegration.integrationResponses).map((x) => x.responseTemplates),
              },
            },
          ]),
        ),
      ]),
  );
}

describe('GetExport', () => {
  it('exports oas30 JSON with integrations and authorizers from the deployed snapshot', async () => {
    const { restApiId } = await buildApi();
    const out = await c.send(
      new GetExportCommand({
        restApiId,
        stageName: 'prod',
        exportType: 'oas30',
        parameters: { extensions: 'integrations,authorizers' },
      }),
    );
    expect(out.contentType).toBe('application/json');
    const doc = JSON.parse(text(out.body));
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toMatchObject({ title: 'pets', version: '1.0' });
    expect(doc.servers[0].variables.basePath.default).toBe('/prod');
    expect(Object.keys(doc.paths)).toEqual(['/pets', '/pets/{petId}']);
    expect(doc.paths['/pets'].get['x-amazon-apigateway-integration']).toMatchObject({
      type: 'http_proxy',
      uri: 'https://pets.example.com/pets',
      passthroughBehavior: 'when_no_match',
    });
    expect(doc.paths['/pets/{petId}']['x-amazon-apigateway-any-method'].parameters).toEqual([
      { name: 'petId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(doc.paths['/pets'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Pet',
    );
    expect(doc.paths['/pets'].post.security).toEqual([{ tok: [] }, { api_key: [] }]);
    expect(doc.components.securitySchemes.tok['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'token',
      authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/fn',
    });
    expect(doc['x-amazon-apigateway-request-validators']).toBeUndefined();
  });

  it('exports what was deployed, not what was edited since', async () => {
    const { restApiId } = await buildApi();
    const resources = await c.send(new GetResourcesCommand({ restApiId }));
    const pets = resources.items!.find((r) => r.path === '/pets')!;
    await c.send(
      new UpdateIntegrationCommand({
        restApiId,
        resourceId: pets.id!,
        httpMethod: 'GET',
        patchOperations: [{ op: 'replace', path: '/uri', value: 'https://changed.example.com/' }],
      }),
    );
    const out = await c.send(
      new GetExportCommand({
        restApiId,
        stageName: 'prod',
        exportType: 'oas30',
        parameters: { extensions: 'integrations' },
      }),
    );
    expect(JSON.parse(text(out.body)).paths['/pets'].get['x-amazon-apigateway-integration'].uri).toBe(
      'https://pets.example.com/pets',
    );
  });

  it('exports swagger as YAML when asked, with all API Gateway extensions', async () => {
    const { restApiId } = await buildApi();
    const out = await c.send(
      new GetExportCommand({
        restApiId,
        stageName: 'prod',
        exportType: 'swagger',
        accepts: 'application/yaml',
        parameters: { extensions: 'apigateway' },
      }),
    );
    expect(out.contentType).toBe('application/yaml');
    const doc = parseYaml(text(out.body));
    expect(doc.swagger).toBe('2.0');
    expect(doc.basePath).toBe('/prod');
    expect(doc.definitions.Pet.type).toBe('object');
    expect(doc.paths['/pets'].post.parameters).toContainEqual({
      in: 'body',
      name: 'Pet',
      required: true,
      schema: { $ref: '#/definitions/Pet' },
    });
    expect(doc['x-amazon-apigateway-request-validators']).toEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
    });
    expect(doc['x-amazon-apigateway-binary-media-types']).toEqual(['image/png']);
    expect(doc.paths['/pets'].post['x-amazon-apigateway-request-validator']).toBe('all');
  });

  it('refuses an unknown stage and an unknown export type', async () => {
    const { restApiId } = await buildApi();
    expect(
      (await sdkError(() => c.send(new GetExportCommand({ restApiId, stageName: 'nope', exportType: 'oas30' })))).name,
    ).toBe('NotFoundException');
    expect(
      (await sdkError(() => c.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'raml' })))).name,
    ).toBe('BadRequestException');
  });
});

describe('ImportRestApi and PutRestApi', () => {
  it.each([
    ['oas30', 'application/json'],
    ['oas30', 'application/yaml'],
    ['swagger', 'application/json'],
  ])('round-trips an %s export (%s) through ImportRestApi', async (exportType, accepts) => {
    const { restApiId } = await buildApi();
    const out = await c.send(
      new GetExportCommand({
        restApiId,
        stageName: 'prod',
        exportType,
        accepts,
        parameters: { extensions: 'apigateway' },
      }),
    );
    const imported = await c.send(new ImportRestApiCommand({ body: out.body! }));
    expect(imported.id).not.toBe(restApiId);
    expect(imported).toMatchObject({ name: 'pets', description: 'pet store', binaryMediaTypes: ['image/png'] });
    const before = await c.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 }));
    const after = await c.send(new GetResourcesCommand({ restApiId: imported.id!, embed: ['methods'], limit: 500 }));
    expect(Object.keys(shape(before.items!))).toEqual(['/pets', '/pets/{petId}']);
    expect(shape(after.items!)).toEqual(shape(before.items!));
    expect((await c.send(new GetAuthorizersCommand({ restApiId: imported.id! }))).items!.map((a) => a.name)).toEqual([
      'tok',
    ]);
    expect((await c.send(new GetModelsCommand({ restApiId: imported.id! }))).items!.map((m) => m.name)).toEqual([
      'Pet',
    ]);
    // Round trip again: the re-export of the import equals the first export.
    await c.send(new CreateDeploymentCommand({ restApiId: imported.id!, stageName: 'prod' }));
    const again = await c.send(
      new GetExportCommand({
        restApiId: imported.id!,
        stageName: 'prod',
        exportType,
        accepts: 'application/json',
        parameters: { extensions: 'apigateway' },
      }),
    );
    const first = await c.send(
      new GetExportCommand({
        restApiId,
        stageName: 'prod',
        exportType,
        accepts: 'application/json',
        parameters: { extensions: 'apigateway' },
      }),
    );
    const strip = (d: Record<string, unknown>) => ({ ...d, info: undefined, servers: undefined, host: undefined });
    const normalize = (s: string) =>
      JSON.parse(
        s
          .replace(new RegExp(restApiId, 'g'), 'X')
          .replace(new RegExp(imported.id!, 'g'), 'X')
          .replace(/"cacheNamespace": "[a-z0-9]+"/g, '"cacheNamespace": "N"'),
      );
    expect(strip(normalize(text(again.body)))).toEqual(strip(normalize(text(first.body))));
  });

  const doc = (paths: Record<string, unknown>, title = 'put') =>
    JSON.stringify({ openapi: '3.0.1', info: { title, version: '1' }, paths });
  const mock = {
    'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode":200}' } },
  };

  it('PutRestApi merge adds and replaces; overwrite replaces everything', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'put' }));
    const restApiId = api.id!;
    const enc = (s: string) => new TextEncoder().encode(s);
    await c.send(
      new PutRestApiCommand({
        restApiId,
        mode: 'overwrite',
        body: enc(doc({ '/a': { get: mock }, '/b': { get: mock } })),
      }),
    );
    await c.send(new PutRestApiCommand({ restApiId, mode: 'merge', body: enc(doc({ '/c': { post: mock } })) }));
    let paths = (await c.send(new GetResourcesCommand({ restApiId }))).items!.map((r) => r.path).sort();
    expect(paths).toEqual(['/', '/a', '/b', '/c']);
    const merged = await c.send(
      new PutRestApiCommand({ restApiId, mode: 'overwrite', body: enc(doc({ '/z': { get: mock } }, 'renamed')) }),
    );
    expect(merged.name).toBe('renamed');
    paths = (await c.send(new GetResourcesCommand({ restApiId }))).items!.map((r) => r.path).sort();
    expect(paths).toEqual(['/', '/z']);
    expect((await c.send(new GetResourcesCommand({ restApiId }))).items!.find((r) => r.path === '/')!.id).toBe(
      api.rootResourceId,
    );
  });

  it('imports a method without an integration with a warning, and refuses it with failonwarnings', async () => {
    const body = new TextEncoder().encode(
      doc({ '/x': { get: { responses: { '200': { description: 'ok' } } } } }, 'warn'),
    );
    const imported = await c.send(new ImportRestApiCommand({ body }));
    expect(imported.warnings!.join()).toMatch(/without an integration/);
    const e = await sdkError(() => c.send(new ImportRestApiCommand({ body, failOnWarnings: true })));
    expect(e.name).toBe('BadRequestException');
    const garbage = await sdkError(() =>
      c.send(new ImportRestApiCommand({ body: new TextEncoder().encode('just: [text') })),
    );
    expect(garbage.name).toBe('BadRequestException');
    const noTitle = await sdkError(() =>
      c.send(
        new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify({ openapi: '3.0.1', paths: {} })) }),
      ),
    );
    expect(noTitle.name).toBe('BadRequestException');
  });

  it.each([
    ['ignore', ['/', '/x']],
    ['prepend', ['/', '/v1', '/v1/shop', '/v1/shop/x']],
    ['split', ['/', '/shop', '/shop/x']],
  ])('imports with basepath=%s', async (basepath, expected) => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'bp', version: '1' },
        basePath: '/v1/shop',
        paths: { '/x': { get: mock } },
      }),
    );
    const imported = await c.send(new ImportRestApiCommand({ body, parameters: { basepath } }));
    expect(
      (await c.send(new GetResourcesCommand({ restApiId: imported.id! }))).items!.map((r) => r.path).sort(),
    ).toEqual(expected);
  });

  it('reads the OpenAPI 3 base path from the first server URL', async () => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'bp3', version: '1' },
        servers: [{ url: 'https://api.example.com/{stage}', variables: { stage: { default: 'prod' } } }],
        paths: { '/x': { get: mock } },
      }),
    );
    const imported = await c.send(new ImportRestApiCommand({ body, parameters: { basepath: 'prepend' } }));
    expect(
      (await c.send(new GetResourcesCommand({ restApiId: imported.id! }))).items!.map((r) => r.path).sort(),
    ).toEqual(['/', '/prod', '/prod/x']);
  });

  it('imports with the endpoint type given as a parameter', async () => {
    const body = new TextEncoder().encode(doc({ '/x': { get: mock } }, 'regional'));
    const imported = await c.send(
      new ImportRestApiCommand({ body, parameters: { endpointConfigurationTypes: 'REGIONAL' } }),
    );
    expect(imported.endpointConfiguration!.types).toEqual(['REGIONAL']);
  });
});
