import type { AccountRecordRef } from './account.js';
import type { Change } from './change.js';

/** A step is one Change placed in the apply order, or a deployment the plan adds. */
export interface PlanStep {
  seq: number;
  change: Change;
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  redeploys: number;
  breaking: number;
  /** Changes that weaken protection or auditing (ChangeFlags.security); present only when there are some. */
  security?: number;
}

export interface Plan {
  /** Format version of the serialized plan. */
  version: 1;
  /** sha256 of canonical(desired) + canonical(live) the plan was built from. */
  fingerprint: string;
  createdAt: string;
  region: string;
  steps: PlanStep[];
  summary: PlanSummary;
  /** API key → stages that need a new deployment after the steps. */
  deployments: Record<string, string[]>;
  /**
   * API key → names from ApiModel.secrets (both sides). Added by the diff/plan engineer:
   * a plan is rendered long after the models are gone (plan.json, PR comment), and every
   * render must still mask these names. Absent when no API declares secrets.
   */
  secrets?: Record<string, string[]>;
  /**
   * API keys whose live API carries no owner id yet (managed before owners existed, or
   * imported): apply tags them with the plan's owner (`owner`). Absent when there are none.
   */
  adopt?: string[];
  /** The owner id of the directory the plan was made for (absent when it has none). */
  owner?: string;
  /**
   * Account-scope records the state names that carry no owner id yet (matched by name):
   * apply tags them with the plan's owner. Absent when there are none.
   */
  adoptAccount?: AccountRecordRef[];
  /** The environment the plan was made for (environments/<name>.yaml); absent for a state without one. */
  environment?: string;
}

/**
 * Plan and apply share one walk (plan/walk.ts): the walk hands each ordered step to an
 * executor. The dry-run executor records; the AWS executor (aws/apply) writes.
 */
export interface StepExecutor {
  /** Carry out one step. Must be idempotent: a resumed apply may repeat the last step. */
  execute(step: PlanStep): Promise<void>;
  /** After an API's steps: make the changed stages serve the new configuration (REST: CreateDeployment). */
  deploy(apiKey: string, stages: string[]): Promise<void>;
}
