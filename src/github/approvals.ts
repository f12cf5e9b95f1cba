/**
 * Who approved a pull request's current commit, counted from GitHub itself — never from a
 * webhook payload or from the sticky comment (anyone can comment; writers can edit):
 *
 * - the pull request's reviews (GitHub's list): per reviewer, the latest review that
 *   approves, requests changes or was dismissed decides; an approval counts only for the
 *   commit it was given on (`commit_id`), so a new push needs a new approval;
 * - the reviewer's repository permission, asked of GitHub when counting: below
 *   `approvals.minPermission` (default write) it does not count;
 * - with `approvals.codeowners`, every changed file under the state path that CODEOWNERS
 *   (default branch) gives owners needs an approval by one of them.
 *
 * The App and the Action's reviewed apply gate on this one function.
 */
import type { Approval } from '../render/comment-data.js';
import type { ApprovalNotes } from '../render/comment.js';
import type { GitHubClient, RepoRef } from './client.js';
import { isOwner, ownedFiles, readCodeowners, teamMembership } from './codeowners.js';
import type { RepoConfig } from './config.js';
import { atLeast, userPermission } from './permissions.js';

export interface ApprovalVerdict {
  /** Approvals that count, of `headSha`. */
  counted: Approval[];
  /** Approvals of earlier commits (shown as stale). */
  stale: Approval[];
  notes: ApprovalNotes;
  required: number;
  /** Enough approvals, and every code owner requirement met. */
  ok: boolean;
}

export interface ApprovalQuery {
  prNumber: number;
  headSha: string;
  defaultBranch: string;
  config: Pick<RepoConfig, 'requiredApprovals' | 'approvals' | 'path'>;
}

type Review = {
  user?: { login?: string } | null;
  state?: string;
  commit_id?: string | null;
  submitted_at?: string | null;
};

const DECIDING = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export async function countApprovals(gh: GitHubClient, repo: RepoRef, q: ApprovalQuery): Promise<ApprovalVerdict> {
  const reviews = (await gh.paginate(gh.rest.pulls.listReviews, {
    ...repo,
    pull_number: q.prNumber,
    per_page: 100,
  })) as Review[];
  const latest = latestDecidingReviews(reviews);
  const approving = [...latest.values()].filter((r) => r.state === 'APPROVED');
  const stale = approving.filter((r) => r.commit_id !== q.headSha).map(toApproval);
  const candidates = approving.filter((r) => r.commit_id === q.headSha);

  const counted: Approval[] = [];
  const notes: ApprovalNotes = { notCounted: [], codeownersMissing: [] };
  for (const r of candidates) {
    const login = r.user!.login!;
    const p = await userPermission(gh, repo, login);
    if (atLeast(p, q.config.approvals.minPermission)) counted.push(toApproval(r));
    else
      notes.notCounted.push({ login, reason: `${p.role} access; approvals need ${q.config.approvals.minPermission}` });
  }

  if (q.config.approvals.codeowners) {
    const entries = await readCodeowners(gh, repo, q.defaultBranch);
    if (entries) {
      const files = (await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: q.prNumber, per_page: 100 }))
        .flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])])
        .filter((f) => f.startsWith(`${q.config.path}/`));
      const memberOf = teamMembership(gh);
      const seen = new Set<string>();
      for (const owned of ownedFiles(entries, files)) {
        const key = owned.owners.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        let satisfied = false;
        for (const a of counted) if ((satisfied = await isOwner(a.login, owned.owners, memberOf))) break;
        if (!satisfied) notes.codeownersMissing.push({ owners: owned.owners, file: owned.file });
      }
    }
  }
  const ok = counted.length >= q.config.requiredApprovals && notes.codeownersMissing.length === 0;
  return { counted, stale, notes, required: q.config.requiredApprovals, ok };
}

/** Per reviewer, the latest review that decides (a plain comment review changes nothing, as on GitHub). */
function latestDecidingReviews(reviews: Review[]): Map<string, Review> {
  const out = new Map<string, Review>();
  for (const r of reviews) {
    const login = r.user?.login;
    if (!login || !r.state || !DECIDING.has(r.state)) continue;
    const key = login.toLowerCase();
    // GitHub lists reviews oldest first; submitted_at breaks ties if it ever does not.
    const prev = out.get(key);
    if (!prev || (r.submitted_at ?? '') >= (prev.submitted_at ?? '')) out.set(key, r);
  }
  return out;
}

function toApproval(r: Review): Approval {
  return { login: r.user!.login!, headSha: r.commit_id ?? undefined, at: r.submitted_at ?? '' };
}
