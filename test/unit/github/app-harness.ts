/**
 * Runs the App the way GitHub does: a Probot instance with a real (throwaway) private key,
 * webhook payloads from test/fixtures/webhooks through `probot.receive`, and every GitHub
 * REST call answered by nock. Any call a test did not declare fails the test (net connect
 * is off except 127.0.0.1 for the emulator).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { createApp } from '../../../src/github/app.js';
import type { AppDeps } from '../../../src/github/app-context.js';

export const API = 'https://api.github.com';
export const REPO = '/repos/acme/gateway';
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'webhooks');

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

export function payload<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export async function makeProbot(deps: AppDeps): Promise<Probot> {
  const probot = new Probot({
    appId: 123456,
    privateKey,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    logLevel: 'warn',
  } as ConstructorParameters<typeof Probot>[0]);
  await probot.load(createApp(deps));
  return probot;
}

export async function receive(probot: Probot, name: string, fixture: string, mutate?: (p: Record<string, unknown>) => void): Promise<void> {
  const p = payload(fixture);
  mutate?.(p);
  await probot.receive({ id: `delivery-${fixture}`, name, payload: p } as Parameters<Probot['receive']>[0]);
}

/** Installation token (every handler's first call) and the repository config file. */
export function installation(scope: nock.Scope, opts: { config?: string; token?: boolean } = {}): nock.Scope {
  // Probot caches the installation token per instance: only the first event asks for one.
  if (opts.token !== false) scope.post('/app/installations/55501234/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: { contents: 'write', issues: 'write', pull_requests: 'write', checks: 'write', statuses: 'write', deployments: 'write' } });
  const path = `${REPO}/contents/.github%2Fapigw-sync.yml`;
  if (opts.config === undefined) scope.get(path).query({ ref: 'main' }).reply(404, { message: 'Not Found' });
  else scope.get(path).query({ ref: 'main' }).reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(opts.config).toString('base64') });
  return scope;
}

/** Serves `dir` as the repository's `path` at commit `sha` through the Git Data API (tree + blobs). */
export function serveState(scope: nock.Scope, opts: { sha: string; dir: string; path?: string }): nock.Scope {
  const path = opts.path ?? 'gateway-state';
  const files = walk(opts.dir).map((f) => {
    const content = readFileSync(f);
    return { path: `${path}/${relative(opts.dir, f).split('\\').join('/')}`, sha: createHash('sha1').update(content).digest('hex'), content };
  });
  const tree = [
    { path: 'README.md', mode: '100644', type: 'blob', sha: 'a'.repeat(40) },
    { path, mode: '040000', type: 'tree', sha: createHash('sha1').update(opts.sha + path).digest('hex') },
    ...files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', sha: f.sha, size: f.content.length })),
  ];
  scope.get(`${REPO}/git/trees/${opts.sha}`).query({ recursive: 'true' }).reply(200, { sha: opts.sha, tree, truncated: false });
  for (const f of files) scope.get(`${REPO}/git/blobs/${f.sha}`).reply(200, { sha: f.sha, encoding: 'base64', content: f.content.toString('base64'), size: f.content.length });
  return scope;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export const STATE_DIR = join(import.meta.dirname, '..', '..', '..', 'gateway-state');
export const HEAD = '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';
export const HEAD2 = '4e2d3c5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d';
export const BASE = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
export const MERGE = 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0';
