/** Finding and writing the one sticky plan comment of a pull request. */
import { isStickyComment, parseCommentData, type CommentData } from '../render/comment-data.js';
import type { GitHubClient, RepoRef } from './client.js';

export interface StickyComment {
  id: number;
  body: string;
  data?: CommentData;
}

export type CommentMode = 'update' | 'new' | 'off';

export async function findStickyComment(gh: GitHubClient, ref: RepoRef & { issue_number: number }): Promise<StickyComment | undefined> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...ref, per_page: 100 });
  // The newest one wins if a race ever produced two; older ones are left alone.
  const found = comments.filter((c) => isStickyComment(c.body)).pop();
  return found ? { id: found.id, body: found.body ?? '', data: parseCommentData(found.body) } : undefined;
}

/** `update` edits the sticky comment (creating it once); `new` always posts; `off` does nothing. */
export async function upsertStickyComment(
  gh: GitHubClient,
  ref: RepoRef & { issue_number: number },
  body: string,
  opts: { mode?: CommentMode; existing?: StickyComment | null } = {},
): Promise<{ id: number; created: boolean } | undefined> {
  const mode = opts.mode ?? 'update';
  if (mode === 'off') return undefined;
  const existing = mode === 'update' ? (opts.existing === undefined ? await findStickyComment(gh, ref) : (opts.existing ?? undefined)) : undefined;
  if (existing) {
    if (existing.body !== body) await gh.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const { data } = await gh.rest.issues.createComment({ ...ref, body });
  return { id: data.id, created: true };
}
