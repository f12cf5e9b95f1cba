/**
 * The merge's apply, through `probot.receive` with GitHub's example push payload (refs/heads/
 * master; made a push from BASE to MERGE — the example creates the branch). Its `commits`
 * list only README.md: the paths that decide come from the compare API.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../../src/github/ports.js';
import { LockedError } from '../../../src/model/errors.js';
import { parseCommentData } from '../../../src/render/comment-data.js';
import {
  API,
  BASE,
  BOT,
  HEAD,
  MERGE,
  PR,
  REPO,
  STATE_DIR,
  botComment,
  deliver,
  installation,
  makeProbot,
  official,
  permission,
  planComment,
  pull,
  review,
  serveState,
  useNock,
} from './app-harness.js';
import { fixtureDesiredDigest, fixturePlan } from './comment-fixture.js';
import { fakeServices } from './fake-services.js';
import { expectGolden } from '../../helpers/golden.js';

useNock();

const DIGEST = fixtureDesiredDigest();
const IN_PROCESS = 'executor: in-process\n';
const STATE_FILES = [{ filename: 'gateway-state/apis/shop/api.yaml', status: 'modified' }];
const LABEL = 'apigw-sync:apply-failed';

function mergePush() {
  const p = official('push', undefined, (x) => x.ref === 'refs/heads/master');
  Object.assign(p, { before: BASE, after: MERGE, created: false });
  return p;
}

/** compare BASE...MERGE, and the merged pull request #2 of MERGE. */
function merged(gh: nock.Scope, files = STATE_FILES): nock.Scope {
  return gh
    .get(`${REPO}/compare/${BASE}...${MERGE}`)
    .query(true)
    .reply(200, { status: 'ahead', files })
    .get(`${REPO}/commits/${MERGE}/pulls`)
    .reply(200, [{ number: PR, merged_at: '2026-11-23T09:30:00Z', merge_commit_sha: MERGE, base: { ref: 'master' } }]);
}

/** The review gate after merge: the merged pull request, an approval of its head by a writer, its state, our comment. */
function approved(gh: nock.Scope, comment = planComment(HEAD)): nock.Scope {
  gh.get(`${REPO}/pulls/${PR}`)
    .reply(200, pull({ state: 'closed', merged: true }))
    .get(`${REPO}/pulls/${PR}/reviews`)
    .query(true)
    .reply(200, [review('alice', 'APPROVED', HEAD)]);
  permission(gh, 'alice', 'write');
  serveState(gh, { sha: HEAD, dir: STATE_DIR });
  return gh
    .get(`${REPO}/issues/${PR}/comments`)
    .query(true)
    .reply(200, [botComment(900, comment)]);
}

/** The apply record's calls; statuses and bodies collected. */
function record(gh: nock.Scope, bodies: Record<string, any>, o: { id?: number; statuses?: number } = {}): nock.Scope {
  const id = o.id ?? 501;
  bodies.statuses ??= [];
  return gh
    .post(`${REPO}/check-runs`, (b) => ((bodies.check = b), true))
    .reply(201, { id: 91 })
    .post(`${REPO}/deployments`, (b) => ((bodies.deployment = b), true))
    .reply(201, { id })
    .post(`${REPO}/deployments/${id}/statuses`, (b) => (bodies.statuses.push(`${b.state}: ${b.description}`), true))
    .times(o.statuses ?? 2)
    .reply(201, {})
    .patch(`${REPO}/check-runs/91`, (b) => ((bodies.checkDone = b), true))
    .reply(200, {});
}

/** The whole in-process merge apply of an approved #2 that ends well (no failure issue open). */
async function mergedAndApplied(
  probot: Awaited<ReturnType<typeof makeProbot>>,
  bodies: Record<string, any>,
  statuses = 2,
): Promise<void> {
  const gh = approved(merged(installation(nock(API), { config: IN_PROCESS })));
  record(gh, bodies, { statuses });
  serveState(gh, { sha: MERGE, dir: STATE_DIR });
  gh.get(`${REPO}/issues/${PR}/comments`)
    .query(true)
    .reply(200, [botComment(900, planComment(HEAD))])
    .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
    .reply(200, {});
  failureIssues(gh);
  await deliver(probot, 'push', mergePush());
  gh.done();
}

