/**
 * The paths a push changed, from GitHub's compare API. The push payload's `commits` cannot
 * be used: GitHub truncates it (20 commits, and per-commit file lists), and a force-push that
 * rewinds the branch has no commits at all although the files changed.
 */
import type { GitHubClient, RepoRef } from './client.js';

export interface ChangedPaths {
  paths: string[];
  /** False when GitHub could not list every file (new branch, or 300+ files): treat as touching everything. */
  complete: boolean;
}

/** GitHub lists at most this many files in one comparison. */
const COMPARE_FILE_LIMIT = 300;

export async function changedPaths(
  gh: GitHubClient,
  repo: RepoRef,
  before: string,
  after: string,
): Promise<ChangedPaths> {
  if (/^0+$/.test(before)) return { paths: [], complete: false };
  const forward = await compareFiles(gh, repo, before, after);
  if (forward.status === 'identical') return { paths: [], complete: true };
  // `before...after` lists the changes from the merge base to `after` only: a rewind (after is
  // behind) or a diverged history (force-push) also changed what only `before` had.
  const backward = forward.status === 'ahead' ? undefined : await compareFiles(gh, repo, after, before);
  const files = [...forward.files, ...(backward?.files ?? [])];
  const complete =
    forward.files.length < COMPARE_FILE_LIMIT && (backward === undefined || backward.files.length < COMPARE_FILE_LIMIT);
  return { paths: [...new Set(files)].sort(), complete };
}

async function compareFiles(
  gh: GitHubClient,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<{ status: string; files: string[] }> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  const files = (data.files ?? []).flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]);
  return { status: data.status, files };
}
