/**
 * WebSocket traffic simulation through the control API, observed with the real CloudWatch
 * client: ConnectCount, MessageCount (two-way routes count their responses), ClientError
 * (denied connections, unrouted messages), IntegrationError, ExecutionError and
 * IntegrationLatency (none for MOCK) on {ApiId}, {ApiId, Stage} and, with detailed metrics,
 * {ApiId, Stage, Route}; connection minutes reported; and the deploy-and-bake story: a failing
 * deployment drives an IntegrationError alarm to ALARM, switching back heals it.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
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
  v2 = new ApiGatewayV2Client(cfg);
  cw = new CloudWatchClient(cfg);
});
afterAll(async () => {
  v2.destroy();
  cw.destroy();
  await emu.stop();
});

interface WsResult {
  kind: string;
  deploymentId: string;
  seed: number;
  connections: { attempted: number; established: number; denied: number; failed: number };
  messages: {
    sent: number;
    delivered: number;
    responses: number;
    unrouted: number;
    integrationErrors: number;
    executionErrors: number;
  };
  connectionMinutes: number;
  datapoints: number;
}

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function traffic(body: Record<string, unknown>): Promise<WsResult> {
  const res = await control<WsResult>('POST', '/_emulator/traffic', body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

async function stat(MetricName: string, Dimensions: Dimension[], Stat = 'Sum'): Promise<number> {
  const res = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(Date.now() - 3_600_000),
      EndTime: new Date(Date.now() + 3_600_000),
      MetricDataQueries: [
        { Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions }, Period: 60, Stat } },
      ],
    }),
  );
  return res.MetricDataResults![0].Values!.reduce((s, v) => s + v, 0);
}

const lambda = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${fn}/invocations`;

/**
 * A chat API: $connect (Lambda authorizer + Lambda proxy), $disconnect (Lambda proxy),
 * sendmessage (Lambda proxy, two-way), $default (MOCK), deployed to prod with detailed
 * metrics on sendmessage only.
 */
async function chatApi(name: string, opts: { withDefault?: boolean } = {}) {
  const { ApiId } = await v2.send(
    new CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
  );
  const apiId = ApiId!;
  const proxy = async (fn: string) =>
    (
      await v2.send(
        new CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: lambda(`${name}-${fn}`),
        }),
      )
    ).IntegrationId!;
  const auth = await v2.send(
    new CreateAuthorizerCommand({
      ApiId: apiId,
      Name: 'token',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: lambda(`${name}-auth`),
      IdentitySource: ['route.request.querystring.token'],
    }),
  );
  await v2.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: '$connect',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: auth.AuthorizerId,
      Target: `integrations/${await proxy('connect')}`,
    }),
  );
  await v2.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: '$disconnect',
      Target: `integrations/${await proxy('disconnect')}`,
    }),
  );
  const send = await v2.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: 'sendmessage',
      Target: `integrations/${await proxy('send')}`,
      RouteResponseSelectionExpression: '$default',
    }),
  );
  await v2.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: send.RouteId!, RouteResponseKey: '$default' }));
  if (opts.withDefault !== false) {
    const mock = await v2.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'MOCK',
        RequestTemplates: { $default: '{"statusCode": 200}' },
      }),
    );
    await v2.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: '$default', Target: `integrations/${mock.IntegrationId}` }),
    );
  }
  const d = await v2.send(new CreateDeploymentCommand({ ApiId: apiId }));
  await v2.send(
    new CreateStageCommand({
      ApiId: apiId,
      StageName: 'prod',
      DeploymentId: d.DeploymentId,
      RouteSettings: { sendmessage: { DetailedMetricsEnabled: true } },
    }),
  );
  return { apiId, firstDeployment: d.DeploymentId! };
}

const dims = (apiId: string) => ({
  api: [{ Name: 'ApiId', Value: apiId }],
  stage: [
    { Name: 'ApiId', Value: apiId },
    { Name: 'Stage', Value: 'prod' },
  ],
  route: (route: string) => [
    { Name: 'ApiId', Value: apiId },
    { Name: 'Stage', Value: 'prod' },
    { Name: 'Route', Value: route },
  ],
});

