/** Deterministic engine ports for App tests that are about GitHub, not AWS. */
import type { ApplyInput, ApplyReport, DesiredReport, EngineServices, PlanReport } from '../../../src/github/ports.js';
import type { DriftReport } from '../../../src/model/drift.js';
import { FIXTURE_COST, fixtureDesiredDigest, fixtureDrift, fixturePlan } from './comment-fixture.js';

export interface FakeCalls {
  plan: string[];
  describe: string[];
  drift: string[];
  apply: ApplyInput[];
  unlock: string[];
}

export function fakeServices(
  opts: {
    plan?: () => PlanReport;
    drift?: () => DriftReport;
    apply?: (i: ApplyInput) => ApplyReport | Promise<ApplyReport>;
    describe?: () => DesiredReport;
  } = {},
): { services: EngineServices; calls: FakeCalls } {
  const calls: FakeCalls = { plan: [], describe: [], drift: [], apply: [], unlock: [] };
  const services: EngineServices = {
    planner: {
      async plan(input) {
        calls.plan.push(input.displayDir ?? input.dir);
        return (
          opts.plan?.() ?? {
            status: 'ok',
            plan: fixturePlan(),
            issues: [],
            hasChanges: true,
            cost: FIXTURE_COST,
            desired: fixtureDesiredDigest(),
          }
        );
      },
      async describe(input) {
        calls.describe.push(input.displayDir ?? input.dir);
        return opts.describe?.() ?? { status: 'ok', issues: [], desired: fixtureDesiredDigest(), apis: [] };
      },
    },
    drifter: {
      async drift(input) {
        calls.drift.push(input.displayDir ?? input.dir);
        return {
          status: 'ok',
          report: opts.drift?.() ?? fixtureDrift(),
          apiNames: { shop: 'shop-api', events: 'events-api' },
        };
      },
    },
    applier: {
      async apply(input) {
        calls.apply.push(input);
        if (opts.apply) return opts.apply(input);
        const progress = [
          { apiKey: 'events', stage: 'prod', state: 'success' as const, detail: 'serving d-2' },
          { apiKey: 'shop', stage: 'prod', state: 'success' as const, detail: 'canary promoted' },
        ];
        for (const p of [
          { ...progress[0], state: 'in_progress' as const, detail: 'deploying' },
          progress[0],
          { ...progress[1], state: 'in_progress' as const, detail: 'canary at 25%' },
          progress[1],
        ])
          input.onProgress?.(p);
        return { status: 'applied', plan: fixturePlan(), issues: [], progress, failures: [], rolledBack: [] };
      },
    },
    unlocker: {
      async unlock({ api }) {
        calls.unlock.push(api);
        return { apiId: 'a1b2c3', name: api, removed: true };
      },
    },
  };
  return { services, calls };
}
