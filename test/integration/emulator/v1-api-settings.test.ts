/**
 * REST API-level settings over HTTP with the real SDK, as AWS keeps them: the resource policy
 * (escaped, minified, `execute-api:` shorthand expanded), the endpoint configuration
 * (vpcEndpointIds only on PRIVATE APIs; the extension under `servers[]` in OpenAPI 3 and at the
 * top level in Swagger 2), the minimum compression size, the API key source, binary media
 * types, `info.description`, and ImportRestApi's default endpoint type.
 */
import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
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

const enc = (doc: object) => new TextEncoder().encode(JSON.stringify(doc));
const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: ['execute-api:/*'],
      Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
    },
  ],
};

/** How clients written against AWS read GetRestApi's policy: unescape `\"` and `\/`, then parse. */
const readPolicy = (p: string | undefined) => JSON.parse(p!.replace(/\\"/g, '"').replace(/\\\//g, '/'));

const PING = {
  '/ping': {
    get: {
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      },
    },
  },
};

async function exportOf(restApiId: string, exportType: 'oas30' | 'swagger'): Promise<Record<string, unknown>> {
  await c.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  const out = await c.send(
    new GetExportCommand({
      restApiId,
      stageName: 'prod',
      exportType,
      parameters: { extensions: 'apigateway' },
      accepts: 'application/json',
    }),
  );
  return JSON.parse(text(out.body));
}

describe('resource policy', () => {
  it('CreateRestApi stores it as AWS returns it: minified, quotes and slashes escaped, execute-api:/ expanded to the API ARN', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'p', policy: JSON.stringify(POLICY, null, 2) }));
    const arn = `arn:aws:execute-api:us-east-1:000000000000:${api.id}/*`;
    expect(api.policy).toContain('{\\"Version\\":\\"2012-10-17\\"');
    expect(api.policy).toContain(`\\"Resource\\":\\"${arn.replace(/\//g, '\\/')}\\"`);
    expect(api.policy).not.toMatch(/\s/);
    expect(readPolicy(api.policy)).toEqual({
      ...POLICY,
      Statement: [
        { ...POLICY.Statement[0], Resource: arn },
        { ...POLICY.Statement[1], Resource: [arn] },
      ],
    });
    expect((await c.send(new GetRestApiCommand({ restApiId: api.id! }))).policy).toBe(api.policy);
  });

  it('UpdateRestApi replace /policy sets it, replace with "" clears it', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'p' }));
    const set = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'replace', path: '/policy', value: JSON.stringify(POLICY) }],
      }),
    );
    expect(readPolicy(set.policy).Statement).toHaveLength(2);
    const cleared = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'replace', path: '/policy', value: '' }],
      }),
    );
    expect(cleared.policy).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"Version": '],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
    [
      'a statement without Allow/Deny',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*' }] }),
    ],
  ])("refuses a policy that is %s with AWS's message", async (_what, policy) => {
    const err = await sdkError(() => c.send(new CreateRestApiCommand({ name: 'p', policy })));
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toBe(
      'Invalid policy document. Please check the policy syntax and ensure that Principals are valid.',
    );
    const api = await c.send(new CreateRestApiCommand({ name: 'q' }));
    const upd = await sdkError(() =>
      c.send(
        new UpdateRestApiCommand({
          restApiId: api.id!,
          patchOperations: [{ op: 'replace', path: '/policy', value: policy }],
        }),
      ),
    );
    expect(upd.name).toBe('BadRequestException');
  });

  it('x-amazon-apigateway-policy imports (object form) and exports as a JSON document in oas30 and swagger', async () => {
    const api = await c.send(
      new ImportRestApiCommand({
        body: enc({
          openapi: '3.0.1',
          info: { title: 'pol', version: '1' },
          paths: PING,
          'x-amazon-apigateway-policy': POLICY,
        }),
      }),
    );
    const arn = `arn:aws:execute-api:us-east-1:000000000000:${api.id}/*`;
    expect(readPolicy(api.policy).Statement[0].Resource).toBe(arn);
    for (const t of ['oas30', 'swagger'] as const) {
      const doc = await exportOf(api.id!, t);
      expect(doc['x-amazon-apigateway-policy']).toEqual({
        ...POLICY,
        Statement: [
          { ...POLICY.Statement[0], Resource: arn },
          { ...POLICY.Statement[1], Resource: [arn] },
        ],
      });
    }
  });

  it('CreateDeployment refuses a PRIVATE API without a resource policy, as AWS does', async () => {
    const body = enc({ openapi: '3.0.1', info: { title: 'priv', version: '1' }, paths: PING });
    const api = await c.send(new ImportRestApiCommand({ body, parameters: { endpointConfigurationTypes: 'PRIVATE' } }));
    const err = await sdkError(() => c.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'prod' })));
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toBe("Private REST API doesn't have a resource policy attached to it");
    await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'replace', path: '/policy', value: JSON.stringify(POLICY) }],
      }),
    );
    expect((await c.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'prod' }))).id).toBeDefined();
  });
});

