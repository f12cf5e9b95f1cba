/**
 * A pull request on a state with environments (issue 17): every environment and region is
 * validated and digested offline (the approval covers all of them: environmentsDigest), and
 * only the environments the pull request touches are planned against AWS, with the drift of
 * the base branch there. A change to one overlay alone plans only that environment.
 */
import type { ValidationIssue } from '../model/issue.js';
import { targetLabel } from '../model/environment.js';
import { environmentDigestKey, environmentsDigest, type DesiredStateDigest } from '../plan/fingerprint.js';
import type { EnvironmentCommentSection } from '../render/comment-environments.js';
import { promotionOrder, type DeclaredEnvironments } from '../state/index.js';
import type { ApplyInput, ApplyReport, DesiredReport, EngineServices, PlanInput } from './ports.js';
import { runPromotion, type PromotedApply, type PromotionTarget } from '../engine/promote.js';
import { RolledBackError } from '../engine/rollout-deployer.js';

/** Every environment and region of a state, in promotion order. */
export function environmentTargets(declared: DeclaredEnvironments): PromotionTarget[] {
  return promotionOrder(declared).flatMap((name) => {
    const d = declared.byName[name];
    const gate = d?.gate ?? { soakSeconds: 0, approval: false };
    // A file that does not parse has no regions here: one target, and resolving it reports why.
    if (!d?.regions.length) return [{ environment: name, label: name, gate }];
    return d.regions.map((region) => ({
      environment: name,
      region,
      label: targetLabel({ environment: name, region }, d.regions.length),
      gate,
    }));
  });
}

/** planner.describe of a state with environments: each environment and region, under one digest. */
export async function describeEnvironments(
  services: EngineServices,
  input: PlanInput,
  declared: DeclaredEnvironments,
): Promise<DesiredReport> {
  const digests: Record<string, DesiredStateDigest> = {};
  const issues: ValidationIssue[] = [];
  const apis: Extract<DesiredReport, { status: 'ok' }>['apis'] = [];
  let invalid = false;
  for (const t of environmentTargets(declared)) {
    const d = await services.planner.describe({ ...input, environment: t.environment, region: t.region });
    issues.push(...d.issues);
    if (d.status === 'invalid') {
      invalid = true;
      continue;
    }
    digests[environmentDigestKey(t.environment, d.desired.region)] = d.desired;
    apis.push(...d.apis.map((a) => ({ ...a, key: `${t.label}/${a.key}` })));
  }
  if (invalid) return { status: 'invalid', issues };
  return { status: 'ok', issues, desired: environmentsDigest(digests), apis };
}

/**
 * applier.apply of a state with environments (the App's in-process executor): promotion in
 * gateway.yaml's order, each environment applied only after the one before it promoted, after
 * its soak time. An environment that needs a person's approval stops the promotion here (there
 * is nobody to ask in-process): with the `actions` executor each environment is its own job,
 * in its GitHub Environment with required reviewers.
 */
export async function promoteEnvironments(
  services: EngineServices,
  input: ApplyInput,
  declared: DeclaredEnvironments,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((res) => setTimeout(res, ms)),
): Promise<ApplyReport> {
  const reports: Array<{ label: string; report: ApplyReport }> = [];
  const promotion = await runPromotion<PromotedApply>({
    targets: environmentTargets(declared),
    sleep,
    apply: async (t) => {
      const report = await services.applier.apply({
        ...input,
        environment: t.environment,
        region: t.region,
        onProgress: (p) => input.onProgress?.({ ...p, apiKey: `${t.label}/${p.apiKey}` }),
      });
      reports.push({ label: t.label, report });
      const failures = report.failures.map((f) => ({
        ...f,
        ...(report.rolledBack.includes(f.apiKey)
          ? { error: new RolledBackError(`${t.label}/${f.apiKey}`, f.message) }
          : {}),
      }));
      return { status: report.status, failures };
    },
  });
  const all = <T>(pick: (r: ApplyReport) => T[], name: (x: T, label: string) => T = (x) => x) =>
    reports.flatMap(({ label, report }) => pick(report).map((x) => name(x, label)));
  const failures = all(
    (r) => r.failures,
    (f, label) => ({ ...f, apiKey: `${label}/${f.apiKey}` }),
  );
  // Environments the promotion did not reach, and why (a gate, or a stop before them).
  for (const step of promotion.steps)
    if (!step.result && step.why) failures.push({ apiKey: step.target.label, message: `${step.status}: ${step.why}` });
  const applied = reports.some((r) => r.report.status === 'applied');
  const status: ApplyReport['status'] =
    promotion.status === 'stopped'
      ? reports.some((r) => r.report.status === 'invalid')
        ? 'invalid'
        : 'failed'
      : applied
        ? 'applied'
        : 'no-changes';
  return {
    status,
    issues: all((r) => r.issues),
    progress: all(
      (r) => r.progress,
      (p, label) => ({ ...p, apiKey: `${label}/${p.apiKey}` }),
    ),
    failures,
    rolledBack: all(
      (r) => r.rolledBack,
      (k, label) => `${label}/${k}`,
    ),
  };
}

export interface EnvironmentsPlanInput {
  /** The head's state directory (and how reports name it). */
  head: string;
  displayDir?: string;
  declared: DeclaredEnvironments;
  /** The environments the pull request changes (touchedEnvironments). */
  touched: string[];
  /** The base branch's state directory and the environments it declares, for drift. */
  base?: { dir: string; names: string[] };
  costThreshold?: PlanInput['costThreshold'];
}

export interface EnvironmentsPlan {
  sections: EnvironmentCommentSection[];
  /** What an approval approves, every environment and region; absent when any is invalid. */
  desired?: DesiredStateDigest;
  /** Every environment's issues (annotations), each once. */
  issues: ValidationIssue[];
}

export async function planEnvironments(services: EngineServices, o: EnvironmentsPlanInput): Promise<EnvironmentsPlan> {
  const sections: EnvironmentCommentSection[] = [];
  const digests: Record<string, DesiredStateDigest> = {};
  const issues = new Map<string, ValidationIssue>();
  let valid = true;
  for (const { environment: name, region, label } of environmentTargets(o.declared)) {
    const input = { dir: o.head, displayDir: o.displayDir, environment: name, region, costThreshold: o.costThreshold };
    const described = await services.planner.describe(input);
    for (const i of described.issues)
      issues.set(`${i.location.file}:${i.location.line}:${i.location.column}:${i.message}`, i);
    if (described.status === 'invalid') {
      valid = false;
      sections.push({ label, region: region ?? '?', touched: true, issues: described.issues });
      continue;
    }
    digests[environmentDigestKey(name, described.desired.region)] = described.desired;
    if (!o.touched.includes(name)) {
      sections.push({ label, region: described.desired.region, touched: false, issues: [] });
      continue;
    }
    const planned = await services.planner.plan(input);
    if (planned.status === 'invalid') {
      valid = false;
      sections.push({ label, region: described.desired.region, touched: true, issues: planned.issues });
      continue;
    }
    const drifted = o.base?.names.includes(name)
      ? await services.drifter.drift({ dir: o.base.dir, displayDir: o.displayDir, environment: name, region })
      : undefined;
    sections.push({
      label,
      region: planned.plan.region,
      touched: true,
      plan: planned.plan,
      issues: planned.issues,
      ...(drifted?.status === 'ok' ? { drift: drifted.report } : {}),
      ...(planned.cost ? { cost: planned.cost } : {}),
    });
  }
  return { sections, issues: [...issues.values()], ...(valid ? { desired: environmentsDigest(digests) } : {}) };
}
