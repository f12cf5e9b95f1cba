/**
 * The hidden part of the sticky PR comment. The App keeps no database: everything it must
 * remember between webhooks (which plan was shown, who approved which fingerprint) is
 * written into the comment itself, in an HTML comment GitHub does not render.
 *
 * The JSON is base64url-encoded so that nothing a user controls (route names, logins)
 * can close the HTML comment (`-->`) or be mistaken for the marker.
 */
import type { PlanSummary } from '../model/plan.js';

/** Finds the one sticky comment again; never changes (old comments must stay findable). */
export const COMMENT_MARKER = '<!-- apigw-sync:plan -->';

const DATA_PREFIX = '<!-- apigw-sync:data ';
const DATA_RE = /<!-- apigw-sync:data ([A-Za-z0-9_-]+) -->/;

export interface Approval {
  login: string;
  /** Full fingerprint of the plan the comment showed when the review was submitted. */
  fingerprint: string;
  /** Commit the reviewer approved; a new push makes the approval stale even when the plan is unchanged. */
  headSha?: string;
  at: string;
}

export type CommentStatus = 'invalid' | 'planned' | 'no-changes' | 'applying' | 'applied' | 'failed' | 'rolled-back' | 'error';

export interface CommentData {
  v: 1;
  status: CommentStatus;
  /** Full plan fingerprint; absent when the state is invalid (no plan). */
  fingerprint?: string;
  /** Commit the plan was made for. */
  headSha: string;
  summary?: PlanSummary;
  approvals: Approval[];
}

export function encodeCommentData(d: CommentData): string {
  return `${DATA_PREFIX}${Buffer.from(JSON.stringify(d), 'utf8').toString('base64url')} -->`;
}

/** The data block of a comment body, or undefined when absent or unreadable (treated as a fresh comment). */
export function parseCommentData(body: string | undefined | null): CommentData | undefined {
  const m = body ? DATA_RE.exec(body) : null;
  if (!m) return undefined;
  try {
    const d = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as CommentData;
    if (d?.v !== 1 || typeof d.headSha !== 'string' || !Array.isArray(d.approvals)) return undefined;
    return d;
  } catch {
    return undefined;
  }
}

export function isStickyComment(body: string | undefined | null): boolean {
  return Boolean(body?.startsWith(COMMENT_MARKER));
}

/**
 * Approvals that name exactly this plan — and, when `headSha` is given, this commit: a
 * changed AWS (new fingerprint) or a new push (new head) makes older ones stale.
 */
export function currentApprovals(approvals: Approval[], fingerprint: string | undefined, headSha?: string): Approval[] {
  if (!fingerprint) return [];
  return approvals.filter((a) => a.fingerprint === fingerprint && (headSha === undefined || a.headSha === undefined || a.headSha === headSha));
}

/** Adds or replaces `login`'s approval (one per person: their latest review counts). */
export function withApproval(approvals: Approval[], a: Approval): Approval[] {
  return [...approvals.filter((x) => x.login !== a.login), a].sort((x, y) => x.login.localeCompare(y.login));
}
