/**
 * WebSocket deploy-and-bake end to end against the local AWS endpoint, with simulated
 * connections and messages driving real alarm evaluation on WebSocket metrics: a healthy change
 * takes the stage and is kept; a change whose new Lambda backend fails drives the managed
 * IntegrationError alarm to ALARM during the bake, and the stage switches back to the previous
 * deployment with the API's routes and integrations exactly as before.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetApisCommand, GetStageCommand, GetTagsCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLive } from '../../../src/aws/read/index.js';
import { httpStageArn } from '../../../src/aws/rollout/record-tag.js';
import { setBackendHealth, startTrafficPump, type TrafficPump } from '../../../src/demo/traffic-pump.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { TAG_ROLLOUT } from '../../../src/model/live.js';
import { loadState } from '../../../src/state/index.js';
import { copyState, editYaml, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { applyWithRollout } from '../rollout/setup.js';

const SEND_V2 =
  'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:chat-send-v2/invocations';
const ALARM = 'apigw-sync-chat-live-integration-errors';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let chatId: string;
let pump: TrafficPump | undefined;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  for (const other of ['shop', 'events']) rmSync(join(dir, 'apis', other), { recursive: true });
  // The example's custom domain and usage plan name shop and events: they go with them.
  for (const f of ['domains', 'usage-plans', 'api-keys']) rmSync(join(dir, f), { recursive: true, force: true });
  editYaml(dir, 'apis/chat/api.yaml', (doc) => {
    for (const [k, v] of Object.entries({ bakeSeconds: 2, pollSeconds: 1, minRequests: 0, timeoutSeconds: 30 }))
      doc.setIn(['rollout', k], v);
  });
  const created = await runApply({ dir, clients, yes: true });
  expect(created.failures).toEqual([]);
  chatId = ((await clients.apigwv2.send(new GetApisCommand({}))).Items ?? []).find(
    (a) => a.Name === 'chat-api',
  )!.ApiId!;
  // Clients connect and send messages all the time, as a chat's do.
  pump = startTrafficPump({
    endpoint: emu.url,
    apiId: chatId,
    stage: 'live',
    requestsPerBatch: 40,
    connectionsPerBatch: 4,
    everyMs: 200,
  });
});
afterAll(async () => {
  await pump?.stop();
  await emu?.stop();
});

const stage = () => clients.apigwv2.send(new GetStageCommand({ ApiId: chatId, StageName: 'live' }));

async function liveModel() {
  const { model } = await loadState(dir);
  return (await readLive({ clients, desired: model, region: REGION })).apis.chat?.model;
}

describe('WebSocket deploy-and-bake', () => {
  it('deploys a healthy change to the whole stage (no traffic split, said plainly), bakes while the alarm stays OK, keeps it', async () => {
    const before = await stage();
    editYaml(dir, 'apis/chat/routes.yaml', (doc) =>
      doc.setIn(['routes', 'sendmessage', 'integration', 'timeoutInMillis'], 9000),
    );
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    const mine = events.filter((e) => e.target === 'chat-api/live');
    const started = mine.find((e) => e.type === 'rollout.started');
    expect(started).toMatchObject({ kind: 'deploy-and-bake', steps: [100], previousDeploymentId: before.DeploymentId });
    expect((started as { note: string }).note).toMatch(/WebSocket APIs cannot split traffic \(or connections\)/);
    expect(mine.map((e) => e.type).filter((t) => t !== 'rollout.poll' && t !== 'rollout.phase')).toEqual([
      'rollout.started',
      'rollout.promoted',
    ]);
    const after = await stage();
    expect(after.DeploymentId).toBe((started as { deploymentId: string }).deploymentId);
    expect(after.DeploymentId).not.toBe(before.DeploymentId);
    // The managed alarm watches the stage's own WebSocket metric.
    const alarm = (await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }))).MetricAlarms?.[0];
    expect(alarm).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'IntegrationError',
      Dimensions: [
        { Name: 'ApiId', Value: chatId },
        { Name: 'Stage', Value: 'live' },
      ],
    });
    expect(
      (await clients.apigwv2.send(new GetTagsCommand({ ResourceArn: httpStageArn(REGION, chatId, 'live') }))).Tags?.[
        TAG_ROLLOUT
      ],
    ).toBeUndefined();
    const p = await runPlan({ dir, clients });
    expect(p.status === 'ok' && p.hasChanges).toBe(false);
  }, 60_000);

  it('switches the stage back to the previous deployment, with routes and integrations as before, when IntegrationError fires during the bake', async () => {
    const beforeModel = await liveModel();
    const beforeStage = await stage();
    await setBackendHealth(emu.url, { uri: SEND_V2, errorRate: 0.5 });
    editYaml(dir, 'apis/chat/routes.yaml', (doc) =>
      doc.setIn(['routes', 'sendmessage', 'integration', 'uri'], SEND_V2),
    );
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.status).toBe('failed');
    expect(result.failures.map((f) => f.message).join('\n')).toMatch(
      /rolled back: alarm apigw-sync-chat-live-integration-errors is in ALARM/,
    );
    const mine = events.filter((e) => e.target === 'chat-api/live');
    expect(mine.at(-1)).toMatchObject({
      type: 'rollout.rolled-back',
      reason: { kind: 'alarm', alarm: ALARM },
      restoredDeploymentId: beforeStage.DeploymentId,
    });
    expect((await stage()).DeploymentId).toBe(beforeStage.DeploymentId);
    // AWS cannot export a WebSocket API: the definition the apply started from was applied back.
    expect(await liveModel()).toEqual(beforeModel);
    // Git still says v2: the next plan shows that change again (and the pending deployment).
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    expect(p.plan.steps.map((s) => s.change.id)).toEqual(['chat/integration/sendmessage']);
  }, 60_000);
});
