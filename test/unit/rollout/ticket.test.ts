import { describe, expect, it } from 'vitest';
import type { RolloutPolicy } from '../../../src/model/api.js';
import { TAG_ROLLOUT_ALARMS, TAG_ROLLOUT_POLICY } from '../../../src/model/live.js';
import { ticketFromTags, ticketTagKeys, ticketTags } from '../../../src/rollout/ticket.js';

const policy: RolloutPolicy = {
  stage: 'prod',
  steps: [5, 25, 50, 100],
  bakeSeconds: 120,
  pollSeconds: 5,
  minRequests: 100,
  timeoutSeconds: 1500,
  onInsufficientData: 'fail-fast',
  onAlarmReadError: 'wait 45',
  leaseSeconds: 60,
  alarms: ['shop-api-5xx'],
  managedAlarms: [],
};

describe('rollout ticket (the policy a rollout runs with, kept on the stage)', () => {
  it('round-trips the policy and every alarm name, in tag-safe values', () => {
    const names = ['shop-api-5xx', 'apigw-sync-shop-prod-p99', 'odd name; with | and $ and ünïcode'];
    const tags = ticketTags(policy, names);
    for (const v of Object.values(tags)) {
      expect(v.length).toBeLessThanOrEqual(256);
      expect(v).toMatch(/^[\w .:/=+\-@]+$/);
    }
    expect(ticketFromTags('prod', tags)?.policy).toEqual({ ...policy, alarms: names });
  });
  it('spreads many long alarm names over several tags, and finds them all to remove', () => {
    const names = Array.from({ length: 6 }, (_, i) => `${'x'.repeat(200)}-${i}`);
    const tags = ticketTags({ ...policy, onAlarmReadError: 'rollback' }, names);
    expect(Object.keys(tags).length).toBeGreaterThan(3);
    expect(ticketFromTags('prod', tags)?.policy).toMatchObject({ alarms: names, onAlarmReadError: 'rollback' });
    expect(ticketTagKeys({ ...tags, team: 'a', 'apigw-sync:rollout': 'v2 …' }).sort()).toEqual(
      Object.keys(tags).sort(),
    );
  });
  it('a stage without a ticket (or with one it cannot read) has none', () => {
    expect(ticketFromTags('prod', {})).toBeUndefined();
    expect(ticketFromTags('prod', { [TAG_ROLLOUT_POLICY]: 'v9 x', [TAG_ROLLOUT_ALARMS]: 'W10=' })).toBeUndefined();
    expect(
      ticketFromTags('prod', {
        [TAG_ROLLOUT_POLICY]: ticketTags(policy, [])[TAG_ROLLOUT_POLICY],
        [TAG_ROLLOUT_ALARMS]: '!!',
      }),
    ).toBeUndefined();
  });
});
