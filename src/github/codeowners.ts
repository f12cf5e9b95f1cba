/**
 * CODEOWNERS for the gateway-state files a pull request changes. The file is read from the
 * default branch (a pull request must not choose its own owners), at the locations GitHub
 * reads, first found wins; the last matching line names a file's owners, as on GitHub.
 * Owners are `@user` or `@org/team` (team membership asked of GitHub: the App needs the
 * organization's Members read permission); e-mail owners cannot be matched to a reviewer
 * and so can never be satisfied — list users or teams for gateway-state.
 */
import { matchFile, parse, type CodeOwnersEntry } from 'codeowners-utils';
import type { GitHubClient, RepoRef } from './client.js';

export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface OwnedFile {
  file: string;
  owners: string[];
}

export async function readCodeowners(
  gh: GitHubClient,
  repo: RepoRef,
  ref: string,
): Promise<CodeOwnersEntry[] | undefined> {
  for (const path of CODEOWNERS_LOCATIONS) {
    try {
      const { data } = await gh.rest.repos.getContent({ ...repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) continue;
      return parse(Buffer.from(data.content, 'base64').toString('utf8'));
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
  }
  return undefined;
}

/** The files that have owners, each with its owner list (files nobody owns need no owner's approval). */
export function ownedFiles(entries: CodeOwnersEntry[], files: string[]): OwnedFile[] {
  const out: OwnedFile[] = [];
  for (const file of files) {
    const entry = matchFile(file, entries);
    if (entry && entry.owners.length > 0) out.push({ file, owners: entry.owners });
  }
  return out;
}

/** Is `login` one of `owners` (directly, or as an active member of an owning team)? */
export async function isOwner(
  login: string,
  owners: string[],
  memberOf: (org: string, team: string, login: string) => Promise<boolean>,
): Promise<boolean> {
  for (const o of owners) {
    if (!o.startsWith('@')) continue;
    const name = o.slice(1);
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (name.toLowerCase() === login.toLowerCase()) return true;
    } else if (await memberOf(name.slice(0, slash), name.slice(slash + 1), login)) return true;
  }
  return false;
}

/** Team membership through GitHub; anything but an active membership (or no permission to ask) is no. */
export function teamMembership(gh: GitHubClient): (org: string, team: string, login: string) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (org, team, login) => {
    const key = `${org}/${team}/${login}`.toLowerCase();
    let p = cache.get(key);
    if (!p) {
      p = gh.rest.teams
        .getMembershipForUserInOrg({ org, team_slug: team, username: login })
        .then(({ data }) => data.state === 'active')
        .catch((e: { status?: number }) => {
          if (e.status === 404 || e.status === 403) return false;
          throw e;
        });
      cache.set(key, p);
    }
    return p;
  };
}
