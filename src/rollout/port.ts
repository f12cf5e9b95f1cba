/**
 * What the rollout driver needs from the outside world. src/aws/rollout implements it with
 * the SDK (REST canary settings, HTTP deploy-and-bake, CloudWatch alarms and metrics);
 * tests may implement it in memory. Every method is safe to call again after a crash.
 */
import type { ApiKind, RolloutPolicy } from '../model/api.js';
import type { AlarmReading } from './decide.js';
import type { RolloutRecord } from './record.js';

export interface StageDeployment {
  deploymentId?: string;
  canary?: { deploymentId: string; percent: number };
}

export interface RolloutPort {
  readonly kind: ApiKind;
  /** Human label for messages: `shop-api/prod`. */
  readonly label: string;
  /** Every alarm that guards the rollout (named and managed), as `readAlarms` reads them. */
  readonly alarmNames: string[];
  readStage(): Promise<StageDeployment>;
  /** REST: CreateDeployment with canarySettings at `percent`. HTTP: CreateDeployment, wait for DEPLOYED, switch the stage. */
  startCanary(percent: number): Promise<{ deploymentId: string }>;
  /** REST: UpdateStage replace /canarySettings/percentTraffic. HTTP: not called (no traffic split). */
  setCanaryPercent(percent: number): Promise<void>;
  /** REST: copy the canary's deployment and variable overrides to the stage, then remove the canary. HTTP: nothing left to do. */
  promote(record: RolloutRecord): Promise<void>;
  /**
   * Put all traffic back on `record.previousDeploymentId` and return the API's resources,
   * methods and integrations (HTTP: routes and integrations) to what that deployment serves.
   */
  rollback(record: RolloutRecord): Promise<void>;
  /** Throws when any alarm cannot be read (the driver then rolls back, or waits as the policy allows). */
  readAlarms(): Promise<AlarmReading[]>;
  /** Requests the new deployment served from `from` (epoch ms, a metric period boundary) until now. */
  canaryRequests(from: number): Promise<number>;
  loadRecord(): Promise<RolloutRecord | undefined>;
  /** The policy the rollout was started with (its ticket), when the stage carries one. */
  loadPolicy(): Promise<RolloutPolicy | undefined>;
  /** The first write of a rollout: marks the API, then writes the record and its ticket (policy + alarm names). */
  beginRecord(record: RolloutRecord, policy: RolloutPolicy): Promise<void>;
  saveRecord(record: RolloutRecord): Promise<void>;
  /** The last write: removes the record, its ticket and the API's mark. */
  clearRecord(): Promise<void>;
}

/** Time, injectable so the driver runs in tests without waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
