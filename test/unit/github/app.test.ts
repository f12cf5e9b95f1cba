/**
 * The App through `probot.receive` with real webhook payloads; every GitHub call is
 * declared with nock (an undeclared one fails the test) and its body checked.
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER, encodeCommentData, parseCommentData } from '../../../src/render/comment-data.js';
import { renderPlanComment } from '../../../src/render/comment.js';
import { expectGolden } from '../../helpers/golden.js';
import { API, BASE, HEAD, HEAD2, MERGE, REPO, STATE_DIR, installation, makeProbot, receive, serveState } from './app-harness.js';
import { fixtureCommentInput, fixturePlan } from './comment-fixture.js';
import { fakeServices } from './fake-services.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const FP = fixturePlan().fingerprint;
const stateFiles = [{ filename: 'gateway-state/apis/shop/api.yaml', status: 'modified' }, { filename: 'README.md', status: 'modified' }];

/** The sticky comment as it stands after a plan of HEAD, with the given approvals. */
function stickyFor(headSha: string, approvals: { login: string; fingerprint: string; headSha?: string; at: string }[]) {
  return renderPlanComment(fixtureCommentInput({ headSha, approvals, requiredApprovals: 1 })).body;
}

describe('pull_request', () => {
  it('opened, touching gateway-state: check run, plan + base drift, one sticky comment (golden), approval status', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, unknown> = {};
    const gh = installation(nock(API))
      .get(`${REPO}/pulls/7/files`).query(true).reply(200, stateFiles)
      .post(`${REPO}/check-runs`, (b) => ((bodies.checkCreate = b), true)).reply(201, { id: 77 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 5, body: 'nice', user: { login: 'alice' } }])
      .post(`${REPO}/issues/7/comments`, (b) => ((bodies.comment = b.body), true)).reply(201, { id: 900 })
      .patch(`${REPO}/check-runs/77`, (b) => ((bodies.checkUpdate = b), true)).reply(200, { id: 77 })
      .post(`${REPO}/statuses/${HEAD}`, (b) => ((bodies.status = b), true)).reply(201, {});

    await receive(probot, 'pull_request', 'pull_request.opened.json');
    gh.done();
    expect(calls.plan).toEqual(['gateway-state']);
    expect(calls.drift).toEqual(['gateway-state']);
    expect(bodies.checkCreate).toEqual({ name: 'apigw-sync/plan', head_sha: HEAD, status: 'in_progress' });
    expect(bodies.checkUpdate).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: '7 to add, 12 to change, 4 to destroy; 2 APIs redeploy; 5 breaking changes', annotations: [] } });
    expect(bodies.status).toEqual({ state: 'pending', context: 'apigw-sync/approval', description: `0 of 1 approvals for plan ${FP.slice(0, 12)}` });
    const body = bodies.comment as string;
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    for (const s of ['hunter2-old', 'correct-horse-battery', 'console-typed-secret']) expect(body).not.toContain(s);
    expectGolden('github/app-pr-comment.md', body);
  });

  it('ignores a pull request that does not touch gateway-state (only the file list is read)', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API)).get(`${REPO}/pulls/7/files`).query(true).reply(200, [{ filename: 'docs/x.md', status: 'added' }]);
    await receive(probot, 'pull_request', 'pull_request.opened.json');
    gh.done();
    expect(calls.plan).toEqual([]);
  });

  it('invalid state: failing check run with annotations at file and line; comment lists the problems', async () => {
    const issues = [
      { severity: 'error' as const, code: 'unknown-key', message: 'unknown key "stagez"', hint: 'did you mean "stages"?', location: { file: 'gateway-state/apis/shop/api.yaml', line: 4, column: 1 } },
    ];
    const { services, calls } = fakeServices({ plan: () => ({ status: 'invalid', issues }) });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, unknown> = {};
    const gh = installation(nock(API), { config: 'path: gateway-state\nrequiredApprovals: 2\n' })
      .get(`${REPO}/pulls/7/files`).query(true).reply(200, stateFiles)
      .post(`${REPO}/check-runs`).reply(201, { id: 78 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [])
      .post(`${REPO}/issues/7/comments`, (b) => ((bodies.comment = b.body), true)).reply(201, { id: 901 })
      .patch(`${REPO}/check-runs/78`, (b) => ((bodies.check = b), true)).reply(200, {});
    await receive(probot, 'pull_request', 'pull_request.opened.json');
    gh.done();
    expect(calls.drift).toEqual([]);
    expect(bodies.check).toMatchObject({
      conclusion: 'failure',
      output: {
        title: 'gateway-state is invalid: 1 error',
        annotations: [{ path: 'gateway-state/apis/shop/api.yaml', start_line: 4, end_line: 4, annotation_level: 'failure', title: 'unknown-key', message: 'unknown key "stagez"\nfix: did you mean "stages"?' }],
      },
    });
    expect(parseCommentData(bodies.comment as string)?.status).toBe('invalid');
    expect(bodies.comment).toContain('`gateway-state/apis/shop/api.yaml:4:1`');
  });

  it('a plan too long for a comment: the comment is summarised under 65,536 characters, the full plan goes to the check run', async () => {
    const { buildPlan } = await import('../../../src/plan/build.js');
    const { api, gateway, route, snapshot, stage } = await import('../../helpers/model-builders.js');
    const apis = Array.from({ length: 60 }, (_, i) =>
      api(`api${i}`, 'HttpApi', { routes: Array.from({ length: 25 }, (_, r) => route('HttpApi', 'GET', `/svc-${i}/res-${r}/{id}`, {})), stages: { prod: stage('prod') } }),
    );
    const big = buildPlan({ desired: gateway(apis), live: snapshot([]), now: new Date('2026-11-23T09:00:00Z') });
    const { services } = fakeServices({ plan: () => ({ status: 'ok', plan: big, issues: [], hasChanges: true }) });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, { body?: string; output?: { text: string } }> = {};
    const gh = installation(nock(API)).get(`${REPO}/pulls/7/files`).query(true).reply(200, stateFiles).post(`${REPO}/check-runs`).reply(201, { id: 79 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [])
      .post(`${REPO}/issues/7/comments`, (b) => ((bodies.comment = b), true)).reply(201, { id: 902 })
      .patch(`${REPO}/check-runs/79`, (b) => ((bodies.check = b), true)).reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`).reply(201, {});
    await receive(probot, 'pull_request', 'pull_request.opened.json');
    gh.done();
    const comment = bodies.comment.body!;
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain('is in [the check run apigw-sync/plan](https://github.com/acme/gateway/runs/79)');
    expect(bodies.check.output!.text.length).toBeLessThanOrEqual(65_535);
    expect(bodies.check.output!.text).toContain('#### 🟢 api0 · HTTP API');
  });
});

describe('approval bound to the plan fingerprint', () => {
  it('an approving review is recorded against the fingerprint shown; the approval status turns green', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let patched = '';
    let status: unknown;
    const gh = installation(nock(API))
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: stickyFor(HEAD, []) }])
      .patch(`${REPO}/issues/comments/900`, (b) => ((patched = b.body), true)).reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`, (b) => ((status = b), true)).reply(201, {});
    await receive(probot, 'pull_request_review', 'pull_request_review.submitted.json');
    gh.done();
    expect(parseCommentData(patched)?.approvals).toEqual([{ login: 'alice', fingerprint: FP, headSha: HEAD, at: '2026-11-23T09:10:00Z' }]);
    expect(patched).toContain('**1 of 1**: `alice`');
    // Only the approval part changed: the plan shown is exactly what was reviewed.
    expect(patched.slice(0, patched.indexOf('### Approval and apply'))).toBe(stickyFor(HEAD, []).slice(0, patched.indexOf('### Approval and apply')));
    expect(status).toEqual({ state: 'success', context: 'apigw-sync/approval', description: `1 of 1 approvals for plan ${FP.slice(0, 12)}` });
  });

  it('a new push makes the approval stale (new plan, new commit), and a late review of the old commit is not recorded', async () => {
    const { buildPlan } = await import('../../../src/plan/build.js');
    const { fixtureDesired, fixtureLive } = await import('../render/plan-fixture.js');
    const desired = fixtureDesired();
    desired.apis.shop.stages.prod.variables.backendVersion = 'v3';
    const plan2 = buildPlan({ desired, live: fixtureLive(), now: new Date('2026-11-23T09:00:00Z') });
    const { services } = fakeServices({ plan: () => ({ status: 'ok', plan: plan2, issues: [], hasChanges: true }) });
    const probot = await makeProbot({ services: () => services });
    const approved = stickyFor(HEAD, [{ login: 'alice', fingerprint: FP, headSha: HEAD, at: '2026-11-23T09:10:00Z' }]);
    let comment = '';
    let status: unknown;
    const gh = installation(nock(API)).get(`${REPO}/pulls/7/files`).query(true).reply(200, stateFiles).post(`${REPO}/check-runs`).reply(201, { id: 80 });
    serveState(gh, { sha: HEAD2, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: approved }])
      .patch(`${REPO}/issues/comments/900`, (b) => ((comment = b.body), true)).reply(200, {})
      .patch(`${REPO}/check-runs/80`).reply(200, {})
      .post(`${REPO}/statuses/${HEAD2}`, (b) => ((status = b), true)).reply(201, {});
    await receive(probot, 'pull_request', 'pull_request.synchronize.json');
    gh.done();
    expect(plan2.fingerprint).not.toBe(FP);
    expect(comment).toContain('**0 of 1**');
    expect(comment).toContain(`Stale (given for an earlier plan, no longer count): \`alice\` on \`${FP.slice(0, 12)}\``);
    expect(status).toMatchObject({ state: 'pending', description: `0 of 1 approvals for plan ${plan2.fingerprint.slice(0, 12)}` });

    // alice's review was submitted on HEAD; the comment now shows HEAD2's plan: not recorded.
    const gh2 = installation(nock(API), { token: false }).get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: comment }]);
    await receive(probot, 'pull_request_review', 'pull_request_review.submitted.json');
    gh2.done();
  });

  it('the same plan after a push still needs a new approval (bound to the commit too)', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const approved = stickyFor(HEAD, [{ login: 'alice', fingerprint: FP, headSha: HEAD, at: 't' }]);
    let comment = '';
    const gh = installation(nock(API)).get(`${REPO}/pulls/7/files`).query(true).reply(200, stateFiles).post(`${REPO}/check-runs`).reply(201, { id: 81 });
    serveState(gh, { sha: HEAD2, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: approved }])
      .patch(`${REPO}/issues/comments/900`, (b) => ((comment = b.body), true)).reply(200, {})
      .patch(`${REPO}/check-runs/81`).reply(200, {})
      .post(`${REPO}/statuses/${HEAD2}`, { state: 'pending', context: 'apigw-sync/approval', description: `0 of 1 approvals for plan ${FP.slice(0, 12)}` }).reply(201, {});
    await receive(probot, 'pull_request', 'pull_request.synchronize.json');
    gh.done();
    expect(comment).toContain('**0 of 1**');
  });
});

