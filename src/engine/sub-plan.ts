import type { Plan } from '../model/plan.js';

/** The part of a plan that concerns one API (its steps, its deployment). */
export function subPlan(plan: Plan, apiKey: string): Plan {
  const stages = plan.deployments[apiKey];
  return {
    ...plan,
    steps: plan.steps.filter((s) => s.change.apiKey === apiKey),
    deployments: stages?.length ? { [apiKey]: stages } : {},
  };
}
