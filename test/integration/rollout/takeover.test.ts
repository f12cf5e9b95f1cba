/**
 * Durable rollouts against the local AWS endpoint: a driver that stops renewing its lease
 * (a frozen process: its clock never wakes again, it keeps the apply lock) is replaced by
 * another once the lease expires; several replicas racing for one orphan leave exactly one
 * driving it; an operator's forced rollback makes a live driver stop untouched; `rollouts`
 * lists what is in progress. The CLI and App processes killed for real: test/chaos/rollout-takeover.test.ts.
 */
import { GetStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrift, runPlan, type ApplyResult } from '../../../src/engine/index.js';
import { finishOrphanedRollouts, findOrphanedRollouts, listRollouts } from '../../../src/engine/rollouts.js';
import { rollbackCommand } from '../../../src/cli/rollback.js';
import { TAG_LOCK, TAG_PENDING, TAG_ROLLOUT, TAG_ROLLOUT_STAGE } from '../../../src/model/live.js';
import { TAG_DEPLOYED } from '../../../src/aws/apply/index.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { systemClock, type Clock } from '../../../src/rollout/port.js';
import { decodeRecord } from '../../../src/rollout/record.js';
import { editYaml, liveApis, REGION } from '../apply/helpers.js';
import { applyWithRollout, startRolloutWorld, type RolloutWorld } from './setup.js';
import { restStageArn } from '../../../src/aws/rollout/record-tag.js';

const LEASE_SECONDS = 3;
let world: RolloutWorld;
let emu: RolloutWorld['emu'];
let clients: RolloutWorld['clients'];
let dir: string;
let shopId: string;

beforeAll(async () => {
  world = await startRolloutWorld({ bakeSeconds: 2, leaseSeconds: LEASE_SECONDS, timeoutSeconds: 120 });
  ({ emu, clients, dir, shopId } = world);
});
afterAll(async () => world?.stop());

const shopStage = () => clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
const shopApi = async () => (await liveApis(clients)).find((a) => a.name === 'shop-api')!;
const stageRecord = async () => {
  const { GetTagsCommand } = await import('@aws-sdk/client-api-gateway');
  const text = (await clients.apigw.send(new GetTagsCommand({ resourceArn: restStageArn(REGION, shopId, 'prod') })))
    .tags?.[TAG_ROLLOUT];
  return text ? decodeRecord(text) : undefined;
};
let edit = 0;
const changeShop = () =>
  editYaml(dir, 'apis/shop/api.yaml', (doc) =>
    doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 8000 - ++edit),
  );

/** A clock that stops forever at its first sleep once `frozen` is set: a process that hangs (or is paused) holding everything. */
function freezableClock(): Clock & { freeze(): void } {
  let frozen = false;
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => (frozen ? new Promise(() => {}) : systemClock.sleep(ms, signal)),
    freeze: () => void (frozen = true),
  };
}

/** Starts an apply whose driver freezes right after the canary went live; resolves when it has frozen. */
async function applyThatFreezes(): Promise<{ driver: string; stranded: Promise<ApplyResult> }> {
  changeShop();
  const clock = freezableClock();
  let started!: () => void;
  const wentLive = new Promise<void>((r) => (started = r));
  const driver = 'cli:frozen-host/1/aaaaaa';
  const stranded = applyWithRollout(dir, clients, {
    clock,
    driver,
    onEvent: (e) => {
      if (e.type === 'rollout.started' && e.target === 'shop-api/prod') {
        clock.freeze();
        started();
      }
    },
  }).then((r) => r.result);
  await wentLive;
  return { driver, stranded };
}

async function untilLeaseExpired(): Promise<void> {
  const r = await stageRecord();
  while (r && Date.now() <= r.leaseUntil) await new Promise((res) => setTimeout(res, 200));
}

async function expectPromotedAndTidy(deploymentId: string): Promise<void> {
  const stage = await shopStage();
  expect(stage.canarySettings).toBeUndefined();
  expect(stage.deploymentId).toBe(deploymentId);
  expect(await stageRecord()).toBeUndefined();
  const api = await shopApi();
  for (const t of [TAG_ROLLOUT_STAGE, TAG_LOCK, TAG_PENDING]) expect(api.tags[t], t).toBeUndefined();
  expect(api.tags[TAG_DEPLOYED]).toContain(`prod=${deploymentId}`);
  const plan = await runPlan({ dir, clients });
  expect(plan.status === 'ok' && plan.hasChanges).toBe(false);
  const drift = await runDrift({ dir, clients });
  expect(drift.exitCode).toBe(0);
}

describe('a driver that stops renewing its lease is replaced', () => {
  it('the sweeper leaves it alone while the lease runs, then takes it over and promotes', async () => {
    const { driver } = await applyThatFreezes();
    const canary = (await shopStage()).canarySettings!.deploymentId!;
    const held = await stageRecord();
    expect(held).toMatchObject({ phase: 'baking', driver });
    // While the lease runs the rollout is not an orphan (and the frozen apply still holds the API's lock).
    if (Date.now() < held!.leaseUntil - 500)
      expect(await findOrphanedRollouts({ clients, driver: 'app:replica-1' })).toEqual([]);
    expect((await shopApi()).tags[TAG_LOCK]).toBeDefined();

    await untilLeaseExpired();
    const events: RolloutEvent[] = [];
    const [result] = await finishOrphanedRollouts({ clients, driver: 'app:replica-1', onEvent: (e) => events.push(e) });
    expect(result).toMatchObject({
      target: 'shop-api/prod',
      driven: true,
      outcome: { kind: 'promoted', deploymentId: canary },
    });
    expect(events[0]).toMatchObject({
      type: 'rollout.resumed',
      phase: 'baking',
      previousDriver: driver,
      why: expect.stringMatching(/lease expired/),
    });
    await expectPromotedAndTidy(canary);
  });

  it("the next apply takes it over too (the frozen apply's lock is stale once its rollout lease expired)", async () => {
    const { driver } = await applyThatFreezes();
    const canary = (await shopStage()).canarySettings!.deploymentId!;
    await untilLeaseExpired();
    const { result, events } = await applyWithRollout(dir, clients);
    expect(result.failures.map((f) => f.message)).toEqual([]);
    expect(events.find((e) => e.type === 'rollout.resumed')).toMatchObject({ previousDriver: driver });
    expect(events.at(-1)).toMatchObject({ type: 'rollout.promoted', deploymentId: canary });
    await expectPromotedAndTidy(canary);
  });
});