describe('issue_comment commands', () => {
  it('refuses a user with read access: confused reaction and a reply, nothing else', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const gh = installation(nock(API))
      .get(`${REPO}/collaborators/reader-rick/permission`).reply(200, { permission: 'read', role_name: 'read', user: { login: 'reader-rick' } })
      .post(`${REPO}/issues/comments/3300000002/reactions`, { content: 'confused' }).reply(201, {})
      .post(`${REPO}/issues/7/comments`, (b) => ((reply = b.body), true)).reply(201, {});
    await receive(probot, 'issue_comment', 'issue_comment.created.apply-readonly.json');
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toBe('`reader-rick` has `read` access: `/apigw-sync apply` needs write access to this repository. Nothing was done.');
  });

  it('/apigw-sync apply by a writer with the plan approved: applies that fingerprint, updates the comment, replies', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const approved = stickyFor(HEAD, [{ login: 'alice', fingerprint: FP, headSha: HEAD, at: 't' }]);
    let comment = '';
    let reply = '';
    const gh = installation(nock(API))
      .get(`${REPO}/collaborators/alice/permission`).reply(200, { permission: 'write', role_name: 'write' })
      .post(`${REPO}/issues/comments/3300000004/reactions`, { content: '+1' }).reply(201, {})
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: HEAD }, base: { sha: BASE } })
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: approved }]);
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    gh.patch(`${REPO}/issues/comments/900`, (b) => ((comment = b.body), true)).reply(200, {})
      .post(`${REPO}/issues/7/comments`, (b) => ((reply = b.body), true)).reply(201, {});
    await receive(probot, 'issue_comment', 'issue_comment.created.apply.json');
    gh.done();
    expect(calls.apply.map((a) => a.fingerprint)).toEqual([FP]);
    expect(comment).toContain('## apigw-sync · ✅ Applied');
    expect(comment).toContain('| ✅ success | shop | `prod` | canary promoted |');
    expect(reply).toBe(`\`alice\`: apply of plan \`${FP.slice(0, 12)}\` finished.`);
  });

  it('/apigw-sync apply without enough approvals applies nothing', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const gh = installation(nock(API))
      .get(`${REPO}/collaborators/alice/permission`).reply(200, { permission: 'admin', role_name: 'admin' })
      .post(`${REPO}/issues/comments/3300000004/reactions`).reply(201, {})
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: HEAD }, base: { sha: BASE } })
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: stickyFor(HEAD, [{ login: 'bob', fingerprint: 'f'.repeat(64), at: 't' }]) }])
      .post(`${REPO}/issues/7/comments`, (b) => ((reply = b.body), true)).reply(201, {});
    await receive(probot, 'issue_comment', 'issue_comment.created.apply.json');
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toBe(`\`alice\`: plan \`${FP.slice(0, 12)}\` has 0 of 1 required approvals. Nothing was applied.`);
  });

  it('/apigw-sync unlock <api> by a maintainer', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API))
      .get(`${REPO}/collaborators/alice/permission`).reply(200, { permission: 'write', role_name: 'maintain' })
      .post(`${REPO}/issues/comments/3300000003/reactions`, { content: '+1' }).reply(201, {})
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: HEAD }, base: { sha: BASE } })
      .post(`${REPO}/issues/7/comments`, { body: '`alice`: removed the apply lock from `shop-api` (`a1b2c3`).' }).reply(201, {});
    await receive(probot, 'issue_comment', 'issue_comment.created.unlock.json');
    gh.done();
    expect(calls.unlock).toEqual(['shop-api']);
  });

  it('/apigw-sync plan re-plans the pull request and replies', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API))
      .get(`${REPO}/collaborators/alice/permission`).reply(200, { permission: 'write', role_name: 'write' })
      .post(`${REPO}/issues/comments/3300000001/reactions`, { content: '+1' }).reply(201, {})
      .get(`${REPO}/pulls/7`).reply(200, { number: 7, head: { sha: HEAD }, base: { sha: BASE } })
      .post(`${REPO}/check-runs`).reply(201, { id: 82 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    serveState(gh, { sha: BASE, dir: STATE_DIR });
    gh.get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: stickyFor(HEAD, []) }])
      .patch(`${REPO}/check-runs/82`).reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`).reply(201, {})
      .post(`${REPO}/issues/7/comments`, { body: `\`alice\`: planned again for \`${HEAD.slice(0, 7)}\` — plan \`${FP.slice(0, 12)}\`; the comment above is up to date.` }).reply(201, {});
    await receive(probot, 'issue_comment', 'issue_comment.created.plan.json');
    gh.done();
    expect(calls.plan).toHaveLength(1);
  });

  it('ignores ordinary comments (no GitHub call at all)', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    await receive(probot, 'issue_comment', 'issue_comment.created.plan.json', (p) => ((p.comment as { body: string }).body = 'looks good to me'));
  });
});

