/**
 * Plan a pull request: validate + plan the head's gateway-state, drift of the base's, cost;
 * then the sticky comment, the check run `apigw-sync/plan` (annotations at file and line)
 * and the approval status. Used for pull_request events and `/apigw-sync plan`.
 */
import { renderPlanComment } from '../render/comment.js';
import { CHECK_RUN_TEXT_LIMIT, renderCheckRunOutput } from '../render/summary.js';
import type { DriftReport } from '../model/drift.js';
import {
  APPROVAL_CONTEXT,
  CHECK_NAME,
  findAppComment,
  writeAppComment,
  type AppDeps,
  type RepoCtx,
} from './app-context.js';
import { countApprovals, type ApprovalVerdict } from './approvals.js';
import { CONFIG_PATH, type RepoConfig } from './config.js';
import { fetchState } from './state-fetch.js';
import { declaredEnvironments, readStateDir, touchedEnvironments, type DeclaredEnvironments } from '../state/index.js';
import { planEnvironments } from './environment-plans.js';
import { environmentSections } from '../render/comment-environments.js';
import { annotationsFor, type CheckRunOutput } from '../render/summary.js';
import { escapeMarkdownText } from '../render/escape.js';

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
}

export interface PrPlanResult {
  fingerprint?: string;
  commentId: number;
  checkRunId: number;
}

/**
 * True when any file the PR changes is under the state directory, or is the config file (a
 * change of region, path or approval rules changes what the next plan is, so it is planned).
 */
export async function touchesState(r: RepoCtx, pr: PullRef, config: RepoConfig): Promise<boolean> {
  return (await changedPaths(r, pr)).some((f) => isStatePath(f, config));
}

/** Every path the pull request changes (a rename: both names). */
async function changedPaths(r: RepoCtx, pr: PullRef): Promise<string[]> {
  const files = await r.gh.paginate(r.gh.rest.pulls.listFiles, {
    owner: r.owner,
    repo: r.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename !== undefined ? [f.filename, f.previous_filename] : [f.filename]));
}

/** The environments a pull request changes: its state files relative to the state directory (touchedEnvironments). */
async function touchedByPullRequest(r: RepoCtx, pr: PullRef, config: RepoConfig, names: string[]): Promise<string[]> {
  const prefix = `${config.path}/`;
  const changed = (await changedPaths(r, pr))
    .filter((f) => isStatePath(f, config))
    .map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : undefined));
  return touchedEnvironments(changed, names);
}

export function isStatePath(path: string, config: RepoConfig): boolean {
  return path.startsWith(`${config.path}/`) || path === CONFIG_PATH;
}

export async function planPullRequest(
  r: RepoCtx,
  pr: PullRef,
  config: RepoConfig,
  deps: AppDeps,
): Promise<PrPlanResult> {
  const repo = { owner: r.owner, repo: r.repo };
  const { data: check } = await r.gh.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: pr.headSha,
    status: 'in_progress',
  });
  const services = deps.services(config, repo);
  const head = await fetchState(r.gh, repo, { sha: pr.headSha, path: config.path });
  let base: Awaited<ReturnType<typeof fetchState>> | undefined;
  try {
    const declared = declaredEnvironments(await readStateDir(head.dir));
    if (declared.names.length > 0) {
      base = await fetchState(r.gh, repo, { sha: pr.baseSha, path: config.path });
      return await planPullRequestEnvironments(r, pr, config, deps, {
        check: check.id,
        head: head.dir,
        base: base.files.length > 0 ? base.dir : undefined,
        declared,
      });
    }
    const report = await services.planner.plan({
      dir: head.dir,
      displayDir: config.path,
      costThreshold: config.cost?.commentThreshold,
    });
    let drift: DriftReport | undefined;
    if (report.status === 'ok') {
      base = await fetchState(r.gh, repo, { sha: pr.baseSha, path: config.path });
      // No state on the base branch yet (first PR): nothing can have drifted from it.
      if (base.files.length > 0) {
        const d = await services.drifter.drift({ dir: base.dir, displayDir: config.path });
        if (d.status === 'ok') drift = d.report;
      }
    }
    const plan = report.status === 'ok' ? report.plan : undefined;
    const cost = report.status === 'ok' ? report.cost : undefined;
    const existing = await findAppComment(r, deps, pr.number);
    const verdict = plan
      ? await countApprovals(r.gh, repo, {
          prNumber: pr.number,
          headSha: pr.headSha,
          defaultBranch: r.defaultBranch,
          config,
        })
      : undefined;
    const checkUrl = `https://github.com/${r.owner}/${r.repo}/runs/${check.id}`;
    const rendered = renderPlanComment({
      headSha: pr.headSha,
      plan,
      issues: report.issues,
      drift,
      cost,
      desired: report.status === 'ok' ? report.desired : undefined,
      approvals: verdict ? [...verdict.counted, ...verdict.stale] : [],
      approvalNotes: verdict?.notes,
      requiredApprovals: config.requiredApprovals,
      fullPlanAt: { label: `the check run ${CHECK_NAME}`, url: checkUrl },
    });
    const comment = await writeAppComment(r, deps, pr.number, rendered.body, existing);

    const out = renderCheckRunOutput({ plan, issues: report.issues, drift, cost });
    const annotations = out.annotations;
    await r.gh.rest.checks.update({
      ...repo,
      check_run_id: check.id,
      status: 'completed',
      conclusion: report.status === 'invalid' ? 'failure' : 'success',
      output: {
        title: out.title,
        summary: out.summary,
        text: out.text?.slice(0, CHECK_RUN_TEXT_LIMIT),
        annotations: annotations.slice(0, 50),
      },
    });
    // GitHub takes at most 50 annotations per request; the rest go in follow-up updates.
    for (let i = 50; i < annotations.length; i += 50) {
      await r.gh.rest.checks.update({
        ...repo,
        check_run_id: check.id,
        output: { title: out.title, summary: out.summary, annotations: annotations.slice(i, i + 50) },
      });
    }
    if (verdict) await setApprovalStatus(r, pr.headSha, verdict);
    return { fingerprint: plan?.fingerprint, commentId: comment!.id, checkRunId: check.id };
  } catch (e) {
    await r.gh.rest.checks.update({
      ...repo,
      check_run_id: check.id,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'apigw-sync could not plan', summary: errorText(e).slice(0, 60_000) },
    });
    throw e;
  } finally {
    await head.cleanup();
    await base?.cleanup();
  }
}

