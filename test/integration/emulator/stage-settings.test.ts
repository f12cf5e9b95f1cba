/**
 * Stage settings over HTTP with the real SDK clients. REST: method settings through UpdateStage
 * patch paths in AWS's spellings and GetStage's `methodSettings`, access log checks, the
 * account's CloudWatch role that REST logging needs (GetAccount/UpdateAccount), client
 * certificates. HTTP: RouteSettings/DefaultRouteSettings merged as AWS merges them, -1, and the
 * route-key check on the merged map.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployMockRestApi, sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const LOG_GROUP = `arn:aws:logs:${REGION}:000000000000:log-group:api-access`;
let emu: Emu;
let c1: v1.APIGatewayClient;
let c2: v2.ApiGatewayV2Client;
let restApiId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  const cfg = sdkConfig(emu, REGION);
  c1 = new v1.APIGatewayClient(cfg);
  c2 = new v2.ApiGatewayV2Client(cfg);
});
afterAll(async () => emu.stop());

beforeEach(async () => {
  emu.control.reset();
  ({ restApiId } = await deployMockRestApi(c1, { path: 'pets' }));
});

const patch = (patchOperations: v1.PatchOperation[]) =>
  c1.send(new v1.UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations }));

describe('REST method settings', () => {
  it("keeps stage-wide settings under */* with AWS's defaults (throttling -1: not set)", async () => {
    const s = await patch([{ op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }]);
    expect(s.methodSettings?.['*/*']).toEqual({
      metricsEnabled: true,
      loggingLevel: 'OFF',
      dataTraceEnabled: false,
      throttlingBurstLimit: -1,
      throttlingRateLimit: -1,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    });
  });

  it('sets every documented setting, per method in either spelling, a new override starting from */*', async () => {
    await patch([
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '500' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000' },
    ]);
    const s = await patch([
      { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '10' },
      { op: 'replace', path: '/~1pets/GET/logging/dataTrace', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/ttlInSeconds', value: '60' },
      { op: 'replace', path: '/~1pets/GET/caching/dataEncrypted', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/requireAuthorizationForCacheControl', value: 'false' },
      { op: 'replace', path: '/~1pets/GET/caching/unauthorizedCacheControlHeaderStrategy', value: 'FAIL_WITH_403' },
      { op: 'replace', path: '/pets/{id}/DELETE/metrics/enabled', value: 'true' },
    ]);
    expect(s.methodSettings?.['~1pets/GET']).toMatchObject({
      loggingLevel: 'INFO',
      throttlingRateLimit: 10,
      throttlingBurstLimit: 1000,
      dataTraceEnabled: true,
      cachingEnabled: true,
      cacheTtlInSeconds: 60,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
    });
    expect(s.methodSettings?.['pets/{id}/DELETE']).toMatchObject({ metricsEnabled: true, loggingLevel: 'INFO' });
    expect(
      Object.keys(
        (await c1.send(new v1.GetStageCommand({ restApiId, stageName: 'prod' }))).methodSettings ?? {},
      ).sort(),
    ).toEqual(['*/*', 'pets/{id}/DELETE', '~1pets/GET']);
  });

  it("unsets throttling with -1 and removes an override; removing one that is not there is AWS's BadRequest", async () => {
    await patch([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '5' },
      { op: 'replace', path: '/~1pets/GET/metrics/enabled', value: 'true' },
    ]);
    expect(
      (await patch([{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '-1' }])).methodSettings?.['*/*']
        .throttlingRateLimit,
    ).toBe(-1);
    expect(Object.keys((await patch([{ op: 'remove', path: '/~1pets/GET' }])).methodSettings ?? {})).toEqual(['*/*']);
    expect((await sdkError(() => patch([{ op: 'remove', path: '/~1pets/GET' }]))).message).toBe(
      'Cannot remove method setting ~1pets/GET because there is no method setting for this method',
    );
  });

  it.each([
    ['a log level AWS does not have', '/*/*/logging/loglevel', 'DEBUG'],
    ['a cache TTL over 3600', '/*/*/caching/ttlInSeconds', '3601'],
    ['a cache-control strategy AWS does not have', '/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'IGNORE'],
    ['a negative throttle other than -1', '/*/*/throttling/burstLimit', '-5'],
    ['a setting AWS does not have', '/*/*/caching/size', '1'],
  ])('refuses %s', async (_label, path, value) => {
    expect((await sdkError(() => patch([{ op: 'replace', path, value }]))).name).toBe('BadRequestException');
  });
});

