/**
 * API key values never reach an output. Keys whose value AWS generates, or comes from an
 * environment variable, an SSM SecureString or a Secrets Manager secret, go through plan
 * (text, JSON, Markdown, the plan file, the PR comment and its data block), apply (engine
 * results, events, the real CLI's stdout and stderr with --events text and json, a failing
 * apply's errors), drift (engine, CLI, comment), import (CLI output and the file it writes) —
 * and again after every value is rotated, so old values are checked as well as new ones. The
 * values did reach AWS: each check of an output is paired with proof that the apply was real.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetApiKeysCommand, UntagResourceCommand } from '@aws-sdk/client-api-gateway';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { PLAN_FORMATS, renderPlanAs, runApply, runDrift, runPlan, type EngineEvent } from '../../src/engine/index.js';
import { renderDriftAs } from '../../src/engine/render.js';
import { renderPlanComment } from '../../src/render/comment.js';
import { serializePlan } from '../../src/plan/index.js';
import { copyState, REGION, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';
import { runBin } from '../helpers/bin.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'api-keys-state');

const ENV_1 = 'ChaosEnvValue0000000000000000A1';
const ENV_2 = 'ChaosEnvRotated00000000000000B2';
const SSM_1 = 'ChaosSsmValue000000000000000C3';
const SSM_2 = 'ChaosSsmRotated0000000000000D4';
const SM_1 = 'ChaosSmValue00000000000000000E5';
const SM_2 = 'ChaosSmRotated000000000000000F6';

/** Every value any key ever has: the sourced ones, and those AWS generates (added once read from AWS). */
const VALUES = [ENV_1, ENV_2, SSM_1, SSM_2, SM_1, SM_2];

function expectNoValue(label: string, text: string): void {
  expect(text.length, `${label} is empty`).toBeGreaterThan(0);
  for (const v of VALUES) {
    expect(text.includes(v), `${label} contains a key value`).toBe(false);
    // A partial leak (truncated or re-encoded) of a sourced value.
    if (v.startsWith('Chaos'))
      expect(text.includes(v.slice(0, 16)), `${label} contains part of a key value`).toBe(false);
  }
}

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
const events: EngineEvent[] = [];
const sink = (e: EngineEvent) => events.push(e);

/** The real CLI against the emulator (stdout and stderr together: both are outputs). */
async function cli(...args: string[]): Promise<{ out: string; status: number }> {
  const r = await runBin(
    {
      ...process.env,
      AWS_ENDPOINT_URL: emu.url,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      NO_COLOR: '1',
    },
    ...args,
  );
  return { out: r.stdout + r.stderr, status: r.code };
}

/** Every value AWS holds now (the generated ones included), for the checks that follow. */
async function learnLiveValues(): Promise<Record<string, string>> {
  const items = (await clients.apigw.send(new GetApiKeysCommand({ includeValues: true }))).items ?? [];
  for (const k of items) if (k.value && !VALUES.includes(k.value)) VALUES.push(k.value);
  return Object.fromEntries(items.map((k) => [k.name!, k.value!]));
}

async function planEverywhere(label: string) {
  const p = await runPlan({ dir, clients, events: sink });
  if (p.status !== 'ok') throw new Error(p.issuesText);
  for (const format of PLAN_FORMATS)
    expectNoValue(`${label} plan ${format}`, renderPlanAs(p.plan, format, { color: false }));
  expectNoValue(`${label} plan file`, serializePlan(p.plan));
  const comment = renderPlanComment({
    headSha: 'abc1234',
    plan: p.plan,
    issues: p.issues,
    approvals: [],
    requiredApprovals: 1,
  });
  expectNoValue(`${label} PR comment`, comment.body);
  expectNoValue(`${label} PR comment data`, JSON.stringify(comment.data));
  for (const format of PLAN_FORMATS) {
    const r = await cli('plan', dir, '--format', format);
    expect(r.status, r.out).toBe(p.hasChanges ? 2 : 0);
    expectNoValue(`${label} CLI plan --format ${format}`, r.out);
  }
  return p;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState(FIXTURE);
  process.env.CHAOS_PARTNER_KEY = ENV_1;
  await clients.ssm.send(new PutParameterCommand({ Name: '/chaos/keys/ssm', Type: 'SecureString', Value: SSM_1 }));
  await clients.secretsManager.send(
    new CreateSecretCommand({ Name: 'chaos/keys/sm', SecretString: JSON.stringify({ apiKey: SM_1 }) }),
  );
}, 60_000);
afterAll(async () => {
  delete process.env.CHAOS_PARTNER_KEY;
  await emu?.stop();
});

