/**
 * Promotion gating (pure: the apply, the soak and the approval are given). The next
 * environment starts only when the one before it ended applied; a rollback, a failure or a
 * refused approval stops there and leaves every later environment not started.
 */
import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../../src/engine/apply.js';
import { runPromotion, type PromotionEvent, type PromotionTarget } from '../../../src/engine/promote.js';
import { RolledBackError } from '../../../src/engine/rollout-deployer.js';

const gate = (soakSeconds = 0, approval = false) => ({ soakSeconds, approval });
const T = (environment: string, g = gate(), region?: string): PromotionTarget => ({
  environment,
  region,
  label: region ? `${environment}/${region}` : environment,
  gate: g,
});

function result(status: ApplyResult['status'], error?: unknown): ApplyResult {
  const failures =
    status === 'failed' ? [{ apiKey: 'shop', message: String((error as Error)?.message ?? 'boom'), error }] : [];
  return {
    status,
    issues: [],
    issuesText: '',
    resumed: [],
    done: [],
    deployed: [],
    remaining: { steps: [], deployments: [] },
    failures,
    writes: 0,
  };
}

async function promote(
  targets: PromotionTarget[],
  outcomes: Record<string, ApplyResult>,
  o: { approve?: (t: PromotionTarget) => Promise<boolean> } = {},
) {
  const applied: string[] = [];
  const slept: number[] = [];
  const events: PromotionEvent[] = [];
  const r = await runPromotion({
    targets,
    apply: async (t) => {
      applied.push(t.label);
      return outcomes[t.label] ?? result('applied');
    },
    sleep: async (ms) => void slept.push(ms),
    approve: o.approve,
    onEvent: (e) => events.push(e),
  });
  return { r, applied, slept, events, statuses: r.steps.map((s) => `${s.target.label}:${s.status}`) };
}

describe('runPromotion', () => {
  it('applies every environment in order when each one promotes', async () => {
    const { r, applied, statuses } = await promote([T('dev'), T('staging'), T('prod')], {
      staging: result('no-changes'),
    });
    expect(r.status).toBe('promoted');
    expect(applied).toEqual(['dev', 'staging', 'prod']);
    expect(statuses).toEqual(['dev:applied', 'staging:no-changes', 'prod:applied']);
  });

  it('a rollback in the first environment stops the rest: they are not started', async () => {
    const rolledBack = result('failed', new RolledBackError('shop-api/prod', 'alarm shop-api-5xx is in ALARM'));
    const { r, applied, statuses, events } = await promote([T('dev'), T('staging'), T('prod', gate(600, true))], {
      dev: rolledBack,
    });
    expect(applied).toEqual(['dev']);
    expect(r).toMatchObject({ status: 'stopped', stoppedAt: 'dev' });
    expect(statuses).toEqual(['dev:rolled-back', 'staging:not-started', 'prod:not-started']);
    expect(r.steps[1].why).toBe('the promotion stopped at dev (rolled-back)');
    expect(events.at(-1)).toEqual({
      type: 'promotion.stopped',
      at: 'dev',
      status: 'rolled-back',
      skipped: ['staging', 'prod'],
    });
  });

  it('any other failure (invalid, failed) stops it too', async () => {
    expect((await promote([T('dev'), T('prod')], { dev: result('invalid') })).statuses).toEqual([
      'dev:invalid',
      'prod:not-started',
    ]);
    expect(
      (await promote([T('dev'), T('prod')], { prod: result('failed', new Error('LockedError')) })).statuses,
    ).toEqual(['dev:applied', 'prod:failed']);
  });

  it('soaks after an environment that changed, not after one that was already up to date', async () => {
    expect((await promote([T('dev'), T('prod', gate(600))], {})).slept).toEqual([600_000]);
    expect((await promote([T('dev'), T('prod', gate(600))], { dev: result('no-changes') })).slept).toEqual([]);
  });

  it('an environment that needs approval asks once; a refusal or nobody to ask stops there', async () => {
    const asked: string[] = [];
    const yes = await promote(
      [T('dev'), T('prod', gate(0, true))],
      {},
      { approve: async (t) => (asked.push(t.label), true) },
    );
    expect(yes.statuses).toEqual(['dev:applied', 'prod:applied']);
    expect(asked).toEqual(['prod']);
    const no = await promote([T('dev'), T('prod', gate(0, true))], {}, { approve: async () => false });
    expect(no.statuses).toEqual(['dev:applied', 'prod:not-approved']);
    expect(no.applied).toEqual(['dev']);
    const nobody = await promote([T('dev'), T('prod', gate(0, true)), T('dr')], {});
    expect(nobody.statuses).toEqual(['dev:applied', 'prod:not-approved', 'dr:not-started']);
    expect(nobody.r.steps[1].why).toMatch(/needs a person's approval .*apigw-sync apply --env prod/);
  });

  it('the regions of one environment follow each other; its gate is passed once, on entering it', async () => {
    const prod = gate(60, true);
    let asked = 0;
    const r = await promote(
      [T('dev'), T('prod', prod, 'ap-northeast-2'), T('prod', prod, 'us-east-1')],
      { 'prod/ap-northeast-2': result('applied') },
      { approve: async () => (asked++, true) },
    );
    expect(r.statuses).toEqual(['dev:applied', 'prod/ap-northeast-2:applied', 'prod/us-east-1:applied']);
    expect(asked).toBe(1);
    expect(r.slept).toEqual([60_000]);
    const stop = await promote([T('prod', prod, 'ap-northeast-2'), T('prod', prod, 'us-east-1')], {
      'prod/ap-northeast-2': result('failed', new RolledBackError('x', 'y')),
    });
    expect(stop.statuses).toEqual(['prod/ap-northeast-2:rolled-back', 'prod/us-east-1:not-started']);
  });
});
