/**
 * Planning pull requests, through `probot.receive` with GitHub's example payloads
 * (pull_request opened / synchronize / reopened, check_run rerequested); every GitHub call
 * declared with nock and its body checked.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, parseCommentData } from '../../../src/render/comment-data.js';
import { expectGolden } from '../../helpers/golden.js';
import {
  API,
  BASE,
  DEFAULT_BRANCH,
  HEAD,
  PR,
  REPO,
  SEALER,
  STATE_DIR,
  botComment,
  deliver,
  installation,
  makeProbot,
  official,
  planComment,
  review,
  serveState,
  useNock,
  userComment,
} from './app-harness.js';
import { fixtureDesiredDigest, fixturePlan } from './comment-fixture.js';
import { fakeServices } from './fake-services.js';

useNock();

const FP = fixturePlan().fingerprint;
const DESIRED = fixtureDesiredDigest().fingerprint;
const stateFiles = [
  { filename: 'gateway-state/apis/shop/api.yaml', status: 'modified' },
  { filename: 'README.md', status: 'modified' },
];
const at = { owner: 'Codertocat', repo: 'Hello-World', issue_number: PR };

/** The calls of one plan of the example pull request; `comments` is what GitHub lists. */
function planCalls(
  gh: nock.Scope,
  o: { comments: unknown[]; reviews?: unknown[]; checkId?: number; bodies: Record<string, any> },
): nock.Scope {
  const id = o.checkId ?? 77;
  gh.post(`${REPO}/check-runs`, (b) => ((o.bodies.checkCreate = b), true)).reply(201, { id });
  serveState(gh, { sha: HEAD, dir: STATE_DIR });
  serveState(gh, { sha: BASE, dir: STATE_DIR });
  gh.get(`${REPO}/issues/${PR}/comments`)
    .query(true)
    .reply(200, o.comments)
    .get(`${REPO}/pulls/${PR}/reviews`)
    .query(true)
    .reply(200, o.reviews ?? [])
    .patch(`${REPO}/check-runs/${id}`, (b) => ((o.bodies.checkUpdate = b), true))
    .reply(200, { id })
    .post(`${REPO}/statuses/${HEAD}`, (b) => ((o.bodies.status = b), true))
    .reply(201, {});
  return gh;
}

