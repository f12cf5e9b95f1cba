import { describe, expect, it } from 'vitest';
import type { RolloutPolicy } from '../../../src/model/api.js';
import { decide, describeRollbackReason, type AlarmReading, type Observation } from '../../../src/rollout/decide.js';
import type { RolloutRecord } from '../../../src/rollout/record.js';

const policy: RolloutPolicy = {
  stage: 'prod',
  steps: [10, 50, 100],
  bakeSeconds: 60,
  pollSeconds: 5,
  minRequests: 100,
  timeoutSeconds: 600,
  onInsufficientData: 'rollback',
  onAlarmReadError: 'rollback',
  leaseSeconds: 60,
  alarms: ['api-5xx', 'api-latency'],
  managedAlarms: [],
};
const T0 = 1_700_000_000_000;
const record: RolloutRecord = {
  phase: 'baking',
  step: 0,
  startedAt: T0,
  stepStartedAt: T0,
  canaryDeploymentId: 'new111',
  previousDeploymentId: 'old000',
  fingerprint: 'abc',
  driver: 'cli:me',
  leaseUntil: T0 + 60_000,
};
const ok = (name: string): AlarmReading => ({ name, state: 'OK' });
const allOk = { readings: [ok('api-5xx'), ok('api-latency')] };
const obs = (o: Partial<Observation>): Observation => ({
  now: T0 + 61_000,
  alarms: allOk,
  canaryRequests: 500,
  interrupted: false,
  ...o,
});

