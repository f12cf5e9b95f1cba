/** Resolves an API's rollout policy: api.yaml over gateway.yaml defaults over built-ins. */
import type { ApiKind, RolloutPolicy } from '../model/api.js';

export const BUILTIN_ROLLOUT = {
  steps: [10, 50, 100],
  bakeSeconds: 300,
  pollSeconds: 5,
  minRequests: 100,
  onInsufficientData: 'rollback',
} as const;

export function resolveRollout(opts: {
  kind: ApiKind;
  api?: Partial<RolloutPolicy>;
  defaults?: Partial<RolloutPolicy>;
  /** Used when neither names a stage and the API has exactly one. */
  onlyStage?: string;
}): RolloutPolicy | undefined {
  const { api, defaults } = opts;
  if (!api && !defaults) return undefined;
  const merged = { ...defaults, ...api };
  // HTTP APIs cannot split traffic; inherited percentages mean deploy-and-bake (one step).
  const steps = opts.kind === 'HttpApi' && api?.steps === undefined ? [100] : (merged.steps ?? [...BUILTIN_ROLLOUT.steps]);
  const bakeSeconds = merged.bakeSeconds ?? BUILTIN_ROLLOUT.bakeSeconds;
  return {
    stage: merged.stage ?? opts.onlyStage ?? '',
    steps,
    bakeSeconds,
    pollSeconds: merged.pollSeconds ?? BUILTIN_ROLLOUT.pollSeconds,
    minRequests: merged.minRequests ?? BUILTIN_ROLLOUT.minRequests,
    // Every step baked twice over, plus slack.
    timeoutSeconds: merged.timeoutSeconds ?? bakeSeconds * steps.length * 2 + 300,
    onInsufficientData: merged.onInsufficientData ?? BUILTIN_ROLLOUT.onInsufficientData,
    alarms: merged.alarms ?? [],
    managedAlarms: merged.managedAlarms ?? [],
  };
}
