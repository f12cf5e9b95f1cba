/** v1 definitions over HTTP: MethodResponses, IntegrationResponses, Authorizers, RequestValidators, Models, Tags. */
import {
  CreateAuthorizerCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateDeploymentCommand,
  DeleteAuthorizerCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodResponseCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetModelCommand,
  GetModelsCommand,
  GetModelTemplateCommand,
  GetRequestValidatorCommand,
  GetRequestValidatorsCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetTagsCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateMethodResponseCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkError, startTestEmulator, v1Client, type Emu } from './core-setup.js';

let emu: Emu;
let c: APIGatewayClient;
let restApiId: string;
let resourceId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  c = v1Client(emu);
});
afterAll(async () => emu.stop());
beforeEach(async () => {
  emu.control.reset();
  const api = await c.send(new CreateRestApiCommand({ name: 'defs' }));
  restApiId = api.id!;
  resourceId = (
    await c.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'items' }))
  ).id!;
  await c.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE' }));
});

describe('MethodResponses and IntegrationResponses', () => {
  it('puts, gets, patches and deletes both, and shows them on the method', async () => {
    const mr = await c.send(
      new PutMethodResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: '200',
        responseParameters: { 'method.response.header.X-Id': false },
      }),
    );
    expect(mr).toMatchObject({ statusCode: '200', responseParameters: { 'method.response.header.X-Id': false } });
    await c.send(
      new UpdateMethodResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: '200',
        patchOperations: [{ op: 'add', path: '/responseModels/application~1json', value: 'Empty' }],
      }),
    );
    expect(
      (await c.send(new GetMethodResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: '200' })))
        .responseModels,
    ).toEqual({ 'application/json': 'Empty' });

    const noIntegration = await sdkError(() =>
      c.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod: 'POST' })),
    );
    expect(noIntegration.name).toBe('NotFoundException');
    await c.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      }),
    );
    await c.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: '200',
        selectionPattern: '',
      }),
    );
    const ir = await c.send(
      new UpdateIntegrationResponseCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: '200',
        patchOperations: [{ op: 'add', path: '/responseTemplates/application~1json', value: '{}' }],
      }),
    );
    expect(ir.responseTemplates).toEqual({ 'application/json': '{}' });
    expect(
      (
        await c.send(
          new GetIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: '200' }),
        )
      ).statusCode,
    ).toBe('200');

    const method = await c.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: 'POST' }));
    expect(method.methodResponses!['200'].statusCode).toBe('200');
    expect(method.methodIntegration!.integrationResponses!['200'].responseTemplates).toEqual({
      'application/json': '{}',
    });

    await c.send(
      new DeleteIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: '200' }),
    );
    await c.send(new DeleteMethodResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: '200' }));
    expect(
      (
        await sdkError(() =>
          c.send(new GetMethodResponseCommand({ restApiId, resourceId, httpMethod: 'POST', statusCode: '200' })),
        )
      ).name,
    ).toBe('NotFoundException');
    await c.send(new DeleteIntegrationCommand({ restApiId, resourceId, httpMethod: 'POST' }));
    expect(
      (await c.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: 'POST' }))).methodIntegration,
    ).toBeUndefined();
  });
});

describe('Authorizers', () => {
  it('creates, lists, patches; a method uses it; deleting it while in use is refused', async () => {
    const a = await c.send(
      new CreateAuthorizerCommand({
        restApiId,
        name: 'jwt',
        type: 'TOKEN',
        authorizerUri:
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations',
        identitySource: 'method.request.header.Authorization',
      }),
    );
    expect(a.id).toMatch(/^[a-z0-9]{6}$/);
    expect(a.authorizerResultTtlInSeconds).toBe(300);
    const bad = await sdkError(() => c.send(new CreateAuthorizerCommand({ restApiId, name: 'x', type: 'TOKEN' })));
    expect(bad.name).toBe('BadRequestException');

    const patched = await c.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId: a.id!,
        patchOperations: [{ op: 'replace', path: '/authorizerResultTtlInSeconds', value: '60' }],
      }),
    );
    expect(patched.authorizerResultTtlInSeconds).toBe(60);
    expect((await c.send(new GetAuthorizersCommand({ restApiId }))).items!.map((x) => x.name)).toEqual(['jwt']);

    await c.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        patchOperations: [
          { op: 'replace', path: '/authorizationType', value: 'CUSTOM' },
          { op: 'replace', path: '/authorizerId', value: a.id! },
        ],
      }),
    );
    const inUse = await sdkError(() => c.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: a.id! })));
    expect(inUse.name).toBe('ConflictException');
    expect(inUse.message).toContain('POST:/items');

    await c.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        patchOperations: [{ op: 'replace', path: '/authorizationType', value: 'NONE' }],
      }),
    );
    await c.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: a.id! }));
    expect((await sdkError(() => c.send(new GetAuthorizerCommand({ restApiId, authorizerId: a.id! })))).name).toBe(
      'NotFoundException',
    );
  });
});

