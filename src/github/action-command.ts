/**
 * What the GitHub Action does for each `command` input, as a library call: the entry
 * (src/action/main.ts) only reads inputs, calls this, and sets outputs. Returns values;
 * writes to GitHub only through the given client (comments, drift issues).
 */
import { validateState } from '../validate/index.js';
import { renderPlanComment, formatUsdDelta, type ApplyProgress } from '../render/comment.js';
import { COMMENT_MARKER } from '../render/comment-data.js';
import { renderDriftSection } from '../render/comment-drift.js';
import { renderCheckRunOutput, renderPlanSummary } from '../render/summary.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { codeSpan, escapeMarkdownText } from '../render/escape.js';
import type { GitHubClient, RepoRef } from './client.js';
import { syncDriftIssues, type DriftIssueAction } from './drift-issues.js';
import { openRevert } from './revert.js';
import type { EngineServices } from './ports.js';
import { findStickyComment, upsertStickyComment, type CommentMode } from './sticky-comment.js';
import { renderOfflinePlan } from '../render/offline-plan.js';
import { gateActionApply } from './action-reviewed-apply.js';
import { fetchState } from './state-fetch.js';
import type { ApprovedDesiredState } from '../plan/approved-state.js';

/** The Action's comments are written with the workflow's token: GitHub shows them as this bot. */
export const ACTION_BOT_LOGIN = 'github-actions[bot]';

export const ACTION_COMMANDS = ['validate', 'plan', 'apply', 'drift', 'propose', 'check-service', 'docs'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  path: string;
  comment: CommentMode;
  costThreshold?: { usd?: number; percent?: number };
  /** apply: only apply a plan with this fingerprint. */
  planFingerprint?: string;
  /**
   * apply (the apply workflow): the reviewed desired-state fingerprint. With it, the pull
   * request whose review allows the apply (`pullRequest`) and the commit to apply (`sha`)
   * are checked against GitHub before anything is written.
   */
  desiredFingerprint?: string;
  pullRequest?: number;
  sha?: string;
  /** plan: no AWS credentials (pull requests from forks): validate and price the declared state only. */
  offline?: boolean;
  requiredApprovals: number;
  /** drift: keep one issue per drifted API. */
  driftIssues: boolean;
  /**
   * A state with environments: work on this one (one job per environment, each with its own
   * GitHub Environment and role). Its plan comment is its own, one per environment.
   */
  environment?: string;
  /** With `environment`: which of its regions, when it declares several. */
  region?: string;
}

export interface ActionContext {
  repo?: RepoRef;
  eventName?: string;
  /** The webhook payload of the run's event (GITHUB_EVENT_PATH). */
  event: Record<string, unknown>;
  sha?: string;
  runUrl?: string;
  actor?: string;
}

export interface ActionResult {
  outputs: { 'has-changes': boolean; 'plan-fingerprint': string; 'desired-fingerprint': string; 'cost-delta': string };
  /** Markdown for the job summary. */
  summary: string;
  /** Set when the step must fail, with the reason. */
  failed?: string;
  /** Lines for the log. */
  log: string[];
}

