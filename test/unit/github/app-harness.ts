/**
 * Runs the App the way GitHub does: a Probot instance with a real (throwaway) private key,
 * GitHub's own example webhook payloads (`@octokit/webhooks-examples`) through
 * `probot.receive`, and every GitHub REST call answered by nock. Any call a test did not
 * declare fails the test (net connect is off except 127.0.0.1 for the emulator).
 *
 * The test repository is the one the examples name, Codertocat/Hello-World (default branch
 * `master`, installation 1), so payloads are used as GitHub publishes them. A payload is
 * changed only where the example names another repository (check_run, workflow_run) or lacks
 * the installation, and where the scenario is the point of the test (a review's state, a
 * comment's text, a push's commits) — each such change is written out in the test.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeAll, expect } from 'vitest';
import { renderPlanComment, type PlanCommentInput } from '../../../src/render/comment.js';
import { fixtureCommentInput } from './comment-fixture.js';
import { createApp } from '../../../src/github/app.js';
import type { AppDeps } from '../../../src/github/app-context.js';
import { hmacSealer } from '../../../src/github/comment-seal.js';

export const API = 'https://api.github.com';
export const OWNER = 'Codertocat';
export const NAME = 'Hello-World';
export const REPO = `/repos/${OWNER}/${NAME}`;
export const DEFAULT_BRANCH = 'master';
export const INSTALLATION = 1;
export const BOT = 'apigw-sync[bot]';
export const SIGNING_KEY = 'test-signing-key-0123456789abcdef0123456789';
export const SEALER = hmacSealer(SIGNING_KEY);

type Example = { name: string; actions: string[]; examples: Record<string, any>[] };
const EXAMPLES = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as Example[];

/**
 * A deep copy of GitHub's example for `event` (and `action`); `pick` chooses among several.
 * Examples without an installation get the test installation; examples naming another
 * repository are pointed at the test repository (its object from the pull_request example).
 */
export function official(
  event: string,
  action?: string,
  pick: (p: Record<string, any>) => boolean = () => true,
): Record<string, any> {
  const all = EXAMPLES.find((e) => e.name === event)?.examples ?? [];
  const found = all.filter((p) => (action === undefined || p.action === action) && pick(p));
  const withInstallation = found.find((p) => p.installation?.id === INSTALLATION) ?? found[0];
  if (!withInstallation) throw new Error(`no example payload for ${event}${action ? `.${action}` : ''}`);
  const p = structuredClone(withInstallation);
  if (p.installation?.id !== INSTALLATION)
    p.installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  if (p.repository?.full_name !== `${OWNER}/${NAME}`) p.repository = testRepository();
  return p;
}

function testRepository(): Record<string, any> {
  return structuredClone(
    EXAMPLES.find((e) => e.name === 'pull_request')!.examples.find((p) => p.action === 'opened')!.repository,
  );
}

/** The example pull request: #2, head `changes` at HEAD, base master at BASE. */
export const PR = 2;
export const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const HEAD2 = '4e2d3c5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d';
export const MERGE = 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export async function makeProbot(deps: Omit<AppDeps, 'sealer'> & { sealer?: AppDeps['sealer'] }): Promise<Probot> {
  const probot = new Probot({
    appId: 123456,
    privateKey,
    // A function, not an object: probot merges its own throttle options over object defaults,
    // which left the throttling plugin on (one second between writes) in every test.
    Octokit: ProbotOctokit.defaults((o: Record<string, any>) => ({
      ...o,
      retry: { enabled: false },
      throttle: { ...o.throttle, enabled: false },
    })),
    logLevel: 'warn',
  } as ConstructorParameters<typeof Probot>[0]);
  await probot.load(createApp({ sealer: SEALER, ...deps }));
  return probot;
}

export async function deliver(probot: Probot, name: string, payload: Record<string, any>): Promise<void> {
  await probot.receive({ id: `delivery-${name}-${payload.action ?? ''}`, name, payload } as Parameters<
    Probot['receive']
  >[0]);
}

/**
 * What every first event of a Probot instance asks: the installation token, the App's own
 * slug (once; its bot user is `apigw-sync[bot]`) and, per event, the repository config file.
 */
export function installation(scope: nock.Scope, opts: { config?: string; first?: boolean } = {}): nock.Scope {
  if (opts.first !== false) {
    scope
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    scope.get('/app').reply(200, { id: 123456, slug: 'apigw-sync', name: 'apigw-sync' });
  }
  return config(scope, opts.config);
}

