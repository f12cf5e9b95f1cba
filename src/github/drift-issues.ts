/**
 * One issue per drifted API, kept in step with AWS by every drift run: opened when drift
 * appears, updated while it lasts, closed when it is gone, reopened if it returns. Issues
 * are found by label and by the hidden marker in their body (which names the API and
 * when the drift was first seen), so repeated runs never pile up duplicates.
 */
import type { DriftReport } from '../model/drift.js';
import {
  DRIFT_LABEL,
  parseDriftMarker,
  renderDriftIssue,
  renderDriftResolvedComment,
  renderDriftReturnedComment,
} from '../render/drift-issue.js';
import type { GitHubClient, RepoRef } from './client.js';

export interface DriftIssueSync {
  report: DriftReport;
  /** API key → live name (for the adopt command). */
  apiNames?: Record<string, string>;
  stateDir: string;
  /** A state with environments: this environment's issues only (the others' are left alone). */
  environment?: string;
  now: Date;
  runUrl?: string;
}

export type DriftIssueAction = { apiKey: string; action: 'opened' | 'updated' | 'reopened' | 'closed'; number: number };

interface KnownIssue {
  number: number;
  state: string;
  body: string;
  apiKey: string;
  firstSeen: string;
}

export async function syncDriftIssues(gh: GitHubClient, ref: RepoRef, s: DriftIssueSync): Promise<DriftIssueAction[]> {
  const all = await gh.paginate(gh.rest.issues.listForRepo, {
    ...ref,
    labels: DRIFT_LABEL,
    state: 'all',
    per_page: 100,
  });
  const byApi = new Map<string, KnownIssue>();
  for (const i of all) {
    if (i.pull_request) continue;
    const marker = parseDriftMarker(i.body);
    if (!marker || marker.environment !== s.environment) continue;
    const known = { number: i.number, state: i.state, body: i.body ?? '', ...marker };
    const prev = byApi.get(marker.apiKey);
    // Prefer an open issue, then the newest: a closed duplicate is never reopened over an open one.
    if (
      !prev ||
      (known.state === 'open' && prev.state !== 'open') ||
      (known.state === prev.state && known.number > prev.number)
    )
      byApi.set(marker.apiKey, known);
  }

  const now = s.now.toISOString();
  const drifted = [...new Set(s.report.items.map((i) => i.apiKey))].sort();
  const actions: DriftIssueAction[] = [];
  for (const apiKey of drifted) {
    const known = byApi.get(apiKey);
    const firstSeen = known?.state === 'open' ? known.firstSeen : now;
    const { title, body } = renderDriftIssue({
      apiKey,
      environment: s.environment,
      apiName: s.apiNames?.[apiKey],
      report: s.report,
      firstSeen,
      seenAt: now,
      stateDir: s.stateDir,
      runUrl: s.runUrl,
    });
    if (!known) {
      const { data } = await gh.rest.issues.create({ ...ref, title, body, labels: [DRIFT_LABEL] });
      actions.push({ apiKey, action: 'opened', number: data.number });
    } else if (known.state !== 'open') {
      await gh.rest.issues.update({ ...ref, issue_number: known.number, title, body, state: 'open' });
      await gh.rest.issues.createComment({
        ...ref,
        issue_number: known.number,
        body: renderDriftReturnedComment({ apiKey, seenAt: now }),
      });
      actions.push({ apiKey, action: 'reopened', number: known.number });
    } else {
      await gh.rest.issues.update({ ...ref, issue_number: known.number, title, body });
      actions.push({ apiKey, action: 'updated', number: known.number });
    }
  }
  for (const known of [...byApi.values()].sort((a, b) => a.number - b.number)) {
    if (known.state !== 'open' || drifted.includes(known.apiKey)) continue;
    await gh.rest.issues.createComment({
      ...ref,
      issue_number: known.number,
      body: renderDriftResolvedComment({ apiKey: known.apiKey, firstSeen: known.firstSeen, resolvedAt: now }),
    });
    await gh.rest.issues.update({ ...ref, issue_number: known.number, state: 'closed', state_reason: 'completed' });
    actions.push({ apiKey: known.apiKey, action: 'closed', number: known.number });
  }
  return actions;
}
