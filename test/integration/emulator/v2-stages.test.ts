/**
 * API Gateway v2 stages and deployments over HTTP: PENDING → DEPLOYED, AutoDeploy rules,
 * route settings, deletes AWS refuses, and ExportApi ⇄ ImportApi/ReimportApi round trips.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteRouteCommand,
  DeleteRouteSettingsCommand,
  DeleteStageCommand,
  ExportApiCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  ImportApiCommand,
  ReimportApiCommand,
  TagResourceCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
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

/** An API with one HTTP_PROXY route, ready to deploy. */
async function apiWithRoute(name = 'svc') {
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }));
  const { IntegrationId } = await v2.send(
    new CreateIntegrationCommand({
      ApiId: ApiId!,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://svc.example.com/{proxy}',
      IntegrationMethod: 'ANY',
    }),
  );
  const route = await v2.send(
    new CreateRouteCommand({ ApiId: ApiId!, RouteKey: 'ANY /{proxy+}', Target: `integrations/${IntegrationId}` }),
  );
  return { ApiId: ApiId!, IntegrationId: IntegrationId!, RouteId: route.RouteId! };
}

/** Polls GetDeployment until it leaves PENDING (bounded by attempts, not by time). */
async function waitDeployed(ApiId: string, DeploymentId: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const d = await v2.send(new GetDeploymentCommand({ ApiId, DeploymentId }));
    if (d.DeploymentStatus !== 'PENDING') return d.DeploymentStatus!;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`deployment ${DeploymentId} stayed PENDING`);
}

const text = (body: Uint8Array | undefined) => new TextDecoder().decode(body);