/** `.github/apigw-sync.yml` on the default branch (absent = defaults). */
export function config(scope: nock.Scope, text?: string): nock.Scope {
  const path = `${REPO}/contents/.github%2Fapigw-sync.yml`;
  if (text === undefined) scope.get(path).query({ ref: DEFAULT_BRANCH }).reply(404, { message: 'Not Found' });
  else
    scope
      .get(path)
      .query({ ref: DEFAULT_BRANCH })
      .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
  return scope;
}

/** Serves `dir` as the repository's `path` at commit `sha` through the Git Data API (tree + blobs). */
export function serveState(scope: nock.Scope, opts: { sha: string; dir: string; path?: string }): nock.Scope {
  const path = opts.path ?? 'gateway-state';
  const files = walk(opts.dir).map((f) => {
    const content = readFileSync(f);
    return {
      path: `${path}/${relative(opts.dir, f).split('\\').join('/')}`,
      sha: createHash('sha1').update(content).digest('hex'),
      content,
    };
  });
  const tree = [
    { path: 'README.md', mode: '100644', type: 'blob', sha: 'a'.repeat(40) },
    {
      path,
      mode: '040000',
      type: 'tree',
      sha: createHash('sha1')
        .update(opts.sha + path)
        .digest('hex'),
    },
    ...files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', sha: f.sha, size: f.content.length })),
  ];
  scope
    .get(`${REPO}/git/trees/${opts.sha}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: opts.sha, tree, truncated: false });
  for (const f of files)
    scope
      .get(`${REPO}/git/blobs/${f.sha}`)
      .reply(200, { sha: f.sha, encoding: 'base64', content: f.content.toString('base64'), size: f.content.length });
  return scope;
}

/** A comment as GitHub lists it: by our bot (sealed for the pull request), or by a user. */
export function botComment(id: number, body: string, pr = PR) {
  return {
    id,
    body: SEALER.seal(body, { owner: OWNER, repo: NAME, issue_number: pr }),
    user: { login: BOT, type: 'Bot' },
  };
}
export function userComment(id: number, body: string, login = 'mallory') {
  return { id, body, user: { login, type: 'User' } };
}

/** A review as GitHub's reviews API lists it. */
export function review(
  login: string,
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED',
  commitId: string | null,
  at = '2026-11-23T09:10:00Z',
) {
  return {
    id: Math.floor(Math.random() * 1e9),
    user: { login, type: 'User' },
    state,
    commit_id: commitId,
    submitted_at: at,
  };
}

/** The collaborator permission GitHub reports for `login`. */
export function permission(
  scope: nock.Scope,
  login: string,
  role: 'read' | 'triage' | 'write' | 'maintain' | 'admin',
): nock.Scope {
  const base =
    role === 'admin'
      ? 'admin'
      : role === 'write' || role === 'maintain'
        ? 'write'
        : role === 'triage'
          ? 'read'
          : 'read';
  return scope
    .get(`${REPO}/collaborators/${login}/permission`)
    .reply(200, { permission: base, role_name: role, user: { login } });
}

/** GET /pulls/:n as GitHub answers it for the example pull request. */
export function pull(
  over: {
    number?: number;
    head?: string;
    base?: string;
    baseRef?: string;
    state?: 'open' | 'closed';
    merged?: boolean;
    title?: string;
  } = {},
) {
  return {
    number: over.number ?? PR,
    state: over.state ?? 'open',
    merged: over.merged ?? false,
    title: over.title ?? 'Update the README with new information.',
    head: { sha: over.head ?? HEAD, ref: 'changes' },
    base: { sha: over.base ?? BASE, ref: over.baseRef ?? DEFAULT_BRANCH },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export const EXAMPLE_STATE_DIR = join(import.meta.dirname, '..', '..', '..', 'gateway-state');

/** The example without its environments: a state as before environments existed (the App's single-plan path). */
export const STATE_DIR = (() => {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-app-state-')), 'gateway-state');
  cpSync(EXAMPLE_STATE_DIR, dir, { recursive: true });
  rmSync(join(dir, 'environments'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'gateway.yaml'),
    readFileSync(join(dir, 'gateway.yaml'), 'utf8').replace(/^promotion:.*\n/m, ''),
  );
  return dir;
})();

/** nock for a test file: only 127.0.0.1 reachable, and every declared GitHub call must have been made. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}

/** The App's sticky comment after a plan of `headSha` (the fixture plan), unsealed. */
export function planComment(headSha: string, over: Partial<PlanCommentInput> = {}): string {
  return renderPlanComment(fixtureCommentInput({ headSha, approvals: [], requiredApprovals: 1, ...over })).body;
}
