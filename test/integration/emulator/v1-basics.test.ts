/** API Gateway v1 over HTTP with the real SDK: RestApis, Resources, Methods, Integrations, Deployments, Stages. */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateIntegrationCommand,
  UpdateMethodCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
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

async function apiWithMethod(opts: { integration: boolean } = { integration: true }) {
  const api = await c.send(new CreateRestApiCommand({ name: 'shop' }));
  const res = await c.send(
    new CreateResourceCommand({ restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'pets' }),
  );
  await c.send(
    new PutMethodCommand({ restApiId: api.id!, resourceId: res.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
  );
  if (opts.integration) {
    await c.send(
      new PutIntegrationCommand({
        restApiId: api.id!,
        resourceId: res.id!,
        httpMethod: 'GET',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: 'https://pets.example.com/',
      }),
    );
  }
  return { restApiId: api.id!, rootId: api.rootResourceId!, resourceId: res.id! };
}

describe('RestApis', () => {
  it('creates with AWS defaults and a 10-character id, gets, updates by patch, deletes', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'shop', description: 'd', tags: { team: 'platform' } }));
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api).toMatchObject({
      name: 'shop',
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['EDGE'] },
      disableExecuteApiEndpoint: false,
      tags: { team: 'platform' },
    });
    expect(api.createdDate).toBeInstanceOf(Date);
    const got = await c.send(new GetRestApiCommand({ restApiId: api.id! }));
    expect(got.rootResourceId).toBe(api.rootResourceId);

    const updated = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'shop2' },
          { op: 'replace', path: '/minimumCompressionSize', value: '1024' },
          { op: 'add', path: '/binaryMediaTypes/image~1png', value: '' },
          { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' },
          { op: 'remove', path: '/description' },
        ],
      }),
    );
    expect(updated).toMatchObject({
      name: 'shop2',
      minimumCompressionSize: 1024,
      binaryMediaTypes: ['image/png'],
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    expect(updated.description).toBeUndefined();

    const bad = await sdkError(() =>
      c.send(
        new UpdateRestApiCommand({
          restApiId: api.id!,
          patchOperations: [{ op: 'replace', path: '/nope', value: 'x' }],
        }),
      ),
    );
    expect(bad.name).toBe('BadRequestException');

    await c.send(new DeleteRestApiCommand({ restApiId: api.id! }));
    const gone = await sdkError(() => c.send(new GetRestApiCommand({ restApiId: api.id! })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.message).toContain(api.id!);
  });

  it('lists with limit and position paging', async () => {
    for (let i = 0; i < 7; i++) await c.send(new CreateRestApiCommand({ name: `api-${i}` }));
    const names: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const page = await c.send(new GetRestApisCommand({ limit: 3, position }));
      names.push(...page.items!.map((a) => a.name!));
      position = page.position;
      pages++;
    } while (position);
    expect(pages).toBe(3);
    expect(names).toEqual(['api-0', 'api-1', 'api-2', 'api-3', 'api-4', 'api-5', 'api-6']);
    const bad = await sdkError(() => c.send(new GetRestApisCommand({ position: 'garbage!' })));
    expect(bad.name).toBe('BadRequestException');
  });

  it('rejects a create without a name', async () => {
    const e = await sdkError(() => c.send(new CreateRestApiCommand({ name: '' })));
    expect(e.name).toBe('BadRequestException');
  });
});

