/**
 * End to end through the real engine: webhook → App → gateway-state fetched from "GitHub"
 * (nock) → engine plan/drift/apply against the local emulator → comment, check run and
 * deployments written back (nock). Only 127.0.0.1 is reachable.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import { parseCommentData } from '../../../src/render/comment-data.js';
import { API, BASE, HEAD, MERGE, REPO, STATE_DIR, installation, makeProbot, receive, serveState } from '../../unit/github/app-harness.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(async () => {
  nock.enableNetConnect();
  await emu?.stop();
});

const clients = (region: string) =>
  createAwsClients({ region, endpoint: emu.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, limiter: new RateLimiter({ scale: 20 }) });
const services = () => createEngineServices({ clients, directDeploy: true });

describe('App end to end with the real engine and the emulator', () => {
  let comment = '';

  it('pull_request opened: plans the example state against an empty account', async () => {
    const probot = await makeProbot({ services });
    let check: { conclusion?: string; output?: { title: string } } = {};
    const gh = installation(nock(API)).get(`${REPO}/pulls/7/files`).query(true).reply(200, [{ filename: 'gateway-state/apis/shop/api.yaml' }]).post(`${REPO}/check-runs`).reply(201, { id: 70 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [])
      .post(`${REPO}/issues/7/comments`, (b) => ((comment = b.body), true)).reply(201, { id: 990 })
      .patch(`${REPO}/check-runs/70`, (b) => ((check = b), true)).reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`).reply(201, {});
    await receive(probot, 'pull_request', 'pull_request.opened.json');
    gh.done();

    const direct = await runPlan({ dir: STATE_DIR, clients });
    if (direct.status !== 'ok') throw new Error(direct.issuesText);
    expect(parseCommentData(comment)).toMatchObject({ status: 'planned', fingerprint: direct.plan.fingerprint, headSha: HEAD });
    expect(check.conclusion).toBe('success');
    expect(check.output?.title).toMatch(/^\d+ to add, 0 to change, 0 to destroy/);
    expect(comment).toContain('#### 🟢 shop · REST API');
    expect(comment).toContain('#### 🟢 events · HTTP API');
  });

  it('push (the merge): applies the reviewed plan to the emulator with a Deployment per API and stage; a fresh plan is empty', async () => {
    const before = await runPlan({ dir: STATE_DIR, clients });
    if (before.status !== 'ok') throw new Error(before.issuesText);
    const expected = Object.entries(before.plan.deployments).flatMap(([api, stages]) => stages.map((s) => `${api}/${s}`)).sort();
    expect(expected.length).toBeGreaterThan(1);
    const probot = await makeProbot({ services });
    const deployments: { environment: string }[] = [];
    const statuses: { state: string }[] = [];
    let updated = '';
    let next = 900;
    const gh = installation(nock(API));
    serveState(gh, { sha: MERGE, dir: STATE_DIR });
    gh.get(`${REPO}/commits/${MERGE}/pulls`).reply(200, [{ number: 7, merged_at: '2026-11-23T09:30:00Z' }])
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 990, body: comment }])
      .patch(`${REPO}/issues/comments/990`, (b) => ((updated = b.body), true)).reply(200, {});
    nock(API).persist().post(`${REPO}/deployments`, (b) => (deployments.push(b), true)).reply(201, () => ({ id: ++next }));
    nock(API).persist().post(/\/repos\/acme\/gateway\/deployments\/\d+\/statuses/, (b) => (statuses.push(b), true)).reply(201, {});
    await receive(probot, 'push', 'push.main.json');
    gh.done();
    expect(deployments.map((d) => d.environment).sort()).toEqual(expected);
    expect(statuses.filter((s) => s.state === 'success')).toHaveLength(deployments.length);
    expect(statuses.filter((s) => s.state === 'failure')).toEqual([]);
    expect(parseCommentData(updated)?.status).toBe('applied');
    const after = await runPlan({ dir: STATE_DIR, clients });
    expect(after.status === 'ok' && after.hasChanges).toBe(false);
  });
});