describe('pull_request', () => {
  for (const action of ['opened', 'synchronize', 'reopened']) {
    it(`${action}: check run, plan + base drift, one sealed sticky comment by our bot, approval status`, async () => {
      const { services, calls } = fakeServices();
      const probot = await makeProbot({ services: () => services });
      const bodies: Record<string, any> = {};
      const gh = installation(nock(API)).get(`${REPO}/pulls/${PR}/files`).query(true).reply(200, stateFiles);
      planCalls(gh, { comments: [userComment(5, 'nice', 'alice')], bodies });
      gh.post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.comment = b.body), true)).reply(201, { id: 900 });
      await deliver(probot, 'pull_request', official('pull_request', action));
      gh.done();
      expect(calls.plan).toEqual(['gateway-state']);
      expect(calls.drift).toEqual(['gateway-state']);
      expect(bodies.checkCreate).toEqual({ name: 'apigw-sync/plan', head_sha: HEAD, status: 'in_progress' });
      expect(bodies.checkUpdate).toMatchObject({
        status: 'completed',
        conclusion: 'success',
        output: {
          title:
            '7 to add, 12 to change, 4 to destroy; 2 APIs redeploy; 5 breaking changes; 1 security-relevant change',
          annotations: [],
        },
      });
      expect(bodies.status).toEqual({
        state: 'pending',
        context: 'apigw-sync/approval',
        description: `0 of 1 approvals for ${HEAD.slice(0, 7)}`,
      });
      const body = bodies.comment as string;
      expect(body.startsWith(COMMENT_MARKER)).toBe(true);
      // The data block is sealed for this pull request and carries the desired state an approval approves.
      expect(SEALER.open(body, at)).toMatchObject({
        fingerprint: FP,
        headSha: HEAD,
        desired: { fingerprint: DESIRED },
      });
      for (const s of ['hunter2-old', 'correct-horse-battery', 'console-typed-secret']) expect(body).not.toContain(s);
      if (action === 'opened') expectGolden('github/app-pr-comment.md', body);
    });
  }

  it('ignores a pull request that does not touch gateway-state (only the file list is read)', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API))
      .get(`${REPO}/pulls/${PR}/files`)
      .query(true)
      .reply(200, [{ filename: 'docs/x.md', status: 'added' }]);
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    expect(calls.plan).toEqual([]);
  });

  it('hole 8: a pull request that changes only .github/apigw-sync.yml is planned (region, path or approval rules change the plan)', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = installation(nock(API))
      .get(`${REPO}/pulls/${PR}/files`)
      .query(true)
      .reply(200, [{ filename: '.github/apigw-sync.yml', status: 'modified' }]);
    planCalls(gh, { comments: [], bodies });
    gh.post(`${REPO}/issues/${PR}/comments`).reply(201, { id: 900 });
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    expect(calls.plan).toEqual(['gateway-state']);
  });

  it('hole 2: a look-alike sticky comment posted by a user is not ours: a new comment is written, the fake left alone', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    // mallory posted a copy of the marker with a data block of her own.
    const fake = userComment(66, planComment(HEAD, { approvals: [{ login: 'mallory', headSha: HEAD, at: 'x' }] }));
    const gh = installation(nock(API)).get(`${REPO}/pulls/${PR}/files`).query(true).reply(200, stateFiles);
    planCalls(gh, { comments: [fake], bodies });
    gh.post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.comment = b.body), true)).reply(201, { id: 901 });
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    expect(parseCommentData(bodies.comment)?.approvals).toEqual([]);
    expect(bodies.status.description).toBe(`0 of 1 approvals for ${HEAD.slice(0, 7)}`);
  });

  it('updates our own sticky comment in place, with approvals counted from GitHub (a writer approved this commit)', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = installation(nock(API)).get(`${REPO}/pulls/${PR}/files`).query(true).reply(200, stateFiles);
    planCalls(gh, {
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('alice', 'APPROVED', HEAD)],
      bodies,
    });
    gh.get(`${REPO}/collaborators/alice/permission`)
      .reply(200, { permission: 'write', role_name: 'write' })
      .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
      .reply(200, {});
    await deliver(probot, 'pull_request', official('pull_request', 'synchronize'));
    gh.done();
    expect(bodies.comment).toContain('**1 of 1**: `alice`');
    expect(bodies.status).toEqual({
      state: 'success',
      context: 'apigw-sync/approval',
      description: `1 of 1 approvals for ${HEAD.slice(0, 7)}`,
    });
  });

  it('invalid state: failing check run with annotations at file and line; comment lists the problems', async () => {
    const issues = [
      {
        severity: 'error' as const,
        code: 'unknown-key',
        message: 'unknown key "stagez"',
        hint: 'did you mean "stages"?',
        location: { file: 'gateway-state/apis/shop/api.yaml', line: 4, column: 1 },
      },
    ];
    const { services, calls } = fakeServices({ plan: () => ({ status: 'invalid', issues }) });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = installation(nock(API), { config: 'path: gateway-state\nrequiredApprovals: 2\n' })
      .get(`${REPO}/pulls/${PR}/files`)
      .query(true)
      .reply(200, stateFiles)
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 78 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    gh.get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.comment = b.body), true))
      .reply(201, { id: 901 })
      .patch(`${REPO}/check-runs/78`, (b) => ((bodies.check = b), true))
      .reply(200, {});
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    expect(calls.drift).toEqual([]);
    expect(bodies.check).toMatchObject({
      conclusion: 'failure',
      output: {
        title: 'gateway-state is invalid: 1 error',
        annotations: [
          {
            path: 'gateway-state/apis/shop/api.yaml',
            start_line: 4,
            end_line: 4,
            annotation_level: 'failure',
            title: 'unknown-key',
            message: 'unknown key "stagez"\nfix: did you mean "stages"?',
          },
        ],
      },
    });
    expect(parseCommentData(bodies.comment)?.status).toBe('invalid');
    expect(bodies.comment).toContain('`gateway-state/apis/shop/api.yaml:4:1`');
  });

  it('a plan too long for a comment: the comment is summarised under 65,536 characters, the full plan goes to the check run', async () => {
    const { buildPlan } = await import('../../../src/plan/build.js');
    const { api, gateway, route, snapshot, stage } = await import('../../helpers/model-builders.js');
    const apis = Array.from({ length: 60 }, (_, i) =>
      api(`api${i}`, 'HttpApi', {
        routes: Array.from({ length: 25 }, (_, r) => route('HttpApi', 'GET', `/svc-${i}/res-${r}/{id}`, {})),
        stages: { prod: stage('prod') },
      }),
    );
    const big = buildPlan({ desired: gateway(apis), live: snapshot([]), now: new Date('2026-11-23T09:00:00Z') });
    const { services } = fakeServices({
      plan: () => ({ status: 'ok', plan: big, issues: [], hasChanges: true, desired: fixtureDesiredDigest() }),
    });
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = installation(nock(API)).get(`${REPO}/pulls/${PR}/files`).query(true).reply(200, stateFiles);
    planCalls(gh, { comments: [], bodies, checkId: 79 });
    gh.post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.comment = b.body), true)).reply(201, { id: 902 });
    await deliver(probot, 'pull_request', official('pull_request', 'opened'));
    gh.done();
    const comment = bodies.comment as string;
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain(
      'is in [the check run apigw-sync/plan](https://github.com/Codertocat/Hello-World/runs/79)',
    );
    expect(bodies.checkUpdate.output.text.length).toBeLessThanOrEqual(65_535);
    expect(bodies.checkUpdate.output.text).toContain('#### 🟢 api0 · HTTP API');
  });
});

describe('check_run.rerequested', () => {
  it("hole 8: the plan check's Re-run button plans the open pull request of that commit again", async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    // GitHub's example is a check of another app in github/hello-world: ours is named apigw-sync/plan, on the PR head.
    const payload = official('check_run', 'rerequested');
    payload.check_run.name = 'apigw-sync/plan';
    payload.check_run.head_sha = HEAD;
    const gh = installation(nock(API))
      .get(`${REPO}/commits/${HEAD}/pulls`)
      .reply(200, [{ number: PR, state: 'open', head: { sha: HEAD }, base: { sha: BASE, ref: DEFAULT_BRANCH } }]);
    planCalls(gh, { comments: [botComment(900, planComment(HEAD))], bodies, checkId: 83 });
    await deliver(probot, 'check_run', payload);
    gh.done();
    expect(calls.plan).toEqual(['gateway-state']);
    expect(bodies.checkCreate).toEqual({ name: 'apigw-sync/plan', head_sha: HEAD, status: 'in_progress' });
  });

  it("ignores another check's re-run (no GitHub call beyond the installation)", async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    await deliver(probot, 'check_run', official('check_run', 'rerequested'));
    expect(calls.plan).toEqual([]);
  });
});
