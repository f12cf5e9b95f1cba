import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerIdFromEnv, repositoryOf } from '../../../src/cli/owner-id.js';
import { ownerIdFor, withOwner } from '../../../src/engine/owner.js';

describe('owner ids', () => {
  it.each([
    ['acme/gateway', 'gateway-state', 'acme/gateway:gateway-state'],
    ['acme/gateway', './infra/gateway-state/', 'acme/gateway:infra/gateway-state'],
    ['acme/gateway', '', 'acme/gateway:.'],
    ['acme/gateway', '../elsewhere', undefined],
    ['acme/gate way', 'x', undefined],
  ])('ownerIdFor(%j, %j) = %j', (repo, path, id) => expect(ownerIdFor(repo, path)).toBe(id));

  it('gateway.yaml `owner:` wins over the derived one', () => {
    const model = { region: 'us-east-1', defaults: {}, apis: {} };
    expect(withOwner(model, 'acme/gateway:gateway-state').owner).toBe('acme/gateway:gateway-state');
    expect(withOwner({ ...model, owner: 'team-a' }, 'acme/gateway:gateway-state').owner).toBe('team-a');
    expect(withOwner(model).owner).toBeUndefined();
  });

  it.each([
    ['git@github.com:acme/gateway.git', 'acme/gateway'],
    ['https://github.com/acme/gateway', 'acme/gateway'],
    ['https://github.example.com/acme/gateway.git/', 'acme/gateway'],
    ['ssh://git@github.com/acme/gateway.git', 'acme/gateway'],
  ])('repositoryOf(%j) = %j', (url, repo) => expect(repositoryOf(url)).toBe(repo));

  it('in GitHub Actions: GITHUB_REPOSITORY and the path in the workspace', () => {
    expect(
      ownerIdFromEnv('/home/runner/work/gateway/gateway/gateway-state', {
        GITHUB_REPOSITORY: 'acme/gateway',
        GITHUB_WORKSPACE: '/home/runner/work/gateway/gateway',
      }),
    ).toBe('acme/gateway:gateway-state');
  });

  it('in a git checkout: upstream (a fork names the canonical repository there), else origin; none outside a checkout', () => {
    const top = realpathSync(mkdtempSync(join(tmpdir(), 'apigw-sync-git-')));
    const dir = join(top, 'infra', 'gateway-state');
    mkdirSync(dir, { recursive: true });
    expect(ownerIdFromEnv(dir, {})).toBeUndefined();
    const git = (...args: string[]) => execFileSync('git', ['-C', top, ...args], { stdio: 'ignore' });
    git('init', '-q');
    expect(ownerIdFromEnv(dir, {})).toBeUndefined();
    git('remote', 'add', 'origin', 'git@github.com:alice/gateway.git');
    expect(ownerIdFromEnv(dir, {})).toBe('alice/gateway:infra/gateway-state');
    git('remote', 'add', 'upstream', 'https://github.com/acme/gateway.git');
    expect(ownerIdFromEnv(dir, {})).toBe('acme/gateway:infra/gateway-state');
  });
});