describe('decide', () => {
  const cases: Array<{
    name: string;
    rec?: Partial<RolloutRecord>;
    obs: Partial<Observation>;
    pol?: Partial<RolloutPolicy>;
    expected: unknown;
  }> = [
    { name: 'healthy and baked → next step', obs: {}, expected: { kind: 'step', toStep: 1, percent: 50 } },
    { name: 'healthy on the last step → promote', rec: { step: 2 }, obs: {}, expected: { kind: 'promote' } },
    { name: 'still baking → wait', obs: { now: T0 + 30_000 }, expected: { kind: 'wait', why: 'baking 30/60 s' } },
    {
      name: 'too few canary requests → wait',
      obs: { canaryRequests: 40 },
      expected: { kind: 'wait', why: 'canary served 40/100 requests' },
    },
    {
      name: 'request count unreadable → wait',
      obs: { canaryRequests: undefined },
      expected: { kind: 'wait', why: 'canary request count not readable yet' },
    },
    {
      name: 'minRequests 0 ignores the count',
      obs: { canaryRequests: undefined },
      pol: { minRequests: 0 },
      expected: { kind: 'step', toStep: 1, percent: 50 },
    },
    {
      name: 'ALARM → rollback with value and threshold',
      obs: {
        now: T0 + 5_000,
        alarms: {
          readings: [
            ok('api-latency'),
            { name: 'api-5xx', state: 'ALARM', value: 12, threshold: 5, reason: 'Threshold Crossed' },
          ],
        },
      },
      expected: {
        kind: 'rollback',
        reason: { kind: 'alarm', alarm: 'api-5xx', value: 12, threshold: 5, detail: 'Threshold Crossed' },
      },
    },
    {
      name: 'unreadable alarms → rollback (fail safe)',
      obs: { alarms: { error: 'alarm api-5xx does not exist' } },
      expected: { kind: 'rollback', reason: { kind: 'alarm-unreadable', detail: 'alarm api-5xx does not exist' } },
    },
    {
      name: 'too few requests, with the counting window stated',
      obs: { canaryRequests: 40, countedFrom: T0 + 40_000 },
      expected: {
        kind: 'wait',
        why: "canary served 40/100 requests since 22:14:00Z (whole CloudWatch minutes from the step's start)",
      },
    },
    {
      name: 'onAlarmReadError wait: an outage shorter than the wait → wait, never a pass',
      pol: { onAlarmReadError: 'wait 60' },
      obs: { alarms: { error: 'CloudWatch 503' }, alarmsUnreadableSince: T0 + 30_000 },
      expected: { kind: 'wait', why: 'alarms unreadable for 31/60 s (onAlarmReadError: wait 60): CloudWatch 503' },
    },
    {
      name: 'onAlarmReadError wait: the first unreadable poll waits',
      pol: { onAlarmReadError: 'wait 60' },
      obs: { alarms: { error: 'CloudWatch 503' } },
      expected: { kind: 'wait', why: 'alarms unreadable for 0/60 s (onAlarmReadError: wait 60): CloudWatch 503' },
    },
    {
      name: 'onAlarmReadError wait: still unreadable after the wait → rollback',
      pol: { onAlarmReadError: 'wait 60' },
      obs: { alarms: { error: 'CloudWatch 503' }, alarmsUnreadableSince: T0 },
      expected: { kind: 'rollback', reason: { kind: 'alarm-unreadable', detail: 'CloudWatch 503', waitedSeconds: 61 } },
    },
    {
      name: 'onAlarmReadError wait: the rollout timeout still rolls back',
      pol: { onAlarmReadError: 'wait 60', timeoutSeconds: 61 },
      obs: { alarms: { error: 'CloudWatch 503' }, alarmsUnreadableSince: T0 + 60_000 },
      expected: { kind: 'rollback', reason: { kind: 'alarm-unreadable', detail: 'CloudWatch 503', waitedSeconds: 1 } },
    },
    {
      name: 'interrupted beats everything',
      obs: { interrupted: true, alarms: { error: 'x' } },
      expected: { kind: 'rollback', reason: { kind: 'interrupted' } },
    },
    {
      name: 'INSUFFICIENT_DATA is never a pass (default waits)',
      obs: { alarms: { readings: [ok('api-5xx'), { name: 'api-latency', state: 'INSUFFICIENT_DATA' }] } },
      expected: { kind: 'wait', why: 'no data yet from api-latency (never counted as a pass)' },
    },
    {
      name: 'INSUFFICIENT_DATA until the timeout → rollback',
      obs: { now: T0 + 600_000, alarms: { readings: [{ name: 'api-latency', state: 'INSUFFICIENT_DATA' }] } },
      expected: { kind: 'rollback', reason: { kind: 'insufficient-data', alarms: ['api-latency'] } },
    },
    {
      name: 'fail-fast: INSUFFICIENT_DATA after the bake → rollback',
      pol: { onInsufficientData: 'fail-fast' },
      obs: { alarms: { readings: [{ name: 'api-latency', state: 'INSUFFICIENT_DATA' }] } },
      expected: { kind: 'rollback', reason: { kind: 'insufficient-data', alarms: ['api-latency'] } },
    },
    {
      name: 'fail-fast still waits while baking',
      pol: { onInsufficientData: 'fail-fast' },
      obs: { now: T0 + 10_000, alarms: { readings: [{ name: 'api-latency', state: 'INSUFFICIENT_DATA' }] } },
      expected: { kind: 'wait', why: 'no data yet from api-latency (never counted as a pass)' },
    },
    {
      name: 'timeout while short of requests → rollback',
      obs: { now: T0 + 600_000, canaryRequests: 3 },
      expected: { kind: 'rollback', reason: { kind: 'timeout', waitingFor: 'canary served 3/100 requests' } },
    },
    {
      name: 'ALARM beats timeout',
      obs: { now: T0 + 999_000, alarms: { readings: [{ name: 'api-5xx', state: 'ALARM' }] } },
      expected: {
        kind: 'rollback',
        reason: { kind: 'alarm', alarm: 'api-5xx', value: undefined, threshold: undefined, detail: undefined },
      },
    },
    {
      name: 'no alarms configured → bake time alone decides',
      pol: { alarms: [] },
      obs: { alarms: { readings: [] } },
      expected: { kind: 'step', toStep: 1, percent: 50 },
    },
    {
      name: 'bake measured from the step start, not the rollout start',
      rec: { step: 1, stepStartedAt: T0 + 60_000 },
      obs: { now: T0 + 90_000 },
      expected: { kind: 'wait', why: 'baking 30/60 s' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(decide({ ...record, ...c.rec }, obs(c.obs), { ...policy, ...c.pol })).toEqual(c.expected);
    });
  }
});

describe('describeRollbackReason', () => {
  it.each([
    [{ kind: 'alarm', alarm: 'a', value: 12, threshold: 5 }, 'alarm a is in ALARM (value 12, threshold 5)'],
    [{ kind: 'alarm', alarm: 'a' }, 'alarm a is in ALARM'],
    [{ kind: 'interrupted' }, 'interrupted (Ctrl-C or the job was cancelled)'],
    [{ kind: 'insufficient-data', alarms: ['x', 'y'] }, 'no alarm data from x, y (INSUFFICIENT_DATA is never a pass)'],
    [{ kind: 'timeout', waitingFor: 'z' }, 'timed out waiting for z'],
    [
      { kind: 'alarm-unreadable', detail: 'CloudWatch 503', waitedSeconds: 61 },
      'an alarm could not be read, so the canary is not known to be healthy (still unreadable after 61 s, onAlarmReadError: wait): CloudWatch 503',
    ],
  ] as const)('%j', (reason, text) => {
    expect(describeRollbackReason(reason as never)).toBe(text);
  });
});
