/**
 * Custom domain names over HTTP with the real SDK clients: v1 DomainName + BasePathMapping and
 * v2 DomainName + ApiMapping are one store (AWS shares them), with AWS's refusals — certificates
 * per endpoint type and region, mutual TLS, the mapping alphabet, which APIs a domain serves —
 * and the deletes a mapping blocks.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployMockRestApi, sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const cert = (region: string, account = '000000000000') =>
  `arn:aws:acm:${region}:${account}:certificate/12345678-1234-1234-1234-123456789012`;

let emu: Emu;
let c1: v1.APIGatewayClient;
let c2: v2.ApiGatewayV2Client;
let restApiId: string;
let httpApiId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  const cfg = sdkConfig(emu, REGION);
  c1 = new v1.APIGatewayClient(cfg);
  c2 = new v2.ApiGatewayV2Client(cfg);
});
afterAll(async () => emu.stop());

const restApiWithStage = async (stageName = 'prod') =>
  (await deployMockRestApi(c1, { stageName, endpoint: 'REGIONAL' })).restApiId;

beforeEach(async () => {
  emu.control.reset();
  restApiId = await restApiWithStage();
  const http = await c2.send(new v2.CreateApiCommand({ Name: 'events', ProtocolType: 'HTTP' }));
  httpApiId = http.ApiId!;
  await c2.send(new v2.CreateStageCommand({ ApiId: httpApiId, StageName: 'prod' }));
});

const regional = (name: string, extra: Partial<v1.CreateDomainNameRequest> = {}) =>
  c1.send(
    new v1.CreateDomainNameCommand({
      domainName: name,
      regionalCertificateArn: cert(REGION),
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_2',
      ...extra,
    }),
  );

describe('v1 domain names', () => {
  it('creates a REGIONAL domain with the read-only members AWS fills in, and reads it back', async () => {
    const d = await regional('api.example.com', { tags: { team: 'platform' } });
    expect(d).toMatchObject({
      domainName: 'api.example.com',
      domainNameArn: `arn:aws:apigateway:${REGION}::/domainnames/api.example.com`,
      regionalCertificateArn: cert(REGION),
      regionalHostedZoneId: 'ZLY8HYME6SFDD',
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
      domainNameStatus: 'AVAILABLE',
      securityPolicy: 'TLS_1_2',
      tags: { team: 'platform' },
    });
    expect(d.regionalDomainName).toMatch(new RegExp(`^d-[a-z0-9]{10}\\.execute-api\\.${REGION}\\.amazonaws\\.com$`));
    expect(d.distributionDomainName).toBeUndefined();
    expect(await c1.send(new v1.GetDomainNameCommand({ domainName: 'api.example.com' }))).toMatchObject({
      regionalDomainName: d.regionalDomainName,
    });
    expect((await c1.send(new v1.GetDomainNamesCommand({}))).items?.map((x) => x.domainName)).toEqual([
      'api.example.com',
    ]);
  });

  it('creates an EDGE domain with a us-east-1 certificate: a CloudFront distribution in Z2FDTNDATAQYW2', async () => {
    const d = await c1.send(
      new v1.CreateDomainNameCommand({
        domainName: 'edge.example.com',
        certificateArn: cert('us-east-1'),
        securityPolicy: 'TLS_1_0',
      }),
    );
    expect(d).toMatchObject({
      endpointConfiguration: { types: ['EDGE'] },
      certificateArn: cert('us-east-1'),
      distributionHostedZoneId: 'Z2FDTNDATAQYW2',
      securityPolicy: 'TLS_1_0',
    });
    expect(d.distributionDomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    expect(d.certificateUploadDate).toBeInstanceOf(Date);
    expect(d.regionalDomainName).toBeUndefined();
  });

  it.each([
    [
      'an EDGE domain with a certificate outside us-east-1',
      { domainName: 'e.example.com', certificateArn: cert(REGION) },
      'Invalid certificate ARN: ' + cert(REGION) + ". Certificate must be in 'us-east-1'.",
    ],
    [
      'a REGIONAL domain with a certificate of another region',
      {
        domainName: 'r.example.com',
        regionalCertificateArn: cert('us-east-1'),
        endpointConfiguration: { types: ['REGIONAL'] },
      },
      "Certificate must be in 'eu-west-1'.",
    ],
    [
      'a REGIONAL domain without regionalCertificateArn',
      {
        domainName: 'r.example.com',
        certificateArn: cert('us-east-1'),
        endpointConfiguration: { types: ['REGIONAL'] },
      },
      'regionalCertificateArn',
    ],
    [
      "another account's certificate",
      {
        domainName: 'r.example.com',
        regionalCertificateArn: cert(REGION, '111111111111'),
        endpointConfiguration: { types: ['REGIONAL'] },
      },
      'must be owned by the account creating the domain',
    ],
    [
      'mutual TLS on an EDGE domain',
      {
        domainName: 'm.example.com',
        certificateArn: cert('us-east-1'),
        mutualTlsAuthentication: { truststoreUri: 's3://bucket/truststore.pem' },
      },
      'only supported on REGIONAL',
    ],
    [
      'mutual TLS with TLS 1.0',
      {
        domainName: 'm.example.com',
        regionalCertificateArn: cert(REGION),
        endpointConfiguration: { types: ['REGIONAL'] },
        securityPolicy: 'TLS_1_0',
        mutualTlsAuthentication: { truststoreUri: 's3://bucket/truststore.pem' },
      },
      'TLS version of 1.2',
    ],
    [
      'a truststore that is not an S3 URI',
      {
        domainName: 'm.example.com',
        regionalCertificateArn: cert(REGION),
        endpointConfiguration: { types: ['REGIONAL'] },
        mutualTlsAuthentication: { truststoreUri: 'https://bucket/truststore.pem' },
      },
      'Invalid truststore URI',
    ],
    [
      'a name that is not a host name',
      {
        domainName: 'not a domain',
        regionalCertificateArn: cert(REGION),
        endpointConfiguration: { types: ['REGIONAL'] },
      },
      'Invalid domain name',
    ],
  ])('refuses %s (BadRequestException)', async (_label, input, message) => {
    const e = await sdkError(() => c1.send(new v1.CreateDomainNameCommand(input as v1.CreateDomainNameRequest)));
    expect(e.name).toBe('BadRequestException');
    expect(e.message).toContain(message);
    expect((await c1.send(new v1.GetDomainNamesCommand({}))).items ?? []).toEqual([]);
  });

  it('refuses a second domain of the same name (ConflictException)', async () => {
    await regional('api.example.com');
    expect((await sdkError(() => regional('API.example.com'))).name).toBe('ConflictException');
  });

  it('keeps mutual TLS and changes it through patch paths; replace truststoreUri "" turns it off', async () => {
    await regional('mtls.example.com', {
      mutualTlsAuthentication: { truststoreUri: 's3://bucket/ts.pem', truststoreVersion: 'v1' },
    });
    const patched = await c1.send(
      new v1.UpdateDomainNameCommand({
        domainName: 'mtls.example.com',
        patchOperations: [{ op: 'replace', path: '/mutualTlsAuthentication/truststoreVersion', value: 'v2' }],
      }),
    );
    expect(patched.mutualTlsAuthentication).toEqual({ truststoreUri: 's3://bucket/ts.pem', truststoreVersion: 'v2' });
    const off = await c1.send(
      new v1.UpdateDomainNameCommand({
        domainName: 'mtls.example.com',
        patchOperations: [{ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: '' }],
      }),
    );
    expect(off.mutualTlsAuthentication).toBeUndefined();
  });

  it('migrates EDGE to REGIONAL by adding the new type (and its certificate), then removing the old one; a replace is refused', async () => {
    await c1.send(
      new v1.CreateDomainNameCommand({ domainName: 'move.example.com', certificateArn: cert('us-east-1') }),
    );
    const replace = await sdkError(() =>
      c1.send(
        new v1.UpdateDomainNameCommand({
          domainName: 'move.example.com',
          patchOperations: [{ op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' }],
        }),
      ),
    );
    expect(replace.name).toBe('BadRequestException');
    const noCert = await sdkError(() =>
      c1.send(
        new v1.UpdateDomainNameCommand({
          domainName: 'move.example.com',
          patchOperations: [{ op: 'add', path: '/endpointConfiguration/types', value: 'REGIONAL' }],
        }),
      ),
    );
    expect(noCert.message).toContain('regionalCertificateArn');
    const both = await c1.send(
      new v1.UpdateDomainNameCommand({
        domainName: 'move.example.com',
        patchOperations: [
          { op: 'add', path: '/endpointConfiguration/types', value: 'REGIONAL' },
          { op: 'add', path: '/regionalCertificateArn', value: cert(REGION) },
        ],
      }),
    );
    expect(both.endpointConfiguration?.types).toEqual(['EDGE', 'REGIONAL']);
    expect(both.distributionDomainName).toBeDefined();
    expect(both.regionalDomainName).toBeDefined();
    // As AWS's migration guide does: remove the EDGE type together with its certificate.
    const leftover = await sdkError(() =>
      c1.send(
        new v1.UpdateDomainNameCommand({
          domainName: 'move.example.com',
          patchOperations: [{ op: 'remove', path: '/endpointConfiguration/types', value: 'EDGE' }],
        }),
      ),
    );
    expect(leftover.message).toContain('certificateArn');
    const regionalOnly = await c1.send(
      new v1.UpdateDomainNameCommand({
        domainName: 'move.example.com',
        patchOperations: [
          { op: 'remove', path: '/endpointConfiguration/types', value: 'EDGE' },
          { op: 'remove', path: '/certificateArn' },
        ],
      }),
    );
    expect(regionalOnly).toMatchObject({
      endpointConfiguration: { types: ['REGIONAL'] },
      regionalCertificateArn: cert(REGION),
    });
    expect(regionalOnly.distributionDomainName).toBeUndefined();
    expect(regionalOnly.certificateArn).toBeUndefined();
  });

  it('refuses an unknown patch path and leaves the domain as it was', async () => {
    await regional('api.example.com');
    const e = await sdkError(() =>
      c1.send(
        new v1.UpdateDomainNameCommand({
          domainName: 'api.example.com',
          patchOperations: [{ op: 'replace', path: '/domainName', value: 'x.example.com' }],
        }),
      ),
    );
    expect(e.message).toContain("Invalid patch path '/domainName'");
    expect((await c1.send(new v1.GetDomainNameCommand({ domainName: 'api.example.com' }))).domainName).toBe(
      'api.example.com',
    );
  });

  it('tags a domain by its ARN', async () => {
    await regional('api.example.com');
    const arn = `arn:aws:apigateway:${REGION}::/domainnames/api.example.com`;
    await c1.send(new v1.TagResourceCommand({ resourceArn: arn, tags: { 'apigsync:owner': 'shop' } }));
    expect((await c1.send(new v1.GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ 'apigsync:owner': 'shop' });
    expect((await c2.send(new v2.GetDomainNameCommand({ DomainName: 'api.example.com' }))).Tags).toEqual({
      'apigsync:owner': 'shop',
    });
  });
});

describe('base path mappings (v1)', () => {
  beforeEach(async () => {
    await regional('api.example.com');
  });
  const create = (input: Partial<v1.CreateBasePathMappingRequest>) =>
    c1.send(new v1.CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, ...input }));

  it('maps base paths, with (none) for the empty one, and reads them through v1 and v2', async () => {
    expect(await create({ stage: 'prod' })).toMatchObject({ basePath: '(none)', restApiId, stage: 'prod' });
    expect(await create({ basePath: 'orders', stage: 'prod' })).toMatchObject({ basePath: 'orders' });
    const noStage = await create({ basePath: 'any-stage' });
    expect(noStage.stage).toBeUndefined();
    expect(
      (await c1.send(new v1.GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items?.map(
        (m) => m.basePath,
      ),
    ).toEqual(['(none)', 'orders', 'any-stage']);
    expect(
      await c1.send(new v1.GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: '(none)' })),
    ).toMatchObject({ restApiId, stage: 'prod' });
    const v2View = (await c2.send(new v2.GetApiMappingsCommand({ DomainName: 'api.example.com' }))).Items!;
    expect(v2View.map((m) => [m.ApiMappingKey, m.Stage])).toEqual([
      [undefined, 'prod'],
      ['orders', 'prod'],
      ['any-stage', '(none)'],
    ]);
  });

  it.each([
    [
      'a stage that does not exist',
      { basePath: 'x', stage: 'nope' },
      'BadRequestException',
      'Invalid stage identifier specified',
    ],
    [
      'an API that does not exist',
      { basePath: 'x', restApiId: 'nope000000', stage: 'prod' },
      'BadRequestException',
      'Invalid REST API identifier specified',
    ],
    [
      'an HTTP API through v1',
      { basePath: 'x', stage: 'prod', http: true },
      'BadRequestException',
      'Invalid REST API identifier specified',
    ],
    [
      'a multi-level base path through v1',
      { basePath: 'orders/v1', stage: 'prod' },
      'BadRequestException',
      "doesn't support the slash character",
    ],
    [
      'a base path outside the alphabet',
      { basePath: 'or ders', stage: 'prod' },
      'BadRequestException',
      'Invalid base path',
    ],
  ])('refuses %s', async (_label, input, name, message) => {
    const { http, ...rest } = input as { http?: boolean } & Partial<v1.CreateBasePathMappingRequest>;
    const e = await sdkError(() => create({ ...rest, ...(http ? { restApiId: httpApiId } : {}) }));
    expect([e.name, e.message]).toEqual([name, expect.stringContaining(message)]);
  });

  it('refuses a duplicate base path (ConflictException) and an unknown domain (NotFoundException)', async () => {
    await create({ basePath: 'orders', stage: 'prod' });
    expect(await sdkError(() => create({ basePath: 'orders', stage: 'prod' }))).toMatchObject({
      name: 'ConflictException',
      message: 'Base path already exists for this domain name',
    });
    expect(
      (
        await sdkError(() =>
          c1.send(new v1.CreateBasePathMappingCommand({ domainName: 'none.example.com', restApiId })),
        )
      ).name,
    ).toBe('NotFoundException');
  });

  it('refuses a PRIVATE REST API', async () => {
    const priv = await c1.send(
      new v1.CreateRestApiCommand({
        name: 'private',
        endpointConfiguration: { types: ['PRIVATE'] },
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
        }),
      }),
    );
    expect((await sdkError(() => create({ restApiId: priv.id, basePath: 'p' }))).message).toContain('PRIVATE');
  });

  it('moves a mapping to another stage with replace /stage, renames it with replace /basePath, re-points it with replace /restapiId', async () => {
    await c1.send(
      new v1.CreateStageCommand({
        restApiId,
        stageName: 'beta',
        deploymentId: (await c1.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId,
      }),
    );
    const other = await restApiWithStage('live');
    await create({ basePath: 'orders', stage: 'prod' });
    const moved = await c1.send(
      new v1.UpdateBasePathMappingCommand({
        domainName: 'api.example.com',
        basePath: 'orders',
        patchOperations: [{ op: 'replace', path: '/stage', value: 'beta' }],
      }),
    );
    expect(moved).toMatchObject({ basePath: 'orders', stage: 'beta' });
    const renamed = await c1.send(
      new v1.UpdateBasePathMappingCommand({
        domainName: 'api.example.com',
        basePath: 'orders',
        patchOperations: [
          { op: 'replace', path: '/basePath', value: 'v2' },
          { op: 'replace', path: '/restapiId', value: other },
          { op: 'replace', path: '/stage', value: 'live' },
        ],
      }),
    );
    expect(renamed).toEqual(expect.objectContaining({ basePath: 'v2', restApiId: other, stage: 'live' }));
    expect(
      (
        await sdkError(() =>
          c1.send(new v1.GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'orders' })),
        )
      ).name,
    ).toBe('NotFoundException');
    const bad = await sdkError(() =>
      c1.send(
        new v1.UpdateBasePathMappingCommand({
          domainName: 'api.example.com',
          basePath: 'v2',
          patchOperations: [{ op: 'replace', path: '/stage', value: 'nope' }],
        }),
      ),
    );
    expect(bad.message).toBe('Invalid stage identifier specified');
    await c1.send(new v1.DeleteBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v2' }));
    expect((await c1.send(new v1.GetBasePathMappingsCommand({ domainName: 'api.example.com' }))).items ?? []).toEqual(
      [],
    );
  });

  it("refuses to delete a mapped REST API or stage, with AWS's messages; deleting the domain takes its mappings", async () => {
    await create({ basePath: 'orders', stage: 'prod' });
    expect((await sdkError(() => c1.send(new v1.DeleteRestApiCommand({ restApiId })))).message).toBe(
      `Deleting RestApi ${restApiId} failed. Please remove all base path mappings related to the RestApi in your domains: api.example.com`,
    );
    expect((await sdkError(() => c1.send(new v1.DeleteStageCommand({ restApiId, stageName: 'prod' })))).message).toBe(
      'Deleting stage prod failed. Please remove all base path mappings related to the stage in your domains: api.example.com',
    );
    await c1.send(new v1.DeleteDomainNameCommand({ domainName: 'api.example.com' }));
    await c1.send(new v1.DeleteStageCommand({ restApiId, stageName: 'prod' }));
    await c1.send(new v1.DeleteRestApiCommand({ restApiId }));
  });
});

describe('v2 domain names and API mappings', () => {
  const create = (name: string, config: Partial<v2.DomainNameConfiguration> = {}) =>
    c2.send(
      new v2.CreateDomainNameCommand({
        DomainName: name,
        DomainNameConfigurations: [
          { CertificateArn: cert(REGION), EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2', ...config },
        ],
      }),
    );

  it('creates a regional domain that v1 reads too', async () => {
    const d = await create('events.example.com');
    expect(d).toMatchObject({
      ApiMappingSelectionExpression: '$request.basepath',
      DomainName: 'events.example.com',
      DomainNameConfigurations: [
        {
          EndpointType: 'REGIONAL',
          HostedZoneId: 'ZLY8HYME6SFDD',
          SecurityPolicy: 'TLS_1_2',
          DomainNameStatus: 'AVAILABLE',
          CertificateArn: cert(REGION),
        },
      ],
    });
    expect(d.DomainNameConfigurations![0].ApiGatewayDomainName).toMatch(
      /^d-[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/,
    );
    expect(await c1.send(new v1.GetDomainNameCommand({ domainName: 'events.example.com' }))).toMatchObject({
      regionalDomainName: d.DomainNameConfigurations![0].ApiGatewayDomainName,
    });
  });

  it.each([
    ['EDGE', { EndpointType: 'EDGE' as const }, 'EDGE endpoint type is not supported for APIGatewayV2 domainName'],
    ['TLS 1.0', { SecurityPolicy: 'TLS_1_0' as const }, 'TLS_1_0 is not supported for APIGatewayV2 domainName.'],
  ])('refuses %s', async (_label, config, message) => {
    expect(await sdkError(() => create('x.example.com', config))).toMatchObject({
      name: 'BadRequestException',
      message,
    });
  });

  it('maps an HTTP API and a REST API on multi-level keys; reads and updates them through v2 and v1', async () => {
    await create('events.example.com');
    const m = await c2.send(
      new v2.CreateApiMappingCommand({
        DomainName: 'events.example.com',
        ApiId: httpApiId,
        Stage: 'prod',
        ApiMappingKey: 'events/v1',
      }),
    );
    expect(m).toMatchObject({ ApiId: httpApiId, Stage: 'prod', ApiMappingKey: 'events/v1' });
    await c2.send(
      new v2.CreateApiMappingCommand({
        DomainName: 'events.example.com',
        ApiId: restApiId,
        Stage: 'prod',
        ApiMappingKey: 'shop',
      }),
    );
    expect(
      (await c1.send(new v1.GetBasePathMappingsCommand({ domainName: 'events.example.com' }))).items?.map(
        (x) => x.basePath,
      ),
    ).toEqual(['events/v1', 'shop']);
    const moved = await c2.send(
      new v2.UpdateApiMappingCommand({
        DomainName: 'events.example.com',
        ApiMappingId: m.ApiMappingId,
        ApiId: httpApiId,
        ApiMappingKey: 'events/v2',
      }),
    );
    expect(moved).toMatchObject({ ApiMappingKey: 'events/v2', Stage: 'prod' });
    expect(
      await sdkError(() =>
        c2.send(
          new v2.CreateApiMappingCommand({
            DomainName: 'events.example.com',
            ApiId: restApiId,
            Stage: 'prod',
            ApiMappingKey: 'events/v2',
          }),
        ),
      ),
    ).toMatchObject({ name: 'ConflictException' });
    await c2.send(new v2.DeleteApiMappingCommand({ DomainName: 'events.example.com', ApiMappingId: m.ApiMappingId }));
    expect((await c2.send(new v2.GetApiMappingsCommand({ DomainName: 'events.example.com' }))).Items).toHaveLength(1);
  });

  it('refuses an HTTP API on an EDGE or a TLS 1.0 domain, multi-level keys there, and v2 writes to an EDGE domain', async () => {
    await c1.send(
      new v1.CreateDomainNameCommand({ domainName: 'edge.example.com', certificateArn: cert('us-east-1') }),
    );
    await regional('old.example.com', { securityPolicy: 'TLS_1_0' });
    expect(
      (
        await sdkError(() =>
          c2.send(new v2.CreateApiMappingCommand({ DomainName: 'edge.example.com', ApiId: restApiId, Stage: 'prod' })),
        )
      ).message,
    ).toContain('Only REGIONAL domain names can be managed through the API Gateway V2 API');
    expect(
      (
        await sdkError(() =>
          c2.send(new v2.CreateApiMappingCommand({ DomainName: 'old.example.com', ApiId: httpApiId, Stage: 'prod' })),
        )
      ).message,
    ).toContain('TLS_1_2');
    expect(
      (
        await sdkError(() =>
          c2.send(
            new v2.CreateApiMappingCommand({
              DomainName: 'old.example.com',
              ApiId: restApiId,
              Stage: 'prod',
              ApiMappingKey: 'a/b',
            }),
          ),
        )
      ).message,
    ).toContain('Multi-level');
    expect(
      (await sdkError(() => c2.send(new v2.DeleteDomainNameCommand({ DomainName: 'edge.example.com' })))).name,
    ).toBe('BadRequestException');
    expect(
      (await c2.send(new v2.GetDomainNameCommand({ DomainName: 'edge.example.com' }))).DomainNameConfigurations?.[0],
    ).toMatchObject({ EndpointType: 'EDGE', HostedZoneId: 'Z2FDTNDATAQYW2' });
  });

  it('refuses to delete a mapped HTTP API or stage; a stage that does not exist cannot be mapped', async () => {
    await create('events.example.com');
    expect(
      (
        await sdkError(() =>
          c2.send(
            new v2.CreateApiMappingCommand({ DomainName: 'events.example.com', ApiId: httpApiId, Stage: 'nope' }),
          ),
        )
      ).message,
    ).toBe('Invalid stage identifier specified');
    await c2.send(
      new v2.CreateApiMappingCommand({ DomainName: 'events.example.com', ApiId: httpApiId, Stage: 'prod' }),
    );
    expect((await sdkError(() => c2.send(new v2.DeleteApiCommand({ ApiId: httpApiId })))).message).toBe(
      `Deleting API ${httpApiId} failed. Please remove all API mappings for the API from your custom domain names.`,
    );
    expect(
      (await sdkError(() => c2.send(new v2.DeleteStageCommand({ ApiId: httpApiId, StageName: 'prod' })))).message,
    ).toContain('Please remove all base path mappings related to the stage in your domains: events.example.com');
    await c2.send(new v2.DeleteDomainNameCommand({ DomainName: 'events.example.com' }));
    await c2.send(new v2.DeleteApiCommand({ ApiId: httpApiId }));
  });

  it('keeps WebSocket APIs off a domain that serves REST or HTTP APIs, and the other way round', async () => {
    await create('events.example.com');
    await create('ws.example.com');
    const ws = await c2.send(
      new v2.CreateApiCommand({
        Name: 'chat',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    await c2.send(new v2.CreateStageCommand({ ApiId: ws.ApiId, StageName: 'live' }));
    await c2.send(
      new v2.CreateApiMappingCommand({ DomainName: 'events.example.com', ApiId: httpApiId, Stage: 'prod' }),
    );
    expect(
      (
        await sdkError(() =>
          c2.send(
            new v2.CreateApiMappingCommand({
              DomainName: 'events.example.com',
              ApiId: ws.ApiId,
              Stage: 'live',
              ApiMappingKey: 'chat',
            }),
          ),
        )
      ).message,
    ).toContain("can't map WebSocket APIs");
    await c2.send(new v2.CreateApiMappingCommand({ DomainName: 'ws.example.com', ApiId: ws.ApiId, Stage: 'live' }));
    expect(
      (
        await sdkError(() =>
          c2.send(
            new v2.CreateApiMappingCommand({
              DomainName: 'ws.example.com',
              ApiId: httpApiId,
              Stage: 'prod',
              ApiMappingKey: 'events',
            }),
          ),
        )
      ).message,
    ).toContain("can't map WebSocket APIs");
  });

  it('updates the certificate and mutual TLS of a v2 domain', async () => {
    await create('events.example.com');
    const other = `arn:aws:acm:${REGION}:000000000000:certificate/87654321-4321-4321-4321-210987654321`;
    const d = await c2.send(
      new v2.UpdateDomainNameCommand({
        DomainName: 'events.example.com',
        DomainNameConfigurations: [{ CertificateArn: other, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
        MutualTlsAuthentication: { TruststoreUri: 's3://bucket/ts.pem' },
      }),
    );
    expect(d).toMatchObject({
      DomainNameConfigurations: [{ CertificateArn: other }],
      MutualTlsAuthentication: { TruststoreUri: 's3://bucket/ts.pem' },
    });
  });
});

describe('accounts and regions', () => {
  it('keeps domains per account and region', async () => {
    emu.control.reset();
    await regional('api.example.com');
    const other = new v1.APIGatewayClient(sdkConfig(emu, 'us-west-2'));
    expect((await other.send(new v1.GetDomainNamesCommand({}))).items ?? []).toEqual([]);
    expect(
      (await sdkError(() => other.send(new v1.GetDomainNameCommand({ domainName: 'api.example.com' })))).name,
    ).toBe('NotFoundException');
  });
});
