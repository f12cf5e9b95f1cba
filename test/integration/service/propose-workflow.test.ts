/**
 * examples/service-repo: its workflow's `propose` step, run through the Action's entry under a
 * simulated runner, against a gateway repository answered by nock. Every GitHub call is
 * asserted in order: the first run opens the pull request, a run for a newer service commit
 * updates the same one, an invalid spec reads and writes nothing else and fails with
 * located errors. Then the proposed file, planned against the local AWS endpoint, changes
 * exactly the service's routes.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/action/main.js';
import { proposeCommand } from '../../../src/cli/propose.js';
import { actionGitHubClient } from '../../../src/github/action-client.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { expectGolden } from '../../helpers/golden.js';
import { copyState, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { fixtureEvent, simulateRunner, type Runner } from '../github/runner-env.js';
import { API, BASE, BRANCH, COMMIT, TREE, fakeGatewayRepo, mockGatewayReads } from './gateway-repo.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'service-repo');
const SPEC = readFileSync(join(EXAMPLE, 'users.openapi.yaml'), 'utf8');
const SERVICE_SHA_1 = '7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a';
const SERVICE_SHA_2 = '8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b';
const repo = fakeGatewayRepo(join(ROOT, 'gateway-state'));

/** The `with:` of the workflow's propose step, secrets replaced by test values; nothing else may be an expression. */
function proposeStepInputs(): Record<string, string> {
  const wf = parse(readFileSync(join(EXAMPLE, '.github', 'workflows', 'gateway.yml'), 'utf8')) as {
    jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
  };
  const step = wf.jobs.propose.steps.find((s) => s.with?.command === 'propose');
  if (!step?.with) throw new Error('the example workflow has no propose step');
  const inputs = Object.fromEntries(
    Object.entries(step.with).map(([k, v]) => [
      k,
      String(v).replace('${{ secrets.GATEWAY_REPO_TOKEN }}', 'ghs_gateway_writer'),
    ]),
  );
  for (const v of Object.values(inputs)) expect(v).not.toContain('${{');
  return inputs;
}

let runner: Runner | undefined;
let cwd: string;
const calls: string[] = [];
const unmatched: string[] = [];
const record = (req: { method: string; path: string }) => calls.push(`${req.method} ${decodeURIComponent(req.path)}`);
nock.emitter.on('no match', (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
  // Only GitHub's side is mocked; the local AWS endpoint on 127.0.0.1 is real.
  if (!String(req.hostname ?? req.host ?? '').startsWith('127.0.0.1'))
    unmatched.push(`${req.method} ${req.host ?? req.hostname}${req.path}`);
});

beforeAll(() => {
  cwd = process.cwd();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  runner?.restore();
  runner = undefined;
  process.chdir(cwd);
  expect(unmatched).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
  calls.length = 0;
});
afterAll(() => nock.enableNetConnect());

/** Runs the workflow's propose step in a checkout of the service repository holding `spec`. */
async function runProposeStep(spec: string, sha: string): Promise<void> {
  const checkout = mkdtempSync(join(tmpdir(), 'users-service-'));
  writeFileSync(join(checkout, 'users.openapi.yaml'), spec);
  process.chdir(checkout);
  runner = simulateRunner({
    inputs: proposeStepInputs(),
    eventName: 'push',
    event: fixtureEvent('push.users-service.json'),
    env: { GITHUB_REPOSITORY: 'acme/users-service', GITHUB_SHA: sha, GITHUB_RUN_ID: '777' },
  });
  await run();
}

const READS = [
  'GET /repos/acme/gateway',
  'GET /repos/acme/gateway/branches/main',
  `GET /repos/acme/gateway/git/trees/${TREE}?recursive=true`,
  ...repo.entries
    .filter(
      (e) =>
        e.path === 'gateway-state/gateway.yaml' ||
        e.path.startsWith('gateway-state/apis/shop/') ||
        (e.type === 'blob' && e.path.startsWith('gateway-state/vpc-links/')),
    )
    .map((e) => `GET /repos/acme/gateway/git/blobs/${e.sha}`),
  `GET /repos/acme/gateway/pulls?state=open&head=acme:${BRANCH}&base=main&per_page=10`,
];

