/** Resolves an API's rollout policy: api.yaml over gateway.yaml defaults over built-ins. */
import type { AlarmReadErrorAction, ApiKind, RolloutPolicy } from '../model/api.js';

export const BUILTIN_ROLLOUT = {
  steps: [10, 50, 100],
  bakeSeconds: 300,
  pollSeconds: 5,
  minRequests: 100,
  onInsufficientData: 'rollback',
  onAlarmReadError: 'rollback',
} as const;

/** A lease a healthy driver keeps renewed: three polls, and never under a minute (promote and rollback calls fit in it). */
export function defaultLeaseSeconds(pollSeconds: number): number {
  return Math.max(60, 3 * pollSeconds);
}

/** A rollout block as written in YAML (every key optional; `onAlarmReadError` still a plain string). */
export type RolloutInput = Partial<Omit<RolloutPolicy, 'onAlarmReadError'>> & { onAlarmReadError?: string };

export function resolveRollout(opts: {
  kind: ApiKind;
  api?: RolloutInput;
  defaults?: RolloutInput;
  /** Used when neither names a stage and the API has exactly one. */
  onlyStage?: string;
}): RolloutPolicy | undefined {
  const { api, defaults } = opts;
  if (!api && !defaults) return undefined;
  const merged = { ...defaults, ...api };
  // HTTP and WebSocket APIs cannot split traffic; inherited percentages mean deploy-and-bake (one step).
  const steps =
    opts.kind !== 'RestApi' && api?.steps === undefined ? [100] : (merged.steps ?? [...BUILTIN_ROLLOUT.steps]);
  const bakeSeconds = merged.bakeSeconds ?? BUILTIN_ROLLOUT.bakeSeconds;
  const pollSeconds = merged.pollSeconds ?? BUILTIN_ROLLOUT.pollSeconds;
  return {
    stage: merged.stage ?? opts.onlyStage ?? '',
    steps,
    bakeSeconds,
    pollSeconds,
    minRequests: merged.minRequests ?? BUILTIN_ROLLOUT.minRequests,
    // Every step baked twice over, plus slack.
    timeoutSeconds: merged.timeoutSeconds ?? bakeSeconds * steps.length * 2 + 300,
    onInsufficientData: merged.onInsufficientData ?? BUILTIN_ROLLOUT.onInsufficientData,
    // The schema admits only `rollback` and `wait <seconds>`.
    onAlarmReadError: (merged.onAlarmReadError ?? BUILTIN_ROLLOUT.onAlarmReadError) as AlarmReadErrorAction,
    leaseSeconds: merged.leaseSeconds ?? defaultLeaseSeconds(pollSeconds),
    alarms: merged.alarms ?? [],
    managedAlarms: merged.managedAlarms ?? [],
  };
}