describe('Resources', () => {
  it('creates a tree, pages GetResources (limit ≤ 500), embeds methods with their integrations', async () => {
    const { restApiId, rootId, resourceId } = await apiWithMethod();
    const child = await c.send(new CreateResourceCommand({ restApiId, parentId: resourceId, pathPart: '{id}' }));
    expect(child).toMatchObject({ path: '/pets/{id}', parentId: resourceId, pathPart: '{id}' });

    const plain = await c.send(new GetResourcesCommand({ restApiId }));
    expect(plain.items!.map((r) => r.path)).toEqual(['/', '/pets', '/pets/{id}']);
    expect(plain.items![1].resourceMethods).toEqual({ GET: {} });

    const embedded = await c.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 }));
    const pets = embedded.items!.find((r) => r.id === resourceId)!;
    expect(pets.resourceMethods!.GET.methodIntegration).toMatchObject({
      type: 'HTTP_PROXY',
      uri: 'https://pets.example.com/',
      timeoutInMillis: 29000,
    });

    const p1 = await c.send(new GetResourcesCommand({ restApiId, limit: 2 }));
    expect(p1.items).toHaveLength(2);
    const p2 = await c.send(new GetResourcesCommand({ restApiId, limit: 2, position: p1.position }));
    expect(p2.items!.map((r) => r.path)).toEqual(['/pets/{id}']);
    expect(p2.position).toBeUndefined();

    const tooMany = await sdkError(() => c.send(new GetResourcesCommand({ restApiId, limit: 501 })));
    expect(tooMany.name).toBe('BadRequestException');

    const one = await c.send(new GetResourceCommand({ restApiId, resourceId, embed: ['methods'] }));
    expect(one.resourceMethods!.GET.httpMethod).toBe('GET');
    const root = await c.send(new GetResourceCommand({ restApiId, resourceId: rootId }));
    expect(root.path).toBe('/');
  });

  it('refuses a duplicate path part (ConflictException), renames, and deletes with children', async () => {
    const { restApiId, rootId, resourceId } = await apiWithMethod();
    const child = await c.send(new CreateResourceCommand({ restApiId, parentId: resourceId, pathPart: 'toys' }));
    const dup = await sdkError(() =>
      c.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'pets' })),
    );
    expect(dup.name).toBe('ConflictException');

    await c.send(
      new UpdateResourceCommand({
        restApiId,
        resourceId,
        patchOperations: [{ op: 'replace', path: '/pathPart', value: 'animals' }],
      }),
    );
    expect((await c.send(new GetResourceCommand({ restApiId, resourceId: child.id! }))).path).toBe('/animals/toys');

    await c.send(new DeleteResourceCommand({ restApiId, resourceId }));
    const all = await c.send(new GetResourcesCommand({ restApiId }));
    expect(all.items!.map((r) => r.path)).toEqual(['/']);
    const gone = await sdkError(() => c.send(new GetResourceCommand({ restApiId, resourceId: child.id! })));
    expect(gone.name).toBe('NotFoundException');
  });
});

describe('Methods and Integrations', () => {
  it('puts, gets, patches and deletes a method; a second put is a conflict', async () => {
    const { restApiId, resourceId } = await apiWithMethod({ integration: false });
    const again = await sdkError(() =>
      c.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' })),
    );
    expect(again.name).toBe('ConflictException');

    const m = await c.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        patchOperations: [
          { op: 'replace', path: '/apiKeyRequired', value: 'true' },
          { op: 'add', path: '/requestParameters/method.request.querystring.q', value: 'true' },
          { op: 'replace', path: '/operationName', value: 'ListPets' },
        ],
      }),
    );
    expect(m).toMatchObject({
      apiKeyRequired: true,
      operationName: 'ListPets',
      requestParameters: { 'method.request.querystring.q': true },
    });

    const custom = await sdkError(() =>
      c.send(
        new UpdateMethodCommand({
          restApiId,
          resourceId,
          httpMethod: 'GET',
          patchOperations: [{ op: 'replace', path: '/authorizationType', value: 'CUSTOM' }],
        }),
      ),
    );
    expect(custom.name).toBe('BadRequestException');

    await c.send(new DeleteMethodCommand({ restApiId, resourceId, httpMethod: 'GET' }));
    const gone = await sdkError(() => c.send(new GetMethodCommand({ restApiId, resourceId, httpMethod: 'GET' })));
    expect(gone.name).toBe('NotFoundException');
  });

  it('fills integration defaults like AWS and patches them', async () => {
    const { restApiId, resourceId } = await apiWithMethod();
    const i = await c.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET' }));
    expect(i).toMatchObject({
      type: 'HTTP_PROXY',
      httpMethod: 'GET',
      timeoutInMillis: 29000,
      passthroughBehavior: 'WHEN_NO_MATCH',
      connectionType: 'INTERNET',
      cacheNamespace: resourceId,
      cacheKeyParameters: [],
    });
    const patched = await c.send(
      new UpdateIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        patchOperations: [
          { op: 'replace', path: '/uri', value: 'https://v2.example.com/' },
          { op: 'replace', path: '/timeoutInMillis', value: '5000' },
          { op: 'add', path: '/requestParameters/integration.request.header.x', value: "'1'" },
        ],
      }),
    );
    expect(patched).toMatchObject({
      uri: 'https://v2.example.com/',
      timeoutInMillis: 5000,
      requestParameters: { 'integration.request.header.x': "'1'" },
    });
    const tooLong = await sdkError(() =>
      c.send(
        new UpdateIntegrationCommand({
          restApiId,
          resourceId,
          httpMethod: 'GET',
          patchOperations: [{ op: 'replace', path: '/timeoutInMillis', value: '30000' }],
        }),
      ),
    );
    expect(tooLong.name).toBe('BadRequestException');
    const noUri = await sdkError(() =>
      c.send(
        new PutIntegrationCommand({
          restApiId,
          resourceId,
          httpMethod: 'GET',
          type: 'HTTP',
          integrationHttpMethod: 'GET',
        }),
      ),
    );
    expect(noUri.name).toBe('BadRequestException');
  });
});