describe('push to the default branch', () => {
  function pushScope(): nock.Scope {
    const gh = installation(nock(API));
    serveState(gh, { sha: MERGE, dir: STATE_DIR });
    gh.get(`${REPO}/commits/${MERGE}/pulls`).reply(200, [{ number: 7, merged_at: '2026-11-23T09:30:00Z' }])
      .get(`${REPO}/issues/7/comments`).query(true).reply(200, [{ id: 900, body: stickyFor(HEAD, [{ login: 'alice', fingerprint: FP, headSha: HEAD, at: 't' }]) }]);
    return gh;
  }

  it('applies the reviewed fingerprint as one Deployment per API and stage with statuses; the PR comment shows progress', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const deployments: unknown[] = [];
    const statuses: { id: number; state: string; description: string }[] = [];
    let comment = '';
    const gh = pushScope()
      .post(`${REPO}/deployments`, (b) => (deployments.push(b), true)).reply(201, { id: 501 })
      .post(`${REPO}/deployments/501/statuses`, (b) => (statuses.push({ id: 501, ...b }), true)).twice().reply(201, {})
      .post(`${REPO}/deployments`, (b) => (deployments.push(b), true)).reply(201, { id: 502 })
      .post(`${REPO}/deployments/502/statuses`, (b) => (statuses.push({ id: 502, ...b }), true)).twice().reply(201, {})
      .patch(`${REPO}/issues/comments/900`, (b) => ((comment = b.body), true)).reply(200, {});
    await receive(probot, 'push', 'push.main.json');
    gh.done();
    expect(calls.apply.map((a) => a.fingerprint)).toEqual([FP]);
    expect(deployments).toEqual([
      { ref: MERGE, environment: 'events/prod', task: 'deploy', auto_merge: false, required_contexts: [], description: `apigw-sync apply of ${MERGE.slice(0, 7)}`, production_environment: true },
      { ref: MERGE, environment: 'shop/prod', task: 'deploy', auto_merge: false, required_contexts: [], description: `apigw-sync apply of ${MERGE.slice(0, 7)}`, production_environment: true },
    ]);
    expect(statuses).toEqual([
      { id: 501, state: 'in_progress', description: 'deploying' },
      { id: 501, state: 'success', description: 'serving d-2' },
      { id: 502, state: 'in_progress', description: 'canary at 25%' },
      { id: 502, state: 'success', description: 'canary promoted' },
    ]);
    expect(comment).toContain('## apigw-sync · ✅ Applied');
    expect(parseCommentData(comment)?.status).toBe('applied');
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
          failures: [{ apiKey: 'shop', message: 'the rollout of shop-api/prod was rolled back: alarm shop-api-5xx fired' }],
          rolledBack: ['shop'],
        };
      },
    });
    const probot = await makeProbot({ services: () => services });
    let tree: unknown;
    let pull: { title: string; head: string; base: string; body: string } | undefined;
    let comment = '';
    const gh = pushScope()
      .post(`${REPO}/deployments`).reply(201, { id: 601 })
      .post(`${REPO}/deployments/601/statuses`, { state: 'in_progress', description: 'canary at 5%' }).reply(201, {})
      .post(`${REPO}/deployments/601/statuses`, { state: 'failure', description: 'alarm shop-api-5xx fired' }).reply(201, {})
      .patch(`${REPO}/issues/comments/900`, (b) => ((comment = b.body), true)).reply(200, {})
      .get(`${REPO}/git/commits/${BASE}`).reply(200, { sha: BASE, tree: { sha: 'tree-before' } })
      .get(`${REPO}/git/trees/tree-before`).query({ recursive: 'true' }).reply(200, { tree: [{ path: 'gateway-state', type: 'tree', mode: '040000', sha: 'state-before' }] })
      .get(`${REPO}/git/commits/${MERGE}`).reply(200, { sha: MERGE, tree: { sha: 'tree-after' } })
      .post(`${REPO}/git/trees`, (b) => ((tree = b), true)).reply(201, { sha: 'tree-revert' })
      .post(`${REPO}/git/commits`, (b) => b.tree === 'tree-revert' && b.parents[0] === MERGE).reply(201, { sha: 'c-revert' })
      .post(`${REPO}/git/refs`, { ref: `refs/heads/apigw-sync/revert-${MERGE.slice(0, 7)}`, sha: 'c-revert' }).reply(201, {})
      .post(`${REPO}/pulls`, (b) => ((pull = b), true)).reply(201, { number: 8 });
    await receive(probot, 'push', 'push.main.json');
    gh.done();
    expect(tree).toEqual({ base_tree: 'tree-after', tree: [{ path: 'gateway-state', mode: '040000', type: 'tree', sha: 'state-before' }] });
    expect(pull).toMatchObject({ head: `apigw-sync/revert-${MERGE.slice(0, 7)}`, base: 'main', title: `Revert gateway-state: rollout of ${MERGE.slice(0, 7)} was rolled back` });
    expect(pull!.body).toContain('alarm shop-api-5xx fired');
    expect(comment).toContain('## apigw-sync · ↩️ Rolled back');
  });

  it('when the revert pull request cannot be made, opens an issue instead', async () => {
    const { services } = fakeServices({
      apply: () => ({ status: 'failed', plan: fixturePlan(), issues: [], progress: [], failures: [{ apiKey: 'shop', message: 'rolled back' }], rolledBack: ['shop'] }),
    });
    const probot = await makeProbot({ services: () => services });
    let issue: { title: string; labels: string[] } | undefined;
    const gh = pushScope()
      .patch(`${REPO}/issues/comments/900`).reply(200, {})
      .get(`${REPO}/git/commits/${BASE}`).reply(404, { message: 'Not Found' })
      .post(`${REPO}/issues`, (b) => ((issue = b), true)).reply(201, { number: 13 });
    await receive(probot, 'push', 'push.main.json');
    gh.done();
    expect(issue).toMatchObject({ title: `Rollout of ${MERGE.slice(0, 7)} was rolled back: Git no longer matches production`, labels: ['apigw-sync:rollback'] });
  });

  it('ignores pushes to other branches and pushes that do not touch gateway-state', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API));
    await receive(probot, 'push', 'push.main.json', (p) => (p.ref = 'refs/heads/feature'));
    await receive(probot, 'push', 'push.main.json', (p) => {
      for (const c of p.commits as { added: string[]; modified: string[] }[]) Object.assign(c, { added: ['README.md'], modified: [] });
    });
    gh.done();
    expect(calls.apply).toEqual([]);
  });
});

describe('sticky comment data', () => {
  it('is stable: the comment the App writes parses back to the same plan data', () => {
    const body = stickyFor(HEAD, []);
    expect(parseCommentData(body)).toMatchObject({ fingerprint: FP, headSha: HEAD, status: 'planned' });
    expect(encodeCommentData(parseCommentData(body)!)).toBe(body.match(/<!-- apigw-sync:data [^ ]+ -->/)![0]);
  });
});
