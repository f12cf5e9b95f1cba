/** The control API (call log, reset, state), the wire formats of errors, and routing, over HTTP. */
import {
  CreateRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetTagsCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApigwV1Module } from '../../../src/emulator/apigw-v1/index.js';
import { EmulatorClient } from '../../../src/emulator/control/client.js';
import { compileRoute, Router } from '../../../src/emulator/core/router.js';
import { AwsError, type RouteDef, type ServiceModule } from '../../../src/emulator/core/types.js';
import { sdkError, startTestEmulator, TEST_CREDENTIALS, v1Client, type Emu } from './core-setup.js';

/** A json-1.0 module shaped like CloudWatch, to check the core's json-1.0 wire format with the real client. */
const fakeCloudWatch: ServiceModule = {
  name: 'fake-cloudwatch',
  routes: [
    {
      service: 'cloudwatch',
      operation: 'DescribeAlarms',
      protocol: 'json-1.0',
      method: 'POST',
      pattern: '/',
      target: 'GraniteServiceVersion20100801.DescribeAlarms',
      write: false,
      handler: (req) => {
        if ((req.body as { AlarmNamePrefix?: string }).AlarmNamePrefix === 'missing')
          throw new AwsError(404, 'ResourceNotFound', 'no such alarm');
        return { status: 200, body: { MetricAlarms: [{ AlarmName: 'a', StateValue: 'OK' }] } };
      },
    },
    {
      service: 'cloudwatch',
      operation: 'PutMetricAlarm',
      protocol: 'json-1.0',
      method: 'POST',
      pattern: '/',
      target: 'GraniteServiceVersion20100801.PutMetricAlarm',
      write: true,
      handler: () => ({ status: 200 }),
    },
  ],
  snapshot: () => ({}),
  restore: () => {},
};

let emu: Emu;
let ctl: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator({ modules: [createApigwV1Module, () => fakeCloudWatch] });
  ctl = new EmulatorClient(emu.url);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.control.reset());

describe('call log', () => {
  it('records every AWS call with operation, params, status and write flag; filters; since; clear', async () => {
    const c = v1Client(emu);
    const api = await c.send(new CreateRestApiCommand({ name: 'logged' }));
    const mark = await ctl.lastSeq();
    await c.send(new GetRestApiCommand({ restApiId: api.id! }));
    await c.send(new GetRestApisCommand({ limit: 5 }));
    await sdkError(() => c.send(new GetRestApiCommand({ restApiId: 'missing' })));

    const all = await ctl.calls();
    expect(all.map((x) => x.operation)).toEqual(['CreateRestApi', 'GetRestApi', 'GetRestApis', 'GetRestApi']);
    expect(all[0]).toMatchObject({ service: 'apigateway', write: true, status: 201, params: { name: 'logged' } });
    expect(all[2].params).toEqual({ limit: '5' });
    expect(all[3]).toMatchObject({ status: 404, errorCode: 'NotFoundException', params: { restApiId: 'missing' } });

    expect((await ctl.calls({ since: mark, write: true })).length).toBe(0);
    expect((await ctl.calls({ since: mark })).length).toBe(3);
    expect((await ctl.calls({ operation: 'GetRestApi' })).length).toBe(2);
    expect((await ctl.calls({ service: 'cloudwatch' })).length).toBe(0);
    expect(emu.control.calls({ write: true }).map((x) => x.operation)).toEqual(['CreateRestApi']);

    await ctl.clearCalls();
    expect(await ctl.calls()).toEqual([]);
    await c.send(new GetRestApisCommand({}));
    const [next] = await ctl.calls();
    expect(next.seq).toBeGreaterThan(mark + 3);
  });

  it('does not log control-API calls', async () => {
    await ctl.state();
    await ctl.faults();
    expect(await ctl.calls()).toEqual([]);
  });

  it('refuses a bad filter', async () => {
    const res = await fetch(`${emu.url}/_emulator/calls?write=maybe`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'BadRequestException' });
  });
});

describe('reset and state', () => {
  it('GET /_emulator/state snapshots every module; POST /_emulator/reset empties them', async () => {
    const c = v1Client(emu);
    await c.send(new CreateRestApiCommand({ name: 'kept' }));
    await ctl.addFault({ operation: 'GetRestApis', kind: 'error' });
    const state = (await ctl.state()) as { apigateway: { apis: Array<{ api: { name: string } }> } };
    expect(state.apigateway.apis.map((a) => a.api.name)).toEqual(['kept']);
    await ctl.reset();
    expect((await c.send(new GetRestApisCommand({}))).items).toEqual([]);
    expect(await ctl.faults()).toEqual([]);
  });
});

