export { buildPlan, summarize, type BuildPlanInput } from './build.js';
export { orderChanges, targetRank, pathDepth } from './order.js';
export { deploymentsFor } from './deployments.js';
export { planFingerprint, shortFingerprint, fingerprintMatches, SHORT_FINGERPRINT_LENGTH } from './fingerprint.js';
export { serializePlan, parsePlan, PLAN_FILE_KIND, PLAN_FILE_VERSION } from './serialize.js';
export { walkPlan, walkUnits, type WalkResult, type WalkEvent, type WalkOptions, type DeploymentTask } from './walk.js';
export { DryRunExecutor, type DryRunCall } from './dry-run.js';
export { PlanFileError } from './errors.js';