describe("REST access logs and the account's CloudWatch role", () => {
  it('takes a CloudWatch Logs group or an amazon-apigateway- Firehose stream, with a one-line format naming the request id', async () => {
    const s = await patch([
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP },
      { op: 'replace', path: '/accessLogSettings/format', value: '{"requestId":"$context.requestId"}' },
    ]);
    expect(s.accessLogSettings).toEqual({ destinationArn: LOG_GROUP, format: '{"requestId":"$context.requestId"}' });
    const firehose = `arn:aws:firehose:${REGION}:000000000000:deliverystream/amazon-apigateway-shop`;
    expect(
      (await patch([{ op: 'replace', path: '/accessLogSettings/destinationArn', value: firehose }])).accessLogSettings
        ?.destinationArn,
    ).toBe(firehose);
  });

  it.each([
    [
      'a format without the request id',
      [{ op: 'replace', path: '/accessLogSettings/format', value: '$context.identity.sourceIp' }],
      'must include $context.requestId',
    ],
    [
      'a format over two lines',
      [{ op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId\n$context.status' }],
      'Access Log format must be single line, new line character is allowed only at end of the format',
    ],
    [
      'a destination in another region',
      [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP.replace(REGION, 'us-east-1') }],
      'region',
    ],
    [
      'a Firehose stream not named amazon-apigateway-…',
      [
        {
          op: 'replace',
          path: '/accessLogSettings/destinationArn',
          value: `arn:aws:firehose:${REGION}:000000000000:deliverystream/logs`,
        },
      ],
      'amazon-apigateway-',
    ],
  ])('refuses %s', async (_label, ops, message) => {
    expect((await sdkError(() => patch(ops as v1.PatchOperation[]))).message).toContain(message);
  });

  it('refuses execution and CloudWatch access logging until the account has a CloudWatch role', async () => {
    expect((await c1.send(new v1.GetAccountCommand({}))).cloudwatchRoleArn).toBe(
      'arn:aws:iam::000000000000:role/apigateway-cloudwatch-logs',
    );
    await c1.send(
      new v1.UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: '' }] }),
    );
    const account = await c1.send(new v1.GetAccountCommand({}));
    expect(account).toMatchObject({
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      features: ['UsagePlans'],
      apiKeyVersion: '4',
    });
    expect(account.cloudwatchRoleArn).toBeUndefined();
    const message = 'CloudWatch Logs role ARN must be set in account settings to enable logging';
    expect(
      (await sdkError(() => patch([{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]))).message,
    ).toBe(message);
    expect(
      (await sdkError(() => patch([{ op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP }])))
        .message,
    ).toBe(message);
    // Metrics and Firehose access logs need no role.
    await patch([
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      {
        op: 'replace',
        path: '/accessLogSettings/destinationArn',
        value: `arn:aws:firehose:${REGION}:000000000000:deliverystream/amazon-apigateway-shop`,
      },
    ]);
    await c1.send(
      new v1.UpdateAccountCommand({
        patchOperations: [
          { op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::000000000000:role/apigw-logs' },
        ],
      }),
    );
    await patch([{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]);
    expect(
      (
        await sdkError(() =>
          c1.send(
            new v1.UpdateAccountCommand({
              patchOperations: [
                { op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::111111111111:role/x' },
              ],
            }),
          ),
        )
      ).name,
    ).toBe('BadRequestException');
  });

  it('starts without a role when the emulator is started with cloudWatchRoleArn: null', async () => {
    const bare = await startTestEmulator({ cloudWatchRoleArn: null });
    try {
      const c = new v1.APIGatewayClient(sdkConfig(bare, REGION));
      expect((await c.send(new v1.GetAccountCommand({}))).cloudwatchRoleArn).toBeUndefined();
    } finally {
      await bare.stop();
    }
  });
});

