/**
 * The reconcile engine: what the CLI, the GitHub App and the Action call. Every function
 * returns values and reports progress through an `events` callback; none prints or exits.
 */
export { runPlan, type PlanOptions, type PlanResult } from './plan.js';
export { runApply, type ApplyOptions, type ApplyResult, type ApplyFailure } from './apply.js';
export { runDrift, appliedDeployments, type DriftOptions, type DriftResult } from './drift.js';
export { runUnlock, type UnlockResult } from './unlock.js';
export { renderPlanAs, isPlanFormat, PLAN_FORMATS, type PlanFormat } from './render.js';
export { subPlan } from './sub-plan.js';
export { pendingApplies, withPendingDeployments, desiredApiHash, type PendingFound } from './pending.js';
export type { EngineEvent, EventSink } from './events.js';
export type { EngineClients } from './clients.js';
export { importApi, type ImportOptions, type ImportResult } from './import.js';
export {
  runCheckService,
  gitAsLive,
  againstLabel,
  type CheckServiceOptions,
  type CheckServiceResult,
} from './check-service.js';
export { readServiceSpec } from './read-spec.js';
export { runDocs, type DocsOptions, type DocsResult } from './docs.js';
