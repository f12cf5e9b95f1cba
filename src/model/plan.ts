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
}
