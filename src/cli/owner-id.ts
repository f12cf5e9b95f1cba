/**
 * The owner id a gateway-state directory gets when gateway.yaml declares none: its
 * repository and its path in it (engine/owner.ts), when that is known —
 * - in GitHub Actions: GITHUB_REPOSITORY, and the path relative to GITHUB_WORKSPACE;
 * - in a git checkout: the `upstream` remote's owner/repo (a fork's checkout names the canonical
 *   repository there), else `origin`'s, and the path relative to the top.
 * Otherwise none: such a directory plans and drifts only APIs without an owner id, and
 * `apply` refuses when AWS holds APIs of other owners (declare `owner:` then).
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { ownerIdFor } from '../engine/owner.js';

export function ownerIdFromEnv(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const abs = resolve(dir);
  if (env.GITHUB_REPOSITORY)
    return ownerIdFor(env.GITHUB_REPOSITORY, relative(env.GITHUB_WORKSPACE ?? process.cwd(), abs));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', abs, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    }).trim();
  const remote = (name: string) => {
    try {
      return repositoryOf(git('remote', 'get-url', name));
    } catch {
      return undefined;
    }
  };
  try {
    const repository = remote('upstream') ?? remote('origin');
    return repository ? ownerIdFor(repository, relative(git('rev-parse', '--show-toplevel'), abs)) : undefined;
  } catch {
    return undefined; // not a git checkout, no origin, or no git at all
  }
}

/** `owner/repo` of a remote URL: `git@github.com:acme/gateway.git`, `https://github.com/acme/gateway`, … */
export function repositoryOf(url: string): string | undefined {
  const m = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
}