export async function runActionCommand(
  inputs: ActionInputs,
  ctx: ActionContext,
  services: EngineServices,
  gh?: GitHubClient,
): Promise<ActionResult> {
  const outputs: ActionResult['outputs'] = {
    'has-changes': false,
    'plan-fingerprint': '',
    'desired-fingerprint': '',
    'cost-delta': '',
  };
  const log: string[] = [];
  const stateInput = {
    dir: inputs.path,
    displayDir: inputs.path,
    ...(inputs.environment ? { environment: inputs.environment, region: inputs.region } : {}),
  };
  const marker = inputs.environment ? environmentCommentMarker(inputs.environment) : COMMENT_MARKER;

  if (inputs.command === 'validate') {
    const v = await validateState(
      inputs.path,
      inputs.environment ? { environment: inputs.environment, region: inputs.region } : {},
    );
    const errors = v.issues.filter((i) => i.severity === 'error').length;
    const summary = renderPlanSummary({ issues: v.issues, heading: '## apigw-sync validate' });
    const text = errors
      ? summary
      : `${summary.trimEnd()}\n\n✅ ${codeSpan(inputs.path)} is valid (${Object.keys(v.model.apis).length} APIs).\n`;
    return {
      outputs,
      summary: text,
      failed: errors ? `gateway-state is invalid: ${errors} error${errors === 1 ? '' : 's'}` : undefined,
      log,
    };
  }

  if (inputs.command === 'plan' && inputs.offline) {
    const d = await services.planner.describe({ ...stateInput, costThreshold: inputs.costThreshold });
    const fork = (ctx.event.pull_request as { head?: { repo?: { fork?: boolean } } } | undefined)?.head?.repo?.fork;
    const summary = renderOfflinePlan({
      desired: d.status === 'ok' ? d.desired : undefined,
      apis: d.status === 'ok' ? d.apis : [],
      issues: d.issues,
      cost: d.status === 'ok' ? d.cost : undefined,
      reason: fork ? 'This pull request comes from a fork' : 'This plan was made offline',
    });
    if (d.status === 'ok') outputs['desired-fingerprint'] = d.desired.fingerprint;
    const pr = pullRequestNumber(ctx);
    if (gh && ctx.repo && pr !== undefined && inputs.comment !== 'off') {
      const ref = { ...ctx.repo, issue_number: pr };
      const existing =
        inputs.comment === 'update'
          ? await findStickyComment(gh, ref, { login: ACTION_BOT_LOGIN, readData: () => undefined })
          : undefined;
      const done = await upsertStickyComment(gh, ref, `${COMMENT_MARKER}\n${summary}`, {
        mode: inputs.comment,
        existing,
      });
      if (done) log.push(`${done.created ? 'created' : 'updated'} offline plan comment ${done.id} on #${pr}`);
    }
    if (d.status === 'invalid')
      return {
        outputs,
        summary,
        failed: `gateway-state is invalid: ${d.issues.filter((i) => i.severity === 'error').length} error(s)`,
        log,
      };
    log.push(
      `offline plan: desired state ${shortFingerprint(d.desired.fingerprint)}, ${d.apis.length} APIs (no AWS credentials: the live diff needs a maintainer)`,
    );
    return { outputs, summary, log };
  }

  if (inputs.command === 'plan') {
    const r = await services.planner.plan({ ...stateInput, costThreshold: inputs.costThreshold });
    const plan = r.status === 'ok' ? r.plan : undefined;
    const cost = r.status === 'ok' ? r.cost : undefined;
    if (r.status === 'ok') {
      outputs['has-changes'] = r.hasChanges;
      outputs['plan-fingerprint'] = plan!.fingerprint;
      outputs['desired-fingerprint'] = r.desired.fingerprint;
      if (cost?.monthlyDeltaUsd !== undefined) outputs['cost-delta'] = cost.monthlyDeltaUsd.toFixed(2);
    }
    const summary = renderPlanSummary({ plan, issues: r.issues, cost });
    const pr = pullRequestNumber(ctx);
    if (gh && ctx.repo && pr !== undefined && inputs.comment !== 'off') {
      const ref = { ...ctx.repo, issue_number: pr };
      // Only our own comment is updated; its data is never trusted (the Action holds no key to verify it).
      const existing =
        inputs.comment === 'update'
          ? await findStickyComment(gh, ref, { login: ACTION_BOT_LOGIN, readData: () => undefined }, marker)
          : undefined;
      const headSha = headShaOf(ctx) ?? ctx.sha ?? '';
      const label =
        inputs.environment && plan && inputs.region ? `${inputs.environment}/${plan.region}` : inputs.environment;
      const { body } = renderPlanComment({
        headSha,
        plan,
        issues: r.issues,
        cost,
        desired: r.status === 'ok' ? r.desired : undefined,
        approvals: [],
        requiredApprovals: inputs.requiredApprovals,
        fullPlanAt: ctx.runUrl
          ? { label: 'the job summary of this run', url: ctx.runUrl }
          : { label: 'the job summary of this run' },
        // One environment's job: its own comment, its one section (the App writes one comment with all of them).
        ...(label
          ? {
              environments: [
                { label, region: plan?.region ?? inputs.region ?? '?', touched: true, plan, issues: r.issues, cost },
              ],
              issues: [],
            }
          : {}),
      });
      const done = await upsertStickyComment(gh, ref, body.replace(COMMENT_MARKER, marker), {
        mode: inputs.comment,
        existing,
      });
      if (done) log.push(`${done.created ? 'created' : 'updated'} plan comment ${done.id} on #${pr}`);
    }
    if (r.status === 'invalid')
      return { outputs, summary, failed: renderCheckRunOutput({ issues: r.issues }).title, log };
    log.push(
      `plan ${shortFingerprint(plan!.fingerprint)}: ${r.hasChanges ? 'changes' : 'no changes'}${cost?.monthlyDeltaUsd !== undefined ? `, cost ${formatUsdDelta(cost.monthlyDeltaUsd)}/month` : ''}`,
    );
    return { outputs, summary, log };
  }

  if (inputs.command === 'apply') {
    let approvedDesired: ApprovedDesiredState | undefined;
    let dir = inputs.path;
    let cleanup = async () => {};
    if (inputs.desiredFingerprint || inputs.pullRequest !== undefined) {
      const gate = await reviewedApplyGate(inputs, ctx, services, gh);
      if (!gate.ok)
        return {
          outputs,
          summary: `## apigw-sync apply: refused\n\n${escapeMarkdownText(gate.reason)}. Nothing was applied.\n`,
          failed: `apply refused: ${gate.reason}`,
          log,
        };
      log.push(`reviewed apply: ${gate.note}`);
      approvedDesired = gate.approved;
      // The state of the reviewed commit, read through GitHub: the workspace holds the default branch's code only.
      const state = await fetchState(gh!, ctx.repo!, { sha: inputs.sha!, path: inputs.path });
      dir = state.dir;
      cleanup = state.cleanup;
    }
    let r: Awaited<ReturnType<typeof services.applier.apply>>;
    try {
      r = await services.applier.apply({
        dir,
        displayDir: inputs.path,
        ...(inputs.environment ? { environment: inputs.environment, region: inputs.region } : {}),
        fingerprint: inputs.planFingerprint || undefined,
        approvedDesired,
        owner: ctx.actor ? `github:${ctx.actor}` : undefined,
      });
    } finally {
      await cleanup();
    }
    outputs['has-changes'] = r.status === 'applied' || r.status === 'failed';
    outputs['plan-fingerprint'] = r.plan?.fingerprint ?? '';
    outputs['desired-fingerprint'] = r.desired?.fingerprint ?? '';
    const summary = applySummary(
      inputs.environment ? `${r.status} in ${inputs.environment}` : r.status,
      r.plan ? shortFingerprint(r.plan.fingerprint) : undefined,
      r.progress,
      r.failures,
      r.rolledBack,
    );
    const issues = r.issues.length ? renderPlanSummary({ issues: r.issues, heading: '### Problems' }) : '';
    let all = issues ? `${summary}\n${issues}` : summary;
    const push = ctx.event as { before?: string; after?: string; repository?: { default_branch?: string } };
    if (r.rolledBack.length > 0 && gh && ctx.repo && push.before && push.after) {
      // Production is back on the old deployment: make Git say so too (a revert PR, or an issue).
      const repoCtx = {
        ...ctx.repo,
        gh,
        defaultBranch: push.repository?.default_branch ?? 'main',
        log: { info: (m: string) => log.push(m), warn: (m: string) => log.push(m) },
      };
      const revert = await openRevert(repoCtx, {
        path: inputs.path,
        before: push.before,
        after: push.after,
        rolledBack: r.rolledBack,
        reasons: r.failures.map((f) => `${f.apiKey}: ${f.message}`),
      });
      all += `\n${revert.kind === 'pull' ? 'Revert pull request' : 'Issue'} #${revert.number} opened so that Git matches production again.\n`;
    }
    if (r.status === 'invalid') return { outputs, summary: all, failed: 'gateway-state is invalid', log };
    if (r.status === 'failed')
      return {
        outputs,
        summary: all,
        failed: `apply failed: ${r.failures.map((f) => `${f.apiKey}: ${f.message}`).join('; ')}`,
        log,
      };
    return { outputs, summary: all, log };
  }

  if (inputs.command !== 'drift')
    throw new Error(`command "${inputs.command}" is run by src/github/action-service.ts or action-docs.ts`);
  const d = await services.drifter.drift(stateInput);
  if (d.status === 'invalid')
    return {
      outputs,
      summary: renderPlanSummary({ issues: d.issues, heading: '## apigw-sync drift' }),
      failed: 'gateway-state is invalid',
      log,
    };
  outputs['has-changes'] = d.report.items.length > 0;
  const section = renderDriftSection(d.report, { heading: '### Drift (AWS differs from Git)' });
  let summary = `## apigw-sync drift${inputs.environment ? ` in ${escapeMarkdownText(inputs.environment)}` : ''}\n\n${section || '✅ No drift: AWS matches gateway-state.\n'}`;
  if (gh && ctx.repo && inputs.driftIssues) {
    const actions = await syncDriftIssues(gh, ctx.repo, {
      report: d.report,
      apiNames: d.apiNames,
      stateDir: inputs.path,
      environment: inputs.environment,
      now: new Date(),
      runUrl: ctx.runUrl,
    });
    summary += driftIssueLines(actions);
    for (const a of actions) log.push(`drift issue #${a.number} ${a.action} for ${a.apiKey}`);
  }
  return { outputs, summary, log };
}

