/**
 * What a rollout runs with, kept next to its record (tags on the stage) so that another
 * driver can finish it without the gateway-state it was started from: the policy (steps,
 * bake, poll, thresholds, lease) and the names of every alarm that guards it.
 *
 *   apigw-sync:rollout-policy     v1 <step/step/…> <bake> <poll> <minRequests> <timeout> <onInsufficientData> <onAlarmReadError> <lease>
 *   apigw-sync:rollout-alarms[-N] base64 of the JSON list of alarm names, in 256-character parts
 *
 * Alarm names may hold characters tag values refuse; base64's alphabet is within theirs.
 * PURE: tag maps in, tag maps out.
 */
import { TAG_ROLLOUT_ALARMS, TAG_ROLLOUT_POLICY } from '../model/live.js';
import type { RolloutPolicy } from '../model/api.js';
import { MAX_TAG_VALUE } from './record.js';

export interface RolloutTicket {
  /** The policy the rollout runs with; `alarms` holds every guarding alarm's name (named and managed), `managedAlarms` is empty. */
  policy: RolloutPolicy;
}

const INSUFFICIENT = { rollback: 'r', 'fail-fast': 'f' } as const;

export function ticketTags(policy: RolloutPolicy, alarmNames: string[]): Record<string, string> {
  const readError = policy.onAlarmReadError === 'rollback' ? 'r' : `w${policy.onAlarmReadError.slice('wait '.length)}`;
  const line = [
    'v1',
    policy.steps.join('/'),
    policy.bakeSeconds,
    policy.pollSeconds,
    policy.minRequests,
    policy.timeoutSeconds,
    INSUFFICIENT[policy.onInsufficientData],
    readError,
    policy.leaseSeconds,
  ].join(' ');
  const tags: Record<string, string> = { [TAG_ROLLOUT_POLICY]: line };
  const encoded = Buffer.from(JSON.stringify(alarmNames), 'utf8').toString('base64');
  for (let i = 0, part = 1; i < encoded.length || part === 1; i += MAX_TAG_VALUE, part++) {
    tags[part === 1 ? TAG_ROLLOUT_ALARMS : `${TAG_ROLLOUT_ALARMS}-${part}`] = encoded.slice(i, i + MAX_TAG_VALUE);
  }
  return tags;
}

/** Every ticket tag key present in `tags` (to remove them all when the rollout ends). */
export function ticketTagKeys(tags: Record<string, string>): string[] {
  return Object.keys(tags).filter(
    (k) => k === TAG_ROLLOUT_POLICY || k === TAG_ROLLOUT_ALARMS || k.startsWith(`${TAG_ROLLOUT_ALARMS}-`),
  );
}

/** The ticket of a stage's tags, or undefined when there is none or it cannot be read (a record from before tickets). */
export function ticketFromTags(stage: string, tags: Record<string, string>): RolloutTicket | undefined {
  const line = tags[TAG_ROLLOUT_POLICY];
  if (!line) return undefined;
  const [version, steps, bake, poll, minRequests, timeout, insufficient, readError, lease] = line.trim().split(/\s+/);
  const numbers = [bake, poll, minRequests, timeout, lease].map(Number);
  const stepList = (steps ?? '').split('/').map(Number);
  const onInsufficientData = insufficient === 'f' ? 'fail-fast' : insufficient === 'r' ? 'rollback' : undefined;
  const onAlarmReadError =
    readError === 'r'
      ? 'rollback'
      : /^w\d+$/.test(readError ?? '')
        ? (`wait ${Number(readError.slice(1))}` as const)
        : undefined;
  if (
    version !== 'v1' ||
    numbers.some((n) => !Number.isFinite(n)) ||
    stepList.some((n) => !Number.isFinite(n)) ||
    !onInsufficientData ||
    !onAlarmReadError
  ) {
    return undefined;
  }
  let encoded = tags[TAG_ROLLOUT_ALARMS] ?? '';
  for (let part = 2; tags[`${TAG_ROLLOUT_ALARMS}-${part}`] !== undefined; part++)
    encoded += tags[`${TAG_ROLLOUT_ALARMS}-${part}`];
  let alarms: unknown;
  try {
    alarms = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(alarms) || !alarms.every((a) => typeof a === 'string')) return undefined;
  const [bakeSeconds, pollSeconds, minReq, timeoutSeconds, leaseSeconds] = numbers;
  return {
    policy: {
      stage,
      steps: stepList,
      bakeSeconds,
      pollSeconds,
      minRequests: minReq,
      timeoutSeconds,
      onInsufficientData,
      onAlarmReadError,
      leaseSeconds,
      alarms: alarms as string[],
      managedAlarms: [],
    },
  };
}
