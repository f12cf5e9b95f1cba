/**
 * The sticky comment of a state with environments (issue 17), pure: one folded section per
 * environment (its plan, the drift it would overwrite, its cost), open when the environment
 * changes and collapsed when it does not; the summary line names the environments the pull
 * request touches. An environment the pull request does not touch (it changes only another
 * environment's overlay) is not planned, and its section says so.
 */
import { createHash } from 'node:crypto';
import type { DriftReport } from '../model/drift.js';
import type { ValidationIssue } from '../model/issue.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import { codeSpan, escapeHtml, escapeMarkdownText } from './escape.js';
import { renderDriftSection } from './comment-drift.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { formatUsdDelta, type CostSection } from './cost-common.js';

export interface EnvironmentCommentSection {
  /** `dev`, or `prod/us-east-1` for an environment in several regions. */
  label: string;
  region: string;
  /** False: the pull request changes nothing this environment resolves from (not planned). */
  touched: boolean;
  /** Absent when not touched, or when its resolved state is invalid. */
  plan?: Plan;
  /** Its validation issues (the overlay's and the base's as resolved for it). */
  issues: ValidationIssue[];
  /** Drift of the base branch's state in this environment. */
  drift?: DriftReport;
  cost?: CostSection;
}

export function hasPlanChanges(p: Plan): boolean {
  return p.steps.length > 0 || Object.keys(p.deployments).length > 0 || (p.adopt?.length ?? 0) > 0;
}

function invalid(s: EnvironmentCommentSection): boolean {
  return s.touched && !s.plan;
}

/** The plan fingerprint over every environment planned: what the comment shows as one plan. */
export function environmentsPlanFingerprint(sections: EnvironmentCommentSection[]): string | undefined {
  if (sections.some(invalid)) return undefined;
  const parts = sections.filter((s) => s.plan).map((s) => `${s.label}=${s.plan!.fingerprint}`);
  return createHash('sha256').update(parts.sort().join('\n')).digest('hex');
}

export function environmentsSummary(sections: EnvironmentCommentSection[]): PlanSummary {
  const sum: PlanSummary = { add: 0, change: 0, destroy: 0, redeploys: 0, breaking: 0 };
  for (const s of sections) {
    if (!s.plan) continue;
    for (const k of ['add', 'change', 'destroy', 'redeploys', 'breaking'] as const) sum[k] += s.plan.summary[k];
    if (s.plan.summary.security) sum.security = (sum.security ?? 0) + s.plan.summary.security;
  }
  return sum;
}

export function environmentsStatus(sections: EnvironmentCommentSection[]): 'invalid' | 'planned' | 'no-changes' {
  if (sections.some(invalid)) return 'invalid';
  return sections.some((s) => s.plan && hasPlanChanges(s.plan)) ? 'planned' : 'no-changes';
}

function changed(s: EnvironmentCommentSection): boolean {
  return invalid(s) || (!!s.plan && hasPlanChanges(s.plan));
}

/** `Environments: **dev** changes · prod unchanged · staging not planned (not touched)` */
export function environmentsSummaryLine(sections: EnvironmentCommentSection[]): string {
  const touched = sections.filter(changed).map((s) => `**${escapeMarkdownText(s.label)}**`);
  const parts = sections.map((s) => {
    const name = escapeMarkdownText(s.label);
    if (invalid(s)) return `❌ **${name}** invalid`;
    if (!s.touched) return `⚪ ${name} not touched`;
    if (s.plan && hasPlanChanges(s.plan)) return `🟡 **${name}** changes`;
    return `✅ ${name} unchanged`;
  });
  const lead = touched.length
    ? `This pull request changes ${touched.join(', ')}`
    : 'This pull request changes no environment';
  return `${lead} — ${parts.join(' · ')}`;
}

function badge(s: EnvironmentCommentSection): string {
  if (invalid(s)) return `❌ ${s.issues.filter((i) => i.severity === 'error').length} validation errors`;
  if (!s.touched) return 'not planned: this pull request does not change what it resolves from';
  const p = s.plan!;
  if (!hasPlanChanges(p)) return 'no changes';
  const x = p.summary;
  const cost = s.cost?.monthlyDeltaUsd !== undefined ? ` · ${formatUsdDelta(s.cost.monthlyDeltaUsd)}/month` : '';
  return `${x.add} to add · ${x.change} to change · ${x.destroy} to destroy · ${x.redeploys} redeploy${x.redeploys === 1 ? '' : 's'}${x.breaking ? ` · ⚠️ ${x.breaking} breaking` : ''}${x.security ? ` · 🛡️ ${x.security} security` : ''}${cost}`;
}

/**
 * One `<details>` per environment. `compact`: a comment too long for GitHub keeps each
 * environment's summary line and a pointer to the full plan instead of its per-API sections.
 */
export function environmentSections(
  sections: EnvironmentCommentSection[],
  issuesSection: (i: ValidationIssue[]) => string,
  compact = false,
): string {
  const out = ['### Environments'];
  for (const s of sections) {
    const open = changed(s) ? ' open' : '';
    // Markdown is not rendered inside <summary>: HTML only.
    const head = `<details${open}><summary><b>${escapeHtml(s.label)}</b> · region <code>${escapeHtml(s.region)}</code> · ${badge(s)}</summary>`;
    const body: string[] = [];
    const issues = issuesSection(s.issues);
    if (issues) body.push(issues.replace(/^### /, '#### '));
    if (s.plan) {
      if (!hasPlanChanges(s.plan))
        body.push(`No changes: AWS in ${escapeMarkdownText(s.label)} already matches its resolved state.`);
      else if (compact) body.push('The per-API changes are in the full plan.');
      else body.push(envPlanBody(s.plan));
      body.push(`Plan fingerprint ${codeSpan(s.plan.fingerprint.slice(0, 12))}`);
    }
    const drift = renderDriftSection(s.drift, { heading: '#### ⚠️ Drift this pull request would overwrite' });
    if (drift) body.push(drift);
    if (s.cost?.show && !compact) body.push(s.cost.markdown.trim().replace(/^(#+) /gm, '#$1 '));
    if (!s.touched)
      body.push(
        `Its overlay and the base are unchanged here; \`apigw-sync plan --env ${s.label.split('/')[0]}\` plans it anyway.`,
      );
    out.push([head, '', ...body.flatMap((b) => [b.trim(), '']), '</details>'].join('\n'));
  }
  return out.join('\n\n');
}

/** An environment's per-API sections, a level below the comment's own headings. */
function envPlanBody(plan: Plan): string {
  const md = renderPlanMarkdown(plan, { heading: '#### Plan' });
  const first = md.indexOf('\n#### ');
  const sections = first < 0 ? md : md.slice(first + 1);
  return sections.replace(/^#### /gm, '##### ');
}