describe('endpoint configuration', () => {
  it('ImportRestApi without endpointConfigurationTypes creates an EDGE API, as AWS does', async () => {
    const api = await c.send(
      new ImportRestApiCommand({ body: enc({ openapi: '3.0.1', info: { title: 'edge', version: '1' }, paths: PING }) }),
    );
    expect(api.endpointConfiguration).toEqual({ types: ['EDGE'] });
    expect(api.disableExecuteApiEndpoint).toBe(false);
  });

  it('OpenAPI 3 reads the extension from servers[]; Swagger 2 from the top level; each exports it in the same place', async () => {
    const ext = { disableExecuteApiEndpoint: true, vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] };
    const oas = await c.send(
      new ImportRestApiCommand({
        parameters: { endpointConfigurationTypes: 'PRIVATE' },
        body: enc({
          openapi: '3.0.1',
          info: { title: 'o', version: '1' },
          servers: [{ url: '/', 'x-amazon-apigateway-endpoint-configuration': ext }],
          paths: PING,
          'x-amazon-apigateway-policy': POLICY,
        }),
      }),
    );
    expect(oas).toMatchObject({
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ext.vpcEndpointIds },
    });
    const oasDoc = await exportOf(oas.id!, 'oas30');
    expect((oasDoc.servers as Array<Record<string, unknown>>)[0]['x-amazon-apigateway-endpoint-configuration']).toEqual(
      ext,
    );
    expect(oasDoc['x-amazon-apigateway-endpoint-configuration']).toBeUndefined();

    const sw = await c.send(
      new ImportRestApiCommand({
        parameters: { endpointConfigurationTypes: 'PRIVATE' },
        body: enc({
          swagger: '2.0',
          info: { title: 's', version: '1' },
          paths: PING,
          'x-amazon-apigateway-endpoint-configuration': ext,
          'x-amazon-apigateway-policy': POLICY,
        }),
      }),
    );
    expect(sw).toMatchObject({
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { vpcEndpointIds: ext.vpcEndpointIds },
    });
    expect((await exportOf(sw.id!, 'swagger'))['x-amazon-apigateway-endpoint-configuration']).toEqual(ext);
  });

  it('an OpenAPI 3 document with the extension at the top level (not under servers) does not set it', async () => {
    const api = await c.send(
      new ImportRestApiCommand({
        body: enc({
          openapi: '3.0.1',
          info: { title: 't', version: '1' },
          paths: PING,
          'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true },
        }),
      }),
    );
    expect(api.disableExecuteApiEndpoint).toBe(false);
  });

  it("refuses vpcEndpointIds on a non-PRIVATE API (create, import, update) with AWS's message", async () => {
    const create = await sdkError(() =>
      c.send(
        new CreateRestApiCommand({
          name: 'v',
          endpointConfiguration: { types: ['REGIONAL'], vpcEndpointIds: ['vpce-1'] },
        }),
      ),
    );
    expect(create.name).toBe('BadRequestException');
    expect(create.message).toBe('VPCEndpoints can only be specified with PRIVATE apis.');
    const imp = await sdkError(() =>
      c.send(
        new ImportRestApiCommand({
          body: enc({
            openapi: '3.0.1',
            info: { title: 'v', version: '1' },
            servers: [{ url: '/', 'x-amazon-apigateway-endpoint-configuration': { vpcEndpointIds: ['vpce-1'] } }],
            paths: PING,
          }),
        }),
      ),
    );
    expect(imp.message).toBe('VPCEndpoints can only be specified with PRIVATE apis.');
    const api = await c.send(new CreateRestApiCommand({ name: 'v', endpointConfiguration: { types: ['REGIONAL'] } }));
    const upd = await sdkError(() =>
      c.send(
        new UpdateRestApiCommand({
          restApiId: api.id!,
          patchOperations: [{ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: 'vpce-1' }],
        }),
      ),
    );
    expect(upd.message).toBe('VPCEndpoints can only be specified with PRIVATE apis.');
  });

  it('UpdateRestApi adds and removes vpcEndpointIds and toggles disableExecuteApiEndpoint', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'v', endpointConfiguration: { types: ['PRIVATE'] } }));
    const added = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [
          { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: 'vpce-1' },
          { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: 'vpce-2' },
          { op: 'replace', path: '/disableExecuteApiEndpoint', value: 'true' },
        ],
      }),
    );
    expect(added).toMatchObject({
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-1', 'vpce-2'] },
    });
    const removed = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: 'vpce-1' }],
      }),
    );
    expect(removed.endpointConfiguration?.vpcEndpointIds).toEqual(['vpce-2']);
  });
});

