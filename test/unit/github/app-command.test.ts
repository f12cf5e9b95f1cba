/**
 * `/apigw-sync` commands in pull request comments, through `probot.receive` with GitHub's
 * example issue_comment payload (made a comment on pull request #2 with the command as its
 * text — the example is a comment on issue #1).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText } from '../../../src/render/escape.js';
import {
  API,
  HEAD,
  HEAD2,
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
  userComment,
} from './app-harness.js';
import { fixtureDesiredDigest } from './comment-fixture.js';
import { fakeServices } from './fake-services.js';

useNock();

const DESIRED = fixtureDesiredDigest().fingerprint;
const IN_PROCESS = 'executor: in-process\n';

function command(text: string) {
  const p = official('issue_comment', 'created');
  p.issue.number = PR;
  p.issue.pull_request = {
    url: `https://api.github.com/repos/Codertocat/Hello-World/pulls/${PR}`,
    html_url: `https://github.com/Codertocat/Hello-World/pull/${PR}`,
  };
  p.comment.body = text;
  return p;
}
const COMMENT_ID = official('issue_comment', 'created').comment.id as number;

/** A writer's accepted command: permission, +1 reaction, the pull request. */
function accepted(config?: string, pr = pull()): nock.Scope {
  const gh = installation(nock(API), { config });
  permission(gh, 'Codertocat', 'write');
  return gh
    .post(`${REPO}/issues/comments/${COMMENT_ID}/reactions`, { content: '+1' })
    .reply(201, {})
    .get(`${REPO}/pulls/${PR}`)
    .reply(200, pr);
}

/** The review gate's reads: the pull request again, its reviews, approvers' permissions, the head's state. */
function gate(
  gh: nock.Scope,
  o: { pr?: ReturnType<typeof pull>; reviews?: unknown[]; approvers?: string[]; state?: boolean } = {},
): nock.Scope {
  gh.get(`${REPO}/pulls/${PR}`).reply(200, o.pr ?? pull());
  if (o.reviews === undefined && o.pr && (o.pr.state !== 'open' || o.pr.base.ref !== 'master')) return gh;
  gh.get(`${REPO}/pulls/${PR}/reviews`)
    .query(true)
    .reply(200, o.reviews ?? [review('alice', 'APPROVED', HEAD)]);
  for (const a of o.approvers ?? ['alice']) permission(gh, a, 'write');
  if (o.state !== false) serveState(gh, { sha: (o.pr ?? pull()).head.sha, dir: STATE_DIR });
  return gh;
}

