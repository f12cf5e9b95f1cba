/**
 * The dry-run executor: plan is apply with this executor. It writes nothing and records,
 * in order, what the walk asked it to do — the same calls the AWS executor would get.
 */
import type { PlanStep, StepExecutor } from '../model/plan.js';

export type DryRunCall =
  | { kind: 'execute'; seq: number; id: string; action: PlanStep['change']['action']; description: string }
  | { kind: 'deploy'; apiKey: string; stages: string[]; description: string };

export class DryRunExecutor implements StepExecutor {
  readonly calls: DryRunCall[] = [];

  async execute(step: PlanStep): Promise<void> {
    const c = step.change;
    this.calls.push({
      kind: 'execute',
      seq: step.seq,
      id: c.id,
      action: c.action,
      description: `${c.action} ${c.target} ${c.name} in ${c.apiKey}`,
    });
  }

  async deploy(apiKey: string, stages: string[]): Promise<void> {
    this.calls.push({
      kind: 'deploy',
      apiKey,
      stages: [...stages],
      description: `deploy ${apiKey} to ${stages.join(', ')}`,
    });
  }
}
