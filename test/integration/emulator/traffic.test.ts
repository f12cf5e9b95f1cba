/**
 * Traffic simulation through the control API, observed with the real CloudWatch client:
 * a seeded canary split on a REST stage, the canary's own metric series, declared backend
 * health, alarms driven by traffic alone, HTTP API metrics (DataProcessed) and backfill.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand as CreateRestDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
  type Dimension,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

let emu: RunningEmulator;
let rest: APIGatewayClient;
let v2: ApiGatewayV2Client;
let cw: CloudWatchClient;

beforeAll(async () => {
  emu = await startEmulator({ quotas: false });
  const cfg = {
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  rest = new APIGatewayClient(cfg);
  v2 = new ApiGatewayV2Client(cfg);
  cw = new CloudWatchClient(cfg);
});
afterAll(async () => {
  for (const c of [rest, v2, cw]) c.destroy();
  await emu.stop();
});

interface Tally {
  deploymentId: string;
  requests: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
}
interface TrafficResult {
  kind: string;
  requests: number;
  seed: number;
  base: Tally;
  canary?: Tally & { percentTraffic: number };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function traffic(body: Record<string, unknown>): Promise<TrafficResult> {
  const res = await control<TrafficResult>('POST', '/_emulator/traffic', body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

async function sum(
  MetricName: string,
  Dimensions: Dimension[],
  opts: { stat?: string; from?: number; to?: number; period?: number } = {},
): Promise<number> {
  const res = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(opts.from ?? Date.now() - 3_600_000),
      EndTime: new Date(opts.to ?? Date.now() + 3_600_000),
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions },
            Period: opts.period ?? 60,
            Stat: opts.stat ?? 'Sum',
          },
        },
      ],
    }),
  );
  return res.MetricDataResults![0].Values!.reduce((s, v) => s + v, 0);
}

/** A REST API `name` with GET /items deployed to prod, and a second deployment as a canary at `percent`. */
async function restWithCanary(name: string, percent: number) {
  const { id } = await rest.send(new CreateRestApiCommand({ name }));
  const root = (await rest.send(new GetResourcesCommand({ restApiId: id! }))).items!.find((r) => r.path === '/')!;
  const items = await rest.send(new CreateResourceCommand({ restApiId: id!, parentId: root.id!, pathPart: 'items' }));
  await rest.send(
    new PutMethodCommand({ restApiId: id!, resourceId: items.id!, httpMethod: 'GET', authorizationType: 'NONE' }),
  );
  await rest.send(
    new PutIntegrationCommand({
      restApiId: id!,
      resourceId: items.id!,
      httpMethod: 'GET',
      type: 'HTTP_PROXY',
      integrationHttpMethod: 'GET',
      uri: `https://${name}.example.com/items`,
    }),
  );
  const base = await rest.send(new CreateRestDeploymentCommand({ restApiId: id!, stageName: 'prod' }));
  const canary = await rest.send(
    new CreateRestDeploymentCommand({ restApiId: id!, stageName: 'prod', canarySettings: { percentTraffic: percent } }),
  );
  return { restApiId: id!, baseId: base.id!, canaryId: canary.id! };
}

/** An HTTP API with GET /orders deployed to a prod stage (AutoDeploy off). */
async function httpApi(name: string) {
  const { ApiId } = await v2.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }));
  const { IntegrationId } = await v2.send(
    new CreateIntegrationCommand({
      ApiId: ApiId!,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: `https://${name}.example.com/orders`,
      IntegrationMethod: 'GET',
    }),
  );
  await v2.send(
    new CreateRouteCommand({ ApiId: ApiId!, RouteKey: 'GET /orders', Target: `integrations/${IntegrationId}` }),
  );
  const d = await v2.send(new CreateDeploymentCommand({ ApiId: ApiId! }));
  await v2.send(new CreateStageCommand({ ApiId: ApiId!, StageName: 'prod', DeploymentId: d.DeploymentId }));
  return { ApiId: ApiId!, firstDeployment: d.DeploymentId! };
}

