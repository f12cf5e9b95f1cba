/**
 * Fail-safe rollbacks, on an emulator with no traffic at all: an alarm that cannot be read
 * rolls back at once; alarms that never get data (INSUFFICIENT_DATA) hold every step and
 * roll back when the rollout times out.
 */
import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply } from '../../../src/engine/index.js';
import { copyState, editYaml, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { applyWithRollout, createExampleAlarms, shortenRollouts } from './setup.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let shopId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  shortenRollouts(dir, { shop: { timeoutSeconds: 4, minRequests: 0 } });
  expect((await runApply({ dir, clients, yes: true })).failures).toEqual([]);
  ({ shopId } = await createExampleAlarms(clients));
});
afterAll(async () => emu?.stop());

const shopStage = () => clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
const changeTimeout = (ms: number) =>
  editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], ms));

describe('fail safe', () => {
  it('rolls back when a guarding alarm cannot be read', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['rollout', 'alarms'], ['no-such-alarm']));
    changeTimeout(8000);
    const before = await shopStage();
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ type: 'rollout.rolled-back', reason: { kind: 'alarm-unreadable' } });
    expect(result.failures[0].message).toMatch(/alarm not found in CloudWatch: no-such-alarm/);
    const after = await shopStage();
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).toBe(before.deploymentId);
  });

  it('treats INSUFFICIENT_DATA as no pass and rolls back at the timeout', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['rollout', 'alarms'], ['shop-api-5xx']));
    changeTimeout(7000);
    const before = await shopStage();
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.status).toBe('failed');
    const polls = events.filter((e) => e.type === 'rollout.poll');
    expect(polls.length).toBeGreaterThan(1);
    // Every poll but the last waited on the missing data; the last one decided to roll back.
    for (const p of polls.slice(0, -1))
      expect(p.type === 'rollout.poll' && p.waiting).toMatch(/never counted as a pass/);
    expect(events.at(-1)).toMatchObject({
      type: 'rollout.rolled-back',
      reason: { kind: 'insufficient-data', alarms: ['shop-api-5xx'] },
    });
    expect((await shopStage()).deploymentId).toBe(before.deploymentId);
  });
});
