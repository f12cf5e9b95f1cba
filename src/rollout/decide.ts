/**
 * The canary's decision on each poll: pure, so every rule is a table-driven test.
 *
 * Order matters and is the safety argument:
 *   interrupted → alarm unreadable → any ALARM → timeout → no data → baking → too few requests → next step / promote.
 * Failing signals are checked before anything that could let a step pass.
 */
import type { RolloutPolicy } from '../model/api.js';
import type { RolloutRecord } from './record.js';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmReading {
  name: string;
  state: AlarmState;
  reason?: string;
  /** The datapoint that crossed the threshold, when CloudWatch says. */
  value?: number;
  threshold?: number;
}

export interface Observation {
  now: number;
  /** `error` when the alarms could not be read (missing alarm, API error): fail safe. */
  alarms: { readings: AlarmReading[] } | { error: string };
  /** Requests served by the canary since the step started; undefined = metrics unreadable. */
  canaryRequests?: number;
  interrupted: boolean;
}

export type RollbackReason =
  | { kind: 'alarm'; alarm: string; value?: number; threshold?: number; detail?: string }
  | { kind: 'alarm-unreadable'; detail: string }
  | { kind: 'insufficient-data'; alarms: string[] }
  | { kind: 'timeout'; waitingFor: string }
  | { kind: 'interrupted' }
  | { kind: 'error'; detail: string };

export type Decision =
  | { kind: 'wait'; why: string }
  | { kind: 'step'; toStep: number; percent: number }
  | { kind: 'promote' }
  | { kind: 'rollback'; reason: RollbackReason };

export function decide(record: RolloutRecord, obs: Observation, policy: RolloutPolicy): Decision {
  if (obs.interrupted) return rollback({ kind: 'interrupted' });
  if ('error' in obs.alarms) return rollback({ kind: 'alarm-unreadable', detail: obs.alarms.error });

  const readings = obs.alarms.readings;
  const firing = readings.find((a) => a.state === 'ALARM');
  if (firing) {
    return rollback({ kind: 'alarm', alarm: firing.name, value: firing.value, threshold: firing.threshold, detail: firing.reason });
  }

  const noData = readings.filter((a) => a.state === 'INSUFFICIENT_DATA').map((a) => a.name);
  const elapsedTotal = obs.now - record.startedAt;
  if (elapsedTotal >= policy.timeoutSeconds * 1000) {
    const waitingFor = noData.length > 0 ? `alarm data (${noData.join(', ')})` : waitReason(record, obs, policy) ?? 'the last step';
    return rollback(noData.length > 0 ? { kind: 'insufficient-data', alarms: noData } : { kind: 'timeout', waitingFor });
  }

  const baked = obs.now - record.stepStartedAt >= policy.bakeSeconds * 1000;
  if (noData.length > 0) {
    if (baked && policy.onInsufficientData === 'fail-fast') return rollback({ kind: 'insufficient-data', alarms: noData });
    return { kind: 'wait', why: `no data yet from ${noData.join(', ')} (never counted as a pass)` };
  }

  const pending = waitReason(record, obs, policy);
  if (pending) return { kind: 'wait', why: pending };

  const next = record.step + 1;
  if (next >= policy.steps.length) return { kind: 'promote' };
  return { kind: 'step', toStep: next, percent: policy.steps[next] };
}

/** Why the current step cannot pass yet (bake time, request count), or undefined when it can. */
function waitReason(record: RolloutRecord, obs: Observation, policy: RolloutPolicy): string | undefined {
  const bakedMs = obs.now - record.stepStartedAt;
  if (bakedMs < policy.bakeSeconds * 1000) {
    return `baking ${Math.floor(bakedMs / 1000)}/${policy.bakeSeconds} s`;
  }
  if (policy.minRequests > 0) {
    if (obs.canaryRequests === undefined) return 'canary request count not readable yet';
    if (obs.canaryRequests < policy.minRequests) {
      return `canary served ${obs.canaryRequests}/${policy.minRequests} requests`;
    }
  }
  return undefined;
}

const rollback = (reason: RollbackReason): Decision => ({ kind: 'rollback', reason });

/** One line a person reads: "alarm shop-api-5xx: 12 > 5". */
export function describeRollbackReason(r: RollbackReason): string {
  switch (r.kind) {
    case 'alarm': {
      const numbers = r.value !== undefined && r.threshold !== undefined ? ` (value ${r.value}, threshold ${r.threshold})` : '';
      return `alarm ${r.alarm} is in ALARM${numbers}`;
    }
    case 'alarm-unreadable':
      return `an alarm could not be read, so the canary is not known to be healthy: ${r.detail}`;
    case 'insufficient-data':
      return `no alarm data from ${r.alarms.join(', ')} (INSUFFICIENT_DATA is never a pass)`;
    case 'timeout':
      return `timed out waiting for ${r.waitingFor}`;
    case 'interrupted':
      return 'interrupted (Ctrl-C or the job was cancelled)';
    case 'error':
      return `error during the rollout: ${r.detail}`;
  }
}