describe('WebSocket traffic simulation', () => {
  it('publishes ConnectCount, MessageCount (with two-way responses), errors and IntegrationLatency on {ApiId}, {ApiId, Stage} and detailed routes', async () => {
    const { apiId } = await chatApi('chat');
    const res = await traffic({ apiId, stage: 'prod', connections: 100, messages: 400, seed: 11 });
    expect(res).toMatchObject({
      kind: 'WebSocketApi',
      connections: { attempted: 100, established: 100, denied: 0, failed: 0 },
    });
    expect(res.messages).toMatchObject({
      sent: 400,
      delivered: 400,
      unrouted: 0,
      integrationErrors: 0,
      executionErrors: 0,
    });
    // Messages spread over sendmessage and $default at random; only sendmessage answers the client.
    const toSend = res.messages.responses;
    expect(toSend).toBeGreaterThan(120);
    expect(toSend).toBeLessThan(280);

    const d = dims(apiId);
    for (const where of [d.api, d.stage]) {
      expect(await stat('ConnectCount', where)).toBe(100);
      expect(await stat('MessageCount', where)).toBe(400 + toSend);
      expect(await stat('ClientError', where)).toBe(0);
      expect(await stat('IntegrationError', where)).toBe(0);
      expect(await stat('ExecutionError', where)).toBe(0);
      // Lambda calls: 100 connects, 100 disconnects, the sendmessage messages; the MOCK $default reports no latency.
      expect(await stat('IntegrationLatency', where, 'SampleCount')).toBe(200 + toSend);
      // Every event (connect, disconnect, message) is a 0/1 sample of each error metric.
      expect(await stat('IntegrationError', where, 'SampleCount')).toBe(600);
    }
    expect(await stat('MessageCount', d.route('sendmessage'))).toBe(2 * toSend);
    expect(await stat('IntegrationLatency', d.route('sendmessage'), 'SampleCount')).toBe(toSend);
    expect(await stat('MessageCount', d.route('$default'))).toBe(0);
    expect(await stat('ConnectCount', d.route('$connect'))).toBe(0);
  });

  it('reports the connection minutes AWS bills (no metric carries them): established connections × their duration', async () => {
    const { apiId } = await chatApi('minutes');
    const res = await traffic({ apiId, stage: 'prod', connections: 1000, connectionSeconds: 600, seed: 5 });
    expect(res.connections.established).toBe(1000);
    // Each connection lasts 600 s ± 20 % (seeded): the total is close to 1000 × 10 minutes.
    expect(res.connectionMinutes).toBeGreaterThan(9_500);
    expect(res.connectionMinutes).toBeLessThan(10_500);
    expect(await stat('ConnectCount', dims(apiId).stage)).toBe(1000);
    expect(await stat('MessageCount', dims(apiId).stage)).toBe(0);
  });

  it('counts connections the $connect authorizer denies as ClientError, not ConnectCount', async () => {
    const { apiId } = await chatApi('denied');
    const res = await traffic({ apiId, stage: 'prod', connections: 400, deniedConnectionRate: 0.25, seed: 3 });
    expect(res.connections.denied).toBeGreaterThan(60);
    expect(res.connections.denied).toBeLessThan(140);
    expect(res.connections.established).toBe(400 - res.connections.denied);
    expect(await stat('ClientError', dims(apiId).stage)).toBe(res.connections.denied);
    expect(await stat('ConnectCount', dims(apiId).stage)).toBe(res.connections.established);
  });

  it('answers a message no route matches with ClientError when there is no $default route, and routes it to $default otherwise', async () => {
    const without = await chatApi('unrouted', { withDefault: false });
    const lost = await traffic({ apiId: without.apiId, stage: 'prod', messages: 50, routeKey: 'nosuchaction' });
    expect(lost.messages).toMatchObject({ sent: 50, unrouted: 50, delivered: 0 });
    expect(await stat('ClientError', dims(without.apiId).stage)).toBe(50);
    expect(await stat('MessageCount', dims(without.apiId).stage)).toBe(50);

    const withDefault = await chatApi('fallback');
    const caught = await traffic({ apiId: withDefault.apiId, stage: 'prod', messages: 50, routeKey: 'nosuchaction' });
    expect(caught.messages).toMatchObject({ unrouted: 0, delivered: 50, responses: 0 });
    expect(await stat('ClientError', dims(withDefault.apiId).stage)).toBe(0);
  });

  it('a backend that cannot be reached is ExecutionError; one that answers 5xx is IntegrationError', async () => {
    const { apiId } = await chatApi('broken');
    await control('POST', '/_emulator/backends', { uri: lambda('broken-send'), executionErrorRate: 1 });
    const unreachable = await traffic({ apiId, stage: 'prod', messages: 30, routeKey: 'sendmessage' });
    expect(unreachable.messages).toMatchObject({ executionErrors: 30, responses: 0 });
    expect(await stat('ExecutionError', dims(apiId).route('sendmessage'))).toBe(30);
    expect(await stat('IntegrationLatency', dims(apiId).stage, 'SampleCount')).toBe(0);

    await control('POST', '/_emulator/backends', { uri: lambda('broken-connect'), errorRate: 1 });
    const refused = await traffic({ apiId, stage: 'prod', connections: 20 });
    expect(refused.connections).toMatchObject({ attempted: 20, established: 0, failed: 20 });
    expect(await stat('IntegrationError', dims(apiId).stage)).toBe(20);
    expect(await stat('ConnectCount', dims(apiId).stage)).toBe(20);
    await control('DELETE', '/_emulator/backends');
  });

  it('deploy and bake: a failing new deployment drives an IntegrationError alarm to ALARM; switching the stage back heals it', async () => {
    const { apiId, firstDeployment } = await chatApi('bake');
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'bake-integration-errors',
        Namespace: 'AWS/ApiGateway',
        MetricName: 'IntegrationError',
        Dimensions: dims(apiId).stage,
        Statistic: 'Average',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    const state = async () =>
      (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['bake-integration-errors'] }))).MetricAlarms![0]
        .StateValue;
    expect(await state()).toBe('INSUFFICIENT_DATA');
    await traffic({ apiId, stage: 'prod', connections: 50, messages: 200 });
    expect(await state()).toBe('OK');

    const next = await v2.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'broken' }));
    await v2.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: next.DeploymentId }));
    await control('POST', '/_emulator/backends', { deploymentId: next.DeploymentId, errorRate: 1 });
    const failing = await traffic({ apiId, stage: 'prod', connections: 50, messages: 200, routeKey: 'sendmessage' });
    expect(failing.deploymentId).toBe(next.DeploymentId);
    expect(failing.messages.integrationErrors).toBe(200);
    expect(await state()).toBe('ALARM');

    await v2.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: firstDeployment }));
    const healed = await traffic({ apiId, stage: 'prod', connections: 500, messages: 20_000, routeKey: 'sendmessage' });
    expect(healed.messages.integrationErrors).toBe(0);
    expect(await state()).toBe('OK');
    await control('DELETE', '/_emulator/backends');
  });

  it('refuses traffic it cannot simulate', async () => {
    const { apiId } = await chatApi('refusals');
    const open = await v2.send(
      new CreateApiCommand({
        Name: 'open',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const mock = await v2.send(new CreateIntegrationCommand({ ApiId: open.ApiId!, IntegrationType: 'MOCK' }));
    await v2.send(
      new CreateRouteCommand({
        ApiId: open.ApiId!,
        RouteKey: '$connect',
        Target: `integrations/${mock.IntegrationId}`,
      }),
    );
    const d = await v2.send(new CreateDeploymentCommand({ ApiId: open.ApiId! }));
    await v2.send(new CreateStageCommand({ ApiId: open.ApiId!, StageName: 'prod', DeploymentId: d.DeploymentId }));
    const table: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ apiId, stage: 'prod' }, 400, /connections and\/or messages/],
      [{ apiId, stage: 'prod', connections: -1 }, 400, /connections must be an integer/],
      [{ apiId, stage: 'prod', connections: 1, deniedConnectionRate: 2 }, 400, /between 0 and 1/],
      [{ apiId, stage: 'nope', connections: 1 }, 404, /Invalid stage identifier/],
      [
        { apiId: open.ApiId, stage: 'prod', connections: 5, deniedConnectionRate: 0.5 },
        400,
        /needs a \$connect route with AWS_IAM or CUSTOM/,
      ],
      [{ apiId: open.ApiId, stage: 'prod', messages: 5 }, 400, /no routes for messages/],
    ];
    for (const [body, status, message] of table) {
      const res = await control<{ message: string }>('POST', '/_emulator/traffic', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.message).toMatch(message);
    }
    expect((await control('POST', '/_emulator/backends', { errorRate: 0.5, executionErrorRate: 0.6 })).status).toBe(
      400,
    );
  });
});
