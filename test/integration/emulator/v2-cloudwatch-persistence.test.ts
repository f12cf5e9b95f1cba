/**
 * v2, CloudWatch and traffic state across a restart with --state-file, and v2 calls drawing
 * from the account-wide API Gateway quota (the SDK sees TooManyRequestsException).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetStageCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-apigatewayv2';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

const dir = mkdtempSync(join(tmpdir(), 'emu-v2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clients = (emu: RunningEmulator, maxAttempts = 1) => {
  const cfg = {
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  };
  return { v2: new ApiGatewayV2Client(cfg), cw: new CloudWatchClient(cfg) };
};

describe('persistence with --state-file', () => {
  it('keeps HTTP APIs, deployments, alarms, metric data and declared backends across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ quotas: false, stateFile });
    let c = clients(first);
    const { ApiId } = await c.v2.send(new CreateApiCommand({ Name: 'kept', ProtocolType: 'HTTP', Tags: { a: 'b' } }));
    const { IntegrationId } = await c.v2.send(
      new CreateIntegrationCommand({
        ApiId: ApiId!,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://kept.example.com',
        IntegrationMethod: 'GET',
      }),
    );
    await c.v2.send(
      new CreateRouteCommand({ ApiId: ApiId!, RouteKey: 'GET /x', Target: `integrations/${IntegrationId}` }),
    );
    const d = await c.v2.send(new CreateDeploymentCommand({ ApiId: ApiId! }));
    await c.v2.send(
      new CreateStageCommand({
        ApiId: ApiId!,
        StageName: 'prod',
        DeploymentId: d.DeploymentId,
        StageVariables: { v: '1' },
      }),
    );
    await c.cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'kept-5xx',
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [
          { Name: 'ApiId', Value: ApiId! },
          { Name: 'Stage', Value: 'prod' },
        ],
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await fetch(`${first.url}/_emulator/backends`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deploymentId: d.DeploymentId, errorRate: 1 }),
    });
    const sim = await fetch(`${first.url}/_emulator/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiId: ApiId, stage: 'prod', requests: 50 }),
    });
    expect(sim.status).toBe(200);
    // Deployments turn DEPLOYED a moment after creation: wait for it, as a client would, so the
    // restart below checks that the status survives, not how fast this test ran.
    for (
      let i = 0;
      (await c.v2.send(new GetDeploymentCommand({ ApiId: ApiId!, DeploymentId: d.DeploymentId! }))).DeploymentStatus !==
      'DEPLOYED';
      i++
    ) {
      if (i > 100) throw new Error('deployment never became DEPLOYED');
      await new Promise((r) => setTimeout(r, 50));
    }
    c.v2.destroy();
    c.cw.destroy();
    await first.stop();

    const second = await startEmulator({ quotas: false, stateFile });
    c = clients(second);
    try {
      expect(await c.v2.send(new GetStageCommand({ ApiId: ApiId!, StageName: 'prod' }))).toMatchObject({
        DeploymentId: d.DeploymentId,
        StageVariables: { v: '1' },
      });
      expect(
        (await c.v2.send(new GetDeploymentCommand({ ApiId: ApiId!, DeploymentId: d.DeploymentId! }))).DeploymentStatus,
      ).toBe('DEPLOYED');
      expect(
        (await c.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['kept-5xx'] }))).MetricAlarms![0].StateValue,
      ).toBe('ALARM');
      const data = await c.cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 3_600_000),
          EndTime: new Date(Date.now() + 60_000),
          MetricDataQueries: [
            {
              Id: 'c',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/ApiGateway',
                  MetricName: 'Count',
                  Dimensions: [
                    { Name: 'ApiId', Value: ApiId! },
                    { Name: 'Stage', Value: 'prod' },
                  ],
                },
                Period: 3600,
                Stat: 'Sum',
              },
            },
          ],
        }),
      );
      expect(data.MetricDataResults![0].Values!.reduce((s, v) => s + v, 0)).toBe(50);
      const rules = (await (await fetch(`${second.url}/_emulator/backends`)).json()) as { rules: unknown[] };
      expect(rules.rules).toEqual([{ deploymentId: d.DeploymentId, errorRate: 1, clientErrorRate: 0, latencyMs: 20 }]);
    } finally {
      c.v2.destroy();
      c.cw.destroy();
      await second.stop();
    }
  });
});

describe('quotas', () => {
  it('v2 management calls draw from the account-wide bucket (burst 40): the 41st call is throttled', async () => {
    // quotaScale 1e-6 all but stops the refill, so the outcome does not depend on timing.
    const emu = await startEmulator({ quotas: true, quotaScale: 1e-6 });
    const { v2, cw } = clients(emu);
    try {
      for (let i = 0; i < 40; i++) await v2.send(new GetApisCommand({}));
      const err = await v2.send(new GetApisCommand({})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TooManyRequestsException);
      expect(err).toMatchObject({ $metadata: { httpStatusCode: 429 } });
      // CloudWatch is not an API Gateway management call.
      await expect(cw.send(new DescribeAlarmsCommand({}))).resolves.toBeDefined();
    } finally {
      v2.destroy();
      cw.destroy();
      await emu.stop();
    }
  });
});
