/** One issue per drifted API across runs: opened, updated, closed, reopened — never duplicated. */
import nock from 'nock';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncDriftIssues } from '../../../src/github/drift-issues.js';
import { encodeDriftMarker, parseDriftMarker } from '../../../src/render/drift-issue.js';
import type { DriftReport } from '../../../src/model/drift.js';
import { fixtureDrift } from './comment-fixture.js';

const API = 'https://api.github.com';
const REPO = '/repos/acme/gateway';
const gh = new Octokit({ auth: 't', request: { retries: 0 } });
const ref = { owner: 'acme', repo: 'gateway' };
const NOW = new Date('2026-11-23T06:00:00Z');

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const noDrift: DriftReport = { region: 'ap-northeast-2', items: [], onlyInAws: [] };
const issue = (number: number, apiKey: string, state: 'open' | 'closed', firstSeen = '2026-11-20T06:00:00Z') => ({
  number,
  state,
  title: `Drift: API ${apiKey} differs from gateway-state`,
  body: `${encodeDriftMarker({ apiKey, firstSeen })}\nold text`,
  labels: [{ name: 'apigw-sync:drift' }],
});
const list = (issues: unknown[]) =>
  nock(API)
    .get(`${REPO}/issues`)
    .query({ labels: 'apigw-sync:drift', state: 'all', per_page: '100' })
    .reply(200, issues);

describe('syncDriftIssues per environment (each environment its own issues)', () => {
  const envIssue = (number: number, apiKey: string, environment: string) => ({
    ...issue(number, apiKey, 'open'),
    body: `${encodeDriftMarker({ apiKey, environment, firstSeen: '2026-11-20T06:00:00Z' })}\nold text`,
  });

  it("drift of shop in dev opens dev's issue and leaves prod's and the base's alone", async () => {
    let created: { title: string; body: string } = { title: '', body: '' };
    const scope = list([issue(20, 'shop', 'open'), envIssue(22, 'shop', 'prod')])
      .post(`${REPO}/issues`, (b) => ((created = b), true))
      .reply(201, { number: 23 });
    const actions = await syncDriftIssues(gh, ref, {
      report: fixtureDrift(),
      stateDir: 'gateway-state',
      environment: 'dev',
      now: NOW,
    });
    scope.done();
    expect(actions).toEqual([{ apiKey: 'shop', action: 'opened', number: 23 }]);
    expect(created.title).toBe('Drift: API shop in dev differs from gateway-state');
    expect(parseDriftMarker(created.body)).toEqual({
      apiKey: 'shop',
      environment: 'dev',
      firstSeen: NOW.toISOString(),
    });
  });

  it("no drift in prod closes prod's issue only", async () => {
    const scope = list([envIssue(22, 'shop', 'prod'), envIssue(23, 'shop', 'dev')])
      .post(`${REPO}/issues/22/comments`)
      .reply(201, {})
      .patch(`${REPO}/issues/22`, { state: 'closed', state_reason: 'completed' })
      .reply(200, {});
    expect(
      await syncDriftIssues(gh, ref, { report: noDrift, stateDir: 'gateway-state', environment: 'prod', now: NOW }),
    ).toEqual([{ apiKey: 'shop', action: 'closed', number: 22 }]);
    scope.done();
  });
});

describe('syncDriftIssues', () => {
  it('opens one issue when drift appears', async () => {
    let body = '';
    const scope = list([])
      .post(`${REPO}/issues`, (b) => ((body = b.body), b.labels[0] === 'apigw-sync:drift'))
      .reply(201, { number: 21 });
    const actions = await syncDriftIssues(gh, ref, { report: fixtureDrift(), stateDir: 'gateway-state', now: NOW });
    scope.done();
    expect(actions).toEqual([{ apiKey: 'shop', action: 'opened', number: 21 }]);
    expect(parseDriftMarker(body)).toEqual({ apiKey: 'shop', firstSeen: NOW.toISOString() });
  });

  it('updates the open issue while the drift lasts, keeping "first seen"', async () => {
    let body = '';
    const scope = list([issue(21, 'shop', 'open')])
      .patch(`${REPO}/issues/21`, (b) => ((body = b.body), b.state === undefined))
      .reply(200, {});
    const actions = await syncDriftIssues(gh, ref, { report: fixtureDrift(), stateDir: 'gateway-state', now: NOW });
    scope.done();
    expect(actions).toEqual([{ apiKey: 'shop', action: 'updated', number: 21 }]);
    expect(parseDriftMarker(body)?.firstSeen).toBe('2026-11-20T06:00:00Z');
    expect(body).toContain('First seen **2026-11-20T06:00:00Z**');
  });

  it('closes it with a comment when the drift is gone', async () => {
    const scope = list([issue(21, 'shop', 'open')])
      .post(`${REPO}/issues/21/comments`, (b) => b.body.includes('AWS matches gateway-state again'))
      .reply(201, {})
      .patch(`${REPO}/issues/21`, { state: 'closed', state_reason: 'completed' })
      .reply(200, {});
    expect(await syncDriftIssues(gh, ref, { report: noDrift, stateDir: 'gateway-state', now: NOW })).toEqual([
      { apiKey: 'shop', action: 'closed', number: 21 },
    ]);
    scope.done();
  });

  it('reopens the same issue when the drift returns (new "first seen"), never a second one', async () => {
    let body = '';
    const scope = list([issue(21, 'shop', 'closed'), issue(9, 'events', 'closed')])
      .patch(`${REPO}/issues/21`, (b) => ((body = b.body), b.state === 'open'))
      .reply(200, {})
      .post(`${REPO}/issues/21/comments`, (b) => b.body.includes('Drift is back'))
      .reply(201, {});
    expect(await syncDriftIssues(gh, ref, { report: fixtureDrift(), stateDir: 'gateway-state', now: NOW })).toEqual([
      { apiKey: 'shop', action: 'reopened', number: 21 },
    ]);
    scope.done();
    expect(parseDriftMarker(body)?.firstSeen).toBe(NOW.toISOString());
  });

  it('prefers the open issue over older closed duplicates and ignores pull requests and unmarked issues', async () => {
    const scope = list([
      issue(3, 'shop', 'closed'),
      issue(30, 'shop', 'open'),
      { ...issue(31, 'shop', 'open'), pull_request: { url: 'x' } },
      { number: 32, state: 'open', title: 'hand-made', body: 'no marker', labels: [{ name: 'apigw-sync:drift' }] },
    ])
      .patch(`${REPO}/issues/30`)
      .reply(200, {});
    expect(await syncDriftIssues(gh, ref, { report: fixtureDrift(), stateDir: 'gateway-state', now: NOW })).toEqual([
      { apiKey: 'shop', action: 'updated', number: 30 },
    ]);
    scope.done();
  });
});