describe('compression, API key source, binary media types, description', () => {
  const full = {
    openapi: '3.0.1',
    info: { title: 'settings', description: 'The API description', version: '1' },
    paths: PING,
    'x-amazon-apigateway-minimum-compression-size': 1024,
    'x-amazon-apigateway-api-key-source': 'AUTHORIZER',
    'x-amazon-apigateway-binary-media-types': ['image/png', 'application/octet-stream'],
  };

  it('ImportRestApi sets each; GetExport writes each back (oas30 and swagger)', async () => {
    const api = await c.send(new ImportRestApiCommand({ body: enc(full) }));
    expect(api).toMatchObject({
      description: 'The API description',
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/png', 'application/octet-stream'],
    });
    for (const t of ['oas30', 'swagger'] as const) {
      const doc = await exportOf(api.id!, t);
      expect(doc).toMatchObject({
        info: { title: 'settings', description: 'The API description' },
        'x-amazon-apigateway-minimum-compression-size': 1024,
        'x-amazon-apigateway-api-key-source': 'AUTHORIZER',
        'x-amazon-apigateway-binary-media-types': ['image/png', 'application/octet-stream'],
      });
    }
  });

  it('PutRestApi overwrite clears the settings the document no longer declares; merge keeps them', async () => {
    const api = await c.send(new ImportRestApiCommand({ body: enc(full) }));
    await c.send(
      new PutRestApiCommand({
        restApiId: api.id!,
        mode: 'merge',
        body: enc({ openapi: '3.0.1', info: { title: 'settings', version: '1' }, paths: PING }),
      }),
    );
    expect(await c.send(new GetRestApiCommand({ restApiId: api.id! }))).toMatchObject({
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
    });
    await c.send(
      new PutRestApiCommand({
        restApiId: api.id!,
        mode: 'overwrite',
        body: enc({ openapi: '3.0.1', info: { title: 'settings', version: '1' }, paths: PING }),
      }),
    );
    const after = await c.send(new GetRestApiCommand({ restApiId: api.id! }));
    expect(after.minimumCompressionSize).toBeUndefined();
    expect(after.apiKeySource).toBe('HEADER');
    expect(after.binaryMediaTypes).toBeUndefined();
    expect(after.description).toBeUndefined();
  });

  it('UpdateRestApi sets and clears the compression size (replace with "" clears, as Terraform sends it)', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'z' }));
    const set = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'replace', path: '/minimumCompressionSize', value: '0' }],
      }),
    );
    expect(set.minimumCompressionSize).toBe(0);
    const cleared = await c.send(
      new UpdateRestApiCommand({
        restApiId: api.id!,
        patchOperations: [{ op: 'replace', path: '/minimumCompressionSize', value: '' }],
      }),
    );
    expect(cleared.minimumCompressionSize).toBeUndefined();
  });

  it.each([
    ['CreateRestApi', () => c.send(new CreateRestApiCommand({ name: 'z', minimumCompressionSize: 10485761 }))],
    [
      'ImportRestApi',
      () =>
        c.send(
          new ImportRestApiCommand({ body: enc({ ...full, 'x-amazon-apigateway-minimum-compression-size': -1 }) }),
        ),
    ],
  ])('%s refuses a compression size outside 0..10485760', async (_op, call) => {
    const err = await sdkError(call);
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toMatch(/between 0 and 10485760/);
  });

  it('ImportRestApi refuses an API key source other than HEADER or AUTHORIZER', async () => {
    const err = await sdkError(() =>
      c.send(new ImportRestApiCommand({ body: enc({ ...full, 'x-amazon-apigateway-api-key-source': 'QUERY' }) })),
    );
    expect(err.name).toBe('BadRequestException');
    expect(err.message).toMatch(/apiKeySource/);
  });
});

