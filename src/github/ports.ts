/**
 * The narrow seams between the GitHub layer (App and Action) and the engine. The GitHub
 * code only ever sees these; engine-services.ts implements them with the real engine, and
 * tests may inject deterministic fakes. Every input names a gateway-state directory on
 * disk (the App writes the files it fetched from GitHub into a temporary one).
 */
import type { ValidationIssue } from '../model/issue.js';
import type { Plan } from '../model/plan.js';
import type { DriftReport } from '../model/drift.js';
import type { ApplyProgress, CostSection } from '../render/comment.js';
import type { DesiredStateDigest } from '../plan/fingerprint.js';
import type { ApprovedDesiredState } from '../plan/approved-state.js';

export interface StateInput {
  /** gateway-state directory on disk. */
  dir: string;
  /** How files are named in reports and annotations (the repository path, e.g. `gateway-state`). */
  displayDir?: string;
  /** A state with environments: work on this one (environments/<name>.yaml over the base)… */
  environment?: string;
  /** …in this of its regions (required when it declares several). */
  region?: string;
}

export type PlanReport =
  | { status: 'invalid'; issues: ValidationIssue[] }
  | {
      status: 'ok';
      plan: Plan;
      issues: ValidationIssue[];
      hasChanges: boolean;
      cost?: CostSection;
      desired: DesiredStateDigest;
    };

export interface PlanInput extends StateInput {
  /** Show the cost section only when the delta reaches one of these (else gateway.yaml's). */
  costThreshold?: { usd?: number; percent?: number };
}

/** The desired state alone, without AWS: what a review approves, and the cost it declares. */
export type DesiredReport =
  | { status: 'invalid'; issues: ValidationIssue[] }
  | {
      status: 'ok';
      issues: ValidationIssue[];
      desired: DesiredStateDigest;
      /** One line per declared API (for an offline plan). */
      apis: { key: string; kind: string; name: string; routes: number; stages: string[] }[];
      /** The declared state's monthly cost from the price table and declared usage (no CloudWatch). */
      cost?: CostSection;
    };

export interface PlanService {
  plan(input: PlanInput): Promise<PlanReport>;
  /** Validate and fingerprint gateway-state without touching AWS (no credentials needed). */
  describe(input: PlanInput): Promise<DesiredReport>;
}

export interface ApplyInput extends StateInput {
  /** Apply only if a fresh plan has this plan fingerprint (full or 12+ chars). */
  fingerprint?: string;
  /** Apply only what implements this approved desired state (AWS is re-read; see plan/approved-state.ts). */
  approvedDesired?: ApprovedDesiredState;
  /** Who applies (written into the lock). */
  owner?: string;
  /** Called as each API/stage moves on (deployment statuses, comment progress). */
  onProgress?: (p: ApplyProgress) => void;
}

export interface ApplyReport {
  status: 'invalid' | 'no-changes' | 'applied' | 'failed';
  plan?: Plan;
  issues: ValidationIssue[];
  /** The last state of every API/stage the apply touched. */
  progress: ApplyProgress[];
  failures: { apiKey: string; message: string }[];
  /** APIs whose rollout was rolled back automatically (production kept as before). */
  rolledBack: string[];
  /** The desired state this apply worked from. */
  desired?: DesiredStateDigest;
}

export interface ApplyService {
  apply(input: ApplyInput): Promise<ApplyReport>;
}

export type DriftOutcome =
  | { status: 'invalid'; issues: ValidationIssue[] }
  | { status: 'ok'; report: DriftReport; apiNames: Record<string, string> };

export interface DriftService {
  drift(input: StateInput): Promise<DriftOutcome>;
}

export interface UnlockService {
  unlock(input: { api: string }): Promise<{ apiId: string; name: string; removed: boolean }>;
}

export interface EngineServices {
  planner: PlanService;
  applier: ApplyService;
  drifter: DriftService;
  unlocker: UnlockService;
}
