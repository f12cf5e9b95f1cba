import { describe, expect, it } from 'vitest';
import { formatAge, renderRolloutsJson, renderRolloutsText } from '../../../src/render/rollouts-text.js';
import type { RolloutStatus } from '../../../src/rollout/status.js';
import { expectGolden } from '../../helpers/golden.js';

const now = Date.parse('2026-11-23T09:30:00Z');
const rollouts: RolloutStatus[] = [
  {
    target: 'events-api/$default',
    api: 'events-api',
    apiId: 'h7k2m9',
    kind: 'HttpApi',
    stage: '$default',
    owner: 'acme/gateway:gateway-state',
    phase: 'baking',
    step: 0,
    steps: [100],
    percent: 100,
    startedAt: now - 45_000,
    driver: 'cli:github-run/7741/1/q8w2e4',
    leaseUntil: now - 65_000,
    lease: 'expired',
  },
  {
    target: 'shop-api/prod',
    api: 'shop-api',
    apiId: 'a1b2c3d4e5',
    kind: 'RestApi',
    stage: 'prod',
    owner: 'acme/gateway:gateway-state',
    phase: 'baking',
    step: 1,
    steps: [10, 50, 100],
    percent: 50,
    startedAt: now - 192_000,
    driver: 'app:replica-7f9c/1/x1y2z3',
    leaseUntil: now + 48_000,
    lease: 'held',
  },
  {
    target: 'orders-api/prod',
    api: 'orders-api',
    apiId: 'o4p5q6',
    kind: 'RestApi',
    stage: 'prod',
    phase: 'rolling-back',
    step: 0,
    steps: [10, 100],
    percent: 10,
    startedAt: now - 80_000,
    driver: 'cli:alice@laptop/4242/k2j3h4',
    leaseUntil: now + 40_000,
    lease: 'gone',
    driverGone: 'process 4242 on this machine, which held it, is no longer running',
  },
  {
    target: 'legacy-api/live',
    api: 'legacy-api',
    apiId: 'z9y8x7',
    kind: 'RestApi',
    stage: 'live',
    phase: 'promoting',
    step: 2,
    startedAt: now - 3 * 3600_000 - 5 * 60_000,
    leaseUntil: 0,
    lease: 'none',
    problem: 'started before rollouts kept their policy: it can only be rolled back',
  },
];

describe('apigw-sync rollouts', () => {
  it('a table per rollout, then what to do about the ones nobody drives (golden)', () => {
    expectGolden('rollouts/table.txt', renderRolloutsText({ region: 'ap-northeast-2', rollouts }, now));
  });
  it('says when nothing is in progress (golden)', () => {
    expectGolden('rollouts/empty.txt', renderRolloutsText({ region: 'ap-northeast-2', rollouts: [] }, now));
  });
  it('json: ISO times and the age in seconds', () => {
    const parsed = JSON.parse(renderRolloutsJson({ region: 'ap-northeast-2', rollouts }, now));
    expect(parsed.at).toBe('2026-11-23T09:30:00.000Z');
    expect(parsed.rollouts[1]).toMatchObject({
      api: 'shop-api',
      percent: 50,
      lease: 'held',
      leaseUntil: '2026-11-23T09:30:48.000Z',
      startedAt: '2026-11-23T09:26:48.000Z',
      ageSeconds: 192,
    });
  });
  it.each([
    [45_000, '45s'],
    [192_000, '3m 12s'],
    [3 * 3600_000 + 5 * 60_000, '3h 05m'],
  ])('formatAge(%i) = %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});