describe('never two drivers', () => {
  it('four replicas racing for one orphan: exactly one drives it, every record write after the take-over names it', async () => {
    await applyThatFreezes();
    const canary = (await shopStage()).canarySettings!.deploymentId!;
    await untilLeaseExpired();
    const since = emu.control.calls({}).at(-1)?.seq ?? 0;
    const replicas = ['app:r1', 'app:r2', 'app:r3', 'app:r4'];
    const polls: Record<string, number> = {};
    const results = await Promise.all(
      replicas.map((driver) =>
        finishOrphanedRollouts({
          clients,
          driver,
          onEvent: (e) => e.type === 'rollout.poll' && (polls[driver] = (polls[driver] ?? 0) + 1),
        }),
      ),
    );
    const outcomes = results.flat();
    const winners = outcomes.filter((r) => r.driven && r.outcome.kind === 'promoted');
    expect(winners).toHaveLength(1);
    expect(Object.keys(polls)).toHaveLength(1);
    for (const r of outcomes)
      if (r !== winners[0]) expect(r.driven ? r.outcome.kind : 'not driven').toMatch(/not-driven|not driven/);

    // The stage's record as written over the wire: each loser wrote its claim once at most,
    // and from the last loser's write on, only the winner wrote (its polls' renewals).
    const winner = Object.keys(polls)[0];
    const writes = emu.control
      .calls({ operation: 'TagResource', since })
      .filter((c) => c.status < 400 && String(c.params.resourceArn ?? '').endsWith('/stages/prod'))
      .map((c) => (c.params.tags as Record<string, string> | undefined)?.[TAG_ROLLOUT])
      .filter((t): t is string => Boolean(t))
      .map((t) => decodeRecord(t).driver);
    for (const loser of replicas.filter((r) => r !== winner))
      expect(writes.filter((d) => d === loser).length).toBeLessThanOrEqual(1);
    const lastLoserWrite = Math.max(...replicas.filter((r) => r !== winner).map((r) => writes.lastIndexOf(r)));
    const after = writes.slice(lastLoserWrite + 1);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(new Set(after)).toEqual(new Set([winner]));
    await expectPromotedAndTidy(canary);
  });
});

describe('apigw-sync rollback and rollouts', () => {
  it('lists the rollout in progress, refuses to roll back a live one, and --force stops its driver untouched', async () => {
    changeShop();
    const before = await shopStage();
    let live!: () => void;
    const wentLive = new Promise<void>((r) => (live = r));
    const running = applyWithRollout(dir, clients, {
      driver: 'cli:operator-laptop/9/bbbbbb',
      onEvent: (e) => e.type === 'rollout.started' && e.target === 'shop-api/prod' && live(),
    });
    await wentLive;

    const listed = await listRollouts({ clients, region: REGION });
    expect(listed.rollouts).toEqual([
      expect.objectContaining({
        api: 'shop-api',
        apiId: shopId,
        kind: 'RestApi',
        stage: 'prod',
        phase: 'baking',
        steps: [10, 50, 100],
        driver: 'cli:operator-laptop/9/bbbbbb',
        lease: 'held',
      }),
    ]);

    await expect(
      rollbackCommand({ clients, region: REGION, api: 'shop-api', stage: 'prod', driver: 'cli:oncall/1/cccccc' }),
    ).rejects.toThrow(/being driven by cli:operator-laptop/);
    const forced = await rollbackCommand({
      clients,
      region: REGION,
      api: 'shop-api',
      stage: 'prod',
      force: true,
      driver: 'cli:oncall/1/cccccc',
    });
    expect(forced).toEqual({
      code: 0,
      stdout: 'shop-api/prod: rolled back; the stage serves its previous deployment again.\n',
    });

    const { result, events } = await running;
    expect(result.status).toBe('failed');
    expect(result.failures[0].message).toMatch(
      /not finished by this run: cli:oncall\/1\/cccccc took the rollout of shop-api\/prod over/,
    );
    expect(events.some((e) => e.type === 'rollout.rolled-back' || e.type === 'rollout.promoted')).toBe(false);
    const after = await shopStage();
    expect(after.canarySettings).toBeUndefined();
    expect(after.deploymentId).toBe(before.deploymentId);
    expect((await listRollouts({ clients, region: REGION })).rollouts).toEqual([]);
    const api = await shopApi();
    expect(api.tags[TAG_LOCK]).toBeUndefined();
    // Rolled back, so the change is still to apply: the pending tag says so, and a plan shows it.
    expect(api.tags[TAG_PENDING]).toBeDefined();
    const plan = await runPlan({ dir, clients });
    expect(plan.status === 'ok' && plan.hasChanges).toBe(true);
    expect((await applyWithRollout(dir, clients)).result.failures).toEqual([]);
  });

  it('rollback of a stage with nothing in progress says so', async () => {
    await expect(rollbackCommand({ clients, region: REGION, api: 'shop-api', stage: 'prod' })).rejects.toThrow(
      /no rollout is in progress on shop-api\/prod/,
    );
  });
});
