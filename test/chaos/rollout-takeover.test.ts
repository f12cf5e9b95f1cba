/**
 * The driver of a rollout is killed (SIGKILL: no cleanup, its apply lock and rollout lease
 * stay behind) at each state of a rollout, and another driver finishes it:
 *
 * - the CLI (`apigw-sync apply`, a CI runner: its driver id names a GitHub run, so nothing
 *   on this machine can tell it died) killed while starting, baking at 10 % and at 50 %,
 *   promoting, and rolling back; an App replica's sweep takes each over;
 * - the App itself (the real `src/github/server.ts` process, whose sweeper had taken a
 *   rollout over) killed while baking and while promoting; another replica takes over.
 *
 * "Within lease + one poll": the replica sweeps once per poll interval, and every sweep's
 * clock reading is compared with the dead driver's lease: no sweep before the lease ends
 * touches the rollout, and the first sweep after it takes it over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { GetStageCommand, GetTagsCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restStageArn } from '../../src/aws/rollout/record-tag.js';
import { setBackendHealth } from '../../src/demo/traffic-pump.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import { driveFoundRollout, findOrphanedRollouts, type DriveResult } from '../../src/engine/rollouts.js';
import { TAG_LOCK, TAG_PENDING, TAG_ROLLOUT, TAG_ROLLOUT_STAGE } from '../../src/model/live.js';
import type { RolloutEvent } from '../../src/rollout/events.js';
import { systemClock } from '../../src/rollout/port.js';
import { decodeRecord, type RolloutRecord } from '../../src/rollout/record.js';
import { editYaml, liveApis, REGION } from '../integration/apply/helpers.js';
import { startRolloutWorld, type RolloutWorld } from '../integration/rollout/setup.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'apigw-sync.js');
const LEASE_SECONDS = 3;
/** The replica's poll: one sweep per second. */
const SWEEP_MS = 1_000;

let world: RolloutWorld;
let emu: RolloutWorld['emu'];
let clients: RolloutWorld['clients'];
let dir: string;
let shopId: string;
let run = 0;

beforeAll(async () => {
  world = await startRolloutWorld({
    steps: [10, 50, 100],
    bakeSeconds: 1,
    leaseSeconds: LEASE_SECONDS,
    timeoutSeconds: 120,
  });
  ({ emu, clients, dir, shopId } = world);
});
afterAll(async () => world?.stop());

