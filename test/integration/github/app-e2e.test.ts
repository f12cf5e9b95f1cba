/**
 * End to end through the real engine: GitHub's example webhooks → App → gateway-state fetched
 * from "GitHub" (nock) → engine plan/apply against the local AWS endpoint → comment, statuses,
 * check runs and deployments written back (nock). Only 127.0.0.1 is reachable.
 *
 * 1. plan → approval by a writer → `/apigw-sync apply` → merge: the merge ends in success with
 *    "no changes" and not one AWS write (the apply before merge changed AWS, so the plan
 *    fingerprint moved; the approved desired state did not).
 * 2. two pull requests planned from the same main and merged in turn: both apply (the second
 *    merge holds the first one's change too, already live; only its own API is applied).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import type { Probot } from 'probot';
import {
  API,
  BASE,
  HEAD,
  MERGE,
  PR,
  REPO,
  SEALER,
  deliver,
  installation,
  makeProbot,
  official,
  permission,
  pull,
  review,
  serveState,
  useNock,
} from '../../unit/github/app-harness.js';
import { copyBaseState, copyState, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator;
useNock();
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.stop();
});

const IN_PROCESS = 'executor: in-process\n';
const clients = (region: string) =>
  createAwsClients({
    region,
    endpoint: emu.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    limiter: new RateLimiter({ scale: 20 }),
  });
const services = () => createEngineServices({ clients, directDeploy: true });
const at = (pr: number) => ({ owner: 'Codertocat', repo: 'Hello-World', issue_number: pr });

const S0 = copyBaseState();
const EMPTY = mkdtempSync(join(tmpdir(), 'apigw-sync-empty-'));
/** S0 with one line changed in one file. */
function variant(file: string, from: string, to: string): string {
  const dir = copyState(S0);
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
  return dir;
}

/** Plans pull request `pr` (GitHub's pull_request.opened example, made #pr at head → base). */
async function planPr(
  probot: Probot,
  o: { pr: number; head: string; base: string; headDir: string; baseDir: string; first?: boolean },
): Promise<string> {
  let comment = '';
  const gh = installation(nock(API), { config: IN_PROCESS, first: o.first })
    .get(`${REPO}/pulls/${o.pr}/files`)
    .query(true)
    .reply(200, [{ filename: 'gateway-state/apis/shop/api.yaml' }])
    .post(`${REPO}/check-runs`)
    .reply(201, { id: 70 + o.pr });
  serveState(gh, { sha: o.head, dir: o.headDir });
  serveState(gh, { sha: o.base, dir: o.baseDir });
  gh.get(`${REPO}/issues/${o.pr}/comments`)
    .query(true)
    .reply(200, [])
    .get(`${REPO}/pulls/${o.pr}/reviews`)
    .query(true)
    .reply(200, [])
    .post(`${REPO}/issues/${o.pr}/comments`, (b) => ((comment = b.body), true))
    .reply(201, { id: 900 + o.pr })
    .patch(`${REPO}/check-runs/${70 + o.pr}`, (b) => b.conclusion === 'success')
    .reply(200, {})
    .post(`${REPO}/statuses/${o.head}`, {
      state: 'pending',
      context: 'apigw-sync/approval',
      description: `0 of 1 approvals for ${o.head.slice(0, 7)}`,
    })
    .reply(201, {});
  const payload = official('pull_request', 'opened');
  payload.number = payload.pull_request.number = o.pr;
  payload.pull_request.head.sha = o.head;
  payload.pull_request.base.sha = o.base;
  await deliver(probot, 'pull_request', payload);
  gh.done();
  return comment;
}