function driftIssueLines(actions: DriftIssueAction[]): string {
  if (actions.length === 0) return '';
  return `\n### Drift issues\n\n${actions.map((a) => `- #${a.number} ${a.action} (${escapeMarkdownText(a.apiKey)})`).join('\n')}\n`;
}

const STATE_ICON: Record<ApplyProgress['state'], string> = {
  queued: '⏳',
  in_progress: '🚀',
  success: '✅',
  failure: '❌',
  rolled_back: '↩️',
};

function applySummary(
  status: string,
  fp: string | undefined,
  progress: ApplyProgress[],
  failures: { apiKey: string; message: string }[],
  rolledBack: string[],
): string {
  const out = [`## apigw-sync apply: ${status}${fp ? ` (plan ${codeSpan(fp)})` : ''}`, ''];
  if (progress.length) {
    out.push('| | API | Stage | Detail |', '|---|---|---|---|');
    for (const p of progress)
      out.push(
        `| ${STATE_ICON[p.state]} | ${escapeMarkdownText(p.apiKey)} | ${codeSpan(p.stage, { inTable: true })} | ${escapeMarkdownText(p.detail ?? '')} |`,
      );
    out.push('');
  }
  for (const f of failures) out.push(`- ❌ ${escapeMarkdownText(f.apiKey)}: ${escapeMarkdownText(f.message)}`);
  for (const k of rolledBack)
    out.push(`- ↩️ ${escapeMarkdownText(k)} was rolled back automatically; production serves the previous deployment.`);
  return `${out.join('\n').trimEnd()}\n`;
}

