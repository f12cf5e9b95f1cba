/**
 * The canary's decision on each poll: pure, so every rule is a table-driven test.
 *
 * Order matters and is the safety argument:
 *   interrupted → alarm unreadable → any ALARM → timeout → no data → baking → too few requests → next step / promote.
 * An unreadable alarm rolls back at once unless the policy says `onAlarmReadError: wait <s>`;
 * even then it never lets a step pass.
 * Failing signals are checked before anything that could let a step pass.
 */
import { alarmReadWaitSeconds, type RolloutPolicy } from '../model/api.js';
import { countingWindowText } from './metric-window.js';
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
  /** Since when every read of the alarms has failed (set with `alarms.error`; the driver keeps it across polls). */
  alarmsUnreadableSince?: number;
  /**
   * Requests the canary served in the whole metric periods that began at or after the step
   * started (see metric-window.ts); undefined = metrics unreadable.
   */
  canaryRequests?: number;
  /** Start of the window `canaryRequests` counts (epoch ms, a period boundary). */
  countedFrom?: number;
  interrupted: boolean;
}

export type RollbackReason =
  | { kind: 'alarm'; alarm: string; value?: number; threshold?: number; detail?: string }
  | { kind: 'alarm-unreadable'; detail: string; waitedSeconds?: number }
  | { kind: 'insufficient-data'; alarms: string[] }
  | { kind: 'timeout'; waitingFor: string }
  | { kind: 'interrupted' }
  | { kind: 'requested'; by: string }
  | { kind: 'error'; detail: string };

export type Decision =
  | { kind: 'wait'; why: string }
  | { kind: 'step'; toStep: number; percent: number }
  | { kind: 'promote' }
  | { kind: 'rollback'; reason: RollbackReason };

export function decide(record: RolloutRecord, obs: Observation, policy: RolloutPolicy): Decision {
  if (obs.interrupted) return rollback({ kind: 'interrupted' });
  if ('error' in obs.alarms) return unreadable(record, obs, obs.alarms.error, policy);

  const readings = obs.alarms.readings;
  const firing = readings.find((a) => a.state === 'ALARM');
  if (firing) {
    return rollback({
      kind: 'alarm',
      alarm: firing.name,
      value: firing.value,
      threshold: firing.threshold,
      detail: firing.reason,
    });
  }

  const noData = readings.filter((a) => a.state === 'INSUFFICIENT_DATA').map((a) => a.name);
  const elapsedTotal = obs.now - record.startedAt;
  if (elapsedTotal >= policy.timeoutSeconds * 1000) {
    const waitingFor =
      noData.length > 0 ? `alarm data (${noData.join(', ')})` : (waitReason(record, obs, policy) ?? 'the last step');
    return rollback(
      noData.length > 0 ? { kind: 'insufficient-data', alarms: noData } : { kind: 'timeout', waitingFor },
    );
  }

  const baked = obs.now - record.stepStartedAt >= policy.bakeSeconds * 1000;
  if (noData.length > 0) {
    if (baked && policy.onInsufficientData === 'fail-fast')
      return rollback({ kind: 'insufficient-data', alarms: noData });
    return { kind: 'wait', why: `no data yet from ${noData.join(', ')} (never counted as a pass)` };
  }

  const pending = waitReason(record, obs, policy);
  if (pending) return { kind: 'wait', why: pending };

  const next = record.step + 1;
  if (next >= policy.steps.length) return { kind: 'promote' };
  return { kind: 'step', toStep: next, percent: policy.steps[next] };
}

/**
 * Alarms unreadable: roll back (fail safe), unless the policy tolerates a read outage for a
 * while (`onAlarmReadError: wait <seconds>`) and it has not lasted that long, nor the rollout
 * its timeout. Never a pass: the step cannot advance while the alarms are unreadable.
 */
function unreadable(record: RolloutRecord, obs: Observation, error: string, policy: RolloutPolicy): Decision {
  const tolerate = alarmReadWaitSeconds(policy.onAlarmReadError);
  const since = obs.alarmsUnreadableSince ?? obs.now;
  const unreadableMs = obs.now - since;
  const timedOut = obs.now - record.startedAt >= policy.timeoutSeconds * 1000;
  if (tolerate > 0 && unreadableMs < tolerate * 1000 && !timedOut) {
    return {
      kind: 'wait',
      why: `alarms unreadable for ${Math.floor(unreadableMs / 1000)}/${tolerate} s (onAlarmReadError: ${policy.onAlarmReadError}): ${error}`,
    };
  }
  return rollback({
    kind: 'alarm-unreadable',
    detail: error,
    ...(tolerate > 0 ? { waitedSeconds: Math.floor(unreadableMs / 1000) } : {}),
  });
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
      const from = obs.countedFrom === undefined ? '' : ` ${countingWindowText(obs.countedFrom)}`;
      return `canary served ${obs.canaryRequests}/${policy.minRequests} requests${from}`;
    }
  }
  return undefined;
}

const rollback = (reason: RollbackReason): Decision => ({ kind: 'rollback', reason });

/** One line a person reads: "alarm shop-api-5xx: 12 > 5". */
export function describeRollbackReason(r: RollbackReason): string {
  switch (r.kind) {
    case 'alarm': {
      const numbers =
        r.value !== undefined && r.threshold !== undefined ? ` (value ${r.value}, threshold ${r.threshold})` : '';
      return `alarm ${r.alarm} is in ALARM${numbers}`;
    }
    case 'alarm-unreadable': {
      const waited =
        r.waitedSeconds !== undefined ? ` (still unreadable after ${r.waitedSeconds} s, onAlarmReadError: wait)` : '';
      return `an alarm could not be read, so the canary is not known to be healthy${waited}: ${r.detail}`;
    }
    case 'insufficient-data':
      return `no alarm data from ${r.alarms.join(', ')} (INSUFFICIENT_DATA is never a pass)`;
    case 'timeout':
      return `timed out waiting for ${r.waitingFor}`;
    case 'interrupted':
      return 'interrupted (Ctrl-C or the job was cancelled)';
    case 'requested':
      return `rolled back on request (${r.by})`;
    case 'error':
      return `error during the rollout: ${r.detail}`;
  }
}
