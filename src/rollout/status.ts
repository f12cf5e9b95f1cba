/** A rollout in progress as `apigw-sync rollouts` reports it (built by src/engine/rollouts.ts). */
import type { ApiKind } from '../model/api.js';

export interface RolloutStatus {
  target: string;
  api: string;
  apiId: string;
  kind: ApiKind;
  stage: string;
  owner?: string;
  phase?: string;
  /** 0-based index into `steps`. */
  step?: number;
  steps?: number[];
  /** Traffic on the new deployment at this step. */
  percent?: number;
  startedAt?: number;
  driver?: string;
  leaseUntil?: number;
  /**
   * `held`: a driver renews it; `expired`: its driver stopped renewing it, any driver may take
   * it over; `gone`: the lease runs on but its driver certainly stopped (`driverGone` says
   * why), so it may be taken over now; `none`: nobody drives it.
   */
  lease: 'held' | 'expired' | 'gone' | 'none';
  driverGone?: string;
  /** Why the rollout cannot be read or driven as it is. */
  problem?: string;
}
