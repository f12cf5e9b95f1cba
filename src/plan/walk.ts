/**
 * The one walk plan and apply share. Steps run in plan order; after the last step of an
 * API, its stages are deployed (plan.deployments). The walk stops at the first failure and
 * reports what is left, so an interrupted apply can say exactly what remains.
 * It never throws for an executor failure: the outcome is a value.
 */
import type { Plan, PlanStep, StepExecutor } from '../model/plan.js';

export interface DeploymentTask {
  apiKey: string;
  stages: string[];
}

export type WalkEvent =
  | { type: 'step.start'; step: PlanStep }
  | { type: 'step.done'; step: PlanStep }
  | { type: 'step.failed'; step: PlanStep; error: unknown }
  | { type: 'deploy.start'; task: DeploymentTask }
  | { type: 'deploy.done'; task: DeploymentTask }
  | { type: 'deploy.failed'; task: DeploymentTask; error: unknown };

export interface WalkOptions {
  onStep?: (event: WalkEvent) => void;
}

export interface WalkResult {
  ok: boolean;
  done: PlanStep[];
  deployed: DeploymentTask[];
  /** Set when the walk stopped: the step or deployment that failed, and why. */
  failed?: { step?: PlanStep; deployment?: DeploymentTask; error: unknown };
  /** Steps not carried out (the failed one first). */
  remainingSteps: PlanStep[];
  /** Deployments not carried out (the failed one first). */
  remainingDeployments: DeploymentTask[];
}

interface Unit {
  apiKey: string;
  steps: PlanStep[];
  deploy?: DeploymentTask;
}

/** Steps grouped per API in plan order, each group followed by that API's deployment. */
export function walkUnits(plan: Plan): Unit[] {
  const units: Unit[] = [];
  for (const step of plan.steps) {
    const last = units[units.length - 1];
    if (last && last.apiKey === step.change.apiKey) last.steps.push(step);
    else units.push({ apiKey: step.change.apiKey, steps: [step] });
  }
  const seen = new Set(units.map((u) => u.apiKey));
  // An API may need a deployment without steps (not produced by buildPlan, but a plan file may say so).
  for (const apiKey of Object.keys(plan.deployments).sort()) {
    if (!seen.has(apiKey)) units.push({ apiKey, steps: [] });
  }
  // Deploy after the API's last group of steps.
  const lastIndex = new Map<string, number>();
  units.forEach((u, i) => lastIndex.set(u.apiKey, i));
  for (const [apiKey, i] of lastIndex) {
    const stages = plan.deployments[apiKey];
    if (stages && stages.length > 0) units[i].deploy = { apiKey, stages: [...stages] };
  }
  return units;
}

export async function walkPlan(plan: Plan, executor: StepExecutor, opts: WalkOptions = {}): Promise<WalkResult> {
  const emit = opts.onStep ?? (() => {});
  const units = walkUnits(plan);
  const done: PlanStep[] = [];
  const deployed: DeploymentTask[] = [];

  const stop = (u: number, s: number, failed: WalkResult['failed']): WalkResult => {
    const remainingSteps = [...units[u].steps.slice(s), ...units.slice(u + 1).flatMap((x) => x.steps)];
    const remainingDeployments = units.slice(u).flatMap((x) => (x.deploy ? [x.deploy] : []));
    return { ok: false, done, deployed, failed, remainingSteps, remainingDeployments };
  };

  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    for (let s = 0; s < unit.steps.length; s++) {
      const step = unit.steps[s];
      emit({ type: 'step.start', step });
      try {
        await executor.execute(step);
      } catch (error) {
        emit({ type: 'step.failed', step, error });
        return stop(u, s, { step, error });
      }
      done.push(step);
      emit({ type: 'step.done', step });
    }
    if (unit.deploy) {
      const task = unit.deploy;
      emit({ type: 'deploy.start', task });
      try {
        await executor.deploy(task.apiKey, task.stages);
      } catch (error) {
        emit({ type: 'deploy.failed', task, error });
        return stop(u, unit.steps.length, { deployment: task, error });
      }
      deployed.push(task);
      emit({ type: 'deploy.done', task });
    }
  }
  return { ok: true, done, deployed, remainingSteps: [], remainingDeployments: [] };
}
