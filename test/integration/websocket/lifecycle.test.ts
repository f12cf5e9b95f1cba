/**
 * A WebSocket API's whole life against the local AWS endpoint (quotas on), with the real SDK
 * v3 clients: create (the example's `chat` API and a second, small one), no-op, change, drift
 * after an AWS CLI edit, import round trip, delete (a route with its responses and route
 * settings, and a whole API through `drift --prune`) — each followed by a fresh plan. The steps
 * share one emulator and build on each other, in order.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  GetApisCommand,
  GetIntegrationResponsesCommand,
  GetIntegrationsCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  GetStageCommand,
  type Route,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan, type ApplyResult, type PlanResult } from '../../../src/engine/index.js';
import { importApi } from '../../../src/engine/import.js';
import { diffApi } from '../../../src/diff/index.js';
import { loadState } from '../../../src/state/index.js';
import { REGION, copyState, editYaml, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

const exec = promisify(execFile);
const OWNER = 'example/gateway:ws-test';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

/** The example state with only its WebSocket API, an owner id (prune needs one), and a second small WebSocket API. */
function webSocketState(): string {
  const d = copyState();
  for (const other of ['shop', 'events']) rmSync(join(d, 'apis', other), { recursive: true });
  // The example's custom domain and usage plan name shop and events: they go with them.
  for (const f of ['domains', 'usage-plans', 'api-keys']) rmSync(join(d, f), { recursive: true, force: true });
  writeFileSync(join(d, 'gateway.yaml'), `region: ${REGION}\nowner: ${OWNER}\n`);
  const notify = join(d, 'apis', 'notify');
  mkdirSync(notify);
  writeFileSync(
    join(notify, 'api.yaml'),
    'kind: WebSocketApi\nname: notify-api\nroutes: routes.yaml\nstages:\n  live: {}\n',
  );
  writeFileSync(
    join(notify, 'routes.yaml'),
    'routes:\n  $default:\n    integration:\n      type: mock\n      requestTemplates:\n        $default: \'{"statusCode": 200}\'\n',
  );
  return d;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = webSocketState();
});
afterAll(async () => emu?.stop());

async function apply(): Promise<ApplyResult> {
  const r = await runApply({ dir, clients, yes: true });
  expect(r.failures.map((f) => f.message)).toEqual([]);
  return r;
}

async function plan(d = dir): Promise<Extract<PlanResult, { status: 'ok' }>> {
  const r = await runPlan({ dir: d, clients });
  if (r.status !== 'ok') throw new Error(r.issuesText);
  return r;
}

async function expectConverged(): Promise<void> {
  const p = await plan();
  expect(p.plan.steps.map((s) => s.change.id)).toEqual([]);
  expect(p.plan.deployments).toEqual({});
  expect(p.hasChanges).toBe(false);
}

async function apiId(name: string): Promise<string> {
  const a = ((await clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).find((x) => x.Name === name);
  if (!a?.ApiId) throw new Error(`no live API ${name}`);
  return a.ApiId;
}

async function routesOf(id: string): Promise<Route[]> {
  return (await clients.apigwv2.send(new GetRoutesCommand({ ApiId: id }))).Items ?? [];
}

/** `aws` with the test's credentials, against the emulator; undefined when the AWS CLI is not installed. */
async function awsCli(args: string[]): Promise<string | undefined> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: REGION,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  try {
    await exec('aws', ['--version'], { env });
  } catch {
    return undefined;
  }
  const { stdout } = await exec('aws', [...args, '--endpoint-url', emu.url, '--output', 'json'], { env });
  return stdout;
}

