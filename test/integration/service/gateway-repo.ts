/**
 * A gateway repository as GitHub's REST API serves it, answered by nock: the files of a
 * directory (real git blob SHAs), one commit on `main`. Each helper adds the exact calls
 * one step of `propose` makes, so a test asserts the whole conversation with GitHub.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { accountDirsApisReferTo } from '../../../src/kinds/registry.js';
import { join, relative, sep } from 'node:path';
import nock from 'nock';

export const API = 'https://api.github.com';
export const GATEWAY = { owner: 'acme', repo: 'gateway' };
export const BASE = '/repos/acme/gateway';
export const COMMIT = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
export const TREE = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
export const BRANCH = 'apigw-sync/propose/shop/users';

export interface FakeRepo {
  entries: Array<{ path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }>;
  blobs: Map<string, Buffer>;
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The repository: `gateway-state/` from `stateDir`, plus a README and a workflow the tool must not read. */
export function fakeGatewayRepo(stateDir: string): FakeRepo {
  const entries: FakeRepo['entries'] = [];
  const blobs = new Map<string, Buffer>();
  const add = (path: string, content: Buffer) => {
    const sha = gitBlobSha(content);
    blobs.set(sha, content);
    entries.push({ path, mode: '100644', type: 'blob', sha, size: content.length });
  };
  add('README.md', Buffer.from('# acme gateway\n'));
  add('.github/workflows/gateway-plan.yml', Buffer.from('name: gateway-plan\n'));
  entries.push({ path: 'gateway-state', mode: '040000', type: 'tree', sha: 'b'.repeat(40) });
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else add(`gateway-state/${relative(stateDir, abs).split(sep).join('/')}`, readFileSync(abs));
    }
  };
  walk(stateDir);
  return { entries, blobs };
}

/** The reads of one run: repository, branch, tree, then exactly the blobs of gateway.yaml and apis/<api>/. */
export function mockGatewayReads(scope: nock.Scope, repo: FakeRepo, apiKey = 'shop'): string[] {
  scope
    .get(BASE)
    .reply(200, { full_name: 'acme/gateway', default_branch: 'main' })
    .get(`${BASE}/branches/main`)
    .reply(200, { name: 'main', commit: { sha: COMMIT, commit: { tree: { sha: TREE } } } })
    .get(`${BASE}/git/trees/${TREE}`)
    .query({ recursive: 'true' })
    .reply(200, { sha: TREE, truncated: false, tree: repo.entries });
  // The API's folder, and the account folders an API's records may name (VPC links, client certificates).
  const accountDirs = accountDirsApisReferTo().map((d) => `gateway-state/${d}/`);
  const read = repo.entries.filter(
    (e) =>
      e.type === 'blob' &&
      (e.path === 'gateway-state/gateway.yaml' ||
        e.path.startsWith(`gateway-state/apis/${apiKey}/`) ||
        accountDirs.some((d) => e.path.startsWith(d))),
  );
  for (const e of read)
    scope
      .get(`${BASE}/git/blobs/${e.sha}`)
      .reply(200, { sha: e.sha, encoding: 'base64', content: repo.blobs.get(e.sha)!.toString('base64'), size: e.size });
  return read.map((e) => e.path);
}