describe('REST client certificates', () => {
  it('generates, reads, describes and deletes a certificate; a stage names it; one in use cannot be deleted', async () => {
    const cert = await c1.send(
      new v1.GenerateClientCertificateCommand({ description: 'backend mTLS', tags: { team: 'shop' } }),
    );
    expect(cert).toMatchObject({ description: 'backend mTLS', tags: { team: 'shop' } });
    expect(cert.pemEncodedCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/);
    expect(cert.expirationDate!.getTime() - cert.createdDate!.getTime()).toBe(365 * 24 * 3600 * 1000);
    const id = cert.clientCertificateId!;
    expect((await c1.send(new v1.GetClientCertificatesCommand({}))).items?.map((x) => x.clientCertificateId)).toEqual([
      id,
    ]);
    expect(
      await c1.send(
        new v1.UpdateClientCertificateCommand({
          clientCertificateId: id,
          patchOperations: [{ op: 'replace', path: '/description', value: 'renewed' }],
        }),
      ),
    ).toMatchObject({ description: 'renewed' });
    expect(
      (await sdkError(() => patch([{ op: 'replace', path: '/clientCertificateId', value: 'nope00' }]))).message,
    ).toContain('Invalid client certificate');
    expect((await patch([{ op: 'replace', path: '/clientCertificateId', value: id }])).clientCertificateId).toBe(id);
    expect(
      (await sdkError(() => c1.send(new v1.DeleteClientCertificateCommand({ clientCertificateId: id })))).message,
    ).toContain(`${restApiId}/prod`);
    expect(
      (await patch([{ op: 'replace', path: '/clientCertificateId', value: '' }])).clientCertificateId,
    ).toBeUndefined();
    await c1.send(new v1.DeleteClientCertificateCommand({ clientCertificateId: id }));
    expect((await sdkError(() => c1.send(new v1.GetClientCertificateCommand({ clientCertificateId: id })))).name).toBe(
      'NotFoundException',
    );
  });
});

describe('HTTP route settings', () => {
  let ApiId: string;
  beforeEach(async () => {
    const api = await c2.send(new v2.CreateApiCommand({ Name: 'events', ProtocolType: 'HTTP' }));
    ApiId = api.ApiId!;
    const i = await c2.send(
      new v2.CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://example.com',
        IntegrationMethod: 'ANY',
        PayloadFormatVersion: '1.0',
      }),
    );
    for (const RouteKey of ['GET /a', 'GET /b'])
      await c2.send(new v2.CreateRouteCommand({ ApiId, RouteKey, Target: `integrations/${i.IntegrationId}` }));
    await c2.send(new v2.CreateStageCommand({ ApiId, StageName: 'prod' }));
  });
  const update = (input: Partial<v2.UpdateStageRequest>) =>
    c2.send(new v2.UpdateStageCommand({ ApiId, StageName: 'prod', ...input }));

  it('merges DefaultRouteSettings member by member: leaving throttling out does not clear it, -1 unsets it', async () => {
    expect(
      (await update({ DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 } }))
        .DefaultRouteSettings,
    ).toEqual({ DetailedMetricsEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 });
    expect((await update({ DefaultRouteSettings: { DetailedMetricsEnabled: true } })).DefaultRouteSettings).toEqual({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: 100,
      ThrottlingBurstLimit: 50,
    });
    expect(
      (await update({ DefaultRouteSettings: { ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 } }))
        .DefaultRouteSettings,
    ).toEqual({ DetailedMetricsEnabled: true, ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 });
    expect((await sdkError(() => update({ DefaultRouteSettings: { ThrottlingRateLimit: -2 } }))).name).toBe(
      'BadRequestException',
    );
  });

  it('merges RouteSettings per route key, DeleteRouteSettings drops one, and settings left for a removed route fail the next update', async () => {
    await update({ RouteSettings: { 'GET /a': { ThrottlingRateLimit: 1 }, 'GET /b': { ThrottlingRateLimit: 2 } } });
    expect((await update({ RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 3 } } })).RouteSettings).toEqual({
      'GET /a': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 3 },
      'GET /b': { ThrottlingRateLimit: 2 },
    });
    const b = (await c2.send(new v2.GetRoutesCommand({ ApiId }))).Items!.find((r) => r.RouteKey === 'GET /b')!;
    await c2.send(new v2.UpdateRouteCommand({ ApiId, RouteId: b.RouteId, RouteKey: 'GET /renamed' }));
    expect((await sdkError(() => update({ RouteSettings: { 'GET /a': { ThrottlingRateLimit: 4 } } }))).message).toBe(
      'Unable to find Route by key GET /b within the provided RouteSettings',
    );
    await c2.send(new v2.DeleteRouteSettingsCommand({ ApiId, StageName: 'prod', RouteKey: 'GET /b' }));
    expect((await update({ RouteSettings: { 'GET /a': { ThrottlingRateLimit: 4 } } })).RouteSettings).toEqual({
      'GET /a': { ThrottlingRateLimit: 4, ThrottlingBurstLimit: 3 },
    });
  });
});
