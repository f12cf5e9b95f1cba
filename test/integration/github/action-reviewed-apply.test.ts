/**
 * The apply workflow's Action step (`command: apply` with pull-request, sha and
 * desired-fingerprint) under a simulated runner with GitHub's example workflow_dispatch
 * event (pointed at the test repository), the real engine against the local AWS endpoint,
 * and GitHub answered by nock. The step trusts none of its inputs: the review is counted
 * from GitHub and the approved desired state recomputed from the pull request's head.
 * Also: a fork's plan, made offline without AWS credentials.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/action/main.js';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import { desiredStateDigest } from '../../../src/plan/fingerprint.js';
import { validateState } from '../../../src/validate/index.js';
import {
  API,
  HEAD,
  MERGE,
  PR,
  REPO,
  official,
  permission,
  pull,
  review,
  serveState,
} from '../../unit/github/app-harness.js';
import { copyBaseState as copyState, writesSince } from '../apply/helpers.js';
import { simulateRunner, type Runner } from './runner-env.js';

const REGION = 'ap-northeast-2';
let emu: RunningEmulator;
let runner: Runner | undefined;
const STATE = copyState();

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  runner?.restore();
  runner = undefined;
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(async () => {
  nock.enableNetConnect();
  await emu?.stop();
});

const services = () =>
  createEngineServices({
    clients: createAwsClients({
      region: REGION,
      endpoint: emu.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      limiter: new RateLimiter({ scale: 20 }),
    }),
    directDeploy: true,
  });

async function desiredFingerprint(dir: string): Promise<string> {
  return desiredStateDigest((await validateState(dir)).model).fingerprint;
}

function dispatched(inputs: Record<string, string>) {
  const event = official('workflow_dispatch', undefined, (p) => p.ref === 'refs/heads/master');
  event.inputs = inputs;
  return simulateRunner({
    inputs: { command: 'apply', path: 'gateway-state', 'github-token': 'ghs_test', ...inputs },
    eventName: 'workflow_dispatch',
    event,
  });
}

/** What the step reads before it writes anything: config, the pull request, its reviews and approvers, its head's state. */
function reviewReads(
  o: { pr?: ReturnType<typeof pull>; reviews?: unknown[]; approver?: 'write' | 'read' } = {},
): nock.Scope {
  const gh = nock(API)
    .get(`${REPO}/contents/.github%2Fapigw-sync.yml`)
    .query({ ref: 'master' })
    .reply(404, { message: 'Not Found' })
    .get(`${REPO}/pulls/${PR}`)
    .reply(200, o.pr ?? pull({ state: 'closed', merged: true }))
    .get(`${REPO}/pulls/${PR}/reviews`)
    .query(true)
    .reply(200, o.reviews ?? [review('alice', 'APPROVED', HEAD)]);
  permission(gh, 'alice', o.approver ?? 'write');
  return gh;
}

describe('Action apply in the apply workflow (reviewed)', () => {
  it('refuses, writing nothing, when the approval is not by a writer', async () => {
    const fp = await desiredFingerprint(STATE);
    const since = Date.now();
    const gh = reviewReads({ approver: 'read' });
    runner = dispatched({ 'pull-request': String(PR), sha: MERGE, 'desired-fingerprint': fp });
    await run({ services: services() });
    gh.done();
    expect(process.exitCode).toBe(1);
    expect(runner.summary()).toContain('## apigw-sync apply: refused');
    expect(runner.summary()).toContain('0 of 1 required approvals');
    expect(writesSince(emu, since)).toEqual([]);
  });

  it('refuses a fingerprint that is not the approved desired state (a hand dispatch with the wrong one)', async () => {
    const since = Date.now();
    const gh = reviewReads();
    serveState(gh, { sha: HEAD, dir: STATE });
    runner = dispatched({ 'pull-request': String(PR), sha: MERGE, 'desired-fingerprint': 'a'.repeat(64) });
    await run({ services: services() });
    gh.done();
    expect(process.exitCode).toBe(1);
    expect(runner.summary()).toContain('is not the approved desired state of');
    expect(writesSince(emu, since)).toEqual([]);
  });

  it('refuses a commit that is not on the default branch', async () => {
    const gh = reviewReads();
    serveState(gh, { sha: HEAD, dir: STATE });
    gh.get(`${REPO}/compare/master...${'9'.repeat(40)}`)
      .query(true)
      .reply(200, { status: 'diverged' });
    runner = dispatched({
      'pull-request': String(PR),
      sha: '9'.repeat(40),
      'desired-fingerprint': await desiredFingerprint(STATE),
    });
    await run({ services: services() });
    gh.done();
    expect(process.exitCode).toBe(1);
    expect(runner.summary()).toContain(`${'9'.repeat(7)} is not on master`);
  });

  it('applies the merged commit when the merged pull request is approved by a writer and the fingerprint names its desired state', async () => {
    const gh = reviewReads();
    serveState(gh, { sha: HEAD, dir: STATE });
    gh.get(`${REPO}/compare/master...${MERGE}`).query(true).reply(200, { status: 'identical' });
    serveState(gh, { sha: MERGE, dir: STATE });
    const fp = await desiredFingerprint(STATE);
    runner = dispatched({ 'pull-request': String(PR), sha: MERGE, 'desired-fingerprint': fp.slice(0, 12) });
    await run({ services: services() });
    gh.done();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.summary()).toContain('## apigw-sync apply: applied');
    expect(runner.outputs()['desired-fingerprint']).toBe(fp);
  });
});

describe('Action plan of a pull request from a fork (offline, no AWS credentials)', () => {
  it('validates and prices the declared state, says the live diff needs a maintainer, and calls neither AWS nor GitHub', async () => {
    const event = official('pull_request', 'opened');
    event.pull_request.head.repo.fork = true;
    const since = Date.now();
    runner = simulateRunner({
      inputs: { command: 'plan', path: STATE, offline: 'true', comment: 'off', 'github-token': '' },
      eventName: 'pull_request',
      event,
      env: { AWS_REGION: REGION },
    });
    await run();
    expect(process.exitCode ?? 0).toBe(0);
    const summary = runner.summary();
    expect(summary).toContain(
      'This pull request comes from a fork: it was validated and priced without AWS credentials',
    );
    expect(summary).toContain('comments `/apigw-sync plan`');
    expect(summary).toContain('| shop | REST API | shop-api |');
    expect(runner.outputs()['desired-fingerprint']).toBe(await desiredFingerprint(STATE));
    expect(emu.control.calls({ since })).toEqual([]);
  });
});
