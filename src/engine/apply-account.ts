/**
 * The account-scope part of an apply: its steps run by one writer (AccountExecutor), in two
 * parts around the APIs (plan/order.ts puts them there): what the APIs need first, what
 * needs the APIs after. Records the state names that carry no owner yet are tagged first.
 */
import { ACCOUNT_KEY } from '../model/account.js';
import type { LiveSnapshot } from '../model/live.js';
import type { GatewayModel } from '../model/api.js';
import type { Plan, PlanStep } from '../model/plan.js';
import { walkPlan, type WalkResult } from '../plan/index.js';
import { maskChange } from '../render/mask.js';
import { accountKindOf } from '../kinds/registry.js';
import { AwsCaller } from '../aws/apply/index.js';
import { AccountExecutor } from '../aws/account/executor.js';
import type { AccountWaitOptions } from '../aws/account/writer.js';
import type { AwsClients } from '../aws/clients.js';
import type { EventSink } from './events.js';
import { message } from './apply-api.js';

/** The plan's account steps that run before the APIs (the leading ones) and after them (the trailing ones). */
export function accountParts(plan: Plan): { before: PlanStep[]; after: PlanStep[] } {
  const isAccount = (s: PlanStep) => s.change.apiKey === ACCOUNT_KEY && accountKindOf(s.change.target) !== undefined;
  const steps = plan.steps;
  let i = 0;
  while (i < steps.length && isAccount(steps[i])) i++;
  let j = steps.length;
  while (j > i && isAccount(steps[j - 1])) j--;
  return { before: steps.slice(0, i), after: steps.slice(j) };
}

export interface AccountApply {
  executor: AccountExecutor;
  /** Runs some of the account steps (one part). */
  run(steps: PlanStep[]): Promise<WalkResult>;
  /** Successful AWS writes so far. */
  readonly writes: number;
}

export function startAccountApply(o: {
  plan: Plan;
  desired: GatewayModel;
  live: LiveSnapshot;
  clients: AwsClients;
  apiIdOf(apiKey: string): string | undefined;
  wait?: AccountWaitOptions;
  events: EventSink;
}): AccountApply {
  let writes = 0;
  const caller = new AwsCaller({
    onCall: (info) => {
      if (info.write) writes++;
      o.events({ type: 'aws.call', apiKey: ACCOUNT_KEY, operation: info.operation, write: info.write });
    },
  });
  const executor = new AccountExecutor({
    clients: o.clients,
    caller,
    region: o.clients.region,
    desired: o.desired.account,
    live: o.live.account,
    ownerId: o.desired.owner,
    apiIdOf: o.apiIdOf,
    wait: o.wait,
    onWait: (p) =>
      o.events({
        type: 'account.waiting',
        target: p.target,
        name: p.key,
        status: p.status,
        ...(p.message ? { message: p.message } : {}),
        waitedMs: p.waitedMs,
      }),
  });
  const shown = (step: PlanStep): PlanStep => ({ ...step, change: maskChange(step.change) });
  return {
    executor,
    get writes() {
      return writes;
    },
    run: (steps) =>
      walkPlan({ ...o.plan, steps, deployments: {} }, executor, {
        onStep: (e) => {
          const apiKey = ACCOUNT_KEY;
          if (e.type === 'step.start' || e.type === 'step.done')
            o.events({ type: e.type, apiKey, step: shown(e.step) });
          else if (e.type === 'step.failed')
            o.events({ type: e.type, apiKey, step: shown(e.step), error: message(e.error) });
        },
      }),
  };
}