const failureIssues = (gh: nock.Scope, open: unknown[] = []) =>
  gh.get(`${REPO}/issues`).query({ labels: LABEL, state: 'open', per_page: '100' }).reply(200, open);

describe('push to the default branch (in-process executor)', () => {
  it('hole 8 + hole 4: applies the approved desired state (whole digest, checked API by API), found from the compare API although the payload lists only README.md', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    expect(
      mergePush().commits.flatMap((c: { added: string[]; modified: string[] }) => [...c.added, ...c.modified]),
    ).toEqual(['README.md']);
    await mergedAndApplied(probot, bodies, 6);
    expect(calls.apply.map((a) => a.approvedDesired)).toEqual([DIGEST]);
    expect(bodies.deployment).toMatchObject({
      ref: MERGE,
      environment: 'gateway-state',
      payload: { kind: 'merge', pr: PR, sha: MERGE, before: BASE, checkRunId: 91 },
    });
    expect(bodies.statuses[0]).toBe('in_progress: applying');
    expect(bodies.statuses.at(-1)).toBe('success: applied');
    expect(bodies.checkDone).toMatchObject({ conclusion: 'success' });
    expect(parseCommentData(bodies.comment)?.status).toBe('applied');
  });

  it('hole 4: AWS moved since the review (another apply, a console edit): the approved desired state is applied anyway and the comment says what changed (golden)', async () => {
    const moved = { ...fixturePlan(), fingerprint: 'e'.repeat(64) };
    moved.summary = { ...moved.summary, add: 2, change: 3, destroy: 0 };
    const { services } = fakeServices({
      apply: () => ({
        status: 'applied',
        plan: moved,
        issues: [],
        progress: [{ apiKey: 'shop', stage: 'prod', state: 'success', detail: 'canary promoted' }],
        failures: [],
        rolledBack: [],
      }),
    });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    await mergedAndApplied(probot, bodies);
    expect(bodies.comment).toContain('### ℹ️ AWS changed since the review');
    expect(bodies.comment).toContain(
      `Plan ${fixturePlan().fingerprint.slice(0, 12)} was reviewed \\(reviewed: 7 to add, 12 to change, 4 to destroy\\)`,
    );
    expectGolden('github/app-comment-applied-aws-moved.md', bodies.comment);
  });

  it('a merge whose changes are already applied (`/apigw-sync apply` before merge) ends "no changes" with a success status', async () => {
    const { services, calls } = fakeServices({
      apply: () => ({
        status: 'no-changes',
        plan: fixturePlan(),
        issues: [],
        progress: [],
        failures: [],
        rolledBack: [],
      }),
    });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    await mergedAndApplied(probot, bodies);
    expect(calls.apply).toHaveLength(1);
    expect(bodies.statuses).toEqual(['in_progress: applying', 'success: no changes: AWS already matches this commit']);
    expect(bodies.comment).toContain('Nothing left to apply: AWS already matches this commit');
  });

  it('hole 8: a push that does not change gateway-state (compare API) is skipped whatever its payload says', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const payload = mergePush();
    payload.commits[0].modified = ['gateway-state/apis/shop/api.yaml'];
    const gh = installation(nock(API), { config: IN_PROCESS })
      .get(`${REPO}/compare/${BASE}...${MERGE}`)
      .query(true)
      .reply(200, { status: 'ahead', files: [{ filename: 'README.md' }] });
    await deliver(probot, 'push', payload);
    gh.done();
    expect(calls.apply).toEqual([]);
  });

  it('hole 8 + hole 5: a force-push that rewinds the branch (no commits) changed the state: with no reviewed pull request it is refused, visibly (deployment, check, issue)', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const payload = mergePush();
    Object.assign(payload, { forced: true, commits: [], head_commit: null });
    const gh = installation(nock(API), { config: IN_PROCESS })
      .get(`${REPO}/compare/${BASE}...${MERGE}`)
      .query(true)
      .reply(200, { status: 'behind', files: [] })
      .get(`${REPO}/compare/${MERGE}...${BASE}`)
      .query(true)
      .reply(200, { status: 'ahead', files: STATE_FILES })
      .get(`${REPO}/commits/${MERGE}/pulls`)
      .reply(200, []);
    record(gh, bodies, { statuses: 2 });
    failureIssues(gh)
      .post(`${REPO}/issues`, (b) => ((bodies.issue = b), true))
      .reply(201, { number: 31 });
    await deliver(probot, 'push', payload);
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(bodies.statuses[1]).toMatch(/^failure: refused: b1c2d3e was pushed to master without a merged pull request/);
    expect(bodies.checkDone).toMatchObject({ conclusion: 'failure' });
    expect(bodies.issue).toMatchObject({
      title: `apigw-sync: apply of ${MERGE.slice(0, 7)} failed (NO_REVIEWED_PULL_REQUEST)`,
      labels: [LABEL],
    });
  });

  it('a merged pull request whose head nobody qualified approved is refused: failure status with the reason, the comment says so, an issue', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = merged(installation(nock(API), { config: IN_PROCESS }))
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull({ state: 'closed', merged: true }))
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [review('mallory', 'APPROVED', HEAD)]);
    permission(gh, 'mallory', 'read');
    record(gh, bodies);
    gh.get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, planComment(HEAD))])
      .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
      .reply(200, {});
    failureIssues(gh)
      .post(`${REPO}/issues`, (b) => ((bodies.issue = b), true))
      .reply(201, { number: 32 });
    await deliver(probot, 'push', mergePush());
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(bodies.statuses[1]).toBe(`failure: refused: #${PR} has 0 of 1 required approvals of ${HEAD.slice(0, 7)}`);
    expect(bodies.comment).toContain('## apigw-sync · ❌ Apply failed');
    expect(bodies.comment).toContain('### ❌ Not applied');
    expect(bodies.issue.title).toBe(`apigw-sync: apply of ${MERGE.slice(0, 7)} failed (NOT_APPROVED)`);
  });

  it('hole 5: an apply that throws reaches GitHub: error status with the reason, failed check, the comment, one issue per cause (a second failure comments on it), closed by the next success', async () => {
    let fail = true;
    const { services } = fakeServices({
      apply: (): ApplyReport => {
        if (fail) throw new LockedError('shop-api', 'github:bob', '2026-11-23T10:00:00Z');
        return { status: 'applied', plan: fixturePlan(), issues: [], progress: [], failures: [], rolledBack: [] };
      },
    });
    const probot = await makeProbot({ services: () => services });
    const mine = { number: 40, user: { login: BOT }, body: '<!-- apigw-sync:apply-failure LOCKED -->\n...' };
    const stranger = { number: 41, user: { login: 'mallory' }, body: '<!-- apigw-sync:apply-failure LOCKED -->' };
    const run = async (first: boolean, issues: (gh: nock.Scope, bodies: Record<string, any>) => void) => {
      const bodies: Record<string, any> = {};
      const gh = approved(merged(installation(nock(API), { config: IN_PROCESS, first })));
      record(gh, bodies);
      serveState(gh, { sha: MERGE, dir: STATE_DIR });
      gh.get(`${REPO}/issues/${PR}/comments`)
        .query(true)
        .reply(200, [botComment(900, planComment(HEAD))])
        .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
        .reply(200, {});
      issues(gh, bodies);
      await deliver(probot, 'push', mergePush());
      gh.done();
      return bodies;
    };

    const first = await run(true, (gh, b) =>
      failureIssues(gh, [stranger])
        .post(`${REPO}/issues`, (x) => ((b.issue = x), true))
        .reply(201, { number: 40 }),
    );
    expect(first.statuses[1]).toBe('error: error: API "shop-api" is locked by github:bob until 2026-11-23T10:00:00Z');
    expect(first.checkDone).toMatchObject({
      conclusion: 'failure',
      output: { summary: expect.stringContaining('fix: wait for the other apply to finish') },
    });
    expect(first.comment).toContain('### 💥 The apply could not run');
    expect(first.issue).toMatchObject({
      title: `apigw-sync: apply of ${MERGE.slice(0, 7)} failed (LOCKED)`,
      labels: [LABEL],
    });
    expect(first.issue.body).toContain('<!-- apigw-sync:apply-failure LOCKED -->');

    const second = await run(false, (gh, b) =>
      failureIssues(gh, [mine, stranger])
        .post(`${REPO}/issues/40/comments`, (x) => ((b.again = x.body), true))
        .reply(201, {}),
    );
    expect(second.again).toContain('It happened again');

    fail = false;
    await run(false, (gh) =>
      failureIssues(gh, [mine, stranger])
        .post(`${REPO}/issues/40/comments`, (x) => x.body.startsWith('Resolved: the apply of `b1c2d3e` succeeded'))
        .reply(201, {})
        .patch(`${REPO}/issues/40`, { state: 'closed', state_reason: 'completed' })
        .reply(200, {}),
    );
  });

  it('after an automatic rollback: failure status, comment says rolled back, and a revert pull request is opened', async () => {
    const { services } = fakeServices({
      apply: (input) => {
        input.onProgress?.({ apiKey: 'shop', stage: 'prod', state: 'in_progress', detail: 'canary at 5%' });
        input.onProgress?.({ apiKey: 'shop', stage: 'prod', state: 'rolled_back', detail: 'alarm shop-api-5xx fired' });
        return {
          status: 'failed',
          plan: fixturePlan(),
          issues: [],
          progress: [{ apiKey: 'shop', stage: 'prod', state: 'rolled_back', detail: 'alarm shop-api-5xx fired' }],
          failures: [
            { apiKey: 'shop', message: 'the rollout of shop-api/prod was rolled back: alarm shop-api-5xx fired' },
          ],
          rolledBack: ['shop'],
        };
      },
    });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = approved(merged(installation(nock(API), { config: IN_PROCESS })));
    record(gh, bodies, { statuses: 4 });
    serveState(gh, { sha: MERGE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, planComment(HEAD))])
      .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
      .reply(200, {})
      .get(`${REPO}/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: 'tree-before' } })
      .get(`${REPO}/git/trees/tree-before`)
      .query({ recursive: 'true' })
      .reply(200, { tree: [{ path: 'gateway-state', type: 'tree', mode: '040000', sha: 'state-before' }] })
      .get(`${REPO}/git/commits/${MERGE}`)
      .reply(200, { sha: MERGE, tree: { sha: 'tree-after' } })
      .post(`${REPO}/git/trees`, (b) => ((bodies.tree = b), true))
      .reply(201, { sha: 'tree-revert' })
      .post(`${REPO}/git/commits`, (b) => b.tree === 'tree-revert' && b.parents[0] === MERGE)
      .reply(201, { sha: 'c-revert' })
      .post(`${REPO}/git/refs`, { ref: `refs/heads/apigw-sync/revert-${MERGE.slice(0, 7)}`, sha: 'c-revert' })
      .reply(201, {})
      .post(`${REPO}/pulls`, (b) => ((bodies.pull = b), true))
      .reply(201, { number: 8 });
    await deliver(probot, 'push', mergePush());
    gh.done();
    expect(bodies.statuses).toEqual([
      'in_progress: applying',
      'in_progress: shop/prod: canary at 5%',
      'in_progress: shop/prod: alarm shop-api-5xx fired',
      'failure: rolled back: shop: the rollout of shop-api/prod was rolled back: alarm shop-api-5xx fired',
    ]);
    expect(bodies.tree).toEqual({
      base_tree: 'tree-after',
      tree: [{ path: 'gateway-state', mode: '040000', type: 'tree', sha: 'state-before' }],
    });
    expect(bodies.pull).toMatchObject({
      head: `apigw-sync/revert-${MERGE.slice(0, 7)}`,
      base: 'master',
      title: `Revert gateway-state: rollout of ${MERGE.slice(0, 7)} was rolled back`,
    });
    expect(bodies.comment).toContain('## apigw-sync · ↩️ Rolled back');
  });

  it('ignores pushes to other branches (no GitHub call beyond config)', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API));
    const payload = mergePush();
    payload.ref = 'refs/heads/feature';
    await deliver(probot, 'push', payload);
    gh.done();
    expect(calls.apply).toEqual([]);
  });
});

describe('push to the default branch (actions executor, the default)', () => {
  it('dispatches the apply workflow with the pull request, the merged commit and the approved desired state; nothing runs in the App', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = approved(merged(installation(nock(API))))
      .post(`${REPO}/check-runs`, (b) => ((bodies.check = b), true))
      .reply(201, { id: 93 })
      .post(`${REPO}/deployments`)
      .reply(201, { id: 503 })
      .post(`${REPO}/deployments/503/statuses`, { state: 'queued', description: 'waiting for the apply workflow' })
      .reply(201, {})
      .post(`${REPO}/actions/workflows/gateway-apply.yml/dispatches`, (b) => ((bodies.dispatch = b), true))
      .reply(204);
    await deliver(probot, 'push', mergePush());
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(bodies.dispatch).toEqual({
      ref: 'master',
      inputs: {
        'pull-request': String(PR),
        sha: MERGE,
        'desired-fingerprint': DIGEST.fingerprint,
        'deployment-id': '503',
      },
    });
  });

  it('requiredApprovals: 0 and a direct push: the state as pushed is dispatched with its own desired fingerprint', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let dispatch: any;
    const gh = installation(nock(API), { config: 'requiredApprovals: 0\n' })
      .get(`${REPO}/compare/${BASE}...${MERGE}`)
      .query(true)
      .reply(200, { status: 'ahead', files: STATE_FILES })
      .get(`${REPO}/commits/${MERGE}/pulls`)
      .reply(200, []);
    serveState(gh, { sha: MERGE, dir: STATE_DIR });
    gh.post(`${REPO}/check-runs`)
      .reply(201, { id: 95 })
      .post(`${REPO}/deployments`)
      .reply(201, { id: 505 })
      .post(`${REPO}/deployments/505/statuses`)
      .reply(201, {})
      .post(`${REPO}/actions/workflows/gateway-apply.yml/dispatches`, (b) => ((dispatch = b), true))
      .reply(204);
    await deliver(probot, 'push', mergePush());
    gh.done();
    expect(calls.describe).toEqual(['gateway-state']);
    expect(dispatch.inputs).toEqual({
      'pull-request': '',
      sha: MERGE,
      'desired-fingerprint': DIGEST.fingerprint,
      'deployment-id': '505',
    });
  });

  it('a workflow that cannot be dispatched is an error on the deployment, the check, the comment and an issue', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = approved(merged(installation(nock(API))))
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 94 })
      .post(`${REPO}/deployments`)
      .reply(201, { id: 504 })
      .post(`${REPO}/deployments/504/statuses`, (b) => ((bodies.last = b), true))
      .twice()
      .reply(201, {})
      .post(`${REPO}/actions/workflows/gateway-apply.yml/dispatches`)
      .reply(404, { message: 'Not Found' })
      .patch(`${REPO}/check-runs/94`, (b) => ((bodies.check = b), true))
      .reply(200, {})
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, planComment(HEAD))])
      .patch(`${REPO}/issues/comments/900`)
      .reply(200, {});
    failureIssues(gh)
      .post(`${REPO}/issues`, (b) => ((bodies.issue = b), true))
      .reply(201, { number: 33 });
    await deliver(probot, 'push', mergePush());
    gh.done();
    expect(bodies.last.state).toBe('error');
    expect(bodies.last.description).toMatch(
      /^error: the apply workflow \.github\/workflows\/gateway-apply\.yml could not be started/,
    );
    expect(bodies.check.conclusion).toBe('failure');
    expect(bodies.issue.title).toContain('(DISPATCH_FAILED)');
  });
});