describe('traffic simulation: REST canary', () => {
  it('splits 1000 requests by percentTraffic (25%) deterministically from the seed', async () => {
    const api = await restWithCanary('split', 25);
    const first = await traffic({ apiId: api.restApiId, stage: 'prod', requests: 1000, seed: 7 });
    expect(first.kind).toBe('RestApi');
    expect(first.base.deploymentId).toBe(api.baseId);
    expect(first.canary).toMatchObject({ deploymentId: api.canaryId, percentTraffic: 25 });
    expect(first.base.requests + first.canary!.requests).toBe(1000);
    // Binomial(1000, 0.25): σ ≈ 13.7; the seeded split lands well within 4σ of 250.
    expect(Math.abs(first.canary!.requests - 250)).toBeLessThanOrEqual(55);

    const again = await traffic({ apiId: api.restApiId, stage: 'prod', requests: 1000, seed: 7 });
    expect(again.canary!.requests).toBe(first.canary!.requests);
    const other = await traffic({ apiId: api.restApiId, stage: 'prod', requests: 1000, seed: 8 });
    expect(other.base.requests + other.canary!.requests).toBe(1000);

    const total = 2 * first.canary!.requests + other.canary!.requests;
    expect(
      await sum('Count', [
        { Name: 'ApiName', Value: 'split' },
        { Name: 'Stage', Value: 'prod/Canary' },
      ]),
    ).toBe(total);
    expect(
      await sum('Count', [
        { Name: 'ApiName', Value: 'split' },
        { Name: 'Stage', Value: 'prod' },
      ]),
    ).toBe(3000 - total);
    expect(await sum('Count', [{ Name: 'ApiName', Value: 'split' }])).toBe(3000);
    expect(await sum('Latency', [{ Name: 'ApiName', Value: 'split' }], { stat: 'SampleCount' })).toBe(3000);
  });

  it('"the new deployment returns 5xx" is one call: only the canary series shows 5XXError, and its alarm fires', async () => {
    const api = await restWithCanary('failing', 10);
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'failing-canary-5xx',
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: 'failing' },
          { Name: 'Stage', Value: 'prod/Canary' },
        ],
        Statistic: 'Average',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const rule = await control('POST', '/_emulator/backends', { deploymentId: api.canaryId, errorRate: 1 });
    expect(rule.status).toBe(200);
    const res = await traffic({ apiId: api.restApiId, stage: 'prod', requests: 2000, seed: 1 });
    expect(res.canary!.serverErrors).toBe(res.canary!.requests);
    expect(res.base.serverErrors).toBe(0);
    expect(
      await sum('5XXError', [
        { Name: 'ApiName', Value: 'failing' },
        { Name: 'Stage', Value: 'prod/Canary' },
      ]),
    ).toBe(res.canary!.requests);
    expect(
      await sum('5XXError', [
        { Name: 'ApiName', Value: 'failing' },
        { Name: 'Stage', Value: 'prod' },
      ]),
    ).toBe(0);
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['failing-canary-5xx'] }))).MetricAlarms![0];
    expect(alarm.StateValue).toBe('ALARM');
    expect(alarm.StateReason).toMatch(
      /^Threshold Crossed: 1 datapoint \[1\.0 \(.+\)\] was greater than the threshold \(0\.05\)\.$/,
    );
    await control('DELETE', '/_emulator/backends');
  });

  it('answers per integration URI prefix, longest prefix first, with client errors and latency', async () => {
    const api = await restWithCanary('byuri', 0);
    await control('POST', '/_emulator/backends', {
      uri: 'https://byuri.example.com',
      errorRate: 0,
      clientErrorRate: 1,
      latencyMs: 10,
    });
    await control('POST', '/_emulator/backends', {
      uri: 'https://byuri.example.com/items',
      errorRate: 0,
      clientErrorRate: 0.5,
      latencyMs: 400,
    });
    const res = await traffic({ apiId: api.restApiId, stage: 'prod', requests: 400, seed: 3 });
    expect(res.base.requests).toBe(400);
    expect(res.base.clientErrors).toBeGreaterThan(100);
    expect(res.base.clientErrors).toBeLessThan(300);
    const dims = [
      { Name: 'ApiName', Value: 'byuri' },
      { Name: 'Stage', Value: 'prod' },
    ];
    expect(await sum('4XXError', dims)).toBe(res.base.clientErrors);
    const avg = await sum('IntegrationLatency', dims, { stat: 'Average', period: 3600 });
    expect(avg).toBeGreaterThanOrEqual(320);
    expect(avg).toBeLessThanOrEqual(480);
    const listed = await control<{ rules: unknown[] }>('GET', '/_emulator/backends');
    expect(listed.json.rules).toHaveLength(2);
    await control('DELETE', '/_emulator/backends');
  });

  it('refuses unknown APIs, routes and bad input', async () => {
    const api = await restWithCanary('bad', 5);
    const table: Array<[Record<string, unknown>, number]> = [
      [{ apiId: 'nope', stage: 'prod', requests: 1 }, 404],
      [{ apiId: api.restApiId, stage: 'nope', requests: 1 }, 404],
      [{ apiId: api.restApiId, stage: 'prod', requests: 0 }, 400],
      [{ apiId: api.restApiId, stage: 'prod', requests: 1, routeKey: 'POST /nothing' }, 400],
      [{ apiId: api.restApiId, stage: 'prod', requests: 1, timestamp: 'yesterday' }, 400],
    ];
    for (const [body, status] of table)
      expect((await control('POST', '/_emulator/traffic', body)).status, JSON.stringify(body)).toBe(status);
    expect((await control('POST', '/_emulator/backends', { errorRate: 2 })).status).toBe(400);
  });
});

