import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, MAX_TAG_VALUE, type RolloutRecord } from '../../../src/rollout/record.js';

const r: RolloutRecord = {
  phase: 'rolling-back', step: 3, startedAt: 1_700_000_000_000, stepStartedAt: 1_700_000_123_456,
  canaryDeploymentId: 'abc123def0', previousDeploymentId: 'zyx987wvu6', fingerprint: '0123456789ab',
};

describe('rollout record', () => {
  it('round-trips and fits in a tag value', () => {
    const text = encodeRecord(r);
    expect(text.length).toBeLessThanOrEqual(MAX_TAG_VALUE);
    expect(decodeRecord(text)).toEqual(r);
    expect(text).toMatch(/^[\w .:/=+\-@]+$/); // AWS's tag value alphabet
  });
  it.each(['', 'v2 b 0 1 1 a b ', 'v1 x 0 1 1 a b ', 'v1 b zero 1 1 a b ', 'v1 b 0 1 1  b ', 'v1;b;0;1;1;a;b;'])('refuses %j with a fix', (bad) => {
    expect(() => decodeRecord(bad)).toThrow(/cannot be read/);
  });
});