describe('WebSocket API lifecycle', () => {
  it('creates the WebSocket APIs from nothing: routes, integrations, responses, authorizer, stage settings; a fresh plan shows zero changes', async () => {
    const before = await plan();
    const created = before.plan.steps
      .filter((s) => s.change.apiKey === 'chat')
      .map((s) => `${s.change.target} ${s.change.name}`);
    expect(created).toEqual(
      expect.arrayContaining([
        'api chat-api',
        'authorizer connect-token',
        'integration $connect',
        'wsRoute $connect',
        'routeResponse $default',
        'integrationResponse $default',
        'stage live',
      ]),
    );
    const r = await apply();
    expect(r.status).toBe('applied');
    expect(r.deployed.map((d) => d.apiKey).sort()).toEqual(['chat', 'notify']);

    const id = await apiId('chat-api');
    const api = ((await clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).find((a) => a.ApiId === id)!;
    expect(api).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      ApiEndpoint: `wss://${id}.execute-api.${REGION}.amazonaws.com`,
    });
    expect(api.Tags).toMatchObject({ 'apigw-sync:id': 'chat', 'apigw-sync:owner': OWNER, team: 'realtime' });
    const routes = await routesOf(id);
    expect(routes.map((x) => x.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect', 'sendmessage']);
    const connect = routes.find((x) => x.RouteKey === '$connect')!;
    expect(connect).toMatchObject({
      AuthorizationType: 'CUSTOM',
      RequestParameters: { 'route.request.querystring.token': { Required: true } },
    });
    const def = routes.find((x) => x.RouteKey === '$default')!;
    expect(
      (await clients.apigwv2.send(new GetRouteResponsesCommand({ ApiId: id, RouteId: def.RouteId! }))).Items?.map(
        (x) => x.RouteResponseKey,
      ),
    ).toEqual(['$default']);
    const mockId = def.Target!.replace('integrations/', '');
    expect(
      (await clients.apigwv2.send(new GetIntegrationResponsesCommand({ ApiId: id, IntegrationId: mockId }))).Items?.map(
        (x) => x.IntegrationResponseKey,
      ),
    ).toEqual(['$default']);
    const stage = await clients.apigwv2.send(new GetStageCommand({ ApiId: id, StageName: 'live' }));
    expect(stage.DeploymentId).toBeTruthy();
    expect(stage.DefaultRouteSettings).toMatchObject({
      LoggingLevel: 'ERROR',
      ThrottlingRateLimit: 200,
      ThrottlingBurstLimit: 400,
    });
    expect(stage.RouteSettings?.sendmessage).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    await expectConverged();
  }, 120_000);

  it('a second apply writes nothing at all (call log)', async () => {
    const since = emu.control.lastSeq();
    const r = await runApply({ dir, clients, yes: true });
    expect(r.status).toBe('no-changes');
    expect(r.writes).toBe(0);
    expect(writesSince(emu, since)).toEqual([]);
  }, 60_000);

  it('applies a change: an integration timeout, a new two-way route, an API key on $connect, stage throttling and logging', async () => {
    editYaml(dir, 'apis/chat/routes.yaml', (d) => {
      d.setIn(['routes', 'sendmessage', 'integration', 'timeoutInMillis'], 8000);
      d.setIn(['routes', '$connect', 'apiKeyRequired'], true);
      d.setIn(
        ['routes', 'typing'],
        d.createNode({
          routeResponseSelectionExpression: '$default',
          responses: { $default: {} },
          integration: {
            type: 'mock',
            requestTemplates: { $default: '{"statusCode": 200}' },
            responses: { $default: { responseTemplates: { $default: '{"typing": true}' } } },
          },
        }),
      );
    });
    editYaml(dir, 'apis/chat/api.yaml', (d) => {
      d.setIn(['stages', 'live', 'throttling', 'rateLimit'], 300);
      d.setIn(['stages', 'live', 'logging', 'level'], 'INFO');
      d.setIn(
        ['stages', 'live', 'routeSettings', 'typing'],
        d.createNode({ throttling: { rateLimit: 5, burstLimit: 10 } }),
      );
      d.setIn(
        ['stages', 'live', 'accessLog'],
        d.createNode({
          destinationArn: `arn:aws:logs:${REGION}:000000000000:log-group:chat-access`,
          format: '$context.requestId $context.connectionId $context.routeKey',
        }),
      );
    });
    const p = await plan();
    const ids = p.plan.steps.map((s) => `${s.change.action} ${s.change.target} ${s.change.name}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'update integration sendmessage',
        'update wsRoute $connect',
        'create wsRoute typing',
        'create integration typing',
        'create routeResponse typing',
        'create integrationResponse typing',
        'update stage live',
      ]),
    );
    expect(p.plan.steps.find((s) => s.change.id === 'chat/wsRoute/$connect')?.change.flags.reasons).toContain(
      'API key now required',
    );
    expect(p.plan.deployments).toEqual({ chat: ['live'] });
    const before = (
      await clients.apigwv2.send(new GetStageCommand({ ApiId: await apiId('chat-api'), StageName: 'live' }))
    ).DeploymentId;
    await apply();
    const id = await apiId('chat-api');
    const send = (await routesOf(id)).find((x) => x.RouteKey === 'sendmessage')!;
    const integrations = (await clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: id }))).Items ?? [];
    expect(integrations.find((i) => `integrations/${i.IntegrationId}` === send.Target)?.TimeoutInMillis).toBe(8000);
    const stage = await clients.apigwv2.send(new GetStageCommand({ ApiId: id, StageName: 'live' }));
    expect(stage.DeploymentId).not.toBe(before);
    expect(stage.DefaultRouteSettings).toMatchObject({ LoggingLevel: 'INFO', ThrottlingRateLimit: 300 });
    expect(stage.RouteSettings?.typing).toMatchObject({ ThrottlingRateLimit: 5 });
    expect(stage.AccessLogSettings?.Format).toBe('$context.requestId $context.connectionId $context.routeKey');
    await expectConverged();
  }, 120_000);

  it('reports drift after an edit with the AWS CLI (`aws apigatewayv2 update-integration`), and the next apply fixes it', async (t) => {
    const id = await apiId('chat-api');
    const send = (await routesOf(id)).find((x) => x.RouteKey === 'sendmessage')!;
    const listed = await awsCli(['apigatewayv2', 'get-routes', '--api-id', id]);
    if (listed === undefined) {
      console.warn(
        'SKIPPED the AWS CLI drift step: `aws` is not on PATH (install the Debian package awscli, as .ci/run does)',
      );
      t.skip();
      return;
    }
    expect((JSON.parse(listed) as { Items: Route[] }).Items.map((r) => r.RouteKey).sort()).toEqual([
      '$connect',
      '$default',
      '$disconnect',
      'sendmessage',
      'typing',
    ]);
    await awsCli([
      'apigatewayv2',
      'update-integration',
      '--api-id',
      id,
      '--integration-id',
      send.Target!.replace('integrations/', ''),
      '--timeout-in-millis',
      '5000',
    ]);
    await awsCli([
      'apigatewayv2',
      'update-route',
      '--api-id',
      id,
      '--route-id',
      send.RouteId!,
      '--operation-name',
      'consoleEdit',
    ]);

    const drift = await runDrift({ dir, clients });
    if (drift.status !== 'ok') throw new Error(drift.issuesText);
    expect(drift.exitCode).toBe(2);
    const items = drift.report.items.map(
      (i) =>
        `${i.change.target} ${i.change.name}: ${i.change.fields.map((f) => `${f.path} ${String(f.before)} → ${String(f.after)}`).join(', ')}`,
    );
    expect(items).toEqual([
      'wsRoute sendmessage: operationName undefined → consoleEdit',
      'integration sendmessage: timeoutInMillis 8000 → 5000',
    ]);
    await apply();
    const again = await runDrift({ dir, clients });
    expect(again.status === 'ok' && again.exitCode).toBe(0);
  }, 120_000);

  it('imports the live API into files that load back to the same state (api.yaml + routes.yaml), and plan them as unchanged', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ws-import-')), 'gateway-state');
    const r = await importApi({ clients, api: 'chat-api', outDir: out, ownerId: OWNER });
    expect(r.key).toBe('chat');
    expect(r.written.sort()).toEqual(['apis/chat/api.yaml', 'apis/chat/routes.yaml', 'gateway.yaml']);
    expect(r.notes.join(' ')).toMatch(/own format: AWS has no OpenAPI \(or any other\) export of a WebSocket API/);
    expect(r.warnings).toEqual([]);
    const imported = await loadState(out);
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const desired = (await loadState(dir)).model.apis.chat;
    expect(diffApi('chat', imported.model.apis.chat, desired).map((c) => c.id)).toEqual([]);
    // The imported folder, planned as a directory of its own (the same owner), changes nothing.
    writeFileSync(join(out, 'gateway.yaml'), `region: ${REGION}\nowner: ${OWNER}\n`);
    const p = await plan(out);
    expect(p.plan.steps.filter((s) => s.change.apiKey === 'chat')).toEqual([]);
  }, 120_000);

  it('deletes a route with its responses and stage route settings', async () => {
    editYaml(dir, 'apis/chat/routes.yaml', (d) => d.deleteIn(['routes', 'typing']));
    editYaml(dir, 'apis/chat/api.yaml', (d) => d.deleteIn(['stages', 'live', 'routeSettings', 'typing']));
    const p = await plan();
    expect(p.plan.steps.map((s) => `${s.change.action} ${s.change.target} ${s.change.name}`)).toEqual([
      'update stage live',
      'delete routeResponse typing',
      'delete integrationResponse typing',
      'delete wsRoute typing',
      'delete integration typing',
    ]);
    expect(p.plan.summary.breaking).toBeGreaterThan(0);
    await apply();
    const id = await apiId('chat-api');
    expect((await routesOf(id)).map((x) => x.RouteKey)).not.toContain('typing');
    expect((await clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: id }))).Items).toHaveLength(4);
    expect(
      (await clients.apigwv2.send(new GetStageCommand({ ApiId: id, StageName: 'live' }))).RouteSettings?.typing,
    ).toBeUndefined();
    await expectConverged();
  }, 120_000);

  it('deletes a whole WebSocket API whose folder is gone with `drift --prune`', async () => {
    rmSync(join(dir, 'apis', 'notify'), { recursive: true });
    const notify = await apiId('notify-api');
    const r = await runDrift({ dir, clients, prune: { yes: true } });
    if (r.status !== 'ok') throw new Error(r.issuesText);
    expect(r.pruned.map((a) => [a.kind, a.name, a.apiId])).toEqual([['WebSocketApi', 'notify-api', notify]]);
    expect(((await clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).map((a) => a.Name)).toEqual(['chat-api']);
    await expectConverged();
  }, 120_000);
});
