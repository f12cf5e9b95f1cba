/**
 * Throttling storms and 5xx bursts on every AWS operation, during plan, apply and a canary
 * rollout. The client stack (rate limiter, retry with backoff) must ride them out: the plan
 * is the same as without the storm, the apply converges, and the rollout — healthy traffic,
 * guard alarms OK — still promotes rather than mistaking AWS's hiccup for a bad release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetStageCommand, GetTagsCommand } from '@aws-sdk/client-api-gateway';
import { restStageArn } from '../../src/aws/rollout/record-tag.js';
import { TAG_ROLLOUT } from '../../src/model/live.js';
import { rolloutDeployerFor } from '../../src/engine/rollout-deployer.js';
import { startTrafficPump, type TrafficPump } from '../../src/demo/traffic-pump.js';
import type { FaultSpec, RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import type { RolloutEvent } from '../../src/rollout/events.js';
import { systemClock } from '../../src/rollout/port.js';
import { copyState, editYaml, REGION, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { createExampleAlarms, shortenRollouts } from '../integration/rollout/setup.js';
import { expectConverged } from './helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let shopId: string;
let pump: TrafficPump;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  shortenRollouts(dir, { shop: { bakeSeconds: 2, timeoutSeconds: 60 } });
  const r = await runApply({ dir, clients, yes: true });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
  ({ shopId } = await createExampleAlarms(clients));
  pump = startTrafficPump({ endpoint: emu.url, apiId: shopId, stage: 'prod', requestsPerBatch: 50, everyMs: 200 });
}, 120_000);
afterAll(async () => {
  await pump?.stop();
  await emu?.stop();
});

const storms: Array<[string, FaultSpec]> = [
  ['a throttling storm (every operation throttled for 1.5 s)', { operation: '*', kind: 'throttle', forMs: 1500 }],
  [
    'a 500 burst (the next 10 calls of any operation)',
    { operation: '*', kind: 'error', status: 500, code: 'InternalFailure', count: 10 },
  ],
  [
    'a 503 burst (the next 10 calls of any operation)',
    { operation: '*', kind: 'error', status: 503, code: 'ServiceUnavailable', count: 10 },
  ],
];

let edit = 0;
/** A change to shop needing several writes and a deployment. */
function changeShop(): void {
  edit += 1;
  editYaml(dir, 'apis/shop/api.yaml', (d) => {
    d.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 8000 + edit);
    d.setIn(['stages', 'prod', 'variables', 'logLevel'], `L${edit}`);
  });
}

/** Calls the storm actually answered with an error (so the test proves it hit). */
const hits = (since: number) =>
  emu.control
    .calls({ since })
    .filter((c) => c.status === 429 || c.status >= 500 || /Throttl|TooManyRequests/.test(c.errorCode ?? ''));

describe.each(storms)('%s', (_name, storm) => {
  it('during plan: the plan is exactly the calm one', async () => {
    changeShop();
    const calm = await runPlan({ dir, clients });
    if (calm.status !== 'ok') throw new Error(calm.issuesText);
    const since = emu.control.lastSeq();
    emu.control.addFault(storm);
    const stormy = await runPlan({ dir, clients });
    emu.control.clearFaults();
    if (stormy.status !== 'ok') throw new Error(stormy.issuesText);
    expect(hits(since).length).toBeGreaterThan(0);
    expect(stormy.plan.fingerprint).toBe(calm.plan.fingerprint);
    expect(stormy.plan.steps.map((s) => s.change.id)).toEqual(calm.plan.steps.map((s) => s.change.id));
    // Leave the state converged for the next case.
    expect((await runApply({ dir, clients, yes: true })).failures).toEqual([]);
  }, 60_000);

  it('during apply: applies, then a fresh plan is empty', async () => {
    changeShop();
    const since = emu.control.lastSeq();
    emu.control.addFault(storm);
    const r = await runApply({ dir, clients, yes: true });
    emu.control.clearFaults();
    expect(r.failures.map((f) => f.message)).toEqual([]);
    expect(r.status).toBe('applied');
    expect(hits(since).length).toBeGreaterThan(0);
    await expectConverged(dir, clients);
  }, 60_000);
});

/** Applies the pending shop change with a canary rollout; `storm` (if any) is armed the moment the canary goes live. */
async function rolloutUnder(storm?: FaultSpec, events: RolloutEvent[] = []) {
  let since = 0;
  const result = await runApply({
    dir,
    clients,
    yes: true,
    deployerFor: rolloutDeployerFor({
      aws: () => clients,
      clock: systemClock,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'rollout.started' && storm) {
          since = emu.control.lastSeq();
          emu.control.addFault(storm);
        }
      },
    }),
  });
  emu.control.clearFaults();
  const outcome = events.filter((e) => e.type === 'rollout.promoted' || e.type === 'rollout.rolled-back');
  return { result, outcome, hit: since > 0 ? hits(since) : [] };
}

const shopStage = () => clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
const rolloutTag = async () =>
  (await clients.apigw.send(new GetTagsCommand({ resourceArn: restStageArn(REGION, shopId, 'prod') }))).tags?.[
    TAG_ROLLOUT
  ];

