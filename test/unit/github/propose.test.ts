/**
 * propose's edge cases against a nock'd gateway repository: the base branch already has
 * the spec (an open proposal is closed, not merged back), a branch left by a closed
 * proposal is moved instead of created, a re-run with nothing new pushes nothing, a dry
 * run writes nothing, GitHub refusing a write says what the token lacks (never the token),
 * and usage mistakes on the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actionGitHubClient } from '../../../src/github/action-client.js';
import { proposeServiceSpec } from '../../../src/github/propose.js';
import { proposeCommand } from '../../../src/cli/propose.js';
import { ApigwSyncError } from '../../../src/model/errors.js';
import {
  API,
  BASE,
  BRANCH,
  COMMIT,
  TREE,
  fakeGatewayRepo,
  mockGatewayReads,
} from '../../integration/service/gateway-repo.js';
import { expectGolden } from '../../helpers/golden.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE_FILE = join(ROOT, 'examples', 'service-repo', 'users.openapi.yaml');
const SPEC = readFileSync(EXAMPLE_FILE, 'utf8');
const OWN = readFileSync(join(ROOT, 'gateway-state', 'apis', 'shop', 'users.openapi.yaml'), 'utf8');
const repo = fakeGatewayRepo(join(ROOT, 'gateway-state'));
const TOKEN = 'ghs_SECRET_do_not_print_123';
const gh = () => actionGitHubClient(TOKEN, {});
const input = (text: string, extra: Record<string, unknown> = {}) => ({
  to: { owner: 'acme', repo: 'gateway' },
  target: { apiKey: 'shop', service: 'users' },
  spec: { displayPath: 'users.openapi.yaml', text },
  source: {
    serverUrl: 'https://github.com',
    repo: 'acme/users-service',
    sha: '7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a',
  },
  ...extra,
});
const openPull = {
  number: 31,
  html_url: 'https://github.com/acme/gateway/pull/31',
  title: 't',
  body: 'b',
  head: { ref: BRANCH, sha: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2' },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('proposeServiceSpec', () => {
  it('the base branch already has this spec: nothing to propose; an open proposal is closed with a comment', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`).query(true).reply(200, []);
    expect((await proposeServiceSpec(gh(), input(OWN))).status).toBe('up-to-date');

    mockGatewayReads(s, repo);
    let comment = '';
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [openPull])
      .post(`${BASE}/issues/31/comments`, (b: { body: string }) => ((comment = b.body), true))
      .reply(201, {})
      .patch(`${BASE}/pulls/31`, { state: 'closed' })
      .reply(200, {});
    const r = await proposeServiceSpec(gh(), input(OWN));
    expect(r).toMatchObject({ status: 'up-to-date', closed: { number: 31 } });
    expect(comment).toBe('main already has this spec of users (checked at c1c1c1c); closing this proposal.');
  });

  it('a branch left by a closed proposal is moved (force) instead of created', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [])
      .post(`${BASE}/git/trees`)
      .reply(201, { sha: 'd2'.repeat(20) })
      .post(`${BASE}/git/commits`)
      .reply(201, { sha: 'e2'.repeat(20) })
      .post(`${BASE}/git/refs`)
      .reply(422, { message: 'Reference already exists' })
      .patch(`${BASE}/git/refs/heads%2Fapigw-sync%2Fpropose%2Fshop%2Fusers`, { sha: 'e2'.repeat(20), force: true })
      .reply(200, {})
      .post(`${BASE}/pulls`)
      .reply(201, { number: 40, html_url: 'https://github.com/acme/gateway/pull/40' });
    expect(await proposeServiceSpec(gh(), input(SPEC))).toMatchObject({ status: 'opened', pull: { number: 40 } });
  });

  it('a re-run with the same spec on the same base pushes no commit and leaves the pull request as it is', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    // The body the first run wrote, so nothing needs updating.
    let body = '';
    let title = '';
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [])
      .post(`${BASE}/git/trees`)
      .reply(201, { sha: 'd2'.repeat(20) })
      .post(`${BASE}/git/commits`)
      .reply(201, { sha: 'e2'.repeat(20) })
      .post(`${BASE}/git/refs`)
      .reply(201, {})
      .post(`${BASE}/pulls`, (b: { body: string; title: string }) => ((body = b.body), (title = b.title), true))
      .reply(201, { number: 31, html_url: openPull.html_url });
    await proposeServiceSpec(gh(), input(SPEC));

    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [{ ...openPull, title, body }])
      .post(`${BASE}/git/trees`)
      .reply(201, { sha: 'd2'.repeat(20) })
      .get(`${BASE}/git/commits/${openPull.head.sha}`)
      .reply(200, { sha: openPull.head.sha, tree: { sha: 'd2'.repeat(20) }, parents: [{ sha: COMMIT }] });
    expect(await proposeServiceSpec(gh(), input(SPEC))).toMatchObject({ status: 'unchanged', pull: { number: 31 } });
  });

  it('--dry-run reads and checks, writes nothing', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`).query(true).reply(200, [openPull]);
    expect(await proposeServiceSpec(gh(), input(SPEC, { dryRun: true }))).toMatchObject({
      status: 'dry-run',
      existing: { number: 31 },
    });
  });

  it('GitHub refusing the write: a typed error that says what the token needs, without the token', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [])
      .post(`${BASE}/git/trees`)
      .reply(403, { message: 'Resource not accessible by integration' });
    const e = await proposeServiceSpec(gh(), input(SPEC)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApigwSyncError);
    const text = (e as ApigwSyncError).describe();
    expect(text).toBe(
      "could not write gateway-state/apis/shop/users.openapi.yaml to acme/gateway: HTTP 403: Resource not accessible by integration\n  fix: the token may not do this: it needs contents: write and pull-requests: write on the gateway repository (a fine-grained token or a GitHub App installation token; a workflow's own GITHUB_TOKEN cannot write to another repository)",
    );
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN);
  });

  it('an API the gateway does not have: named from the tree, no blob read', async () => {
    const s = nock(API)
      .get(BASE)
      .reply(200, { default_branch: 'main' })
      .get(`${BASE}/branches/main`)
      .reply(200, { commit: { sha: COMMIT, commit: { tree: { sha: TREE } } } })
      .get(`${BASE}/git/trees/${TREE}`)
      .query(true)
      .reply(200, { sha: TREE, tree: repo.entries });
    const gw = repo.entries.find((x) => x.path === 'gateway-state/gateway.yaml')!;
    s.get(`${BASE}/git/blobs/${gw.sha}`).reply(200, {
      encoding: 'base64',
      content: repo.blobs.get(gw.sha)!.toString('base64'),
    });
    const e = await proposeServiceSpec(gh(), { ...input(SPEC), target: { apiKey: 'billing', service: 'users' } }).catch(
      (x: unknown) => x,
    );
    // gateway.yaml itself is read (it is part of every API's state); no apis/ file is.
    expect((e as ApigwSyncError).describe()).toMatch(
      /^acme\/gateway\/gateway-state has no API "billing" \(no apis\/billing\/api.yaml\)\n {2}fix: --api takes the API's folder name under apis\/: chat, events, shop$/,
    );
    s.done();
  });
});

describe('apigw-sync propose (command line)', () => {
  it('prints the check, the routes and the pull request (golden)', async () => {
    const s = nock(API);
    mockGatewayReads(s, repo);
    s.get(`${BASE}/pulls`)
      .query(true)
      .reply(200, [])
      .post(`${BASE}/git/trees`)
      .reply(201, { sha: 'd2'.repeat(20) })
      .post(`${BASE}/git/commits`)
      .reply(201, { sha: 'e2'.repeat(20) })
      .post(`${BASE}/git/refs`)
      .reply(201, {})
      .post(`${BASE}/pulls`)
      .reply(201, { number: 31, html_url: openPull.html_url });
    const r = await proposeCommand({
      file: EXAMPLE_FILE,
      api: 'shop',
      to: 'acme/gateway',
      env: { GITHUB_REPOSITORY: 'acme/users-service', GITHUB_SHA: '7a'.repeat(20) },
      gh: gh(),
    });
    expect(r.code).toBe(0);
    expectGolden('service/propose-opened.txt', r.stdout.replaceAll(ROOT, '<repo>'));
  });

  it.each([
    [{ to: 'not a repo' }, '--to "not a repo" is not a repository'],
    [{ file: 'missing.yaml' }, 'cannot read missing.yaml: it does not exist'],
    [{ env: {} as NodeJS.ProcessEnv, gh: undefined }, 'no GitHub token: set GITHUB_TOKEN'],
  ])('usage mistakes are errors that say how to fix them: %o', async (over, message) => {
    const e = await proposeCommand({
      file: EXAMPLE_FILE,
      api: 'shop',
      to: 'acme/gateway',
      env: {},
      gh: gh(),
      ...over,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApigwSyncError);
    expect((e as Error).message).toContain(message);
  });
});