describe('x-amazon-apigateway-auth', () => {
  it('sets the method authorization type (AWS_IAM, case-insensitive); an unknown type is a warning', async () => {
    const paths = {
      '/secure': {
        get: {
          'x-amazon-apigateway-auth': { type: 'aws_iam' },
          'x-amazon-apigateway-integration': { type: 'mock' },
          responses: {},
        },
      },
    };
    const api = await c.send(
      new ImportRestApiCommand({ body: enc({ openapi: '3.0.1', info: { title: 'iam', version: '1' }, paths }) }),
    );
    const res = await c.send(new GetResourcesCommand({ restApiId: api.id!, embed: ['methods'] }));
    expect(res.items?.find((r) => r.path === '/secure')?.resourceMethods?.GET?.authorizationType).toBe('AWS_IAM');
    const bad = await c.send(
      new ImportRestApiCommand({
        body: enc({
          openapi: '3.0.1',
          info: { title: 'iam', version: '1' },
          paths: { '/x': { get: { ...paths['/secure'].get, 'x-amazon-apigateway-auth': { type: 'JWT' } } } },
        }),
      }),
    );
    expect(bad.warnings?.some((w) => w.includes("Unsupported x-amazon-apigateway-auth type 'JWT'"))).toBe(true);
  });
});

describe('REQUEST authorizers', () => {
  it('refuse caching without an identity source (the sources are the cache key), accept it with caching off', async () => {
    const api = await c.send(new CreateRestApiCommand({ name: 'a' }));
    const base = {
      restApiId: api.id!,
      name: 'req',
      type: 'REQUEST' as const,
      authorizerUri:
        'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
    };
    const cached = await sdkError(() =>
      c.send(new CreateAuthorizerCommand({ ...base, authorizerResultTtlInSeconds: 300 })),
    );
    expect(cached.name).toBe('BadRequestException');
    expect(cached.message).toMatch(
      /Identity source is required for a REQUEST authorizer when authorization caching is enabled/,
    );
    // Omitted TTL is AWS's default 300 s: caching on.
    expect((await sdkError(() => c.send(new CreateAuthorizerCommand(base)))).name).toBe('BadRequestException');
    expect((await c.send(new CreateAuthorizerCommand({ ...base, authorizerResultTtlInSeconds: 0 }))).id).toBeDefined();
  });
});
