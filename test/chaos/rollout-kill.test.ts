/**
 * The process is killed (SIGKILL, no chance to clean up) at each step of a canary rollout;
 * the next apply finds the rollout record on the stage and finishes it — never a canary
 * left at 10% forever. The apply runs as the real CLI in a child process, as in CI.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { GetStageCommand, GetTagsCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restStageArn } from '../../src/aws/rollout/record-tag.js';
import { startTrafficPump, type TrafficPump } from '../../src/demo/traffic-pump.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import { TAG_ROLLOUT } from '../../src/model/live.js';
import type { RolloutEvent } from '../../src/rollout/events.js';
import { copyState, editYaml, REGION, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { applyWithRollout, createExampleAlarms, shortenRollouts } from '../integration/rollout/setup.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'apigw-sync.js');
let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let shopId: string;
let pump: TrafficPump;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  shortenRollouts(dir, { shop: { bakeSeconds: 2, minRequests: 0, timeoutSeconds: 60 } });
  expect((await runApply({ dir, clients, yes: true })).failures).toEqual([]);
  ({ shopId } = await createExampleAlarms(clients));
  pump = startTrafficPump({ endpoint: emu.url, apiId: shopId, stage: 'prod', requestsPerBatch: 50, everyMs: 200 });
});
afterAll(async () => {
  await pump?.stop();
  await emu?.stop();
});

/** Runs `apigw-sync apply --events json` and SIGKILLs it when `killWhen` sees its event. */
function applyAndKill(killWhen: (e: RolloutEvent) => boolean): Promise<RolloutEvent[]> {
  const child = spawn(process.execPath, [BIN, 'apply', dir, '--yes', '--events', 'json'], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: emu.url,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: RolloutEvent[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const e = JSON.parse(line) as RolloutEvent;
      if (!e.type.startsWith('rollout.')) return;
      seen.push(e);
      if (killWhen(e)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(seen)
        : reject(new Error(`apply ended without being killed; saw ${seen.map((e) => e.type).join(', ')}`)),
    );
  });
}

const stage = () => clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
const rolloutTag = async () =>
  (await clients.apigw.send(new GetTagsCommand({ resourceArn: restStageArn(REGION, shopId, 'prod') }))).tags?.[
    TAG_ROLLOUT
  ];

describe('killed during a rollout, resumed by the next apply', () => {
  const points: Array<[string, (e: RolloutEvent) => boolean, number]> = [
    ['right after the canary went live (10%)', (e) => e.type === 'rollout.started', 10],
    ['after stepping to 50%', (e) => e.type === 'rollout.step' && e.percent === 50, 50],
    ['after stepping to 100%', (e) => e.type === 'rollout.step' && e.percent === 100, 100],
  ];
  it.each(points)('%s', async (_name, killWhen, percent) => {
    editYaml(dir, 'apis/shop/api.yaml', (doc) =>
      doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000 - percent),
    );
    const before = await stage();
    await applyAndKill(killWhen);

    // The dead process left a live canary and its record: exactly what the next run needs.
    const stranded = await stage();
    expect(stranded.canarySettings?.percentTraffic).toBe(percent);
    expect(stranded.deploymentId).toBe(before.deploymentId);
    expect(await rolloutTag()).toMatch(/^v2 b /);

    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'rollout.resumed', phase: 'baking' });
    expect(events.at(-1)).toMatchObject({
      type: 'rollout.promoted',
      deploymentId: stranded.canarySettings!.deploymentId,
    });
    const after = await stage();
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).toBe(stranded.canarySettings!.deploymentId);
    expect(await rolloutTag()).toBeUndefined();
    const plan = await runPlan({ dir, clients });
    expect(plan.status === 'ok' && plan.hasChanges).toBe(false);
  });
});
