import { describe, expect, it } from 'vitest';
import {
  decodeRecord,
  driverId,
  encodeRecord,
  leaseHeldByOther,
  MAX_TAG_VALUE,
  type RolloutRecord,
} from '../../../src/rollout/record.js';

const r: RolloutRecord = {
  phase: 'rolling-back',
  step: 3,
  startedAt: 1_700_000_000_000,
  stepStartedAt: 1_700_000_123_456,
  canaryDeploymentId: 'abc123def0',
  previousDeploymentId: 'zyx987wvu6',
  fingerprint: '0123456789ab',
  driver: 'cli:alice@laptop/4242/x1y2z3',
  leaseUntil: 1_700_000_200_000,
};
const TAG_VALUE = /^[\w .:/=+\-@]+$/; // AWS's tag value alphabet

describe('rollout record', () => {
  it('round-trips and fits in a tag value', () => {
    const text = encodeRecord(r);
    expect(text.length).toBeLessThanOrEqual(MAX_TAG_VALUE);
    expect(decodeRecord(text)).toEqual(r);
    expect(text).toMatch(TAG_VALUE);
  });
  it('a `starting` record (no canary yet) and the longest driver id still fit', () => {
    const starting = {
      ...r,
      phase: 'starting' as const,
      canaryDeploymentId: '',
      fingerprint: '',
      driver: driverId(`cli:${'x'.repeat(300)} y$z`),
    };
    const text = encodeRecord(starting);
    expect(text.length).toBeLessThanOrEqual(MAX_TAG_VALUE);
    expect(text).toMatch(TAG_VALUE);
    expect(decodeRecord(text)).toEqual(starting);
  });
  it('reads v1 records (before leases): nobody holds them', () => {
    const v1 = decodeRecord('v1 b 1 1700000000000 1700000000000 new old 0123456789ab');
    expect(v1).toMatchObject({
      phase: 'baking',
      step: 1,
      canaryDeploymentId: 'new',
      previousDeploymentId: 'old',
      fingerprint: '0123456789ab',
      driver: '',
      leaseUntil: 0,
    });
    expect(leaseHeldByOther(v1, 'cli:me', Date.now())).toBe(false);
  });
  it('a lease is held by another driver only until it expires', () => {
    expect(leaseHeldByOther(r, 'app:other', r.leaseUntil - 1)).toBe(true);
    expect(leaseHeldByOther(r, 'app:other', r.leaseUntil)).toBe(false);
    expect(leaseHeldByOther(r, r.driver, r.leaseUntil - 1)).toBe(false);
  });
  it.each([
    '',
    'v3 b 0 1 1 a b - d 1',
    'v1 x 0 1 1 a b ',
    'v1 b zero 1 1 a b ',
    'v2 b 0 1 1 a - - d 1',
    'v1;b;0;1;1;a;b;',
    'v2 b 0 1 1 a b - d',
  ])('refuses %j with a fix', (bad) => {
    expect(() => decodeRecord(bad)).toThrow(/cannot be read/);
  });
});
