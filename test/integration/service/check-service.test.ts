/**
 * check-service, the service pull request's side: against the live API on the local AWS
 * endpoint (exit codes like `plan`: 0 the gateway already serves this spec, 2 it would
 * change, 1 problems), against gateway-state in Git without AWS access, and the example
 * workflow's check step through the Action with the gateway repository read via nock.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/action/main.js';
import { checkServiceCommand } from '../../../src/cli/check-service.js';
import { runApply } from '../../../src/engine/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { copyState, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { simulateRunner, type Runner } from '../github/runner-env.js';
import { API, fakeGatewayRepo, mockGatewayReads } from './gateway-repo.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'service-repo');
const SPEC = join(EXAMPLE, 'users.openapi.yaml');
let emu: RunningEmulator;
let dir: string;
let runner: Runner | undefined;
const cwd = process.cwd();

beforeAll(async () => {
  emu = await startTestEmulator();
  dir = copyState();
  expect((await runApply({ dir, clients: sdkClients(emu.url), yes: true })).failures).toEqual([]);
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  runner?.restore();
  runner = undefined;
  process.chdir(cwd);
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(async () => {
  nock.enableNetConnect();
  await emu?.stop();
});

const opts = { api: 'shop', service: 'users', env: {} };

describe('check-service against the live API', () => {
  it("exit 2: the example spec adds and changes routes; the plan is the gateway's real change", async () => {
    const r = await checkServiceCommand(dir, { ...opts, file: SPEC, clients: sdkClients(emu.url) });
    expect(r.code).toBe(2);
    expect(r.result.against).toBe('live');
    expect(r.stdout).toContain(`compared with the live API in AWS (${REGION})`);
    expect(r.result.rows.filter((x) => x.status !== 'unchanged').map((x) => `${x.status} ${x.key}`)).toEqual([
      'changed GET /users',
      'added GET /users/{user_id}/preferences',
      'added PUT /users/{user_id}/preferences',
    ]);
    expect(r.stdout).toContain('Not exposed by the gateway today: 2 of 7 routes of the spec');
    expect(r.result.plan!.steps.every((s) => s.change.apiKey === 'shop')).toBe(true);
  });

  it("exit 0: the gateway's own copy of the spec changes nothing live", async () => {
    const own = join(dir, 'apis', 'shop', 'users.openapi.yaml');
    const r = await checkServiceCommand(dir, { ...opts, file: own, clients: sdkClients(emu.url) });
    expect(r.code).toBe(0);
    expect(r.result.rows.every((x) => x.status === 'unchanged')).toBe(true);
    expect(r.stdout).toContain('No changes.');
  });

  it('exit 1: a conflicting spec, with both locations, and no plan', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'svc-')), 'users.openapi.yaml');
    writeFileSync(bad, readFileSync(SPEC, 'utf8').replace('  /users/{user_id}/preferences:\n', '  /api/orders:\n'));
    const r = await checkServiceCommand(dir, { ...opts, file: bad, clients: sdkClients(emu.url), format: 'json' });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.valid).toBe(false);
    expect(report.plan).toBeNull();
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'duplicate-route',
        kind: 'conflict',
        location: { file: bad, line: 70, column: 5 },
        related: [expect.objectContaining({ file: `${dir}/apis/shop/orders.openapi.yaml`, line: 8 })],
      }),
    ]);
  });

  it('without AWS credentials in the environment: compared with gateway-state in Git, said so', async () => {
    const r = await checkServiceCommand(dir, {
      ...opts,
      file: SPEC,
      env: { HOME: mkdtempSync(join(tmpdir(), 'home-')) },
    });
    expect(r.code).toBe(2);
    expect(r.result.against).toBe('git');
    expect(r.stdout).toContain('compared with gateway-state in Git (no AWS credentials in this environment)');
  });
});

describe("examples/service-repo: its workflow's check step", () => {
  it('reads gateway-state from the gateway repository, plans against the live API, fills the job summary', async () => {
    const wf = parse(readFileSync(join(EXAMPLE, '.github', 'workflows', 'gateway.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ with?: Record<string, string> }> }>;
    };
    const step = wf.jobs.check.steps.find((s) => s.with?.command === 'check-service')!;
    const inputs = Object.fromEntries(
      Object.entries(step.with!).map(([k, v]) => [
        k,
        String(v).replace('${{ secrets.GATEWAY_REPO_TOKEN }}', 'ghs_gateway_reader'),
      ]),
    );
    const gh = nock(API);
    mockGatewayReads(gh, fakeGatewayRepo(join(ROOT, 'gateway-state')));
    process.chdir(EXAMPLE);
    runner = simulateRunner({
      inputs,
      eventName: 'pull_request',
      event: {},
      env: {
        GITHUB_REPOSITORY: 'acme/users-service',
        AWS_ENDPOINT_URL: emu.url,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      },
    });
    await run();
    gh.done();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.outputs()['has-changes']).toBe('true');
    const summary = runner.summary();
    expect(summary).toContain('## apigw-sync check-service: `users` → API `shop`');
    expect(summary).toContain(`compared with the live API in AWS \\(${REGION}\\)`);
    expect(summary).toContain('`acme/gateway/gateway-state/apis/shop/users.openapi.yaml`');
    expect(summary).toContain('**Not exposed by the gateway today** (2)');
  });
});
