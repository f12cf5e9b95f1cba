/**
 * Finding and writing the one sticky plan comment of a pull request.
 *
 * Only a comment written by our own bot user is ours: anyone can post a copy of the marker.
 * Its data is read through `readData` (the App verifies the MAC, see comment-seal.ts); data
 * that does not verify is treated as absent, never trusted.
 */
import { isStickyComment, type CommentData } from '../render/comment-data.js';
import type { GitHubClient, RepoRef } from './client.js';

export interface StickyComment {
  id: number;
  body: string;
  data?: CommentData;
}

export type CommentMode = 'update' | 'new' | 'off';

export interface StickyAuthor {
  /** The bot user that writes the comment: `<app-slug>[bot]` for the App, `github-actions[bot]` for the Action. */
  login: string;
  /** The verified data of a body (undefined = none, or not trustworthy). */
  readData(body: string): CommentData | undefined;
}

type IssueComment = { id: number; body?: string | null; user?: { login?: string; type?: string } | null };

/** `marker`: a comment other than the plan comment (one environment's, from the Action), found by its own first line. */
export async function findStickyComment(
  gh: GitHubClient,
  ref: RepoRef & { issue_number: number },
  author: StickyAuthor,
  marker?: string,
): Promise<StickyComment | undefined> {
  const comments = (await gh.paginate(gh.rest.issues.listComments, { ...ref, per_page: 100 })) as IssueComment[];
  const ours = (body: string | null | undefined) =>
    marker ? Boolean(body?.startsWith(marker)) : isStickyComment(body);
  // The newest one wins if a race ever produced two; older ones are left alone.
  const found = comments.filter((c) => ours(c.body) && c.user?.type === 'Bot' && c.user.login === author.login).pop();
  return found ? { id: found.id, body: found.body ?? '', data: author.readData(found.body ?? '') } : undefined;
}

/** `update` edits the sticky comment (creating it once); `new` always posts; `off` does nothing. */
export async function upsertStickyComment(
  gh: GitHubClient,
  ref: RepoRef & { issue_number: number },
  body: string,
  opts: { mode?: CommentMode; existing: StickyComment | null | undefined },
): Promise<{ id: number; created: boolean } | undefined> {
  const mode = opts.mode ?? 'update';
  if (mode === 'off') return undefined;
  const existing = mode === 'update' ? (opts.existing ?? undefined) : undefined;
  if (existing) {
    if (existing.body !== body)
      await gh.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const { data } = await gh.rest.issues.createComment({ ...ref, body });
  return { id: data.id, created: true };
}