describe('no output contains an API key value', () => {
  it('plan of the new keys: every format, the plan file, the PR comment, the CLI', async () => {
    const p = await planEverywhere('create');
    expect(p.plan.steps.filter((s) => s.change.target === 'apiKey').map((s) => s.change.name)).toEqual([
      'from-env',
      'from-secrets-manager',
      'from-ssm',
      'generated',
    ]);
    expect(renderPlanAs(p.plan, 'text', { color: false })).toMatch(/from environment variable CHAOS_PARTNER_KEY/);
  }, 120_000);

  it('a failing apply (AWS refuses a key): errors, result and the CLI output', async () => {
    emu.control.addFault({
      operation: 'CreateApiKey',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected: key refused',
    });
    const failed = await runApply({ dir, clients, yes: true, events: sink });
    emu.control.clearFaults();
    expect(failed.status).toBe('failed');
    expectNoValue(
      'failure messages',
      failed.failures.map((f) => `${f.message}\n${String(f.error)}\n${(f.error as Error)?.stack ?? ''}`).join('\n'),
    );
    emu.control.addFault({
      operation: 'CreateApiKey',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected: key refused',
    });
    const r = await cli('apply', dir, '--yes');
    emu.control.clearFaults();
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/key refused/);
    expectNoValue('CLI failing apply', r.out);
  }, 120_000);

  it('apply through a plan file (CLI, --events json), then nothing to do; the values reached AWS', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-keys-')), 'plan.json');
    const planned = await cli('plan', dir, '--out', file);
    expect(planned.status, planned.out).toBe(2);
    expectNoValue('plan file written by the CLI', readFileSync(file, 'utf8'));
    const r = await cli('apply', file, '--dir', dir, '--yes', '--events', 'json');
    expect(r.status, r.out).toBe(0);
    expectNoValue('CLI apply --events json', r.out);
    const live = await learnLiveValues();
    expect(live).toMatchObject({ 'from-env': ENV_1, 'from-ssm': SSM_1, 'from-secrets-manager': SM_1 });
    expect(live.generated).toMatch(/^[A-Za-z0-9]{20,}$/);
    await expectConverged(dir, clients);
    await planEverywhere('converged');
  }, 120_000);

  it('every value rotated: the plan says the keys are replaced, never from or to what; apply (--events text) clean', async () => {
    process.env.CHAOS_PARTNER_KEY = ENV_2;
    await clients.ssm.send(
      new PutParameterCommand({ Name: '/chaos/keys/ssm', Type: 'SecureString', Value: SSM_2, Overwrite: true }),
    );
    await clients.secretsManager.send(
      new PutSecretValueCommand({ SecretId: 'chaos/keys/sm', SecretString: JSON.stringify({ apiKey: SM_2 }) }),
    );
    const p = await planEverywhere('rotate');
    expect(p.plan.steps.map((s) => `${s.change.action} ${s.change.name}`).filter((s) => s.includes('from-'))).toEqual([
      'update from-env',
      'update from-secrets-manager',
      'update from-ssm',
    ]);
    expect(renderPlanAs(p.plan, 'text', { color: false })).toMatch(/valueHash[^\n]*\(sensitive\)/);
    const d = await runDrift({ dir, clients, events: sink });
    if (d.status !== 'ok') throw new Error(d.issuesText);
    for (const format of PLAN_FORMATS)
      expectNoValue(`rotate drift ${format}`, renderDriftAs(d.report, format, { color: false }));
    const r = await cli('apply', dir, '--yes', '--events', 'text');
    expect(r.status, r.out).toBe(0);
    expectNoValue('CLI apply rotated', r.out);
    expect(await learnLiveValues()).toMatchObject({
      'from-env': ENV_2,
      'from-ssm': SSM_2,
      'from-secrets-manager': SM_2,
    });
    await expectConverged(dir, clients);
  }, 120_000);

  it('drift after the value tag is removed in AWS: compared by reading the value, reported clean (engine, CLI, comment)', async () => {
    const items = (await clients.apigw.send(new GetApiKeysCommand({}))).items ?? [];
    const key = items.find((k) => k.name === 'from-env')!;
    await clients.apigw.send(
      new UntagResourceCommand({
        resourceArn: `arn:aws:apigateway:${REGION}::/apikeys/${key.id}`,
        tagKeys: ['apigw-sync:value-hash'],
      }),
    );
    // The value is equal: no drift, though it had to be read to know.
    const d = await runDrift({ dir, clients, events: sink });
    if (d.status !== 'ok') throw new Error(d.issuesText);
    expect(d.exitCode).toBe(0);
    // Now the source holds another value: the key is reported, masked.
    process.env.CHAOS_PARTNER_KEY = ENV_1;
    const d2 = await runDrift({ dir, clients, events: sink });
    if (d2.status !== 'ok') throw new Error(d2.issuesText);
    expect(d2.exitCode).toBe(2);
    for (const format of PLAN_FORMATS) {
      expectNoValue(`drift ${format}`, renderDriftAs(d2.report, format, { color: false }));
      const r = await cli('drift', dir, '--format', format);
      expect(r.status, r.out).toBe(2);
      expectNoValue(`CLI drift --format ${format}`, r.out);
    }
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    const comment = renderPlanComment({
      headSha: 'def5678',
      plan: p.plan,
      issues: [],
      drift: d2.report,
      approvals: [],
      requiredApprovals: 1,
    });
    expectNoValue('PR comment with drift', comment.body);
    // A plan that cannot read the source says so on stderr (never a value) and compares the rest.
    delete process.env.CHAOS_PARTNER_KEY;
    const r = await cli('plan', dir);
    expect(r.out).toMatch(
      /note: API key "from-env": environment variable CHAOS_PARTNER_KEY is not set; its value was not compared/,
    );
    expectNoValue('CLI plan without the source', r.out);
    process.env.CHAOS_PARTNER_KEY = ENV_2;
  }, 120_000);

  it('import of a key (CLI): its output and the file it writes hold no value', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-keys-import-')), 'gateway-state');
    const r = await cli(
      'import',
      '--api-key',
      'generated',
      '--out',
      out,
      '--region',
      REGION,
      '--owner',
      'acme/chaos:imported',
      '--take-over',
    );
    expect(r.status, r.out).toBe(0);
    expectNoValue('CLI import', r.out);
    const file = readFileSync(join(out, 'api-keys', 'generated.yaml'), 'utf8');
    expect(file).toMatch(/env: APIGW_KEY_GENERATED/);
    expectNoValue('imported file', file);
  }, 120_000);

  it('engine events of every run above', () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expectNoValue(`engine event ${e.type}`, JSON.stringify(e));
  });
});