describe('wire format of errors', () => {
  it('rest-json: x-amzn-ErrorType header and {"message"} body', async () => {
    const res = await fetch(`${emu.url}/restapis/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await res.json()).toEqual({ message: 'Invalid API identifier specified 000000000000:nope' });
  });

  it('an unknown route is a 404 UnknownOperationException', async () => {
    const res = await fetch(`${emu.url}/nothing/here`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('json-1.0: the real CloudWatch client reads __type codes, query-compat codes and Throttling', async () => {
    const cw = new CloudWatchClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    expect((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms![0].AlarmName).toBe('a');
    const e = await sdkError(() => cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'missing' })));
    expect(e.name).toBe('ResourceNotFound');
    expect(e.message).toBe('no such alarm');
    expect(e.$metadata.httpStatusCode).toBe(404);
    await ctl.addFault({ operation: 'DescribeAlarms', kind: 'throttle' });
    const t = await sdkError(() => cw.send(new DescribeAlarmsCommand({})));
    expect(t.name).toBe('Throttling');
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'x',
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 1,
        MetricName: 'Count',
        Namespace: 'AWS/ApiGateway',
        Period: 60,
        Statistic: 'Sum',
      }),
    );
    expect(emu.control.calls({ service: 'cloudwatch', write: true }).map((x) => x.operation)).toEqual([
      'PutMetricAlarm',
    ]);
  });

  it('an unknown X-Amz-Target is an UnknownOperationException in json-1.0 form', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'GraniteServiceVersion20100801.Nope', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect((await res.json()).__type).toMatch(/#UnknownOperationException$/);
  });

  it('logs a blob payload (ImportRestApi document) as raw text, not as merged fields', async () => {
    const doc = JSON.stringify({ openapi: '3.0.1', info: { title: 'blob', version: '1' }, paths: {} });
    const c = v1Client(emu);
    await c.send(new ImportRestApiCommand({ body: new TextEncoder().encode(doc) }));
    const [entry] = emu.control.calls({ operation: 'ImportRestApi' });
    expect(entry.params).toEqual({ mode: 'import', body: doc });
  });

  it('decodes a tag ARN sent as one encoded path segment', async () => {
    const c = v1Client(emu);
    const api = await c.send(new CreateRestApiCommand({ name: 't', tags: { k: 'v' } }));
    expect(
      (await c.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}` }))).tags,
    ).toEqual({ k: 'v' });
  });
});

describe('router', () => {
  const def = (method: string, pattern: string, operation: string): RouteDef => ({
    service: 'apigateway',
    protocol: 'rest-json',
    method,
    pattern,
    operation,
    write: false,
    handler: () => ({ status: 200 }),
  });
  const router = new Router();
  for (const d of [
    def('POST', '/restapis', 'CreateRestApi'),
    def('POST', '/restapis?mode=import', 'ImportRestApi'),
    def('GET', '/restapis/{restApiId}', 'GetRestApi'),
    def('GET', '/restapis/{restApiId}/models/{modelName}/default_template', 'GetModelTemplate'),
    def('GET', '/restapis/{restApiId}/models/{modelName}', 'GetModel'),
    def('GET', '/files/{key+}', 'GetFile'),
  ])
    router.add(d, 'm');

  it.each([
    ['POST', '/restapis', '', 'CreateRestApi', {}],
    ['POST', '/restapis', 'mode=import', 'ImportRestApi', {}],
    ['GET', '/restapis/abc', '', 'GetRestApi', { restApiId: 'abc' }],
    ['GET', '/restapis/abc/', '', 'GetRestApi', { restApiId: 'abc' }],
    ['GET', '/restapis/a%2Fb', '', 'GetRestApi', { restApiId: 'a/b' }],
    [
      'GET',
      '/restapis/abc/models/Pet/default_template',
      '',
      'GetModelTemplate',
      { restApiId: 'abc', modelName: 'Pet' },
    ],
    ['GET', '/files/a/b/c.txt', '', 'GetFile', { key: 'a/b/c.txt' }],
  ])('%s %s?%s → %s', (method, path, query, operation, params) => {
    const m = router.match(method, path, new URLSearchParams(query));
    expect(m?.route.def.operation).toBe(operation);
    expect(m?.params).toEqual(params);
  });

  it.each([
    ['GET', '/restapis'],
    ['DELETE', '/restapis/abc'],
    ['GET', '/restapis/abc/models'],
    ['GET', '/files'],
  ])('%s %s matches nothing', (method, path) => {
    expect(router.match(method, path, new URLSearchParams())).toBeUndefined();
  });

  it('ranks query-constrained and literal patterns above parameters', () => {
    expect(compileRoute(def('POST', '/restapis?mode=import', 'I'), 'm').specificity).toBeGreaterThan(
      compileRoute(def('POST', '/restapis', 'C'), 'm').specificity,
    );
  });
});

describe('tags follow AWS rules', () => {
  it('refuses tag values AWS refuses (e.g. ";" or "|"), on v1 and v2', async () => {
    const { startEmulator } = await import('../../../src/emulator/index.js');
    const { APIGatewayClient, CreateRestApiCommand, TagResourceCommand } = await import('@aws-sdk/client-api-gateway');
    const { ApiGatewayV2Client, CreateApiCommand } = await import('@aws-sdk/client-apigatewayv2');
    const emu = await startEmulator({ port: 0, quotas: false });
    const cfg = {
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
    };
    const v1 = new APIGatewayClient(cfg);
    const v2 = new ApiGatewayV2Client(cfg);
    try {
      const api = await v1.send(new CreateRestApiCommand({ name: 't', tags: { ok: 'a b:c/d=e+f-g@h_i.j' } }));
      const arn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}`;
      await expect(
        v1.send(new TagResourceCommand({ resourceArn: arn, tags: { bad: 'v1;b;0' } })),
      ).rejects.toMatchObject({ name: 'BadRequestException' });
      await expect(v1.send(new TagResourceCommand({ resourceArn: arn, tags: { bad: 'a|b' } }))).rejects.toMatchObject({
        name: 'BadRequestException',
      });
      await expect(
        v1.send(new TagResourceCommand({ resourceArn: arn, tags: { long: 'x'.repeat(257) } })),
      ).rejects.toMatchObject({ name: 'BadRequestException' });
      await expect(
        v2.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP', Tags: { bad: 'x;y' } })),
      ).rejects.toMatchObject({ name: 'BadRequestException' });
    } finally {
      v1.destroy();
      v2.destroy();
      await emu.stop();
    }
  });
});
