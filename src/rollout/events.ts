/**
 * The rollout's event stream: printed as progress lines by the CLI, as JSON lines with
 * `--events json`, and used by the GitHub layer to update comments and deployment statuses.
 */
import type { AlarmReading, RollbackReason } from './decide.js';

export type RolloutEvent =
  | { type: 'rollout.started'; at: string; target: string; kind: 'canary' | 'deploy-and-bake'; steps: number[]; deploymentId: string; previousDeploymentId: string; note?: string }
  | { type: 'rollout.resumed'; at: string; target: string; phase: string; step: number }
  | { type: 'rollout.poll'; at: string; target: string; step: number; percent: number; alarms: AlarmReading[]; canaryRequests?: number; waiting?: string }
  | { type: 'rollout.step'; at: string; target: string; step: number; percent: number }
  | { type: 'rollout.promoted'; at: string; target: string; deploymentId: string; seconds: number }
  | { type: 'rollout.rolled-back'; at: string; target: string; reason: RollbackReason; message: string; restoredDeploymentId: string; seconds: number }
  | { type: 'rollout.deployed-directly'; at: string; target: string; reason: string };

export type RolloutOutcome =
  | { kind: 'promoted'; deploymentId: string }
  | { kind: 'rolled-back'; reason: RollbackReason; message: string }
  | { kind: 'deployed-directly'; deploymentId: string; reason: string };
