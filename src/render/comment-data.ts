/**
 * The hidden part of the sticky PR comment. The App keeps no database: everything it must
 * remember between webhooks (which plan was shown, who approved which fingerprint) is
 * written into the comment itself, in an HTML comment GitHub does not render.
 *
 * The JSON is base64url-encoded so that nothing a user controls (route names, logins)
 * can close the HTML comment (`-->`) or be mistaken for the marker.
 */
import type { PlanSummary } from '../model/plan.js';
import type { DesiredStateDigest } from '../plan/fingerprint.js';

/** Finds the one sticky comment again; never changes (old comments must stay findable). */
export const COMMENT_MARKER = '<!-- apigw-sync:plan -->';

const DATA_PREFIX = '<!-- apigw-sync:data ';
/** The data block: base64url JSON, then (App comments) a MAC over it, see src/github/comment-seal.ts. */
export const DATA_BLOCK_RE = /<!-- apigw-sync:data ([A-Za-z0-9_-]+)(?: ([A-Za-z0-9_-]+))? -->/;

export interface Approval {
  login: string;
  /** The commit approved (and so the desired state it declares). Approvals without one never count. */
  headSha?: string;
  at: string;
  /** Comments written before approvals bound to commits carried the plan fingerprint; shown, never counted. */
  fingerprint?: string;
}

export type CommentStatus =
  'invalid' | 'planned' | 'no-changes' | 'applying' | 'applied' | 'failed' | 'rolled-back' | 'error';

export interface CommentData {
  v: 1;
  status: CommentStatus;
  /** Full plan fingerprint; absent when the state is invalid (no plan). */
  fingerprint?: string;
  /** Commit the plan was made for. */
  headSha: string;
  summary?: PlanSummary;
  /** The desired state planned for `headSha`: what an approval of that commit approves. */
  desired?: DesiredStateDigest;
  /** Approvals counted when the comment was written (display; gates count again from GitHub's reviews). */
  approvals: Approval[];
}

export function encodeCommentData(d: CommentData): string {
  return `${DATA_PREFIX}${encodePayload(d)} -->`;
}

export function encodePayload(d: CommentData): string {
  return Buffer.from(JSON.stringify(d), 'utf8').toString('base64url');
}

/**
 * The data block of a comment body, unverified, or undefined when absent or unreadable.
 * Only for comments nobody gates on (the Action's, tests): the App opens its own comments
 * with src/github/comment-seal.ts, which checks the MAC first.
 */
export function parseCommentData(body: string | undefined | null): CommentData | undefined {
  const m = body ? DATA_BLOCK_RE.exec(body) : null;
  return m ? decodePayload(m[1]) : undefined;
}

export function decodePayload(payload: string): CommentData | undefined {
  try {
    const d = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CommentData;
    if (d?.v !== 1 || typeof d.headSha !== 'string' || !Array.isArray(d.approvals)) return undefined;
    return d;
  } catch {
    return undefined;
  }
}

export function isStickyComment(body: string | undefined | null): boolean {
  return Boolean(body?.startsWith(COMMENT_MARKER));
}

/** Approvals of exactly this commit; one without a commit never counts (a new push makes older ones stale). */
export function currentApprovals(approvals: Approval[], headSha: string): Approval[] {
  return approvals.filter((a) => typeof a.headSha === 'string' && a.headSha.length > 0 && a.headSha === headSha);
}
