/**
 * GitHub REST errors → one typed error that says what could not be done and how to fix
 * it. Only the status and GitHub's own message are kept: never the request (its headers
 * carry the token).
 */
import { ApigwSyncError } from '../model/errors.js';

export class GitHubCallError extends ApigwSyncError {
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    message: string,
    hint?: string,
  ) {
    super(`GITHUB_${status ?? 'ERROR'}`, `could not ${operation}: ${status ? `HTTP ${status}: ` : ''}${message}`, {
      hint,
    });
  }
}

function hintFor(status: number | undefined): string | undefined {
  switch (status) {
    case 401:
      return 'the token is missing, invalid or expired: set GITHUB_TOKEN (or the `github-token` input) to a valid token';
    case 403:
      return "the token may not do this: it needs contents: write and pull-requests: write on the gateway repository (a fine-grained token or a GitHub App installation token; a workflow's own GITHUB_TOKEN cannot write to another repository)";
    case 404:
      return 'the repository, branch or file does not exist, or the token cannot see it (private repositories answer 404 to tokens without access)';
    case 409:
    case 422:
      return 'GitHub refused the change; run the command again (the branch may have moved meanwhile)';
    default:
      return status !== undefined && status >= 500
        ? 'GitHub answered with a server error; run the command again later'
        : undefined;
  }
}

/** Runs one GitHub call; a failure becomes a GitHubCallError naming `operation`. */
export async function gitHubCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toGitHubError(operation, e);
  }
}

export function toGitHubError(operation: string, e: unknown): ApigwSyncError {
  if (e instanceof ApigwSyncError) return e;
  const err = e as { status?: number; message?: string; response?: { data?: { message?: string } } };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const message = err?.response?.data?.message ?? firstLine(err?.message ?? String(e));
  return new GitHubCallError(operation, status, message, hintFor(status));
}

export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 300);
}