describe('RequestValidators and Models', () => {
  it('manages validators; a method referring to an unknown one is refused', async () => {
    const v = await c.send(new CreateRequestValidatorCommand({ restApiId, name: 'body', validateRequestBody: true }));
    expect(v).toMatchObject({ name: 'body', validateRequestBody: true, validateRequestParameters: false });
    await c.send(
      new UpdateRequestValidatorCommand({
        restApiId,
        requestValidatorId: v.id!,
        patchOperations: [{ op: 'replace', path: '/validateRequestParameters', value: 'true' }],
      }),
    );
    expect(
      (await c.send(new GetRequestValidatorCommand({ restApiId, requestValidatorId: v.id! })))
        .validateRequestParameters,
    ).toBe(true);
    expect((await c.send(new GetRequestValidatorsCommand({ restApiId }))).items).toHaveLength(1);
    const unknown = await sdkError(() =>
      c.send(
        new UpdateMethodCommand({
          restApiId,
          resourceId,
          httpMethod: 'POST',
          patchOperations: [{ op: 'replace', path: '/requestValidatorId', value: 'zzzzzz' }],
        }),
      ),
    );
    expect(unknown.name).toBe('NotFoundException');
    await c.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        patchOperations: [{ op: 'replace', path: '/requestValidatorId', value: v.id! }],
      }),
    );
    expect(
      (await sdkError(() => c.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: v.id! })))).name,
    ).toBe('ConflictException');
  });

  it('manages models with JSON schemas; a model in use cannot be deleted', async () => {
    const schema = JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } });
    const m = await c.send(
      new CreateModelCommand({ restApiId, name: 'Item', contentType: 'application/json', schema }),
    );
    expect(m).toMatchObject({ name: 'Item', schema });
    expect(
      (
        await sdkError(() =>
          c.send(new CreateModelCommand({ restApiId, name: 'Item', contentType: 'application/json' })),
        )
      ).name,
    ).toBe('ConflictException');
    expect(
      (
        await sdkError(() =>
          c.send(new CreateModelCommand({ restApiId, name: 'Bad', contentType: 'application/json', schema: '{nope' })),
        )
      ).name,
    ).toBe('BadRequestException');
    await c.send(
      new UpdateModelCommand({
        restApiId,
        modelName: 'Item',
        patchOperations: [{ op: 'replace', path: '/description', value: 'an item' }],
      }),
    );
    expect((await c.send(new GetModelCommand({ restApiId, modelName: 'Item' }))).description).toBe('an item');
    expect((await c.send(new GetModelsCommand({ restApiId }))).items!.map((x) => x.name)).toEqual(['Item']);
    expect((await c.send(new GetModelTemplateCommand({ restApiId, modelName: 'Item' }))).value).toContain('Item');
    await c.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'POST',
        patchOperations: [{ op: 'add', path: '/requestModels/application~1json', value: 'Item' }],
      }),
    );
    expect((await sdkError(() => c.send(new DeleteModelCommand({ restApiId, modelName: 'Item' })))).name).toBe(
      'ConflictException',
    );
  });
});

describe('Tags', () => {
  it('tags and untags the API and a stage by ARN; GetRestApi and GetStage show them', async () => {
    await c.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'POST', type: 'MOCK' }));
    await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
    const apiArn = `arn:aws:apigateway:us-east-1::/restapis/${restApiId}`;
    const stageArn = `${apiArn}/stages/prod`;
    await c.send(new TagResourceCommand({ resourceArn: apiArn, tags: { 'apigw-sync:id': 'shop', team: 'a' } }));
    await c.send(new TagResourceCommand({ resourceArn: stageArn, tags: { rollout: 'idle' } }));
    await c.send(new UntagResourceCommand({ resourceArn: apiArn, tagKeys: ['team'] }));
    expect((await c.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({ 'apigw-sync:id': 'shop' });
    expect((await c.send(new GetRestApiCommand({ restApiId }))).tags).toEqual({ 'apigw-sync:id': 'shop' });
    expect((await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).tags).toEqual({ rollout: 'idle' });
    const missing = await sdkError(() => c.send(new GetTagsCommand({ resourceArn: `${apiArn}/stages/nope` })));
    expect(missing.name).toBe('NotFoundException');
    const badArn = await sdkError(() => c.send(new GetTagsCommand({ resourceArn: 'arn:aws:s3:::bucket' })));
    expect(badArn.name).toBe('BadRequestException');
  });
});
