/**
 * Canary rollouts end to end against the local AWS endpoint, with simulated traffic driving
 * real alarm evaluation: healthy → promoted; failing backend → ALARM → rolled back at the
 * first step with the API exactly as before; HTTP deploy-and-bake; fail-safe cases.
 */
import { GetStageCommand, GetTagsCommand } from '@aws-sdk/client-api-gateway';
import { GetStageCommand as GetHttpStage } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLive } from '../../../src/aws/read/index.js';
import { restStageArn } from '../../../src/aws/rollout/record-tag.js';
import { setBackendHealth, startTrafficPump, type TrafficPump } from '../../../src/demo/traffic-pump.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { loadState } from '../../../src/state/index.js';
import { TAG_ROLLOUT } from '../../../src/model/live.js';
import { copyState, editYaml, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { applyWithRollout, createExampleAlarms, shortenRollouts } from './setup.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let ids: { shopId: string; eventsId: string };
let pumps: TrafficPump[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  shortenRollouts(dir);
  const created = await runApply({ dir, clients, yes: true });
  expect(created.failures).toEqual([]);
  ids = await createExampleAlarms(clients);
  pumps = [
    startTrafficPump({ endpoint: emu.url, apiId: ids.shopId, stage: 'prod', requestsPerBatch: 100, everyMs: 200 }),
    startTrafficPump({ endpoint: emu.url, apiId: ids.eventsId, stage: 'live', requestsPerBatch: 50, everyMs: 200 }),
  ];
});
afterAll(async () => {
  await Promise.all(pumps.map((p) => p.stop()));
  await emu?.stop();
});

const shopStage = () => clients.apigw.send(new GetStageCommand({ restApiId: ids.shopId, stageName: 'prod' }));
const shopRolloutTag = async () =>
  (await clients.apigw.send(new GetTagsCommand({ resourceArn: restStageArn(REGION, ids.shopId, 'prod') }))).tags?.[
    TAG_ROLLOUT
  ];

async function liveModel(key: 'shop' | 'events') {
  const { model } = await loadState(dir);
  const snap = await readLive({ clients, desired: model, region: REGION });
  return snap.apis[key]?.model;
}

describe('REST canary', () => {
  it('steps 10 → 50 → 100 while the alarms stay OK, then promotes', async () => {
    const before = await shopStage();
    editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000));
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(result.status).toBe('applied');
    const kinds = events
      .filter((e) => e.target === 'shop-api/prod')
      .map((e) => e.type)
      .filter((t) => t !== 'rollout.poll' && t !== 'rollout.phase');
    expect(kinds).toEqual(['rollout.started', 'rollout.step', 'rollout.step', 'rollout.promoted']);
    const after = await shopStage();
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).not.toBe(before.deploymentId);
    expect(after.deploymentId).toBe(
      (events.find((e) => e.type === 'rollout.promoted') as { deploymentId: string }).deploymentId,
    );
    expect(await shopRolloutTag()).toBeUndefined();
    const plan = await runPlan({ dir, clients });
    expect(plan.status === 'ok' && plan.plan.steps.length).toBe(0);
  });

  it('rolls back at the first step when the new backend returns 5xx, leaving the API exactly as before', async () => {
    const beforeModel = await liveModel('shop');
    const beforeStage = await shopStage();
    await setBackendHealth(emu.url, { uri: 'https://users-v2.internal.example.com', errorRate: 0.6 });
    let stableBaseUri: unknown;
    editYaml(dir, 'apis/shop/api.yaml', (doc) => {
      stableBaseUri = doc.getIn(['openapi', 0, 'integration', 'baseUri']);
      doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users-v2.internal.example.com');
      // A first step long enough for the alarm to see the canary's errors before it could pass.
      doc.setIn(['rollout', 'bakeSeconds'], 15);
    });
    const { result, events } = await applyWithRollout(dir, clients);
    // Put the stable backend back, or the next apply rolls the failed change out again.
    editYaml(dir, 'apis/shop/api.yaml', (doc) => {
      doc.setIn(['rollout', 'bakeSeconds'], 1);
      doc.setIn(['openapi', 0, 'integration', 'baseUri'], stableBaseUri);
    });
    expect(result.status).toBe('failed');
    expect(result.failures[0].message).toMatch(
      /rolled back: alarm shop-api-5xx is in ALARM \(value \d+(\.\d+)?, threshold 5\)/,
    );
    const shopEvents = events.filter((e) => e.target === 'shop-api/prod');
    expect(shopEvents.some((e) => e.type === 'rollout.step')).toBe(false);
    expect(shopEvents.at(-1)).toMatchObject({
      type: 'rollout.rolled-back',
      reason: { kind: 'alarm', alarm: 'shop-api-5xx', threshold: 5 },
    });
    const afterStage = await shopStage();
    expect(afterStage.canarySettings).toBeUndefined();
    expect(afterStage.deploymentId).toBe(beforeStage.deploymentId);
    expect(await shopRolloutTag()).toBeUndefined();
    expect(await liveModel('shop')).toEqual(beforeModel);
  });
});

describe('HTTP deploy-and-bake', () => {
  it('switches the stage, then switches back and restores routes when the alarm fires', async () => {
    const beforeModel = await liveModel('events');
    const beforeStage = await clients.apigwv2.send(new GetHttpStage({ ApiId: ids.eventsId, StageName: 'live' }));
    const { model } = await loadState(dir);
    const uri = Object.values(model.apis.events.routes).find((r) => r.integration.type === 'HTTP_PROXY')!.integration
      .uri!;
    const broken = uri.replace('https://', 'https://broken-');
    await setBackendHealth(emu.url, { uri: broken, errorRate: 1 });
    const file = 'apis/events/events.openapi.yaml';
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = `${dir}/${file}`;
    writeFileSync(path, readFileSync(path, 'utf8').split(uri).join(broken));
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.status).toBe('failed');
    const started = events.find((e) => e.type === 'rollout.started' && e.target === 'events-api/live');
    expect(started).toMatchObject({ kind: 'deploy-and-bake', steps: [100] });
    expect((started as { note: string }).note).toMatch(/cannot split traffic/);
    // Only this API's events: the apply also carries any change left pending on other APIs.
    expect(events.filter((e) => e.target === 'events-api/live').at(-1)).toMatchObject({
      type: 'rollout.rolled-back',
      reason: { kind: 'alarm', alarm: 'events-api-5xx' },
    });
    const afterStage = await clients.apigwv2.send(new GetHttpStage({ ApiId: ids.eventsId, StageName: 'live' }));
    expect(afterStage.DeploymentId).toBe(beforeStage.DeploymentId);
    expect(await liveModel('events')).toEqual(beforeModel);
    writeFileSync(path, readFileSync(path, 'utf8').split(broken).join(uri));
  });
});
