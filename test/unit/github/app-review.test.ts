/**
 * Counting approvals, through `probot.receive` with GitHub's example payloads
 * (pull_request_review submitted / dismissed). Approvals are counted from GitHub's reviews
 * and permissions, never from the payload or from a comment.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parseCommentData } from '../../../src/render/comment-data.js';
import {
  API,
  DEFAULT_BRANCH,
  HEAD,
  HEAD2,
  PR,
  REPO,
  botComment,
  deliver,
  installation,
  makeProbot,
  official,
  permission,
  planComment,
  pull,
  review,
  useNock,
  userComment,
} from './app-harness.js';
import { fakeServices } from './fake-services.js';

useNock();

/** GitHub's example review (state "commented") as the approval of this test. */
function approvalPayload(state = 'approved') {
  const p = official('pull_request_review', 'submitted');
  p.review.state = state;
  return p;
}

/** The calls of one count: the pull request, our comment, the reviews; then what the test adds. */
function countCalls(o: { config?: string; comments: unknown[]; reviews: unknown[]; head?: string }): nock.Scope {
  return installation(nock(API), { config: o.config })
    .get(`${REPO}/pulls/${PR}`)
    .reply(200, pull({ head: o.head ?? HEAD }))
    .get(`${REPO}/issues/${PR}/comments`)
    .query(true)
    .reply(200, o.comments)
    .get(`${REPO}/pulls/${PR}/reviews`)
    .query(true)
    .reply(200, o.reviews);
}

function written(gh: nock.Scope, bodies: Record<string, any>, head = HEAD): nock.Scope {
  return gh
    .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
    .reply(200, {})
    .post(`${REPO}/statuses/${head}`, (b) => ((bodies.status = b), true))
    .reply(201, {});
}