/** planPullRequest for a state with environments: one comment section per environment (environment-plans.ts). */
async function planPullRequestEnvironments(
  r: RepoCtx,
  pr: PullRef,
  config: RepoConfig,
  deps: AppDeps,
  o: { check: number; head: string; base?: string; declared: DeclaredEnvironments },
): Promise<PrPlanResult> {
  const repo = { owner: r.owner, repo: r.repo };
  const services = deps.services(config, repo);
  const touched = await touchedByPullRequest(r, pr, config, o.declared.names);
  const baseNames = o.base ? declaredEnvironments(await readStateDir(o.base)).names : [];
  const planned = await planEnvironments(services, {
    head: o.head,
    displayDir: config.path,
    declared: o.declared,
    touched,
    ...(o.base ? { base: { dir: o.base, names: baseNames } } : {}),
    costThreshold: config.cost?.commentThreshold,
  });
  const existing = await findAppComment(r, deps, pr.number);
  const verdict = planned.desired
    ? await countApprovals(r.gh, repo, {
        prNumber: pr.number,
        headSha: pr.headSha,
        defaultBranch: r.defaultBranch,
        config,
      })
    : undefined;
  const checkUrl = `https://github.com/${r.owner}/${r.repo}/runs/${o.check}`;
  const rendered = renderPlanComment({
    headSha: pr.headSha,
    issues: [],
    environments: planned.sections,
    desired: planned.desired,
    approvals: verdict ? [...verdict.counted, ...verdict.stale] : [],
    approvalNotes: verdict?.notes,
    requiredApprovals: config.requiredApprovals,
    fullPlanAt: { label: `the check run ${CHECK_NAME}`, url: checkUrl },
  });
  const comment = await writeAppComment(r, deps, pr.number, rendered.body, existing);
  const out = environmentsCheckRunOutput(rendered.data.status, planned);
  await r.gh.rest.checks.update({
    ...repo,
    check_run_id: o.check,
    status: 'completed',
    conclusion: rendered.data.status === 'invalid' ? 'failure' : 'success',
    output: {
      title: out.title,
      summary: out.summary,
      text: out.text?.slice(0, CHECK_RUN_TEXT_LIMIT),
      annotations: out.annotations.slice(0, 50),
    },
  });
  for (let i = 50; i < out.annotations.length; i += 50) {
    await r.gh.rest.checks.update({
      ...repo,
      check_run_id: o.check,
      output: { title: out.title, summary: out.summary, annotations: out.annotations.slice(i, i + 50) },
    });
  }
  if (verdict) await setApprovalStatus(r, pr.headSha, verdict);
  return { fingerprint: rendered.data.fingerprint, commentId: comment!.id, checkRunId: o.check };
}

function environmentsCheckRunOutput(
  status: string,
  planned: Awaited<ReturnType<typeof planEnvironments>>,
): CheckRunOutput {
  const touched = planned.sections.filter((s) => s.touched).map((s) => s.label);
  const title =
    status === 'invalid'
      ? 'gateway-state is invalid'
      : `Planned ${touched.length ? touched.join(', ') : 'no environment'}`;
  const summary = planned.sections
    .map(
      (s) =>
        `- ${escapeMarkdownText(s.label)}: ${s.touched ? (s.plan ? `${s.plan.summary.add} to add, ${s.plan.summary.change} to change, ${s.plan.summary.destroy} to destroy` : 'invalid') : 'not touched'}`,
    )
    .join('\n');
  // Too long for a check run: each environment's summary, not its per-API sections (never a cut table).
  const full = environmentSections(planned.sections, () => '');
  const text = full.length <= CHECK_RUN_TEXT_LIMIT ? full : environmentSections(planned.sections, () => '', true);
  return { title, summary, text, annotations: annotationsFor(planned.issues) };
}

/** `apigw-sync/approval` on the commit: make it a required status check to block merging unapproved plans. */
export async function setApprovalStatus(r: RepoCtx, headSha: string, v: ApprovalVerdict): Promise<void> {
  const owners = v.notes.codeownersMissing.length;
  await r.gh.rest.repos.createCommitStatus({
    owner: r.owner,
    repo: r.repo,
    sha: headSha,
    state: v.ok ? 'success' : 'pending',
    context: APPROVAL_CONTEXT,
    description: `${v.counted.length} of ${v.required} approvals for ${headSha.slice(0, 7)}${owners ? `; waiting for ${owners} code owner${owners === 1 ? '' : 's'}` : ''}`,
  });
}

export function errorText(e: unknown): string {
  const err = e as { describe?: () => string; message?: string };
  return typeof err?.describe === 'function' ? err.describe() : (err?.message ?? String(e));
}
