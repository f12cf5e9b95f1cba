/**
 * Promotion with real canaries against the local AWS endpoint (issue 17): `apply --all-envs`
 * rolls a change out in dev (account 111111111111, us-east-1) and only when its canary
 * promoted — after prod's soak and approval — in prod (222222222222, ap-northeast-2). A bad
 * change is rolled back in dev and never reaches prod: prod reads exactly as before.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { applyCommand } from '../../../src/cli/apply.js';
import { createExampleAlarms } from '../../../src/demo/example-alarms.js';
import { setBackendHealth, startTrafficPump, type TrafficPump } from '../../../src/demo/traffic-pump.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
import type { EnvironmentTarget } from '../../../src/model/environment.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { copyState, editYaml, liveApis, QUOTA_SCALE, startTestEmulator } from '../apply/helpers.js';
import { shortenRollouts } from '../rollout/setup.js';

let emu: RunningEmulator;
let dir: string;
const pumps: TrafficPump[] = [];
const limiter = new RateLimiter({ scale: QUOTA_SCALE });
const made = new Map<string, AwsClients>();
const clients = (region: string, target?: EnvironmentTarget): AwsClients => {
  const account = target?.account.id ?? 'test';
  const key = `${account}/${region}`;
  if (!made.has(key))
    made.set(
      key,
      createAwsClients({
        region,
        endpoint: emu.url,
        credentials: { accessKeyId: account, secretAccessKey: 'test' },
        limiter,
      }),
    );
  return made.get(key)!;
};
const ENVS = [
  { name: 'dev', region: 'us-east-1', account: '111111111111' },
  { name: 'prod', region: 'ap-northeast-2', account: '222222222222' },
];
const envClients = (e: (typeof ENVS)[number]) =>
  clients(e.region, { environment: e.name, region: e.region, account: { id: e.account } });

beforeAll(async () => {
  emu = await startTestEmulator();
  dir = copyState();
  shortenRollouts(dir);
  editYaml(dir, 'environments/dev.yaml', (doc) => {
    for (const [k, v] of Object.entries({ bakeSeconds: 1, pollSeconds: 1, minRequests: 0, timeoutSeconds: 20 }))
      doc.setIn(['apis', 'shop', 'rollout', k], v);
  });
  const created = await applyCommand(dir, {
    allEnvs: true,
    yes: true,
    clients,
    approve: async () => true,
    sleep: async () => {},
  });
  expect(created.promotion?.status).toBe('promoted');
  for (const e of ENVS) {
    const c = envClients(e);
    const shop = (await liveApis(c as never)).find((a) => a.name === 'shop-api')!;
    await createExampleAlarms(c, { shopId: shop.id });
    pumps.push(
      startTrafficPump({ endpoint: emu.url, apiId: shop.id, stage: 'prod', requestsPerBatch: 50, everyMs: 200 }),
    );
  }
});
afterAll(async () => {
  await Promise.all(pumps.map((p) => p.stop()));
  await emu?.stop();
});

async function promote() {
  const events: RolloutEvent[] = [];
  const gates: string[] = [];
  const r = await applyCommand(dir, {
    allEnvs: true,
    yes: true,
    clients,
    rollout: { onEvent: (e) => events.push(e) },
    approve: async (t, after) => (gates.push(`approve ${after} → ${t.label}`), true),
    sleep: async (ms) => void gates.push(`soak ${ms / 1000} s`),
  });
  return { r, events, gates };
}

it("a healthy change is promoted dev → prod: dev's canary first, prod only after it promoted, its soak and its approval", async () => {
  editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 8000));
  const { r, events, gates } = await promote();
  expect(r.code).toBe(0);
  expect(r.promotion?.steps.map((s) => `${s.target.label}:${s.status}`)).toEqual(['dev:applied', 'prod:applied']);
  expect(gates).toEqual(['soak 600 s', 'approve dev → prod']);
  // dev's policy is its own (50 → 100), prod's the base's (10 → 50 → 100); dev promoted before prod started.
  const started = events.filter((e) => e.type === 'rollout.started').map((e) => (e as { steps: number[] }).steps);
  expect(started).toEqual([
    [50, 100],
    [10, 50, 100],
  ]);
  const order = events.filter((e) => e.type === 'rollout.started' || e.type === 'rollout.promoted').map((e) => e.type);
  expect(order).toEqual(['rollout.started', 'rollout.promoted', 'rollout.started', 'rollout.promoted']);
  expect(r.stdout).toContain('Promotion complete: dev ✓ applied → prod ✓ applied.');
  for (const e of ENVS) {
    const plan = await runPlan({ dir, clients, environment: e.name });
    expect(plan.status === 'ok' && plan.hasChanges, `${e.name} is up to date`).toBe(false);
  }
}, 120_000);

it('a rollback in dev stops the promotion: prod is not started and reads exactly as before', async () => {
  const prodBefore = await runPlan({ dir, clients, environment: 'prod' });
  if (prodBefore.status !== 'ok') throw new Error(prodBefore.issuesText);
  await setBackendHealth(emu.url, { uri: 'https://users-v2.internal.example.com', errorRate: 0.6 });
  editYaml(dir, 'apis/shop/api.yaml', (doc) =>
    doc.setIn(['openapi', 0, 'integration', 'baseUri'], 'https://users-v2.internal.example.com'),
  );
  const { r, events, gates } = await promote();
  expect(r.code).toBe(1);
  expect(r.promotion).toMatchObject({ status: 'stopped', stoppedAt: 'dev' });
  expect(r.promotion?.steps.map((s) => `${s.target.label}:${s.status}`)).toEqual([
    'dev:rolled-back',
    'prod:not-started',
  ]);
  expect(events.filter((e) => e.type === 'rollout.rolled-back')).toHaveLength(1);
  expect(gates).toEqual([]);
  expect(r.stdout).toMatch(
    /Promotion stopped at dev: dev ↩ rolled back → prod · not started\. prod was left untouched\./,
  );
  // prod: the same live models as before (the change is still only planned there).
  const prodAfter = await runPlan({ dir, clients, environment: 'prod' });
  if (prodAfter.status !== 'ok') throw new Error(prodAfter.issuesText);
  expect(Object.fromEntries(Object.entries(prodAfter.live.apis).map(([k, a]) => [k, a.model]))).toEqual(
    Object.fromEntries(Object.entries(prodBefore.live.apis).map(([k, a]) => [k, a.model])),
  );
  expect(prodAfter.plan.summary.change).toBeGreaterThan(0);
}, 120_000);
