/**
 * The in-process executor's promotion over the engine services (environment-plans.ts): each
 * environment applied in order with its own part of the approval; a rollback in dev stops it
 * and prod is never applied; the report names the environments (the revert pull request and
 * the failure issue say which).
 */
import { describe, expect, it } from 'vitest';
import { promoteEnvironments } from '../../../src/github/environment-plans.js';
import type { ApplyInput, ApplyReport, EngineServices } from '../../../src/github/ports.js';
import type { DeclaredEnvironments } from '../../../src/state/index.js';

const declared: DeclaredEnvironments = {
  names: ['dev', 'prod'],
  promotion: ['dev', 'prod'],
  byName: {
    dev: {
      name: 'dev',
      regions: ['us-east-1'],
      account: { id: '111111111111' },
      gate: { soakSeconds: 0, approval: false },
    },
    prod: {
      name: 'prod',
      regions: ['ap-northeast-2', 'eu-west-1'],
      account: { id: '222222222222' },
      gate: { soakSeconds: 60, approval: false },
    },
  },
};

function services(outcome: (env: string) => ApplyReport): { services: EngineServices; applied: string[] } {
  const applied: string[] = [];
  const applier = {
    async apply(input: ApplyInput) {
      applied.push(`${input.environment}/${input.region}`);
      input.onProgress?.({ apiKey: 'shop', stage: 'prod', state: 'success' });
      return outcome(input.environment!);
    },
  };
  return { services: { applier } as unknown as EngineServices, applied };
}

const ok: ApplyReport = { status: 'applied', issues: [], progress: [], failures: [], rolledBack: [] };

describe('promoteEnvironments', () => {
  it('applies dev, soaks, then each region of prod; progress and results named by environment', async () => {
    const { services: s, applied } = services(() => ok);
    const slept: number[] = [];
    const progress: string[] = [];
    const r = await promoteEnvironments(
      s,
      { dir: 'x', onProgress: (p) => progress.push(p.apiKey) },
      declared,
      async (ms) => void slept.push(ms),
    );
    expect(applied).toEqual(['dev/us-east-1', 'prod/ap-northeast-2', 'prod/eu-west-1']);
    expect(slept).toEqual([60_000]);
    expect(r).toMatchObject({ status: 'applied', failures: [], rolledBack: [] });
    expect(progress).toEqual(['dev/shop', 'prod/ap-northeast-2/shop', 'prod/eu-west-1/shop']);
  });

  it('a rollback in dev stops the promotion: prod is never applied, and the report says so', async () => {
    const rolledBack: ApplyReport = {
      status: 'failed',
      issues: [],
      progress: [],
      failures: [
        { apiKey: 'shop', message: 'the rollout of shop-api/prod was rolled back: alarm shop-api-5xx is in ALARM' },
      ],
      rolledBack: ['shop'],
    };
    const { services: s, applied } = services((env) => (env === 'dev' ? rolledBack : ok));
    const r = await promoteEnvironments(s, { dir: 'x' }, declared, async () => {});
    expect(applied).toEqual(['dev/us-east-1']);
    expect(r.status).toBe('failed');
    expect(r.rolledBack).toEqual(['dev/shop']);
    expect(r.failures.map((f) => f.apiKey)).toEqual(['dev/shop', 'prod/ap-northeast-2', 'prod/eu-west-1']);
    expect(r.failures[1].message).toMatch(/^not-started: the promotion stopped at dev \(rolled-back\)/);
  });
});