describe('Deployments and Stages', () => {
  it('refuses to deploy a method without an integration, and an API without methods', async () => {
    const { restApiId } = await apiWithMethod({ integration: false });
    const e = await sdkError(() => c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' })));
    expect(e.name).toBe('BadRequestException');
    expect(e.message).toBe('No integration defined for method');
    const empty = await c.send(new CreateRestApiCommand({ name: 'empty' }));
    const e2 = await sdkError(() => c.send(new CreateDeploymentCommand({ restApiId: empty.id! })));
    expect(e2.message).toBe("The REST API doesn't contain any methods");
  });

  it('deploys to a new stage, redeploys, pages deployments, refuses deleting one in use', async () => {
    const { restApiId } = await apiWithMethod();
    const d1 = await c.send(
      new CreateDeploymentCommand({ restApiId, stageName: 'prod', description: 'first', variables: { v: '1' } }),
    );
    expect(d1.id).toMatch(/^[a-z0-9]{6}$/);
    expect(d1.apiSummary!['/pets'].GET).toEqual({ authorizationType: 'NONE', apiKeyRequired: false });
    const stage = await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage).toMatchObject({
      deploymentId: d1.id,
      variables: { v: '1' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
    });

    const d2 = await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', description: 'second' }));
    expect((await c.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId).toBe(d2.id);

    const inUse = await sdkError(() => c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d2.id! })));
    expect(inUse.name).toBe('BadRequestException');
    expect(inUse.message).toMatch(/Active stages/);
    await c.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d1.id! }));

    await c.send(new CreateDeploymentCommand({ restApiId, description: 'third' }));
    const p1 = await c.send(new GetDeploymentsCommand({ restApiId, limit: 1 }));
    const p2 = await c.send(new GetDeploymentsCommand({ restApiId, limit: 1, position: p1.position }));
    expect([...p1.items!, ...p2.items!].map((d) => d.description)).toEqual(['second', 'third']);
    expect(p2.position).toBeUndefined();

    const got = await c.send(new GetDeploymentCommand({ restApiId, deploymentId: d2.id!, embed: ['apisummary'] }));
    expect(got.apiSummary!['/pets']).toBeDefined();
  });

  it('creates stages from a deployment, lists them by deployment, refuses duplicates, deletes', async () => {
    const { restApiId } = await apiWithMethod();
    const d = await c.send(new CreateDeploymentCommand({ restApiId }));
    const s = await c.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'dev',
        deploymentId: d.id!,
        cacheClusterEnabled: true,
        tags: { a: 'b' },
      }),
    );
    expect(s).toMatchObject({
      stageName: 'dev',
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
      cacheClusterStatus: 'AVAILABLE',
      tags: { a: 'b' },
    });
    const dup = await sdkError(() =>
      c.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: d.id! })),
    );
    expect(dup.name).toBe('ConflictException');
    const badDeployment = await sdkError(() =>
      c.send(new CreateStageCommand({ restApiId, stageName: 'qa', deploymentId: 'nope00' })),
    );
    expect(badDeployment.name).toBe('NotFoundException');
    expect(
      (await c.send(new GetStagesCommand({ restApiId, deploymentId: d.id! }))).item!.map((x) => x.stageName),
    ).toEqual(['dev']);
    expect((await c.send(new GetStagesCommand({ restApiId, deploymentId: 'other0' }))).item).toEqual([]);
    for (let i = 1; i < 10; i++)
      await c.send(new CreateStageCommand({ restApiId, stageName: `s${i}`, deploymentId: d.id! }));
    const limit = await sdkError(() =>
      c.send(new CreateStageCommand({ restApiId, stageName: 's10', deploymentId: d.id! })),
    );
    expect(limit.name).toBe('LimitExceededException');
    expect(limit.$metadata.httpStatusCode).toBe(429);
    await c.send(new DeleteStageCommand({ restApiId, stageName: 'dev' }));
    const gone = await sdkError(() => c.send(new GetStageCommand({ restApiId, stageName: 'dev' })));
    expect(gone.name).toBe('NotFoundException');
  });
});
