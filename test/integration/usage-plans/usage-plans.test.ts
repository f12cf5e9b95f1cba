/**
 * Usage plans and API keys end to end against the local endpoint: create (a plan on a REST
 * stage with a per-method throttle, a key AWS generates, a key whose value comes from an
 * environment variable), change, rename, drift after an AWS CLI edit, a rotated value (the
 * key is recreated, flagged breaking), delete, import round trip (plan 0 after import) and
 * the refusals AWS makes.
 */
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetRestApisCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { importAccountRecord } from '../../../src/engine/import-account.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import {
  applyAndConverge,
  awsCliEdit,
  drift,
  plan,
  sdkClients,
  startTestEmulator,
  stateDir,
  steps,
  writeFiles,
} from '../account/helpers.js';

const VALUE = 'PartnerKeyValue0000000000000001';
const ROTATED = 'PartnerKeyValue0000000000000002';

const API = [
  'kind: RestApi',
  'name: metered',
  'routes:',
  '  GET /items:',
  '    integration: { type: http_proxy, uri: "https://backend.example.com/items" }',
  '  POST /items:',
  '    integration: { type: http_proxy, uri: "https://backend.example.com/items" }',
  'stages:',
  '  prod: {}',
  '  beta: {}',
  '',
].join('\n');

const PLAN = (limit = 10000) =>
  [
    'description: partners',
    'throttle: { rateLimit: 50, burstLimit: 100 }',
    `quota: { limit: ${limit}, period: MONTH, offset: 1 }`,
    'apiStages:',
    '  - api: metered',
    '    stage: prod',
    '    methodThrottles:',
    '      "POST /items": { rateLimit: 5, burstLimit: 10 }',
    '',
  ].join('\n');

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  process.env.PARTNER_KEY_VALUE = VALUE;
  dir = stateDir({
    'apis/metered/api.yaml': API,
    'usage-plans/partners.yaml': PLAN(),
    'api-keys/generated.yaml': 'description: AWS makes the value\nusagePlans: [partners]\n',
    'api-keys/partner.yaml': 'customerId: acme\nusagePlans: [partners]\nvalue: { env: PARTNER_KEY_VALUE }\n',
  });
}, 60_000);
afterAll(async () => {
  delete process.env.PARTNER_KEY_VALUE;
  await emu?.stop();
});

const livePlans = async () => (await clients.apigw.send(new GetUsagePlansCommand({}))).items ?? [];
const liveKeys = async (includeValues = false) =>
  (await clients.apigw.send(new GetApiKeysCommand({ includeValues }))).items ?? [];
const planKeys = async (usagePlanId: string) =>
  ((await clients.apigw.send(new GetUsagePlanKeysCommand({ usagePlanId }))).items ?? []).map((k) => k.name).sort();

