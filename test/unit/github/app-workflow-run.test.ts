/**
 * Following the apply workflow the App dispatched, through `probot.receive` with GitHub's
 * example workflow_run.completed payload (made a run of .github/workflows/gateway-apply.yml,
 * dispatched on master, named by the workflow's run-name — the example is another
 * repository's repository_dispatch run).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parseCommentData } from '../../../src/render/comment-data.js';
import {
  API,
  BOT,
  HEAD,
  MERGE,
  PR,
  REPO,
  botComment,
  deliver,
  installation,
  makeProbot,
  official,
  planComment,
  useNock,
} from './app-harness.js';
import { fakeServices } from './fake-services.js';

useNock();

const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/289782451';

function runEnded(conclusion: string, title = `apigw-sync apply ${MERGE} · deployment 503`) {
  const p = official('workflow_run', 'completed', (x) => x.workflow_run.conclusion === 'success');
  Object.assign(p.workflow_run, {
    path: '.github/workflows/gateway-apply.yml',
    event: 'workflow_dispatch',
    head_branch: 'master',
    conclusion,
    display_title: title,
    html_url: RUN_URL,
  });
  return p;
}

const deployment = (over: Record<string, unknown> = {}) => ({
  id: 503,
  sha: MERGE,
  creator: { login: BOT, type: 'Bot' },
  payload: {
    apigwSync: 1,
    kind: 'merge',
    pr: PR,
    sha: MERGE,
    before: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    checkRunId: 93,
  },
  ...over,
});

/** The record's end: deployment 503 read back, its status, the check, our comment. */
function recordEnd(bodies: Record<string, any>): nock.Scope {
  return installation(nock(API))
    .get(`${REPO}/deployments/503`)
    .reply(200, deployment())
    .post(`${REPO}/deployments/503/statuses`, (b) => ((bodies.status = b), true))
    .reply(201, {})
    .patch(`${REPO}/check-runs/93`, (b) => ((bodies.check = b), true))
    .reply(200, {})
    .get(`${REPO}/issues/${PR}/comments`)
    .query(true)
    .reply(200, [botComment(900, planComment(HEAD))])
    .patch(`${REPO}/issues/comments/900`, (b) => ((bodies.comment = b.body), true))
    .reply(200, {});
}

describe('workflow_run.completed (actions executor)', () => {
  it('success: the deployment succeeds with the run as its log, the check completes, the comment says applied, failure issues close', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = recordEnd(bodies)
      .get(`${REPO}/issues`)
      .query(true)
      .reply(200, [{ number: 40, user: { login: BOT }, body: '<!-- apigw-sync:apply-failure WORKFLOW -->' }])
      .post(`${REPO}/issues/40/comments`)
      .reply(201, {})
      .patch(`${REPO}/issues/40`, { state: 'closed', state_reason: 'completed' })
      .reply(200, {});
    await deliver(probot, 'workflow_run', runEnded('success'));
    gh.done();
    expect(bodies.status).toEqual({ state: 'success', description: 'applied', log_url: RUN_URL });
    expect(bodies.check).toMatchObject({ status: 'completed', conclusion: 'success', details_url: RUN_URL });
    expect(parseCommentData(bodies.comment)?.status).toBe('applied');
    expect(bodies.comment).toContain(`[The workflow run](${RUN_URL})`);
  });

  it('failure: failure status, failed check, the comment, and an issue for whoever is not looking', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const gh = recordEnd(bodies)
      .get(`${REPO}/issues`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/issues`, (b) => ((bodies.issue = b), true))
      .reply(201, { number: 41 });
    await deliver(probot, 'workflow_run', runEnded('failure'));
    gh.done();
    expect(bodies.status).toMatchObject({ state: 'failure', log_url: RUN_URL });
    expect(bodies.check.conclusion).toBe('failure');
    expect(bodies.comment).toContain('## apigw-sync · ❌ Apply failed');
    expect(bodies.issue.labels).toEqual(['apigw-sync:apply-failed']);
    expect(bodies.issue.body).toContain(`[The workflow run](${RUN_URL})`);
  });

  it('in_progress: the deployment and the check link to the running workflow', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const bodies: Record<string, any> = {};
    const payload = runEnded('success');
    payload.action = 'in_progress';
    Object.assign(payload.workflow_run, { status: 'in_progress', conclusion: null });
    const gh = installation(nock(API))
      .get(`${REPO}/deployments/503`)
      .reply(200, deployment())
      .post(`${REPO}/deployments/503/statuses`, (b) => ((bodies.status = b), true))
      .reply(201, {})
      .patch(`${REPO}/check-runs/93`, (b) => ((bodies.check = b), true))
      .reply(200, {});
    await deliver(probot, 'workflow_run', payload);
    gh.done();
    expect(bodies.status).toEqual({
      state: 'in_progress',
      description: 'running in the apply workflow',
      log_url: RUN_URL,
    });
    expect(bodies.check).toEqual({ status: 'in_progress', details_url: RUN_URL });
  });

  it('a run naming a deployment our bot did not create changes nothing', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API))
      .get(`${REPO}/deployments/503`)
      .reply(200, deployment({ creator: { login: 'mallory', type: 'User' } }));
    await deliver(probot, 'workflow_run', runEnded('success'));
    gh.done();
  });

  it('runs of other workflows, and runs not dispatched, are ignored', async () => {
    const { services } = fakeServices();
    const probot = await makeProbot({ services: () => services });
    const gh = installation(nock(API));
    const other = runEnded('success');
    other.workflow_run.path = '.github/workflows/ci.yml';
    await deliver(probot, 'workflow_run', other);
    gh.done();
    const p = runEnded('success');
    p.workflow_run.event = 'push';
    await deliver(probot, 'workflow_run', p);
  });
});