describe('examples/service-repo: the propose step of its workflow', () => {
  let firstBody = '';
  let firstTitle = '';

  it('first run: checks the spec against the gateway, then opens one pull request (exact calls)', async () => {
    const bodies: Record<string, Record<string, unknown>> = {};
    const keep = (name: string) => (b: Record<string, unknown>) => ((bodies[name] = b), true);
    const gh = nock(API).on('request', record);
    expect(mockGatewayReads(gh, repo)).toEqual([
      'gateway-state/apis/shop/api.yaml',
      'gateway-state/apis/shop/orders.openapi.yaml',
      'gateway-state/apis/shop/users.openapi.yaml',
      'gateway-state/gateway.yaml',
      'gateway-state/vpc-links/inventory-nlb.yaml',
    ]);
    gh.get(`${BASE}/pulls`)
      .query({ state: 'open', head: `acme:${BRANCH}`, base: 'main', per_page: '10' })
      .reply(200, [])
      .post(`${BASE}/git/trees`, keep('tree'))
      .reply(201, { sha: 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2' })
      .post(`${BASE}/git/commits`, keep('commit'))
      .reply(201, { sha: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2' })
      .post(`${BASE}/git/refs`, keep('ref'))
      .reply(201, { ref: `refs/heads/${BRANCH}` })
      .post(`${BASE}/pulls`, keep('pull'))
      .reply(201, { number: 31, html_url: 'https://github.com/acme/gateway/pull/31' });

    await runProposeStep(SPEC, SERVICE_SHA_1);
    gh.done();
    expect(calls).toEqual([
      ...READS,
      'POST /repos/acme/gateway/git/trees',
      'POST /repos/acme/gateway/git/commits',
      'POST /repos/acme/gateway/git/refs',
      'POST /repos/acme/gateway/pulls',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner!.outputs()).toMatchObject({
      'pull-request': '31',
      'pull-request-url': 'https://github.com/acme/gateway/pull/31',
      'has-changes': 'true',
    });

    // One file replaced on top of main's tree, one commit on main's head, the stable branch.
    expect(bodies.tree).toEqual({
      base_tree: TREE,
      tree: [{ path: 'gateway-state/apis/shop/users.openapi.yaml', mode: '100644', type: 'blob', content: SPEC }],
    });
    expect(bodies.commit).toMatchObject({ tree: 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2', parents: [COMMIT] });
    expect(bodies.commit.message).toContain('acme/users-service@7a7a7a7');
    expect(bodies.ref).toEqual({ ref: `refs/heads/${BRANCH}`, sha: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2' });
    expect(bodies.pull).toMatchObject({ head: BRANCH, base: 'main' });
    firstTitle = bodies.pull.title as string;
    firstBody = bodies.pull.body as string;
    expect(firstTitle).toBe('apigw-sync: update service users of API shop (acme/users-service@7a7a7a7)');
    expectGolden('service/proposal-body.md', firstBody);
    expect(runner!.summary()).toContain('Pull request [#31](https://github.com/acme/gateway/pull/31): opened.');
  });

  it('second run, for a newer service commit: a new commit on the same branch and the same pull request', async () => {
    const newer = SPEC.replace(
      '  /users/{user_id}/addresses:\n',
      "  /users/{user_id}/sessions:\n    delete:\n      operationId: signOutEverywhere\n      parameters:\n        - $ref: '#/components/parameters/UserId'\n      responses:\n        '204':\n          description: Signed out\n  /users/{user_id}/addresses:\n",
    );
    expect(newer).not.toBe(SPEC);
    const bodies: Record<string, Record<string, unknown>> = {};
    const keep = (name: string) => (b: Record<string, unknown>) => ((bodies[name] = b), true);
    const gh = nock(API).on('request', record);
    mockGatewayReads(gh, repo);
    gh.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [
        {
          number: 31,
          html_url: 'https://github.com/acme/gateway/pull/31',
          title: firstTitle,
          body: firstBody,
          head: { ref: BRANCH, sha: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2' },
        },
      ])
      .post(`${BASE}/git/trees`, keep('tree'))
      .reply(201, { sha: 'd3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3' })
      .get(`${BASE}/git/commits/e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2`)
      .reply(200, {
        sha: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2',
        tree: { sha: 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2' },
        parents: [{ sha: COMMIT }],
      })
      .post(`${BASE}/git/commits`, keep('commit'))
      .reply(201, { sha: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3' })
      .patch(`${BASE}/git/refs/heads%2Fapigw-sync%2Fpropose%2Fshop%2Fusers`, keep('ref'))
      .reply(200, { ref: `refs/heads/${BRANCH}` })
      .patch(`${BASE}/pulls/31`, keep('pull'))
      .reply(200, { number: 31 });

    await runProposeStep(newer, SERVICE_SHA_2);
    gh.done();
    expect(calls).toEqual([
      ...READS,
      'POST /repos/acme/gateway/git/trees',
      'GET /repos/acme/gateway/git/commits/e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2',
      'POST /repos/acme/gateway/git/commits',
      `PATCH /repos/acme/gateway/git/refs/heads/${BRANCH}`,
      'PATCH /repos/acme/gateway/pulls/31',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner!.outputs()['pull-request']).toBe('31');
    expect(bodies.tree.tree).toEqual([
      { path: 'gateway-state/apis/shop/users.openapi.yaml', mode: '100644', type: 'blob', content: newer },
    ]);
    expect(bodies.commit).toMatchObject({ tree: 'd3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3', parents: [COMMIT] });
    expect(bodies.ref).toEqual({ sha: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3', force: true });
    expect(bodies.pull.title).toBe('apigw-sync: update service users of API shop (acme/users-service@8b8b8b8)');
    expect(bodies.pull.body).toContain('`DELETE /users/{user_id}/sessions`');
    expect(runner!.summary()).toContain('Pull request [#31](https://github.com/acme/gateway/pull/31): updated.');
  });

  it('an invalid spec: only the reads, no pull request, exit 1 with file:line:col errors', async () => {
    const invalid = SPEC.replace('  /users/{user_id}/preferences:\n', '  /api/orders:\n').replace(
      '      operationId: deleteUser\n',
      '      operationId: deleteUser\n      security: [ { OAuth2PasswordBearer: [] } ]\n',
    );
    const gh = nock(API).on('request', record);
    mockGatewayReads(gh, repo);
    await runProposeStep(invalid, SERVICE_SHA_2);
    gh.done();
    expect(calls).toEqual(READS.slice(0, -1));
    expect(process.exitCode).toBe(1);
    expect(runner!.outputs()['pull-request']).toBe('');
    const summary = runner!.summary();
    expect(summary).toContain('❌ No pull request was opened or updated.');
    expect(summary).toContain('`users.openapi.yaml:71:5`');
    expect(summary).toContain('`acme/gateway/gateway-state/apis/shop/orders.openapi.yaml:8:5`');
    expect(summary).toContain('`users.openapi.yaml:56:7`');
  });

  it('the CLI: the same invalid spec exits 1 and prints each problem at file:line:col with the other side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-service-'));
    cpSync(join(EXAMPLE, 'users.openapi.yaml'), join(dir, 'users.openapi.yaml'));
    writeFileSync(
      join(dir, 'users.openapi.yaml'),
      SPEC.replace('  /users/{user_id}/preferences:\n', '  /api/orders:\n').replace(
        '      operationId: deleteUser\n',
        '      operationId: deleteUser\n      security: [ { OAuth2PasswordBearer: [] } ]\n',
      ),
    );
    process.chdir(dir);
    const gh = nock(API).on('request', record);
    mockGatewayReads(gh, repo);
    const r = await proposeCommand({
      file: 'users.openapi.yaml',
      api: 'shop',
      to: 'acme/gateway',
      env: {},
      gh: actionGitHubClient('ghs_test', {}),
    });
    gh.done();
    expect(r.code).toBe(1);
    expect(calls).toEqual(READS.slice(0, -1));
    expectGolden('service/propose-invalid.txt', r.stdout);
  });
});

describe('the proposed file, planned against the local AWS endpoint', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => emu?.stop());

  it('changes exactly the routes the pull request body lists, and nothing of the other services', async () => {
    const clients = sdkClients(emu.url);
    const dir = copyState();
    const applied = await runApply({ dir, clients, yes: true });
    expect(applied.failures).toEqual([]);
    // What the first run committed: the example spec in place of the gateway's users file.
    writeFileSync(join(dir, 'apis', 'shop', 'users.openapi.yaml'), SPEC);
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    const routes = [
      ...new Set(
        p.plan.steps.filter((s) => s.change.target !== 'model').map((s) => `${s.change.action} ${s.change.name}`),
      ),
    ].sort();
    expect(routes).toEqual([
      'create GET /users/{user_id}/preferences',
      'create PUT /users/{user_id}/preferences',
      'update GET /users',
    ]);
    expect(p.plan.steps.every((s) => s.change.apiKey === 'shop')).toBe(true);
    expect(Object.keys(p.plan.deployments)).toEqual(['shop']);
  });
});

// Keep the example's spec and this test's expectations from drifting apart silently.
it('the example spec is the gateway users file plus what the test above expects', () => {
  expect(SPEC).toContain('operationId: getPreferences');
  expect(readFileSync(join(ROOT, 'gateway-state', 'apis', 'shop', 'users.openapi.yaml'), 'utf8')).not.toContain(
    'preferences',
  );
});
