/**
 * The text of the one issue per drifted API (pure). The issue is found again by its hidden
 * marker (and label), which also carries when the drift was first seen, so "since when"
 * survives any number of scheduled runs without a database.
 */
import type { DriftReport } from '../model/drift.js';
import { driftRows, driftTableHeader } from './comment-drift.js';
import { codeBlock, codeSpan } from './escape.js';

export const DRIFT_LABEL = 'apigw-sync:drift';

const MARKER_RE = /<!-- apigw-sync:drift ([A-Za-z0-9_-]+) -->/;

export interface DriftIssueMarker {
  apiKey: string;
  /** A state with environments: the environment drifted (each has its own issues); absent for the base. */
  environment?: string;
  /** ISO time the drift was first seen by a scheduled run. */
  firstSeen: string;
}

export function encodeDriftMarker(m: DriftIssueMarker): string {
  return `<!-- apigw-sync:drift ${Buffer.from(JSON.stringify(m), 'utf8').toString('base64url')} -->`;
}

export function parseDriftMarker(body: string | null | undefined): DriftIssueMarker | undefined {
  const m = body ? MARKER_RE.exec(body) : null;
  if (!m) return undefined;
  try {
    const d = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as DriftIssueMarker;
    return typeof d.apiKey === 'string' && typeof d.firstSeen === 'string' ? d : undefined;
  } catch {
    return undefined;
  }
}

export interface DriftIssueInput {
  apiKey: string;
  environment?: string;
  /** The live API's name (what `import --api` accepts); defaults to the key. */
  apiName?: string;
  report: DriftReport;
  firstSeen: string;
  /** This run's time. */
  seenAt: string;
  /** gateway-state directory in the repository (for the adopt command). */
  stateDir: string;
  /** Link to the run that found it. */
  runUrl?: string;
}

export function driftIssueTitle(apiKey: string, environment?: string): string {
  return `Drift: API ${apiKey}${environment ? ` in ${environment}` : ''} differs from gateway-state`;
}

export function renderDriftIssue(input: DriftIssueInput): { title: string; body: string } {
  const rows = driftRows(input.report, { apiKeys: [input.apiKey] });
  const name = input.apiName ?? input.apiKey;
  const body = [
    encodeDriftMarker({
      apiKey: input.apiKey,
      ...(input.environment ? { environment: input.environment } : {}),
      firstSeen: input.firstSeen,
    }),
    `## Drift in ${codeSpan(input.apiKey)} (${input.environment ? `environment ${codeSpan(input.environment)}, ` : ''}${codeSpan(input.report.region)})`,
    '',
    `Someone or something changed this API in AWS outside apigw-sync. First seen **${input.firstSeen}**, still there at ${input.seenAt}${input.runUrl ? ` ([run](${input.runUrl}))` : ''}.`,
    '',
    `### What changed in AWS (${rows.length} difference${rows.length === 1 ? '' : 's'})`,
    '',
    ...driftTableHeader(),
    ...rows,
    '',
    '### Two ways out',
    '',
    `**Adopt it** — make Git say what AWS has: write the live values into ${codeSpan(input.stateDir)} and open a pull request with the result:`,
    '',
    codeBlock(`npx apigw-sync import --api ${shellWord(name)} --out ${shellWord(input.stateDir)}`, 'sh'),
    '',
    `**Revert it** — put Git's values back: re-run the \`gateway-apply\` workflow on the default branch, or run`,
    '',
    codeBlock(`npx apigw-sync apply ${shellWord(input.stateDir)} --yes`, 'sh'),
    '',
    `This issue is updated by every drift run while the drift lasts, closed when AWS matches Git again, and reopened if it comes back. Secret values are masked.`,
    '',
  ].join('\n');
  return { title: driftIssueTitle(input.apiKey, input.environment), body };
}

export function renderDriftResolvedComment(input: { apiKey: string; firstSeen: string; resolvedAt: string }): string {
  return `✅ AWS matches gateway-state again for ${codeSpan(input.apiKey)} (drift first seen ${input.firstSeen}, gone at ${input.resolvedAt}). Closing.`;
}

export function renderDriftReturnedComment(input: { apiKey: string; seenAt: string }): string {
  return `⚠️ Drift is back for ${codeSpan(input.apiKey)} (seen ${input.seenAt}). Reopening; the description shows what differs now.`;
}

/** A word safe to paste into a POSIX shell. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
