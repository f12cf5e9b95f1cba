/**
 * The rollout's own state, kept in AWS (a tag on the stage) so that any driver — the next
 * apply, another App replica, `apigw-sync rollback` — can see it, take it over when its
 * driver is gone, and finish it. AWS tag values hold at most 256 characters and allow only
 * letters, digits, spaces and `_ . : / = + - @`, so the record is one line of fields
 * separated by spaces:
 *
 *   v2 <phase> <step> <startedAt> <stepStartedAt> <canary> <previous> <fingerprint> <driver> <leaseUntil>
 *
 * (`-` for an empty field). v1 records (no driver, no lease) still decode: their lease counts
 * as expired, so whoever finds one may take it over.
 */
import { ApigwSyncError } from '../model/errors.js';

/**
 * - `starting`: recorded before the new deployment is created; the canary may or may not exist yet.
 * - `baking`: the canary (REST) or the new deployment (HTTP) is live and watched.
 * - `promoting` / `rolling-back`: recorded before the promote / rollback calls they announce.
 */
export type RolloutPhase = 'starting' | 'baking' | 'promoting' | 'rolling-back';

export interface RolloutRecord {
  phase: RolloutPhase;
  /** Index into the policy's steps. */
  step: number;
  /** Epoch milliseconds. */
  startedAt: number;
  stepStartedAt: number;
  /** The new deployment (REST: in the canary; HTTP: on the stage); empty while `starting`. */
  canaryDeploymentId: string;
  /** The deployment the stage served before the rollout: where a rollback returns. */
  previousDeploymentId: string;
  /** Short plan fingerprint the rollout belongs to (may be empty). */
  fingerprint: string;
  /** Who drives the rollout (a process: `cli:user@host/pid/…`, `github-run/…`, `app:host/pid/…`); empty = nobody. */
  driver: string;
  /** Epoch ms until which `driver` holds the rollout; it renews this every poll. */
  leaseUntil: number;
}

const PHASES: Record<string, RolloutPhase> = { s: 'starting', b: 'baking', p: 'promoting', r: 'rolling-back' };
const PHASE_CODE: Record<RolloutPhase, string> = { starting: 's', baking: 'b', promoting: 'p', 'rolling-back': 'r' };

export const MAX_TAG_VALUE = 256;
/** Driver ids are cut to this length so that a record always fits in a tag value. */
export const MAX_DRIVER_LENGTH = 96;

/** A driver id in the characters a tag value allows, without spaces (the field separator). */
export function driverId(raw: string): string {
  return raw.replace(/[^\p{L}\p{N}_.:/=+\-@]/gu, '_').slice(0, MAX_DRIVER_LENGTH) || '-';
}

const field = (s: string) => (s === '' ? '-' : s);
const unfield = (s: string | undefined) => (s === undefined || s === '-' ? '' : s);

export function encodeRecord(r: RolloutRecord): string {
  const text = [
    'v2',
    PHASE_CODE[r.phase],
    r.step,
    r.startedAt,
    r.stepStartedAt,
    field(r.canaryDeploymentId),
    field(r.previousDeploymentId),
    field(r.fingerprint),
    field(r.driver ? driverId(r.driver) : ''),
    Math.round(r.leaseUntil),
  ].join(' ');
  if (text.length > MAX_TAG_VALUE) throw new Error(`rollout record longer than a tag value allows: ${text}`);
  return text;
}

export function decodeRecord(text: string): RolloutRecord {
  const parts = text.trim().split(/\s+/);
  const version = parts[0];
  const [, phase, step, startedAt, stepStartedAt, canary, previous, fingerprint, driver, leaseUntil] = parts;
  const numbers = [step, startedAt, stepStartedAt, version === 'v2' ? leaseUntil : '0'].map(Number);
  const v1 = version === 'v1' && parts.length >= 7 && parts.length <= 8 && phase !== 's';
  const v2 = version === 'v2' && parts.length === 10;
  if (
    (!v1 && !v2) ||
    !PHASES[phase] ||
    numbers.some((n) => !Number.isFinite(n)) ||
    !canary ||
    !previous ||
    previous === '-'
  ) {
    throw new ApigwSyncError('BAD_ROLLOUT_RECORD', `the rollout record tag "${text}" cannot be read`, {
      hint: 'it was not written by this version of apigw-sync; inspect the stage, then remove the apigw-sync:rollout tag by hand',
    });
  }
  return {
    phase: PHASES[phase],
    step: numbers[0],
    startedAt: numbers[1],
    stepStartedAt: numbers[2],
    canaryDeploymentId: unfield(canary),
    previousDeploymentId: previous,
    fingerprint: v1 ? (fingerprint ?? '') : unfield(fingerprint),
    driver: v1 ? '' : unfield(driver),
    leaseUntil: numbers[3],
  };
}

/** Who may drive a rollout now: its own driver, or anyone once the lease has expired. */
export function leaseHeldByOther(r: RolloutRecord, me: string, now: number): boolean {
  return r.driver !== '' && r.driver !== driverId(me) && r.leaseUntil > now;
}
