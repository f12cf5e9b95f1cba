/**
 * The rollout's own state, kept in AWS (a tag on the stage) so that a crashed run can be
 * resumed or rolled back by the next one. AWS tag values hold at most 256 characters,
 * so the record is encoded compactly as `v1 phase step startedAt stepStartedAt canary previous fp`, with
 * spaces: AWS tag values allow only letters, digits, spaces and `_ . : / = + - @` (no `;` or `|`).
 */
import { ApigwSyncError } from '../model/errors.js';

export type RolloutPhase = 'baking' | 'promoting' | 'rolling-back';

export interface RolloutRecord {
  phase: RolloutPhase;
  /** Index into the policy's steps. */
  step: number;
  /** Epoch milliseconds. */
  startedAt: number;
  stepStartedAt: number;
  /** The new deployment (REST: in the canary; HTTP: on the stage). */
  canaryDeploymentId: string;
  /** The deployment the stage served before the rollout: where a rollback returns. */
  previousDeploymentId: string;
  /** Short plan fingerprint the rollout belongs to (may be empty). */
  fingerprint: string;
}

const PHASES: Record<string, RolloutPhase> = { b: 'baking', p: 'promoting', r: 'rolling-back' };
const PHASE_CODE: Record<RolloutPhase, string> = { baking: 'b', promoting: 'p', 'rolling-back': 'r' };

export const MAX_TAG_VALUE = 256;

export function encodeRecord(r: RolloutRecord): string {
  const text = [
    'v1',
    PHASE_CODE[r.phase],
    r.step,
    r.startedAt,
    r.stepStartedAt,
    r.canaryDeploymentId,
    r.previousDeploymentId,
    r.fingerprint,
  ].join(' ');
  if (text.length > MAX_TAG_VALUE) throw new Error(`rollout record longer than a tag value allows: ${text}`);
  return text;
}

export function decodeRecord(text: string): RolloutRecord {
  const parts = text.split(' ');
  const [version, phase, step, startedAt, stepStartedAt, canary, previous, fingerprint = ''] = parts;
  const numbers = [step, startedAt, stepStartedAt].map(Number);
  if (version !== 'v1' || !PHASES[phase] || numbers.some((n) => !Number.isFinite(n)) || !canary || !previous) {
    throw new ApigwSyncError('BAD_ROLLOUT_RECORD', `the rollout record tag "${text}" cannot be read`, {
      hint: 'it was not written by this version of apigw-sync; inspect the stage, then remove the apigw-sync:rollout tag by hand',
    });
  }
  return {
    phase: PHASES[phase],
    step: numbers[0],
    startedAt: numbers[1],
    stepStartedAt: numbers[2],
    canaryDeploymentId: canary,
    previousDeploymentId: previous,
    fingerprint,
  };
}
