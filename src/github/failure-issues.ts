/**
 * When an apply after merge fails, nobody may be looking at the merged pull request: open an
 * issue (label `apigw-sync:apply-failed`), one per failure cause — a second failure with the
 * same cause adds a comment instead of a new issue — and close them all when a later apply
 * succeeds. Issues are ours only when our bot opened them (anyone can add a label).
 */
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import type { GitHubClient, RepoRef } from './client.js';

export const APPLY_FAILED_LABEL = 'apigw-sync:apply-failed';
const MARKER = (cause: string) => `<!-- apigw-sync:apply-failure ${cause} -->`;
const MARKER_RE = /<!-- apigw-sync:apply-failure ([A-Za-z0-9_:.-]+) -->/;

export interface ApplyFailureReport {
  /** What kind of failure (an error code, `APPLY_FAILED`, `WORKFLOW_FAILED`…): one open issue each. */
  cause: string;
  sha: string;
  prNumber?: number;
  reason: string;
  runUrl?: string;
}

type Issue = { number: number; body?: string | null; user?: { login?: string } | null; pull_request?: unknown };

async function openFailureIssues(gh: GitHubClient, repo: RepoRef, botLogin: string): Promise<Issue[]> {
  const issues = (await gh.paginate(gh.rest.issues.listForRepo, {
    ...repo,
    labels: APPLY_FAILED_LABEL,
    state: 'open',
    per_page: 100,
  })) as Issue[];
  return issues.filter((i) => !i.pull_request && i.user?.login === botLogin && MARKER_RE.test(i.body ?? ''));
}

export async function reportApplyFailure(
  gh: GitHubClient,
  repo: RepoRef,
  botLogin: string,
  f: ApplyFailureReport,
): Promise<{ number: number; action: 'opened' | 'commented' }> {
  const cause = f.cause.replace(/[^A-Za-z0-9_:.-]/g, '-');
  const existing = (await openFailureIssues(gh, repo, botLogin)).find(
    (i) => MARKER_RE.exec(i.body ?? '')?.[1] === cause,
  );
  const what = failureText(f);
  if (existing) {
    await gh.rest.issues.createComment({
      ...repo,
      issue_number: existing.number,
      body: `It happened again:\n\n${what}`,
    });
    return { number: existing.number, action: 'commented' };
  }
  const { data } = await gh.rest.issues.create({
    ...repo,
    title: `apigw-sync: apply of ${f.sha.slice(0, 7)} failed (${cause})`,
    body: `${MARKER(cause)}\n${what}\n\nAWS is not what the default branch declares until an apply succeeds. This issue is closed by the next successful apply.`,
    labels: [APPLY_FAILED_LABEL],
  });
  return { number: data.number, action: 'opened' };
}

/** A later apply succeeded: every failure issue is resolved. */
export async function closeApplyFailures(
  gh: GitHubClient,
  repo: RepoRef,
  botLogin: string,
  sha: string,
): Promise<number[]> {
  const open = await openFailureIssues(gh, repo, botLogin);
  for (const i of open) {
    await gh.rest.issues.createComment({
      ...repo,
      issue_number: i.number,
      body: `Resolved: the apply of ${codeSpan(sha.slice(0, 7))} succeeded, AWS matches the default branch again.`,
    });
    await gh.rest.issues.update({ ...repo, issue_number: i.number, state: 'closed', state_reason: 'completed' });
  }
  return open.map((i) => i.number);
}

function failureText(f: ApplyFailureReport): string {
  const lines = [
    `The apply of ${codeSpan(f.sha.slice(0, 7))}${f.prNumber !== undefined ? ` (merged in #${f.prNumber})` : ''} did not finish.`,
    '',
  ];
  const reason = f.reason.replace(/`{3,}/g, '``');
  lines.push(reason.includes('\n') ? ['```text', reason, '```'].join('\n') : `**Why:** ${escapeMarkdownText(reason)}`);
  if (f.runUrl && /^https:\/\/[^\s()<>[\]]+$/.test(f.runUrl)) lines.push('', `[The workflow run](${f.runUrl})`);
  return lines.join('\n');
}