describe('v2 Deployments', () => {
  it('goes PENDING then DEPLOYED, and clients must poll GetDeployment', async () => {
    const { ApiId } = await apiWithRoute();
    const d = await v2.send(new CreateDeploymentCommand({ ApiId, Description: 'first' }));
    expect(d).toMatchObject({ DeploymentStatus: 'PENDING', AutoDeployed: false, Description: 'first' });
    expect(await waitDeployed(ApiId, d.DeploymentId!)).toBe('DEPLOYED');
    const upd = await v2.send(
      new UpdateDeploymentCommand({ ApiId, DeploymentId: d.DeploymentId!, Description: 'renamed' }),
    );
    expect(upd).toMatchObject({ Description: 'renamed', DeploymentStatus: 'DEPLOYED' });
  });

  it('refuses to deploy an API without routes', async () => {
    const { ApiId } = await v2.send(new CreateApiCommand({ Name: 'empty', ProtocolType: 'HTTP' }));
    await expect(v2.send(new CreateDeploymentCommand({ ApiId: ApiId! }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Unable to deploy API because no routes exist in this API',
    });
  });

  it('deploys to a stage with StageName, and refuses to delete a deployment a stage serves', async () => {
    const { ApiId } = await apiWithRoute();
    const first = await v2.send(new CreateDeploymentCommand({ ApiId }));
    await v2.send(new CreateStageCommand({ ApiId, StageName: 'prod', DeploymentId: first.DeploymentId }));
    const second = await v2.send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
    expect((await v2.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(second.DeploymentId);
    await expect(
      v2.send(new DeleteDeploymentCommand({ ApiId, DeploymentId: second.DeploymentId! })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('prod'),
    });
    await v2.send(new DeleteDeploymentCommand({ ApiId, DeploymentId: first.DeploymentId! }));
    const left = await v2.send(new GetDeploymentsCommand({ ApiId }));
    expect(left.Items!.map((d) => d.DeploymentId)).toEqual([second.DeploymentId]);
    await expect(v2.send(new CreateDeploymentCommand({ ApiId, StageName: 'nope' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('pages deployments with MaxResults', async () => {
    const { ApiId } = await apiWithRoute();
    for (let i = 0; i < 4; i++) await v2.send(new CreateDeploymentCommand({ ApiId, Description: `d${i}` }));
    const p1 = await v2.send(new GetDeploymentsCommand({ ApiId, MaxResults: '3' }));
    const p2 = await v2.send(new GetDeploymentsCommand({ ApiId, MaxResults: '3', NextToken: p1.NextToken }));
    expect([...p1.Items!, ...p2.Items!].map((d) => d.Description)).toEqual(['d0', 'd1', 'd2', 'd3']);
    expect(p2.NextToken).toBeUndefined();
  });
});

describe('v2 Stages', () => {
  it('AutoDeploy: deploys on create and on every change, and refuses an explicit DeploymentId (400)', async () => {
    const { ApiId, IntegrationId } = await apiWithRoute();
    const manual = await v2.send(new CreateDeploymentCommand({ ApiId }));
    await expect(
      v2.send(
        new CreateStageCommand({ ApiId, StageName: 'live', AutoDeploy: true, DeploymentId: manual.DeploymentId }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
    const stage = await v2.send(new CreateStageCommand({ ApiId, StageName: 'live', AutoDeploy: true }));
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DeploymentId).toBeTruthy();
    expect((await v2.send(new GetDeploymentCommand({ ApiId, DeploymentId: stage.DeploymentId! }))).AutoDeployed).toBe(
      true,
    );

    await expect(
      v2.send(new UpdateStageCommand({ ApiId, StageName: 'live', DeploymentId: manual.DeploymentId })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('AutoDeploy'),
    });
    await expect(v2.send(new CreateDeploymentCommand({ ApiId, StageName: 'live' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });

    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /health', Target: `integrations/${IntegrationId}` }));
    const after = await v2.send(new GetStageCommand({ ApiId, StageName: 'live' }));
    expect(after.DeploymentId).not.toBe(stage.DeploymentId);
    expect(after.LastDeploymentStatusMessage).toContain(after.DeploymentId);

    // Turning AutoDeploy off lets the stage pin a deployment again.
    const pinned = await v2.send(
      new UpdateStageCommand({ ApiId, StageName: 'live', AutoDeploy: false, DeploymentId: manual.DeploymentId }),
    );
    expect(pinned).toMatchObject({ AutoDeploy: false, DeploymentId: manual.DeploymentId });
  });

  it('keeps variables, throttling, route settings and access logs; merges variables on update', async () => {
    const { ApiId } = await apiWithRoute();
    const created = await v2.send(
      new CreateStageCommand({
        ApiId,
        StageName: 'prod',
        StageVariables: { backend: 'v1', region: 'eu' },
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        RouteSettings: { 'ANY /{proxy+}': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
        AccessLogSettings: {
          DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:api',
          Format: '$context.requestId',
        },
        Description: 'production',
      }),
    );
    expect(created).toMatchObject({
      AutoDeploy: false,
      StageVariables: { backend: 'v1', region: 'eu' },
      Description: 'production',
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200, DetailedMetricsEnabled: false },
      RouteSettings: { 'ANY /{proxy+}': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
      AccessLogSettings: { Format: '$context.requestId' },
    });
    expect(created.DeploymentId).toBeUndefined();
    const upd = await v2.send(
      new UpdateStageCommand({
        ApiId,
        StageName: 'prod',
        StageVariables: { backend: 'v2', region: '' },
        DefaultRouteSettings: { ThrottlingRateLimit: 50 },
      }),
    );
    expect(upd.StageVariables).toEqual({ backend: 'v2' });
    expect(upd.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 200 });
    await expect(
      v2.send(
        new UpdateStageCommand({
          ApiId,
          StageName: 'prod',
          RouteSettings: { 'GET /missing': { ThrottlingRateLimit: 1 } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('GET /missing'),
    });
    // HTTP APIs have no execution logs, log to CloudWatch Logs only, and take AWS's access log format rules.
    const refused = (
      input: Omit<ConstructorParameters<typeof UpdateStageCommand>[0], 'ApiId' | 'StageName'>,
      message: string,
    ) =>
      expect(v2.send(new UpdateStageCommand({ ApiId, StageName: 'prod', ...input }))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: expect.stringContaining(message),
      });
    await refused(
      { DefaultRouteSettings: { LoggingLevel: 'INFO' } },
      'Execution logs are not supported on protocolType HTTP',
    );
    await refused(
      { RouteSettings: { 'ANY /{proxy+}': { DataTraceEnabled: true } } },
      'Execution logs are not supported on protocolType HTTP',
    );
    await refused(
      {
        AccessLogSettings: {
          DestinationArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/amazon-apigateway-x',
          Format: '$context.requestId',
        },
      },
      'log group',
    );
    await refused(
      {
        AccessLogSettings: {
          DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:api',
          Format: '$context.requestId\n$context.status',
        },
      },
      'single line',
    );
    await refused(
      {
        AccessLogSettings: {
          DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:api',
          Format: '$context.status',
        },
      },
      '$context.requestId',
    );
    await v2.send(new DeleteRouteSettingsCommand({ ApiId, StageName: 'prod', RouteKey: 'ANY /{proxy+}' }));
    expect((await v2.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).RouteSettings).toEqual({});

    await expect(v2.send(new CreateStageCommand({ ApiId, StageName: 'prod' }))).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await v2.send(new CreateStageCommand({ ApiId, StageName: 'dev' }));
    const page = await v2.send(new GetStagesCommand({ ApiId, MaxResults: '1' }));
    expect(page.Items).toHaveLength(1);
    expect(
      (await v2.send(new GetStagesCommand({ ApiId, NextToken: page.NextToken }))).Items!.map((s) => s.StageName),
    ).toEqual(['dev']);

    const ResourceArn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}/stages/prod`;
    await v2.send(
      new TagResourceCommand({
        ResourceArn,
        Tags: { 'apigw-sync:rollout': 'v1 b 1 1700000000000 1700000000000 d2 d1 ' },
      }),
    );
    expect((await v2.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({
      'apigw-sync:rollout': 'v1 b 1 1700000000000 1700000000000 d2 d1 ',
    });
    expect((await v2.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).Tags).toEqual({
      'apigw-sync:rollout': 'v1 b 1 1700000000000 1700000000000 d2 d1 ',
    });

    await v2.send(new DeleteStageCommand({ ApiId, StageName: 'dev' }));
    await expect(v2.send(new GetStageCommand({ ApiId, StageName: 'dev' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});

describe('v2 ExportApi / ImportApi / ReimportApi', () => {
  async function richApi() {
    const { ApiId } = await v2.send(
      new CreateApiCommand({
        Name: 'shop',
        ProtocolType: 'HTTP',
        Version: '1.2',
        CorsConfiguration: { AllowOrigins: ['https://a.example.com'], AllowMethods: ['GET'] },
      }),
    );
    const id = ApiId!;
    const jwt = await v2.send(
      new CreateAuthorizerCommand({
        ApiId: id,
        Name: 'users',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://idp.example.com', Audience: ['shop'] },
      }),
    );
    const lambdaUri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations';
    const i1 = await v2.send(
      new CreateIntegrationCommand({
        ApiId: id,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://catalog.example.com/items',
        IntegrationMethod: 'GET',
        TimeoutInMillis: 10000,
      }),
    );
    const i2 = await v2.send(
      new CreateIntegrationCommand({
        ApiId: id,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: lambdaUri,
        PayloadFormatVersion: '2.0',
      }),
    );
    await v2.send(
      new CreateRouteCommand({ ApiId: id, RouteKey: 'GET /items', Target: `integrations/${i1.IntegrationId}` }),
    );
    await v2.send(
      new CreateRouteCommand({
        ApiId: id,
        RouteKey: 'POST /orders/{id}',
        Target: `integrations/${i2.IntegrationId}`,
        AuthorizationType: 'JWT',
        AuthorizerId: jwt.AuthorizerId,
        AuthorizationScopes: ['orders/write'],
      }),
    );
    await v2.send(
      new CreateRouteCommand({ ApiId: id, RouteKey: '$default', Target: `integrations/${i1.IntegrationId}` }),
    );
    return id;
  }

  /** Routes with their integrations and auth, without generated ids: what must survive a round trip. */
  async function shape(ApiId: string) {
    const [routes, integrations] = await Promise.all([
      v2.send(new GetRoutesCommand({ ApiId })),
      v2.send(new GetIntegrationsCommand({ ApiId })),
    ]);
    return routes
      .Items!.map((r) => {
        const i = integrations.Items!.find((x) => `integrations/${x.IntegrationId}` === r.Target);
        return {
          routeKey: r.RouteKey,
          auth: r.AuthorizationType,
          scopes: r.AuthorizationScopes ?? [],
          integration: i && {
            type: i.IntegrationType,
            uri: i.IntegrationUri,
            method: i.IntegrationMethod,
            pfv: i.PayloadFormatVersion,
            timeout: i.TimeoutInMillis,
          },
        };
      })
      .sort((a, b) => a.routeKey!.localeCompare(b.routeKey!));
  }

  it('exports OpenAPI 3 with x-amazon-apigateway extensions that import back to the same API', async () => {
    const ApiId = await richApi();
    const yaml = text(
      (await v2.send(new ExportApiCommand({ ApiId, Specification: 'OAS30', OutputType: 'YAML' }))).body,
    );
    const doc = parseYaml(yaml);
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toMatchObject({ title: 'shop', version: '1.2' });
    expect(doc.paths['/items'].get['x-amazon-apigateway-integration']).toMatchObject({
      type: 'http_proxy',
      uri: 'https://catalog.example.com/items',
      httpMethod: 'GET',
      timeoutInMillis: 10000,
      payloadFormatVersion: '1.0',
    });
    expect(doc.paths['/orders/{id}'].post.security).toEqual([{ users: ['orders/write'] }]);
    expect(doc.paths['/$default']['x-amazon-apigateway-any-method']).toBeDefined();
    expect(doc.components.securitySchemes.users['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'jwt',
      jwtConfiguration: { issuer: 'https://idp.example.com', audience: ['shop'] },
    });
    expect(doc['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['https://a.example.com'], allowMethods: ['GET'] });

    const imported = await v2.send(new ImportApiCommand({ Body: yaml }));
    expect(imported).toMatchObject({
      Name: 'shop',
      Version: '1.2',
      ProtocolType: 'HTTP',
      CorsConfiguration: { AllowOrigins: ['https://a.example.com'] },
    });
    expect(imported.ApiId).not.toBe(ApiId);
    expect(await shape(imported.ApiId!)).toEqual(await shape(ApiId));

    const plain = JSON.parse(
      text(
        (
          await v2.send(
            new ExportApiCommand({ ApiId, Specification: 'OAS30', OutputType: 'JSON', IncludeExtensions: false }),
          )
        ).body,
      ),
    );
    expect(plain.paths['/items'].get['x-amazon-apigateway-integration']).toBeUndefined();
    expect(plain['x-amazon-apigateway-importexport-version']).toBeUndefined();
  });

  it('exports a stage from its deployed snapshot, so ReimportApi rolls routes back to it', async () => {
    const ApiId = await richApi();
    const d = await v2.send(new CreateDeploymentCommand({ ApiId }));
    await v2.send(new CreateStageCommand({ ApiId, StageName: 'prod', DeploymentId: d.DeploymentId }));
    const before = await shape(ApiId);

    const items = (await v2.send(new GetRoutesCommand({ ApiId }))).Items!.find((r) => r.RouteKey === 'GET /items')!;
    await v2.send(new DeleteRouteCommand({ ApiId, RouteId: items.RouteId! }));
    await v2.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /new' }));
    expect(await shape(ApiId)).not.toEqual(before);

    const staged = text(
      (
        await v2.send(
          new ExportApiCommand({
            ApiId,
            Specification: 'OAS30',
            OutputType: 'JSON',
            StageName: 'prod',
            IncludeExtensions: true,
          }),
        )
      ).body,
    );
    const doc = JSON.parse(staged);
    expect(Object.keys(doc.paths).sort()).toEqual(['/$default', '/items', '/orders/{id}']);
    expect(doc.servers[0].variables.basePath.default).toBe('prod');

    const re = await v2.send(new ReimportApiCommand({ ApiId, Body: staged }));
    expect(re.ApiId).toBe(ApiId);
    expect(await shape(ApiId)).toEqual(before);
    expect((await v2.send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(d.DeploymentId);
  });

  it.each([
    ['a bad specification', { Specification: 'RAML', OutputType: 'YAML' }],
    ['a bad output type', { Specification: 'OAS30', OutputType: 'XML' }],
  ])('refuses ExportApi with %s', async (_l, input) => {
    const ApiId = await richApi();
    await expect(v2.send(new ExportApiCommand({ ApiId, ...input } as never))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('refuses documents it cannot import, and warnings under FailOnWarnings', async () => {
    await expect(v2.send(new ImportApiCommand({ Body: 'swagger: "2.0"\ninfo: {title: x}' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    await expect(v2.send(new ImportApiCommand({ Body: '{not yaml: [' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    const withWarning = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'w', version: '1' },
      paths: { '/a': { get: { security: [{ ghost: [] }], responses: {} } } },
    });
    await expect(v2.send(new ImportApiCommand({ Body: withWarning, FailOnWarnings: true }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('ghost'),
    });
    const ok = await v2.send(new ImportApiCommand({ Body: withWarning }));
    expect(ok.Warnings).toEqual([expect.stringContaining('ghost')]);
  });
});
