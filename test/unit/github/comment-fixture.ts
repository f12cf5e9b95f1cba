/** Inputs for the comment/summary tests: the render fixture's plan plus drift, cost and approvals. */
import { buildPlan } from '../../../src/plan/build.js';
import { desiredStateDigest } from '../../../src/plan/fingerprint.js';
import { detectDrift } from '../../../src/diff/drift.js';
import type { PlanCommentInput } from '../../../src/render/comment.js';
import { FIXTURE_NOW, fixtureDesired, fixtureLive } from '../render/plan-fixture.js';
import { clone } from '../../helpers/model-builders.js';

export const HEAD_SHA = '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

export function fixturePlan() {
  return buildPlan({ desired: fixtureDesired(), live: fixtureLive(), now: FIXTURE_NOW });
}

/** Drift of the base branch: someone raised prod throttling in the console. */
export function fixtureDrift() {
  const live = fixtureLive();
  const base = clone(fixtureDesired());
  base.apis.shop = clone(live.apis.shop.model);
  base.apis.events = clone(live.apis.events.model);
  live.apis.shop.model.stages.prod.throttling = { rateLimit: 5000, burstLimit: 9000 };
  live.apis.shop.model.stages.prod.variables.dbPassword = 'console-typed-secret';
  return detectDrift(base, live);
}

export const FIXTURE_COST = {
  show: true,
  monthlyDeltaUsd: 12.4,
  markdown:
    '### 💰 Cost\n\n| API | Before | After | Delta |\n|---|---|---|---|\n| shop | $40.00 | $52.40 | +$12.40 |\n',
};

/** The desired state of the fixture (what an approval of HEAD_SHA approves). */
export function fixtureDesiredDigest() {
  return desiredStateDigest(fixtureDesired());
}

export const OLDER_SHA = '1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';

export function fixtureCommentInput(over: Partial<PlanCommentInput> = {}): PlanCommentInput {
  const plan = fixturePlan();
  return {
    headSha: HEAD_SHA,
    plan,
    issues: [],
    drift: fixtureDrift(),
    cost: FIXTURE_COST,
    desired: fixtureDesiredDigest(),
    approvals: [
      { login: 'alice', headSha: HEAD_SHA, at: '2026-11-23T09:10:00Z' },
      { login: 'bob', headSha: OLDER_SHA, at: '2026-11-23T08:00:00Z' },
    ],
    requiredApprovals: 2,
    ...over,
  };
}