const awsEnv = () => ({
  ...process.env,
  AWS_ENDPOINT_URL: emu.url,
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
const shopStage = () => clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
async function stageRecord(): Promise<RolloutRecord | undefined> {
  const text = (await clients.apigw.send(new GetTagsCommand({ resourceArn: restStageArn(REGION, shopId, 'prod') })))
    .tags?.[TAG_ROLLOUT];
  return text ? decodeRecord(text) : undefined;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

/**
 * `apigw-sync apply --events json` as a CI runner would run it (GITHUB_RUN_ID of its own), SIGKILLed
 * when `killWhen` sees its event. Resolves once the process is gone.
 */
async function cliApplyKilledAt(killWhen: (e: RolloutEvent) => boolean): Promise<RolloutEvent[]> {
  const child = spawn(process.execPath, [BIN, 'apply', dir, '--yes', '--events', 'json'], {
    env: { ...awsEnv(), GITHUB_RUN_ID: `9${++run}${Date.now() % 100000}`, GITHUB_RUN_ATTEMPT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: RolloutEvent[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as RolloutEvent;
    if (!e.type.startsWith('rollout.')) return;
    seen.push(e);
    if (killWhen(e)) child.kill('SIGKILL');
  });
  await exited(child);
  if (child.signalCode !== 'SIGKILL')
    throw new Error(`apply ended without being killed; saw ${seen.map((e) => e.type).join(', ')}\n${stderr}`);
  return seen;
}

/**
 * One App replica, sweeping once per SWEEP_MS: every sweep before `leaseUntil` must leave the
 * rollout alone, the first one at or after it must take it over (then drives it to the end).
 */
async function replicaSweepsUntilTakenOver(
  leaseUntil: number,
  driver: string,
): Promise<{ result: DriveResult; events: RolloutEvent[]; sweeps: number }> {
  const events: RolloutEvent[] = [];
  for (let sweeps = 1; ; sweeps++) {
    const t = Date.now();
    const found = (
      await findOrphanedRollouts({ clients, driver, clock: { now: () => t, sleep: systemClock.sleep } })
    ).filter((f) => f.apiId === shopId && f.record);
    if (t < leaseUntil) {
      expect(
        found,
        `a sweep at ${new Date(t).toISOString()} before the lease ended (${new Date(leaseUntil).toISOString()})`,
      ).toEqual([]);
    } else {
      expect(found, `the first sweep after the lease ended (${new Date(t).toISOString()})`).toHaveLength(1);
      const result = await driveFoundRollout(found[0], { clients, driver, onEvent: (e) => events.push(e) });
      return { result, events, sweeps };
    }
    await sleep(SWEEP_MS);
  }
}

let edits = 0;
function changeShop(baseUri?: string): void {
  editYaml(dir, 'apis/shop/api.yaml', (doc) => {
    doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 9000 - ++edits);
    if (baseUri) doc.setIn(['openapi', 0, 'integration', 'baseUri'], baseUri);
  });
}

async function expectNothingLeftBehind(): Promise<void> {
  expect(await stageRecord()).toBeUndefined();
  const tags = (await liveApis(clients)).find((a) => a.name === 'shop-api')!.tags;
  expect(tags[TAG_ROLLOUT_STAGE]).toBeUndefined();
  expect(tags[TAG_LOCK]).toBeUndefined();
  expect((await shopStage()).canarySettings).toBeUndefined();
}

async function expectConverged(): Promise<void> {
  await expectNothingLeftBehind();
  expect((await liveApis(clients)).find((a) => a.name === 'shop-api')!.tags[TAG_PENDING]).toBeUndefined();
  const plan = await runPlan({ dir, clients });
  expect(plan.status === 'ok' && plan.hasChanges).toBe(false);
}

describe('the CLI is killed at each rollout state; an App replica finishes the rollout once the lease ends', () => {
  const healthy: Array<[string, (e: RolloutEvent) => boolean]> = [
    ['starting (recorded, the canary being created)', (e) => e.type === 'rollout.phase' && e.phase === 'starting'],
    ['baking at 10%', (e) => e.type === 'rollout.started'],
    ['baking at 50%', (e) => e.type === 'rollout.step' && e.percent === 50],
    ['promoting (recorded, the promote under way)', (e) => e.type === 'rollout.phase' && e.phase === 'promoting'],
  ];
  it.each(healthy)('killed while %s → promoted', async (_state, killWhen) => {
    changeShop();
    const before = await shopStage();
    const seen = await cliApplyKilledAt(killWhen);
    const dead = (await stageRecord())!;
    expect(dead.driver).toMatch(/^cli:github-run\//);
    expect(seen.some(killWhen)).toBe(true);

    const { result, events } = await replicaSweepsUntilTakenOver(dead.leaseUntil, 'app:replica-2/1/aaaaaa');
    expect(result).toMatchObject({ driven: true, outcome: { kind: 'promoted' } });
    expect(events[0]).toMatchObject({ type: 'rollout.resumed', phase: dead.phase, previousDriver: dead.driver });
    const after = await shopStage();
    expect(after.deploymentId).not.toBe(before.deploymentId);
    await expectConverged();
  });
});

/** A free port on 127.0.0.1 for the App's webhook server (probot treats PORT=0 as its default 3000). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** The real App (`src/github/server.ts`) with its sweeper every SWEEP_MS, against the emulator. */
async function startAppProcess(): Promise<{ child: ChildProcess; log: () => string }> {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'github', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...awsEnv(),
      APP_ID: '4242',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'test',
      APIGW_SYNC_SIGNING_KEY: 'test-signing-key-of-at-least-32-characters',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      APIGW_SYNC_SWEEP_MINUTES: String(SWEEP_MS / 60_000),
      GITHUB_RUN_ID: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += String(d)));
  child.stderr!.on('data', (d) => (log += String(d)));
  return { child, log: () => log };
}

/** Waits until the stage's record satisfies `ok` (the App process got there), failing if the App exits first. */
async function untilRecord(
  app: { child: ChildProcess; log: () => string },
  ok: (r: RolloutRecord) => boolean,
): Promise<RolloutRecord> {
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`the App exited early:\n${app.log()}`);
    const r = await stageRecord();
    if (r && ok(r)) return r;
    await sleep(50);
  }
}

describe('the App process is killed while driving a rollout it took over; another replica finishes it', () => {
  it.each([
    ['baking at 50%', (r: RolloutRecord) => r.phase === 'baking' && r.step === 1, false],
    ['promoting', (r: RolloutRecord) => r.phase === 'promoting', true],
  ] as const)('killed while %s → promoted', async (_state, atState, slowPromote) => {
    changeShop();
    const before = await shopStage();
    await cliApplyKilledAt((e) => e.type === 'rollout.started');
    // Holding the promote's UpdateStage open makes the `promoting` state last long enough to be caught from outside.
    if (slowPromote)
      emu.control.addFault({ operation: 'UpdateStage', kind: 'latency', latencyMs: 4_000, count: 1, nth: 3 });
    const app = await startAppProcess();
    let dead: RolloutRecord;
    try {
      const taken = await untilRecord(app, (r) => r.driver.startsWith('app:') && atState(r));
      app.child.kill('SIGKILL');
      await exited(app.child);
      dead = (await stageRecord()) ?? taken;
      expect(dead.driver).toBe(taken.driver);
    } finally {
      app.child.kill('SIGKILL');
      emu.control.clearFaults();
    }
    expect(app.log()).toMatch(/rollout sweeper app:.*every 1 s in ap-northeast-2/);

    const { result, events } = await replicaSweepsUntilTakenOver(dead.leaseUntil, 'app:replica-3/1/cccccc');
    expect(result).toMatchObject({ driven: true, outcome: { kind: 'promoted' } });
    expect(events[0]).toMatchObject({ type: 'rollout.resumed', previousDriver: dead.driver });
    expect((await shopStage()).deploymentId).not.toBe(before.deploymentId);
    await expectConverged();
  });
});

// Last: the failing canary leaves the shared canary alarm in ALARM for the rest of its minute.
describe('the CLI is killed while rolling back; an App replica finishes the rollback', () => {
  it('killed while rolling back (the canary failing) → rolled back, the stage exactly as before', async () => {
    const bad = 'https://users-v3.internal.example.com';
    await setBackendHealth(emu.url, { uri: bad, errorRate: 0.6 });
    const before = await shopStage();
    changeShop(bad);
    // A first step long enough for the alarm to see the canary's errors.
    editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['rollout', 'bakeSeconds'], 15));
    await cliApplyKilledAt((e) => e.type === 'rollout.phase' && e.phase === 'rolling-back');
    const dead = (await stageRecord())!;
    expect(dead.phase).toBe('rolling-back');

    const { result } = await replicaSweepsUntilTakenOver(dead.leaseUntil, 'app:replica-2/1/bbbbbb');
    expect(result).toMatchObject({ driven: true, outcome: { kind: 'rolled-back' } });
    const after = await shopStage();
    expect(after.deploymentId).toBe(before.deploymentId);
    await expectNothingLeftBehind();
    // Rolled back: the change is still pending, and the next apply (the backend fixed) finishes the job.
    await setBackendHealth(emu.url, { uri: bad, errorRate: 0 });
    const applied = await runApply({ dir, clients, yes: true });
    expect(applied.failures).toEqual([]);
    await expectConverged();
  });
});