describe('pull_request_review.submitted', () => {
  it('an approval of the planned commit by a writer counts: the comment names them, the status turns green', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('Codertocat', 'APPROVED', HEAD)],
    });
    permission(gh, 'Codertocat', 'write');
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(parseCommentData(bodies.comment)?.approvals).toEqual([
      { login: 'Codertocat', headSha: HEAD, at: '2026-11-23T09:10:00Z' },
    ]);
    expect(bodies.comment).toContain('**1 of 1**: `Codertocat`');
    // Only the approval part changed: the plan shown is exactly what was reviewed.
    const cut = (b: string) => b.slice(0, b.indexOf('### Approval and apply'));
    expect(cut(bodies.comment)).toBe(cut(planComment(HEAD)));
    expect(bodies.status).toEqual({
      state: 'success',
      context: 'apigw-sync/approval',
      description: `1 of 1 approvals for ${HEAD.slice(0, 7)}`,
    });
  });

  it('hole 1: an approval by a user without write access does not count (permission asked of GitHub, not taken from author_association)', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    // The example review says author_association OWNER; GitHub says read.
    const gh = countCalls({
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('Codertocat', 'APPROVED', HEAD)],
    });
    permission(gh, 'Codertocat', 'read');
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(bodies.status).toEqual({
      state: 'pending',
      context: 'apigw-sync/approval',
      description: `0 of 1 approvals for ${HEAD.slice(0, 7)}`,
    });
    expect(bodies.comment).toContain('**0 of 1**');
    expect(bodies.comment).toContain('Not counted: `Codertocat` (read access; approvals need write)');
  });

  it('hole 1: a configured higher permission (maintain) leaves a writer uncounted', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      config: 'approvals:\n  minPermission: maintain\n',
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('Codertocat', 'APPROVED', HEAD)],
    });
    permission(gh, 'Codertocat', 'write');
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(bodies.status.state).toBe('pending');
    expect(bodies.comment).toContain('Not counted: `Codertocat` (write access; approvals need maintain)');
  });

  it('hole 1: with approvals.codeowners, a writer who owns none of the changed state files does not satisfy CODEOWNERS; a member of the owning team does', async () => {
    const { services } = fakeServices();
    const codeowners = '# owners\n*.md @docs-team\n/gateway-state/ @Codertocat-org/platform\n';
    const cfg = 'approvals:\n  codeowners: true\n';
    const files = [{ filename: 'gateway-state/apis/shop/api.yaml', status: 'modified' }];
    const serveOwners = (gh: nock.Scope) =>
      gh
        .get(`${REPO}/contents/.github%2FCODEOWNERS`)
        .query({ ref: DEFAULT_BRANCH })
        .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(codeowners).toString('base64') })
        .get(`${REPO}/pulls/${PR}/files`)
        .query(true)
        .reply(200, files);

    const probot = await makeProbot({ services: () => services });
    const first: Record<string, any> = {};
    const gh = countCalls({
      config: cfg,
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('bob', 'APPROVED', HEAD)],
    });
    permission(gh, 'bob', 'write');
    serveOwners(gh).get('/orgs/Codertocat-org/teams/platform/memberships/bob').reply(404, { message: 'Not Found' });
    written(gh, first);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(first.status).toEqual({
      state: 'pending',
      context: 'apigw-sync/approval',
      description: `1 of 1 approvals for ${HEAD.slice(0, 7)}; waiting for 1 code owner`,
    });
    expect(first.comment).toContain('- `@Codertocat-org/platform` for `gateway-state/apis/shop/api.yaml`');

    const second: Record<string, any> = {};
    const gh2 = installation(nock(API), { config: cfg, first: false })
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, first.comment)])
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [review('bob', 'APPROVED', HEAD), review('carol', 'APPROVED', HEAD)]);
    permission(gh2, 'bob', 'write');
    permission(gh2, 'carol', 'admin');
    serveOwners(gh2)
      .get('/orgs/Codertocat-org/teams/platform/memberships/bob')
      .reply(404, { message: 'Not Found' })
      .get('/orgs/Codertocat-org/teams/platform/memberships/carol')
      .reply(200, { state: 'active', role: 'member' });
    written(gh2, second);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh2.done();
    expect(second.status).toEqual({
      state: 'success',
      context: 'apigw-sync/approval',
      description: `2 of 1 approvals for ${HEAD.slice(0, 7)}`,
    });
  });

  it('hole 3: an approval superseded by a later "changes requested" from the same reviewer no longer counts', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      comments: [
        botComment(
          900,
          planComment(HEAD, { approvals: [{ login: 'Codertocat', headSha: HEAD, at: '2026-11-23T09:10:00Z' }] }),
        ),
      ],
      reviews: [
        review('Codertocat', 'APPROVED', HEAD, '2026-11-23T09:10:00Z'),
        review('Codertocat', 'CHANGES_REQUESTED', HEAD, '2026-11-23T09:20:00Z'),
        review('Codertocat', 'COMMENTED', HEAD, '2026-11-23T09:30:00Z'),
      ],
    });
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', approvalPayload('changes_requested'));
    gh.done();
    expect(bodies.status.state).toBe('pending');
    expect(parseCommentData(bodies.comment)?.approvals).toEqual([]);
  });

  it('hole 2: approvals with no commit never count', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      comments: [botComment(900, planComment(HEAD))],
      reviews: [review('Codertocat', 'APPROVED', null)],
    });
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(bodies.status.description).toBe(`0 of 1 approvals for ${HEAD.slice(0, 7)}`);
  });

  it('an approval of an earlier commit is stale after a push', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      head: HEAD2,
      comments: [botComment(900, planComment(HEAD2))],
      reviews: [review('Codertocat', 'APPROVED', HEAD)],
    });
    written(gh, bodies, HEAD2);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    expect(bodies.comment).toContain(
      `Stale (given for an earlier commit, no longer count): \`Codertocat\` on \`${HEAD.slice(0, 7)}\``,
    );
    expect(bodies.status.state).toBe('pending');
  });

  it("hole 2: a sticky comment that is not our bot's, or ours with an edited data block, is not a plan: nothing is written", async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const forged = userComment(66, planComment(HEAD, { approvals: [{ login: 'mallory', headSha: HEAD, at: 'x' }] }));
    const ours = botComment(900, planComment(HEAD));
    // A writer edited our comment's data block (MAC no longer verifies).
    const edited = {
      ...ours,
      body: ours.body.replace(
        /(<!-- apigw-sync:data )[A-Za-z0-9_-]+/,
        `$1${Buffer.from('{"v":1,"status":"planned","headSha":"x","approvals":[]}').toString('base64url')}`,
      ),
    };
    const gh = installation(nock(API))
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [forged]);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh.done();
    const gh2 = installation(nock(API), { first: false })
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [edited]);
    await deliver(probot, 'pull_request_review', approvalPayload());
    gh2.done();
  });
});

describe('pull_request_review.dismissed', () => {
  it('hole 3: a dismissed approval no longer counts: the comment and status go back to waiting', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = countCalls({
      comments: [
        botComment(
          900,
          planComment(HEAD, { approvals: [{ login: 'Codertocat', headSha: HEAD, at: '2026-11-23T09:10:00Z' }] }),
        ),
      ],
      reviews: [review('Codertocat', 'DISMISSED', HEAD)],
    });
    written(gh, bodies);
    await deliver(probot, 'pull_request_review', official('pull_request_review', 'dismissed'));
    gh.done();
    expect(bodies.comment).toContain('**0 of 1**');
    expect(bodies.status).toEqual({
      state: 'pending',
      context: 'apigw-sync/approval',
      description: `0 of 1 approvals for ${HEAD.slice(0, 7)}`,
    });
  });
});
