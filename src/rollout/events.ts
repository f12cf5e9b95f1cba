/**
 * The rollout's event stream: printed as progress lines by the CLI, as JSON lines with
 * `--events json`, and used by the GitHub layer to update comments and deployment statuses.
 */
import type { AlarmReadErrorAction } from '../model/api.js';
import type { AlarmReading, RollbackReason } from './decide.js';
import type { RolloutPhase } from './record.js';

export type RolloutEvent =
  | {
      type: 'rollout.started';
      at: string;
      target: string;
      kind: 'canary' | 'deploy-and-bake';
      steps: number[];
      deploymentId: string;
      previousDeploymentId: string;
      /** What an unreadable alarm does (shown so nobody is surprised by a rollback, or by a wait). */
      onAlarmReadError: AlarmReadErrorAction;
      note?: string;
    }
  /** `previousDriver` and `why` are set when this run took the rollout over from another driver. */
  | {
      type: 'rollout.resumed';
      at: string;
      target: string;
      phase: string;
      step: number;
      previousDriver?: string;
      why?: string;
    }
  /** The record now says `phase` (written before the action it announces); for machines, not printed. */
  | {
      type: 'rollout.phase';
      at: string;
      target: string;
      phase: RolloutPhase;
      step: number;
      driver: string;
      leaseUntil: string;
    }
  | {
      type: 'rollout.poll';
      at: string;
      target: string;
      step: number;
      percent: number;
      alarms: AlarmReading[];
      canaryRequests?: number;
      /**
       * What canaryRequests counts, when the API cannot split traffic: `stage` (HTTP: the whole
       * stage's requests) or `stage-ws` (WebSocket: connections + messages). Absent: the canary's requests.
       */
      counts?: 'stage' | 'stage-ws';
      /** Start of the window canaryRequests counts (a whole CloudWatch minute at or after the step's start). */
      countedFrom?: string;
      waiting?: string;
    }
  | { type: 'rollout.step'; at: string; target: string; step: number; percent: number }
  | { type: 'rollout.promoted'; at: string; target: string; deploymentId: string; seconds: number }
  | {
      type: 'rollout.rolled-back';
      at: string;
      target: string;
      reason: RollbackReason;
      message: string;
      restoredDeploymentId: string;
      seconds: number;
    }
  | { type: 'rollout.deployed-directly'; at: string; target: string; reason: string }
  | {
      type: 'rollout.not-driven';
      at: string;
      target: string;
      reason: NotDrivenReason;
      driver?: string;
      message: string;
    };

/**
 * Why a driver left a rollout alone: another driver holds its lease (`busy`), took it over
 * while this one was driving (`superseded`), or it ended before this one got to it (`gone`).
 */
export type NotDrivenReason = 'busy' | 'superseded' | 'gone';

export type RolloutOutcome =
  | { kind: 'promoted'; deploymentId: string }
  | { kind: 'rolled-back'; reason: RollbackReason; message: string }
  | { kind: 'deployed-directly'; deploymentId: string; reason: string }
  | { kind: 'not-driven'; reason: NotDrivenReason; driver?: string; leaseUntil?: number; message: string };