/** The merge of pull request `pr` (approved at `head` by alice, a writer) as a push from `before` to `after`. */
async function mergePr(
  probot: Probot,
  o: { pr: number; head: string; headDir: string; before: string; after: string; afterDir: string; comment: string },
) {
  const bodies: { statuses: string[]; comment?: string } = { statuses: [] };
  const gh = installation(nock(API), { config: IN_PROCESS, first: false })
    .get(`${REPO}/compare/${o.before}...${o.after}`)
    .query(true)
    .reply(200, { status: 'ahead', files: [{ filename: 'gateway-state/apis/shop/api.yaml' }] })
    .get(`${REPO}/commits/${o.after}/pulls`)
    .reply(200, [
      { number: o.pr, merged_at: '2026-11-23T09:30:00Z', merge_commit_sha: o.after, base: { ref: 'master' } },
    ])
    .get(`${REPO}/pulls/${o.pr}`)
    .reply(200, pull({ number: o.pr, head: o.head, state: 'closed', merged: true }))
    .get(`${REPO}/pulls/${o.pr}/reviews`)
    .query(true)
    .reply(200, [review('alice', 'APPROVED', o.head)]);
  permission(gh, 'alice', 'write');
  serveState(gh, { sha: o.head, dir: o.headDir });
  gh.get(`${REPO}/issues/${o.pr}/comments`)
    .query(true)
    .twice()
    .reply(200, [{ id: 900 + o.pr, body: o.comment, user: { login: 'apigw-sync[bot]', type: 'Bot' } }])
    .post(`${REPO}/check-runs`)
    .reply(201, { id: 80 + o.pr })
    .post(`${REPO}/deployments`)
    .reply(201, { id: 600 + o.pr });
  nock(API)
    .persist()
    .post(
      `${REPO}/deployments/${600 + o.pr}/statuses`,
      (b) => (bodies.statuses.push(`${b.state}: ${b.description}`), true),
    )
    .reply(201, {});
  serveState(gh, { sha: o.after, dir: o.afterDir });
  gh.patch(`${REPO}/check-runs/${80 + o.pr}`, (b) => b.conclusion === 'success')
    .reply(200, {})
    .patch(`${REPO}/issues/comments/${900 + o.pr}`, (b) => ((bodies.comment = b.body), true))
    .reply(200, {})
    .get(`${REPO}/issues`)
    .query(true)
    .reply(200, []);
  const payload = official('push', undefined, (x) => x.ref === 'refs/heads/master');
  Object.assign(payload, { before: o.before, after: o.after, created: false });
  await deliver(probot, 'push', payload);
  gh.done();
  nock.cleanAll();
  return bodies;
}

async function freshPlanIsEmpty(dir: string): Promise<boolean> {
  const r = await runPlan({ dir, clients });
  if (r.status !== 'ok') throw new Error(r.issuesText);
  return !r.hasChanges;
}