async function reviewedApplyGate(
  inputs: ActionInputs,
  ctx: ActionContext,
  services: EngineServices,
  gh?: GitHubClient,
) {
  if (!gh || !ctx.repo)
    return { ok: false as const, reason: 'a reviewed apply needs the github-token input and GITHUB_REPOSITORY' };
  if (!inputs.desiredFingerprint)
    return {
      ok: false as const,
      reason: 'input desired-fingerprint is required (the desired-state fingerprint the reviewers approved)',
    };
  if (!inputs.sha) return { ok: false as const, reason: 'input sha is required (the commit to apply)' };
  const defaultBranch = (ctx.event.repository as { default_branch?: string } | undefined)?.default_branch;
  if (!defaultBranch) return { ok: false as const, reason: 'the event names no repository default branch' };
  return gateActionApply(gh, ctx.repo, services, {
    prNumber: inputs.pullRequest,
    sha: inputs.sha,
    desiredFingerprint: inputs.desiredFingerprint,
    defaultBranch,
  });
}

/** The sticky comment of one environment's plan job. */
export function environmentCommentMarker(environment: string): string {
  return `<!-- apigw-sync:plan:${environment.replace(/[^A-Za-z0-9_.-]/g, '_')} -->`;
}

function pullRequestNumber(ctx: ActionContext): number | undefined {
  const pr = ctx.event.pull_request as { number?: number } | undefined;
  if (pr?.number !== undefined) return pr.number;
  const issue = ctx.event.issue as { number?: number; pull_request?: unknown } | undefined;
  return issue?.pull_request ? issue.number : undefined;
}

function headShaOf(ctx: ActionContext): string | undefined {
  return (ctx.event.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha;
}