describe('storms during a canary rollout (healthy traffic, guard alarms OK)', () => {
  const ridden: Array<[string, FaultSpec]> = [
    ['a throttling storm (every operation, 1.5 s)', { operation: '*', kind: 'throttle', forMs: 1500 }],
    [
      "a 500 burst shorter than one call's retry budget (5 calls)",
      { operation: '*', kind: 'error', status: 500, code: 'InternalFailure', count: 5 },
    ],
    [
      "a 503 burst shorter than one call's retry budget (5 calls)",
      { operation: '*', kind: 'error', status: 503, code: 'ServiceUnavailable', count: 5 },
    ],
  ];
  it.each(ridden)(
    '%s: retried, never read as an alarm — the rollout promotes',
    async (_name, storm) => {
      changeShop();
      const { result, outcome, hit } = await rolloutUnder(storm);
      expect(result.failures.map((f) => f.message)).toEqual([]);
      expect(result.status).toBe('applied');
      expect(hit.length).toBeGreaterThan(0);
      expect(outcome.map((e) => e.type)).toEqual(['rollout.promoted']);
      const stage = await shopStage();
      expect(stage.canarySettings).toBeUndefined();
      expect(stage.deploymentId).toBe((outcome[0] as Extract<RolloutEvent, { type: 'rollout.promoted' }>).deploymentId);
      expect(await rolloutTag()).toBeUndefined();
      await expectConverged(dir, clients);
    },
    90_000,
  );

  it.each([500, 503])(
    "a %i burst on CloudWatch longer than one call's retry budget (10 calls, 8 attempts): the alarms are unreadable, so it rolls back cleanly (fail-safe); the next apply promotes",
    async (status) => {
      changeShop();
      const before = await shopStage();
      const pendingPlan = await runPlan({ dir, clients });
      if (pendingPlan.status !== 'ok') throw new Error(pendingPlan.issuesText);
      const { result, outcome, hit } = await rolloutUnder({
        operation: 'DescribeAlarms',
        kind: 'error',
        status,
        code: 'InternalFailure',
        count: 10,
      });
      // Every attempt of the first alarm read (8) failed; the rollback that followed needs no alarm.
      expect(hit.length).toBe(8);
      // Why rolled back: every attempt of one alarm read failed, and an unread alarm is not a healthy one.
      expect(outcome.map((e) => e.type)).toEqual(['rollout.rolled-back']);
      const rb = outcome[0] as Extract<RolloutEvent, { type: 'rollout.rolled-back' }>;
      expect(rb.reason.kind).toBe('alarm-unreadable');
      expect(rb.restoredDeploymentId).toBe(before.deploymentId);
      expect(result.status).toBe('failed');
      expect(result.failures.map((f) => f.message).join('\n')).toMatch(/rolled back/);
      // Cleanly: production on the previous deployment, no canary, no rollout record, and the
      // change is still exactly the one to make (nothing lost, nothing half-applied).
      const stage = await shopStage();
      expect(stage.deploymentId).toBe(before.deploymentId);
      expect(stage.canarySettings).toBeUndefined();
      expect(await rolloutTag()).toBeUndefined();
      const again = await runPlan({ dir, clients });
      if (again.status !== 'ok') throw new Error(again.issuesText);
      expect(again.hasChanges).toBe(true);

      const retry = await rolloutUnder();
      expect(retry.result.failures.map((f) => f.message)).toEqual([]);
      expect(retry.outcome.map((e) => e.type)).toEqual(['rollout.promoted']);
      await expectConverged(dir, clients);
    },
    90_000,
  );

  it('the same CloudWatch outage under `onAlarmReadError: wait 30`: waited out, never a pass while it lasts, then promoted', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => d.setIn(['rollout', 'onAlarmReadError'], 'wait 30'));
    changeShop();
    const events: RolloutEvent[] = [];
    const { result, outcome, hit } = await rolloutUnder(
      { operation: 'DescribeAlarms', kind: 'error', status: 503, code: 'ServiceUnavailable', count: 10 },
      events,
    );
    editYaml(dir, 'apis/shop/api.yaml', (d) => d.deleteIn(['rollout', 'onAlarmReadError']));
    expect(hit.length).toBe(10);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(outcome.map((e) => e.type)).toEqual(['rollout.promoted']);
    expect(events.find((e) => e.type === 'rollout.started')).toMatchObject({ onAlarmReadError: 'wait 30' });
    const waited = events.filter(
      (e) =>
        e.type === 'rollout.poll' &&
        /^alarms unreadable for \d+\/30 s \(onAlarmReadError: wait 30\)/.test(e.waiting ?? ''),
    );
    expect(waited.length).toBeGreaterThan(0);
    // While the alarms were unreadable no step was taken.
    const firstWait = events.indexOf(waited[0]);
    const nextOk = events.findIndex((e, i) => i > firstWait && e.type === 'rollout.poll' && e.alarms.length > 0);
    expect(
      events.slice(firstWait, nextOk).some((e) => e.type === 'rollout.step' || e.type === 'rollout.promoted'),
    ).toBe(false);
    await expectConverged(dir, clients);
  }, 90_000);
});