describe('issue_comment commands', () => {
  it('refuses a user with read access: confused reaction and a reply, nothing else', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const gh = installation(nock(API));
    permission(gh, 'Codertocat', 'read')
      .post(`${REPO}/issues/comments/${COMMENT_ID}/reactions`, { content: 'confused' })
      .reply(201, {})
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toBe(
      '`Codertocat` has `read` access: `/apigw-sync apply` needs write access to this repository. Nothing was done.',
    );
  });

  it('/apigw-sync apply (in-process) of the approved commit: one Deployment with statuses, the apply check, the comment, a reply', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = { statuses: [] };
    const gh = gate(accepted(IN_PROCESS))
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .twice()
      .reply(200, [botComment(900, planComment(HEAD))])
      .post(`${REPO}/check-runs`, (b) => ((bodies.check = b), true))
      .reply(201, { id: 91 })
      .post(`${REPO}/deployments`, (b) => ((bodies.deployment = b), true))
      .reply(201, { id: 501 })
      .post(`${REPO}/deployments/501/statuses`, (b) => (bodies.statuses.push(b), true))
      .times(6)
      .reply(201, {})
      .patch(`${REPO}/check-runs/91`, (b) => ((bodies.checkDone = b), true))
      .reply(200, {})
      .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
      .reply(200, {})
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.reply = b.body), true))
      .reply(201, {});
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    // The engine applies exactly the approved desired state (AWS re-read; not the plan fingerprint).
    expect(calls.apply.map((a) => [a.approvedDesired, a.fingerprint])).toEqual([[{ fingerprint: DESIRED }, undefined]]);
    expect(bodies.check).toMatchObject({ name: 'apigw-sync/apply', head_sha: HEAD, status: 'in_progress' });
    expect(bodies.deployment).toMatchObject({
      ref: HEAD,
      environment: 'gateway-state',
      production_environment: true,
      payload: { apigwSync: 1, kind: 'pull-request', pr: PR, sha: HEAD, checkRunId: 91 },
    });
    expect(bodies.statuses.map((s: { state: string; description: string }) => `${s.state}: ${s.description}`)).toEqual([
      'in_progress: applying',
      'in_progress: events/prod: deploying',
      'in_progress: events/prod: serving d-2',
      'in_progress: shop/prod: canary at 25%',
      'in_progress: shop/prod: canary promoted',
      'success: applied',
    ]);
    expect(bodies.checkDone).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(bodies.comment).toContain('## apigw-sync · ✅ Applied');
    expect(bodies.comment).toContain('| ✅ success | shop | `prod` | canary promoted |');
    expect(bodies.reply).toBe(`\`Codertocat\`: apply of desired state \`${DESIRED.slice(0, 12)}\` finished.`);
  });

  it('/apigw-sync apply (actions executor, the default) dispatches the apply workflow with exactly the pull request, commit and approved desired state', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = gate(accepted())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, planComment(HEAD))])
      .post(`${REPO}/check-runs`, (b) => ((bodies.check = b), true))
      .reply(201, { id: 92 })
      .post(`${REPO}/deployments`)
      .reply(201, { id: 502 })
      .post(`${REPO}/deployments/502/statuses`, { state: 'queued', description: 'waiting for the apply workflow' })
      .reply(201, {})
      .post(`${REPO}/actions/workflows/gateway-apply.yml/dispatches`, (b) => ((bodies.dispatch = b), true))
      .reply(204)
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((bodies.reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(bodies.check.status).toBe('queued');
    expect(bodies.dispatch).toEqual({
      ref: 'master',
      inputs: { 'pull-request': String(PR), sha: HEAD, 'desired-fingerprint': DESIRED, 'deployment-id': '502' },
    });
    expect(bodies.reply).toContain('runs in the `gateway-apply.yml` workflow');
  });

  it('/apigw-sync apply without enough approvals applies nothing', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const gh = gate(accepted(), { reviews: [review('bob', 'APPROVED', HEAD2)], approvers: [], state: false })
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toBe(
      `\`Codertocat\`: ${escapeMarkdownText(`#${PR} has 0 of 1 required approvals of ${HEAD.slice(0, 7)}`)}. Nothing was applied.`,
    );
  });

  const refusals: { name: string; pr: ReturnType<typeof pull>; says: string }[] = [
    {
      name: 'closed',
      pr: pull({ state: 'closed' }),
      says: `#${PR} is closed: only an open pull request can be applied before merge`,
    },
    {
      name: 'merged',
      pr: pull({ state: 'closed', merged: true }),
      says: `#${PR} is merged: only an open pull request can be applied before merge`,
    },
    {
      name: 'into another branch',
      pr: pull({ baseRef: 'release-1' }),
      says: `#${PR} merges into release-1; only pull requests into master are applied`,
    },
  ];
  for (const t of refusals) {
    it(`hole 7: /apigw-sync apply on a pull request ${t.name} is refused, even when approved`, async () => {
      const { services, calls } = fakeServices();
      const probot = await makeProbot({ services: () => services });
      let reply = '';
      const gh = gate(accepted(undefined, t.pr), { pr: t.pr })
        .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
        .reply(201, {});
      await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
      gh.done();
      expect(calls.apply).toEqual([]);
      expect(reply).toBe(`\`Codertocat\`: ${escapeMarkdownText(t.says)}. Nothing was applied.`);
    });
  }

  it('hole 7: a configured branch replaces the default branch', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const gh = accepted('branch: release-1\n')
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toContain('only pull requests into release-1 are applied');
  });

  it("hole 2: /apigw-sync apply with only a forged plan comment (a user's copy) applies nothing", async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    let reply = '';
    const forged = userComment(66, planComment(HEAD, { approvals: [{ login: 'mallory', headSha: HEAD, at: 'x' }] }));
    const gh = gate(accepted())
      .get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [forged])
      .post(`${REPO}/issues/${PR}/comments`, (b) => ((reply = b.body), true))
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync apply'));
    gh.done();
    expect(calls.apply).toEqual([]);
    expect(reply).toContain('there is no plan for the current commit');
  });

  it('/apigw-sync unlock <api> by a maintainer', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API));
    permission(gh, 'Codertocat', 'maintain')
      .post(`${REPO}/issues/comments/${COMMENT_ID}/reactions`, { content: '+1' })
      .reply(201, {})
      .get(`${REPO}/pulls/${PR}`)
      .reply(200, pull())
      .post(`${REPO}/issues/${PR}/comments`, {
        body: '`Codertocat`: removed the apply lock from `shop-api` (`a1b2c3`).',
      })
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync unlock shop-api'));
    gh.done();
    expect(calls.unlock).toEqual(['shop-api']);
  });

  it('/apigw-sync plan re-plans the pull request and replies', async () => {
    const { services, calls } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = accepted().post(`${REPO}/check-runs`).reply(201, { id: 82 });
    serveState(gh, { sha: HEAD, dir: STATE_DIR });
    serveState(gh, { sha: pull().base.sha, dir: STATE_DIR });
    gh.get(`${REPO}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [botComment(900, planComment(HEAD))])
      .get(`${REPO}/pulls/${PR}/reviews`)
      .query(true)
      .reply(200, [])
      // The comment already shows this plan: it is left as it is.
      .patch(`${REPO}/check-runs/82`)
      .reply(200, {})
      .post(`${REPO}/statuses/${HEAD}`)
      .reply(201, {})
      .post(`${REPO}/issues/${PR}/comments`, (b) =>
        b.body.startsWith(`\`Codertocat\`: planned again for \`${HEAD.slice(0, 7)}\``),
      )
      .reply(201, {});
    await deliver(probot, 'issue_comment', command('/apigw-sync plan'));
    gh.done();
    expect(calls.plan).toHaveLength(1);
  });

  it('ignores ordinary comments (no GitHub call at all)', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    await deliver(probot, 'issue_comment', command('looks good to me'));
  });
});