describe('usage plans and API keys', () => {
  it('creates the plan on the API stage and both keys in it; the sourced key has its value, the other one AWS made', async () => {
    const p = await plan(dir, clients);
    expect(steps(p).filter((s) => !s.includes(' api metered') && !/ (route|stage|integration|method)/.test(s))).toEqual(
      ['create usagePlan partners', 'create apiKey generated', 'create apiKey partner'],
    );
    expect(p.renderings.text).toContain('+ usage plan partners');
    expect(p.renderings.text).toContain('+ API key partner');
    expect(p.renderings.text).not.toContain(VALUE);
    await applyAndConverge(dir, clients);
    const [up] = await livePlans();
    expect(up).toMatchObject({
      name: 'partners',
      throttle: { rateLimit: 50, burstLimit: 100 },
      quota: { limit: 10000, period: 'MONTH', offset: 1 },
    });
    expect(up.apiStages?.[0]).toMatchObject({
      stage: 'prod',
      throttle: { '/items/POST': { rateLimit: 5, burstLimit: 10 } },
    });
    expect(await planKeys(up.id!)).toEqual(['generated', 'partner']);
    const keys = await liveKeys(true);
    expect(keys.find((k) => k.name === 'partner')).toMatchObject({ value: VALUE, enabled: true, customerId: 'acme' });
    const generated = keys.find((k) => k.name === 'generated');
    expect(generated?.value).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(generated?.value).not.toBe(VALUE);
    // The value's keyed hash is tagged; the value itself nowhere but in AWS.
    expect(keys.find((k) => k.name === 'partner')?.tags?.['apigw-sync:value-hash']).toMatch(/^[\w-]+\.[\w-]+$/);
    // What a plan costs for them: one list of plans, one of keys, one of each own plan's keys; values compared by the tag, never read.
    const was = { ...clients.calls.byOperation };
    await plan(dir, clients);
    const calls = (op: string) => (clients.calls.byOperation[op] ?? 0) - (was[op] ?? 0);
    expect(['GetUsagePlans', 'GetApiKeys', 'GetUsagePlanKeys', 'GetApiKey'].map(calls)).toEqual([1, 1, 1, 0]);
  });

  it('changes the plan (quota lowered: breaking) in one UpdateUsagePlan, and a key leaving the plan is breaking', async () => {
    writeFiles(dir, {
      'usage-plans/partners.yaml': PLAN(5000),
      'api-keys/generated.yaml': 'description: AWS makes the value\n',
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update usagePlan partners', 'update apiKey generated']);
    const breaking = p.plan.steps.flatMap((s) => s.change.flags.reasons);
    expect(breaking.join('\n')).toMatch(/quota lowered/);
    expect(breaking.join('\n')).toMatch(/key leaves usage plan partners/);
    await applyAndConverge(dir, clients);
    const [up] = await livePlans();
    expect(up.quota?.limit).toBe(5000);
    expect(await planKeys(up.id!)).toEqual(['partner']);
  });

  it('renames the plan in place: same id, the key still in it', async () => {
    const [before] = await livePlans();
    writeFiles(dir, {
      'usage-plans/partners.yaml': null,
      'usage-plans/partners-eu.yaml': PLAN(5000),
      'api-keys/partner.yaml': 'customerId: acme\nusagePlans: [partners-eu]\nvalue: { env: PARTNER_KEY_VALUE }\n',
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toContain('update usagePlan partners-eu');
    await applyAndConverge(dir, clients);
    const after = await livePlans();
    expect(after.map((x) => [x.id, x.name])).toEqual([[before.id, 'partners-eu']]);
    expect(await planKeys(before.id!)).toEqual(['partner']);
  });

  it('sees an AWS CLI edit of the plan as drift (exit 2); apply heals it', async () => {
    const [up] = await livePlans();
    const ops = [{ op: 'replace' as const, path: '/throttle/rateLimit', value: '999' }];
    await awsCliEdit(
      emu,
      [
        'apigateway',
        'update-usage-plan',
        '--usage-plan-id',
        up.id!,
        '--patch-operations',
        'op=replace,path=/throttle/rateLimit,value=999',
      ],
      () => clients.apigw.send(new UpdateUsagePlanCommand({ usagePlanId: up.id, patchOperations: ops })),
    );
    const d = await drift(dir, clients);
    expect(d.exitCode).toBe(2);
    expect(
      d.report.items.map((i) => `${i.change.target} ${i.change.name} ${i.change.fields.map((f) => f.path).join()}`),
    ).toEqual(['usagePlan partners-eu throttle.rateLimit']);
    await applyAndConverge(dir, clients);
    expect((await drift(dir, clients)).exitCode).toBe(0);
  });

  it('a rotated value recreates the key (breaking), never showing either value; the new key is in the plan', async () => {
    process.env.PARTNER_KEY_VALUE = ROTATED;
    const d = await drift(dir, clients);
    expect(d.exitCode).toBe(2);
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update apiKey partner']);
    expect(p.plan.steps[0].change.flags.reasons.join()).toMatch(/key value changes/);
    for (const text of [p.renderings.text, p.renderings.markdown, p.renderings.json]) {
      expect(text).not.toContain(VALUE);
      expect(text).not.toContain(ROTATED);
    }
    await applyAndConverge(dir, clients);
    const keys = await liveKeys(true);
    // Made before broken: the new key joined the plan, then the old one went.
    expect(keys.filter((k) => k.name === 'partner').map((k) => k.value)).toEqual([ROTATED]);
    const [up] = await livePlans();
    expect(await planKeys(up.id!)).toEqual(['partner']);
  });

  it('a source that cannot be read leaves the value uncompared in a plan, and apply of a new key refuses without writing it', async () => {
    delete process.env.PARTNER_KEY_VALUE;
    const events: Array<{ type: string }> = [];
    const r = await runPlan({ dir, clients, events: (e) => events.push(e) });
    expect(r.status === 'ok' && r.hasChanges).toBe(false);
    expect(events).toContainEqual({
      type: 'key-value.uncompared',
      key: 'partner',
      why: 'API key "partner": environment variable PARTNER_KEY_VALUE is not set',
    });
    writeFiles(dir, { 'api-keys/second.yaml': 'value: { env: PARTNER_KEY_VALUE }\n' });
    const a = await runApply({ dir, clients, yes: true });
    expect(a.status).toBe('failed');
    expect(a.failures.map((f) => f.message).join()).toMatch(/environment variable PARTNER_KEY_VALUE is not set/);
    expect((await liveKeys()).map((k) => k.name)).not.toContain('second');
    writeFiles(dir, { 'api-keys/second.yaml': null });
    process.env.PARTNER_KEY_VALUE = ROTATED;
  });

  it('refuses what AWS refuses before anything is written: a stage that does not exist, a value AWS would not take', async () => {
    writeFiles(dir, { 'usage-plans/partners-eu.yaml': PLAN(5000).replace('stage: prod', 'stage: prd') });
    const bad = await runApply({ dir, clients, yes: true });
    expect(bad.status).toBe('invalid');
    expect(bad.issuesText).toMatch(/declares no stage "prd" — did you mean "prod"\?/);
    writeFiles(dir, { 'usage-plans/partners-eu.yaml': PLAN(5000) });
    process.env.PARTNER_KEY_VALUE = 'short';
    await expect(runApply({ dir, clients, yes: true })).rejects.toThrow(/shorter than 20 characters/);
    process.env.PARTNER_KEY_VALUE = ROTATED;
    // AWS itself: a plan on a stage that does not exist.
    const api = (await livePlans())[0].apiStages![0].apiId!;
    await expect(
      clients.apigw.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId: api, stage: 'nope' }] })),
    ).rejects.toThrow(/Invalid API Stage/);
  });

  it('deletes the plan (its API stage taken out first) and the key (breaking: it was in use)', async () => {
    writeFiles(dir, { 'usage-plans/partners-eu.yaml': null, 'api-keys/partner.yaml': null });
    const p = await plan(dir, clients);
    expect(steps(p).sort()).toEqual(['delete apiKey partner', 'delete usagePlan partners-eu']);
    expect(p.plan.steps.flatMap((s) => s.change.flags.reasons).join('\n')).toMatch(
      /key deleted while in usage plan partners-eu/,
    );
    await applyAndConverge(dir, clients);
    expect(await livePlans()).toEqual([]);
    expect((await liveKeys()).map((k) => k.name)).toEqual(['generated']);
  });

  it('import round trip: a plan and a key made outside apigw-sync; plan shows nothing to do', async () => {
    const rest = (await clients.apigw.send(new GetRestApisCommand({}))).items!.find((a) => a.name === 'metered')!;
    const up = await clients.apigw.send(
      new CreateUsagePlanCommand({
        name: 'legacy',
        throttle: { rateLimit: 10, burstLimit: 20 },
        apiStages: [{ apiId: rest.id, stage: 'beta' }],
      }),
    );
    const key = await clients.apigw.send(new CreateApiKeyCommand({ name: 'legacy-key', enabled: true, value: VALUE }));
    await clients.apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId: up.id, keyId: key.id, keyType: 'API_KEY' }));
    const r1 = await importAccountRecord({
      clients,
      target: 'usagePlan',
      record: up.id!,
      outDir: dir,
      ownerId: 'acme/platform:gateway-state',
    });
    const r2 = await importAccountRecord({
      clients,
      target: 'apiKey',
      record: 'legacy-key',
      outDir: dir,
      ownerId: 'acme/platform:gateway-state',
    });
    expect([...r1.written, ...r2.written]).toEqual(['usage-plans/legacy.yaml', 'api-keys/legacy-key.yaml']);
    const file = readFileSync(join(dir, 'api-keys/legacy-key.yaml'), 'utf8');
    expect(file).not.toContain(VALUE);
    expect(file).toContain('env: APIGW_KEY_LEGACY_KEY');
    expect(file).toContain('usagePlans:\n  - legacy');
    expect(readFileSync(join(dir, 'usage-plans/legacy.yaml'), 'utf8')).toContain('stage: beta');
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual([]);
    // With the value's source set, the value is compared (no tag yet: one read of the value) and equal.
    process.env.APIGW_KEY_LEGACY_KEY = VALUE;
    const first = await plan(dir, clients);
    expect(steps(first)).toEqual([]);
    // The same fingerprint plan after plan (what apply checks an approved plan against).
    expect((await plan(dir, clients)).plan.fingerprint).toBe(first.plan.fingerprint);
    process.env.APIGW_KEY_LEGACY_KEY = ROTATED;
    expect(steps(await plan(dir, clients))).toEqual(['update apiKey legacy-key']);
    delete process.env.APIGW_KEY_LEGACY_KEY;
  });
});
