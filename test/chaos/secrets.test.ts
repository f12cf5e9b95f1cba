/**
 * Credentials in a state (stage variables, integration request headers, names listed under
 * `secrets:`) never reach any output: plan (text, JSON, Markdown), engine events, apply and
 * drift results, error messages of a failing apply, the PR comment, and the real CLI's
 * stdout and stderr. Old values too: after a secret is rotated, the plan shows the field
 * changed without telling from what or to what.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { PLAN_FORMATS, renderPlanAs, runApply, runDrift, runPlan, type EngineEvent } from '../../src/engine/index.js';
import { renderDriftAs } from '../../src/engine/render.js';
import { renderPlanComment } from '../../src/render/comment.js';
import { copyState, editYaml, liveApis, REGION, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'secrets-state');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'apigw-sync.js');
const API = 'apis/vault/api.yaml';
const AUTH = 'integration.request.header.Authorization';

/** Every secret value the state ever holds (first, rotated, and the one someone sets in the console). */
const SECRETS = [
  'hunter2-SECRET-VALUE',
  'AKIAZZSECRETKEY12345',
  'zebra-PARTNER-7731',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaGFvcy1zZWNyZXQifQ',
  'c2VjcmV0U2lnbmF0dXJlVmFsdWU',
  'pk_live_51HsecretPartnerKeyValue0123456789abcdef',
  'hunter3-ROTATED-VALUE',
  'AKIAZZROTATEDKEY6789',
  'zebra-PARTNER-9999',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb3RhdGVkLXNlY3JldCJ9',
  'console-SET-PASSWORD-42',
];
/** Fragments distinctive enough that a partial leak (a truncated or re-encoded value) is caught too. */
const FRAGMENTS = [
  'hunter2',
  'hunter3',
  'AKIAZZ',
  'zebra-PARTNER',
  'eyJzdWIi',
  'c2VjcmV0U2ln',
  'pk_live_51H',
  'console-SET-PASSWORD',
];

function expectNoSecret(label: string, text: string): void {
  expect(text.length, `${label} is empty`).toBeGreaterThan(0);
  for (const s of [...SECRETS, ...FRAGMENTS]) expect(text.includes(s), `${label} contains "${s}"`).toBe(false);
}

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
const events: EngineEvent[] = [];
const sink = (e: EngineEvent) => events.push(e);

/** The real CLI in a child process (async: the emulator answers from this very process). */
function cli(...args: string[]): Promise<{ out: string; status: number | null }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: emu.url,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ out, status }));
  });
}

async function planAllFormats(label: string) {
  const p = await runPlan({ dir, clients, events: sink });
  if (p.status !== 'ok') throw new Error(p.issuesText);
  for (const format of PLAN_FORMATS)
    expectNoSecret(`${label} plan ${format}`, renderPlanAs(p.plan, format, { color: false }));
  const comment = renderPlanComment({
    headSha: 'abc1234',
    plan: p.plan,
    issues: p.issues,
    approvals: [],
    requiredApprovals: 1,
  });
  expectNoSecret(`${label} PR comment`, comment.body);
  expectNoSecret(`${label} PR comment data`, JSON.stringify(comment.data));
  return p;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState(FIXTURE);
}, 60_000);
afterAll(async () => emu?.stop());