describe('App end to end with the real engine and the local AWS endpoint', () => {
  it('plan → approval by a writer → /apigw-sync apply → merge: success, "no changes", no second apply', async () => {
    const probot = await makeProbot({ services });
    // 1. The pull request adds the example state to an empty account.
    let comment = await planPr(probot, { pr: PR, head: HEAD, base: BASE, headDir: S0, baseDir: EMPTY });
    const planned = SEALER.open(comment, at(PR))!;
    expect(planned).toMatchObject({ status: 'planned', headSha: HEAD });
    expect(comment).toContain('#### 🟢 shop · REST API');

    // 2. alice (write access) approves; GitHub's reviews API is what counts.
    const gh = installation(nock(API), { config: IN_PROCESS, first: false })
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [{ id: 900 + PR, body: comment, user: { login: 'apigw-sync[bot]', type: 'Bot' } }])
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [review('alice', 'APPROVED', HEAD)]);
    permission(gh, 'alice', 'write')
      .patch(`${REPO}/issues/comments/${900 + PR}`, (b) => ((comment = b.body), true))
      .reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`, {
        state: 'success',
        context: 'apigw-sync/approval',
        description: `1 of 1 approvals for ${HEAD.slice(0, 7)}`,
      })
      .reply(201, {});
    const approval = official('pull_request_review', 'submitted');
    approval.review.state = 'approved';
    await deliver(probot, 'pull_request_review', approval);
    gh.done();
    expect(comment).toContain('**1 of 1**: `alice`');

    // 3. `/apigw-sync apply` before merge applies the approved state to AWS.
    const cmd = official('issue_comment', 'created');
    cmd.issue.number = PR;
    cmd.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/${PR}` };
    cmd.comment.body = '/apigw-sync apply';
    let reply = '';
    const statuses: string[] = [];
    const gh2 = installation(nock(API), { config: IN_PROCESS, first: false });
    permission(gh2, 'Codertocat', 'admin')
      .post(`${REPO}/issues/comments/${cmd.comment.id}/reactions`, { content: '+1' })
      .reply(201, {})
      .get(`${REPO}/pulls/${PR}`)
      .twice()
      .reply(200, pull())
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [review('alice', 'APPROVED', HEAD)]);
    permission(gh2, 'alice', 'write');
    serveState(gh2, { sha: HEAD, dir: S0 });
    gh2
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .twice()
      .reply(200, [{ id: 900 + PR, body: comment, user: { login: 'apigw-sync[bot]', type: 'Bot' } }])
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 90 })
      .post(`${REPO}/deployments`)
      .reply(201, { id: 700 });
    nock(API)
      .persist()
      .post(`${REPO}/deployments/700/statuses`, (b) => (statuses.push(`${b.state}: ${b.description}`), true))
      .reply(201, {});
    serveState(gh2, { sha: HEAD, dir: S0 });
    gh2
      .patch(`${REPO}/check-runs/90`, (b) => b.conclusion === 'success')
      .reply(200, {})
      .patch(`${REPO}/issues/comments/${900 + PR}`, (b) => ((comment = b.body), true))
      .reply(200, {})
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', cmd);
    gh2.done();
    nock.cleanAll();
    expect(reply).toBe(
      `\`Codertocat\`: apply of desired state \`${planned.desired!.fingerprint.slice(0, 12)}\` finished.`,
    );
    expect(statuses.at(-1)).toBe('success: applied');
    expect(SEALER.open(comment, at(PR))?.status).toBe('applied');
    expect(await freshPlanIsEmpty(S0)).toBe(true);

    // 4. The merge: AWS already holds it. Success, "no changes", not one write.
    const since = Date.now();
    const merged = await mergePr(probot, {
      pr: PR,
      head: HEAD,
      headDir: S0,
      before: BASE,
      after: MERGE,
      afterDir: S0,
      comment,
    });
    expect(merged.statuses).toEqual(['in_progress: applying', 'success: no changes: AWS already matches this commit']);
    expect(writesSince(emu, since)).toEqual([]);
    expect(merged.comment).toContain('Nothing left to apply: AWS already matches this commit');
  });

  it('two pull requests planned from the same main, merged in turn: both apply', async () => {
    const probot = await makeProbot({ services });
    const shopV2 = variant('apis/shop/api.yaml', 'backendVersion: v1', 'backendVersion: v2');
    const eventsFaster = variant('apis/events/api.yaml', 'rateLimit: 500', 'rateLimit: 600');
    const both = variant('apis/shop/api.yaml', 'backendVersion: v1', 'backendVersion: v2');
    writeFileSync(join(both, 'apis/events/api.yaml'), readFileSync(join(eventsFaster, 'apis/events/api.yaml')));
    const [H3, H4, M3, M4] = ['3', '4', '5', '6'].map((c) => c.repeat(40));

    // Both planned against the same main (MERGE, applied above) and the same live state.
    const c3 = await planPr(probot, { pr: 3, head: H3, base: MERGE, headDir: shopV2, baseDir: S0 });
    const c4 = await planPr(probot, { pr: 4, head: H4, base: MERGE, headDir: eventsFaster, baseDir: S0, first: false });
    expect(SEALER.open(c3, at(3))?.summary?.change).toBeGreaterThan(0);
    expect(SEALER.open(c4, at(4))?.summary?.change).toBeGreaterThan(0);

    const first = await mergePr(probot, {
      pr: 3,
      head: H3,
      headDir: shopV2,
      before: MERGE,
      after: M3,
      afterDir: shopV2,
      comment: c3,
    });
    expect(first.statuses.at(-1)).toBe('success: applied');
    expect(await freshPlanIsEmpty(shopV2)).toBe(true);

    // The second merge holds #3's change too: #4's head never had it, yet it is live already.
    const second = await mergePr(probot, {
      pr: 4,
      head: H4,
      headDir: eventsFaster,
      before: M3,
      after: M4,
      afterDir: both,
      comment: c4,
    });
    expect(second.statuses.at(-1)).toBe('success: applied');
    expect(SEALER.open(second.comment!, at(4))?.status).toBe('applied');
    expect(await freshPlanIsEmpty(both)).toBe(true);
  });
});