describe('traffic simulation: HTTP API', () => {
  it('publishes Count, 4xx, 5xx, Latency, IntegrationLatency and DataProcessed on {ApiId, Stage}', async () => {
    const { ApiId } = await httpApi('orders');
    const res = await traffic({
      apiId: ApiId,
      stage: 'prod',
      requests: 300,
      bytesPerRequest: 2048,
      routeKey: 'GET /orders',
    });
    expect(res).toMatchObject({ kind: 'HttpApi', requests: 300 });
    expect(res.canary).toBeUndefined();
    const dims = [
      { Name: 'ApiId', Value: ApiId },
      { Name: 'Stage', Value: 'prod' },
    ];
    expect(await sum('Count', dims)).toBe(300);
    expect(await sum('DataProcessed', dims)).toBe(300 * 2048);
    expect(await sum('4xx', dims)).toBe(0);
    expect(await sum('5xx', dims)).toBe(0);
    expect(await sum('Latency', dims, { stat: 'SampleCount' })).toBe(300);
    expect(await sum('IntegrationLatency', dims, { stat: 'SampleCount' })).toBe(300);
    expect(await sum('Count', [{ Name: 'ApiId', Value: ApiId }])).toBe(300);
  });

  it('drives an alarm INSUFFICIENT_DATA → OK → ALARM → OK from traffic alone (deploy a failing deployment, roll back)', async () => {
    const { ApiId, firstDeployment } = await httpApi('payments');
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'payments-5xx',
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [
          { Name: 'ApiId', Value: ApiId },
          { Name: 'Stage', Value: 'prod' },
        ],
        Statistic: 'Average',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const state = async () =>
      (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['payments-5xx'] }))).MetricAlarms![0].StateValue;
    expect(await state()).toBe('INSUFFICIENT_DATA');

    await traffic({ apiId: ApiId, stage: 'prod', requests: 500 });
    expect(await state()).toBe('OK');

    const bad = await v2.send(new CreateDeploymentCommand({ ApiId, Description: 'broken' }));
    await v2.send(new UpdateStageCommand({ ApiId, StageName: 'prod', DeploymentId: bad.DeploymentId }));
    await control('POST', '/_emulator/backends', { deploymentId: bad.DeploymentId, errorRate: 0.5 });
    const failing = await traffic({ apiId: ApiId, stage: 'prod', requests: 500 });
    expect(failing.base.deploymentId).toBe(bad.DeploymentId);
    expect(await state()).toBe('ALARM');

    await v2.send(new UpdateStageCommand({ ApiId, StageName: 'prod', DeploymentId: firstDeployment }));
    const healed = await traffic({ apiId: ApiId, stage: 'prod', requests: 20_000 });
    expect(healed.base.serverErrors).toBe(0);
    expect(await state()).toBe('OK');
    await control('DELETE', '/_emulator/backends');
  });

  it('backfills 30 days of history with a timestamp and spread, for cost estimates', async () => {
    const { ApiId } = await httpApi('history');
    const DAY = 86_400_000;
    const start = Math.floor(Date.now() / DAY) * DAY - 30 * DAY;
    await traffic({
      apiId: ApiId,
      stage: 'prod',
      requests: 30_000,
      timestamp: new Date(start).toISOString(),
      spreadSeconds: 30 * 86_400,
    });
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(start + 30 * DAY),
        MetricDataQueries: [
          {
            Id: 'c',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApiGateway',
                MetricName: 'Count',
                Dimensions: [
                  { Name: 'ApiId', Value: ApiId },
                  { Name: 'Stage', Value: 'prod' },
                ],
              },
              Period: 86_400,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    const values = res.MetricDataResults![0].Values!;
    expect(values).toHaveLength(30);
    expect(values.every((v) => v === 1000)).toBe(true);
  });
});
