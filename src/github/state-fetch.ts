/**
 * gateway-state at one commit, fetched through the Git Data API (one tree call, one blob
 * per file) and written into a private temporary directory for the engine. Paths from the
 * tree are checked to stay inside the directory; symlinks and submodules are skipped.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { ApigwSyncError } from '../model/errors.js';
import type { GitHubClient, RepoRef } from './client.js';

export interface FetchedState {
  /** The gateway-state directory on disk. */
  dir: string;
  /** Files written (repository paths). */
  files: string[];
  /** Sha of the state directory's tree (absent when the commit has no such directory). */
  treeSha?: string;
  cleanup(): Promise<void>;
}

export async function fetchState(
  gh: GitHubClient,
  ref: RepoRef,
  opts: { sha: string; path: string; maxFiles?: number },
): Promise<FetchedState> {
  const root = await mkdtemp(join(tmpdir(), 'apigw-sync-gh-'));
  const dir = join(root, opts.path);
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    const { data: tree } = await gh.rest.git.getTree({ ...ref, tree_sha: opts.sha, recursive: 'true' });
    if (tree.truncated)
      throw new ApigwSyncError(
        'TREE_TRUNCATED',
        `the repository tree at ${opts.sha.slice(0, 7)} is too large for one read`,
        { hint: 'keep gateway-state in a smaller repository, or use the Action (it reads a checkout)' },
      );
    const prefix = `${opts.path}/`;
    const dirEntry = tree.tree.find((e) => e.path === opts.path && e.type === 'tree');
    const blobs = tree.tree.filter(
      (e) => e.type === 'blob' && e.path?.startsWith(prefix) && e.mode !== '120000' && e.sha,
    );
    if (blobs.length > (opts.maxFiles ?? 2000))
      throw new ApigwSyncError('STATE_TOO_LARGE', `${opts.path} has ${blobs.length} files`, {
        hint: 'split gateway-state or raise maxFiles',
      });
    const files: string[] = [];
    for (const e of blobs) {
      const target = resolve(dir, e.path!.slice(prefix.length));
      if (!target.startsWith(resolve(dir) + sep)) continue;
      const { data } = await gh.rest.git.getBlob({ ...ref, file_sha: e.sha! });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
      files.push(e.path!);
    }
    return { dir, files, treeSha: dirEntry?.sha, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