describe('no output contains a credential from the state', () => {
  it('plan of the new API (text, JSON, Markdown, PR comment) and the CLI plan', async () => {
    const p = await planAllFormats('create');
    // The plan really carries the secrets (masking, not absence, is what is tested)...
    expect(JSON.stringify(p.plan)).toContain('hunter2-SECRET-VALUE');
    for (const format of PLAN_FORMATS) {
      const r = await cli('plan', dir, '--format', format);
      expect(r.status, r.out).toBe(2);
      expectNoSecret(`CLI plan --format ${format}`, r.out);
    }
  }, 60_000);

  it('a failing apply: its error messages, result and the CLI stderr', async () => {
    emu.control.addFault({
      operation: 'CreateDeployment',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected: deployment refused',
    });
    const failed = await runApply({ dir, clients, yes: true, events: sink });
    emu.control.clearFaults();
    expect(failed.status).toBe('failed');
    expectNoSecret('failure messages', failed.failures.map((f) => f.message).join('\n'));
    expectNoSecret('failure errors', failed.failures.map((f) => String(f.error)).join('\n'));

    emu.control.addFault({
      operation: 'CreateDeployment',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected: deployment refused',
    });
    const r = await cli('apply', dir, '--yes');
    emu.control.clearFaults();
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/deployment refused/);
    expectNoSecret('CLI failing apply', r.out);
  }, 60_000);

  it('apply (engine and CLI with --events json) succeeds without echoing a secret', async () => {
    const r = await cli('apply', dir, '--yes', '--events', 'json');
    expect(r.status, r.out).toBe(0);
    expectNoSecret('CLI apply --events json', r.out);
    // The secrets did reach AWS (the apply is real)...
    const vault = (await liveApis(clients)).find((a) => a.name === 'vault-api');
    expect(vault).toBeDefined();
    await expectConverged(dir, clients);
    expectNoSecret('CLI plan after apply', (await cli('plan', dir)).out);
  }, 60_000);

  it('rotated secrets: the plan says the fields change, never from or to what; apply output clean', async () => {
    editYaml(dir, API, (d) => {
      d.setIn(['stages', 'prod', 'variables', 'dbPassword'], 'hunter3-ROTATED-VALUE');
      d.setIn(['stages', 'prod', 'variables', 'deployKeyId'], 'AKIAZZROTATEDKEY6789');
      d.setIn(['stages', 'prod', 'variables', 'partnerCode'], 'zebra-PARTNER-9999');
      d.setIn(
        ['routes', 'GET /accounts/{id}', 'integration', 'requestParameters', AUTH],
        "'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb3RhdGVkLXNlY3JldCJ9.bmV3U2lnbmF0dXJl'",
      );
    });
    const p = await planAllFormats('rotate');
    expect(p.hasChanges).toBe(true);
    const text = renderPlanAs(p.plan, 'text', { color: false });
    expect(text).toMatch(/dbPassword/);
    expect(text).toMatch(/\(sensitive\)/);
    for (const format of PLAN_FORMATS)
      expectNoSecret(`CLI rotate plan ${format}`, (await cli('plan', dir, '--format', format)).out);
    const applied = await runApply({ dir, clients, yes: true, events: sink });
    expect(applied.failures.map((f) => f.message)).toEqual([]);
    expectNoSecret(
      'apply issuesText + failures',
      `${applied.issuesText}\n${applied.failures.map((f) => f.message).join('\n')} `,
    );
    await expectConverged(dir, clients);
  }, 60_000);

  it('drift: a password set in the console is reported as drift, masked (engine, CLI, PR comment)', async () => {
    const vault = (await liveApis(clients)).find((a) => a.name === 'vault-api')!;
    await clients.apigw.send(
      new UpdateStageCommand({
        restApiId: vault.id,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/variables/dbPassword', value: 'console-SET-PASSWORD-42' }],
      }),
    );
    const d = await runDrift({ dir, clients, events: sink });
    if (d.status !== 'ok') throw new Error(d.issuesText);
    expect(d.exitCode).toBe(2);
    for (const format of PLAN_FORMATS)
      expectNoSecret(`drift ${format}`, renderDriftAs(d.report, format, { color: false }));
    expectNoSecret('drift text', renderDriftAs(d.report, 'text', { color: false }) + ' ');
    expect(renderDriftAs(d.report, 'text', { color: false })).toMatch(/dbPassword/);
    for (const format of PLAN_FORMATS) {
      const r = await cli('drift', dir, '--format', format);
      expect(r.status, r.out).toBe(2);
      expectNoSecret(`CLI drift --format ${format}`, r.out);
    }
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    const comment = renderPlanComment({
      headSha: 'def5678',
      plan: p.plan,
      issues: [],
      drift: d.report,
      approvals: [],
      requiredApprovals: 1,
    });
    expect(comment.body).toMatch(/dbPassword/);
    expectNoSecret('PR comment with drift', comment.body);
  }, 60_000);

  it('engine events from every run above', () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expectNoSecret(`engine event ${e.type}`, JSON.stringify(e));
  });
});
