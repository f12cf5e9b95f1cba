/**
 * apigw-sync as a library: `import { validate, plan, apply, drift } from 'apigw-sync'`.
 *
 * The same use cases the CLI, the GitHub App and the Action run (src/engine), behind options
 * that name only plain values and the model's types: no AWS SDK type is part of this API.
 * Nothing here prints or exits; results are values and progress arrives through `onEvent`.
 */
import type { GatewayModel } from './model/api.js';
import type { ValidationIssue } from './model/issue.js';
import type { LiveSnapshot } from './model/live.js';
import type { Plan, PlanStep } from './model/plan.js';
import type { DriftReport } from './model/drift.js';
import type { EngineEvent } from './engine/events.js';
import type { RolloutEvent } from './rollout/events.js';
import type { AwsClients } from './aws/clients.js';

export type { GatewayModel, ApiModel, ApiKind, RouteModel, StageModel } from './model/api.js';
export type { Plan, PlanStep } from './model/plan.js';
export type { Change, DriftItem } from './model/change.js';
export type { ValidationIssue } from './model/issue.js';
export type { LiveSnapshot } from './model/live.js';
export type { DriftReport } from './model/drift.js';
export type { EngineEvent } from './engine/events.js';
export type { RolloutEvent } from './rollout/events.js';
export { ApigwSyncError, UsageError } from './model/errors.js';

/** Static keys, or a function that returns (and may refresh) them. */
export type Credentials =
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }
  | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>);

export interface StateOptions {
  /** The gateway-state directory (default `gateway-state`). */
  dir?: string;
}

export interface AwsOptions extends StateOptions {
  /** The region for a state whose gateway.yaml declares none (a state that declares another is an error). */
  region?: string;
  /** The directory's owner id when gateway.yaml declares no `owner:` (e.g. `acme/gateway:gateway-state`). */
  ownerId?: string;
  /**
   * One endpoint for API Gateway v1, v2 and CloudWatch, such as the local endpoint
   * (`apigw-sync emulator`). Default: the SDK's own resolution, which honours
   * AWS_ENDPOINT_URL and the per-service AWS_ENDPOINT_URL_* variables.
   */
  endpoint?: string;
  /** Default: the AWS SDK's default credential chain. */
  credentials?: Credentials;
  /** Progress: state loaded, live read, each AWS call and step. */
  onEvent?: (event: EngineEvent) => void;
}

export type OutputFormat = 'text' | 'markdown' | 'json';

export interface ValidateResult {
  valid: boolean;
  /** Errors and warnings, each with file, line and column and how to fix it. */
  issues: ValidationIssue[];
  /** The issues as the CLI prints them. */
  text: string;
  /** The compiled model (complete only when `valid`). */
  model: GatewayModel;
}

export type PlanResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string }
  | {
      status: 'ok';
      plan: Plan;
      /** Steps to run or stages to deploy. */
      hasChanges: boolean;
      desired: GatewayModel;
      live: LiveSnapshot;
      /** Validation warnings. */
      issues: ValidationIssue[];
      issuesText: string;
      /** The plan as the CLI, a PR comment or a machine reads it (secrets masked). */
      render(format: OutputFormat): string;
    };

export interface ApplyOptions extends AwsOptions {
  /** Required: the library never asks. Pair it with `fingerprint` to apply only what was reviewed. */
  yes: true;
  /** Apply only if the fresh plan has this fingerprint (full, or the 12+ characters shown). */
  fingerprint?: string;
  /** A plan file written by `apigw-sync plan --out`; applied only if a fresh plan matches it. */
  planFile?: string;
  /** Finish an interrupted apply of the approved plan. */
  resume?: boolean;
  /** Roll out stages with a rollout policy as a canary (default true); false deploys directly. */
  rollout?: boolean;
  onRolloutEvent?: (event: RolloutEvent) => void;
  /** Aborting rolls any canary in progress back before `apply` returns. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  status: 'invalid' | 'no-changes' | 'declined' | 'applied' | 'failed';
  plan?: Plan;
  issues: ValidationIssue[];
  issuesText: string;
  /** Steps done by this run. */
  done: PlanStep[];
  /** Stages deployed by this run. */
  deployed: Array<{ apiKey: string; stages: string[] }>;
  /** What is left when `failed`: the next apply starts from there. */
  remaining: { steps: PlanStep[]; deployments: Array<{ apiKey: string; stages: string[] }> };
  failures: Array<{ apiKey: string; message: string; error: unknown }>;
  /** Successful AWS writes. */
  writes: number;
}

export interface DriftOptions extends AwsOptions {
  /**
   * Delete the live APIs of this directory's owner that no folder describes (no question
   * asked: the caller decided). Refused without an owner id and for a directory with no APIs.
   */
  prune?: boolean;
}

export type DriftResult =
  | { status: 'invalid'; issues: ValidationIssue[]; issuesText: string; exitCode: 1 }
  | {
      status: 'ok';
      report: DriftReport;
      /** Managed APIs deleted by `prune`. */
      pruned: Array<{ apiId: string; name: string }>;
      /** What the CLI exits with: 0 no drift, 2 drift. */
      exitCode: 0 | 2;
      render(format: OutputFormat): string;
    };

/** Checks a gateway-state directory: YAML, schema, OpenAPI files and semantic rules. Reads no AWS. */
export async function validate(o: StateOptions = {}): Promise<ValidateResult> {
  const { validateState, formatIssuesText } = await import('./validate/index.js');
  const r = await validateState(o.dir ?? 'gateway-state');
  return { valid: r.valid, issues: r.issues, text: formatIssuesText(r.issues, r.files), model: r.model };
}

/** What `apply` would change in AWS, with before and after for every change. Writes nothing. */
export async function plan(o: AwsOptions = {}): Promise<PlanResult> {
  const [{ runPlan }, { renderPlanAs }] = await Promise.all([import('./engine/plan.js'), import('./engine/render.js')]);
  const r = await runPlan({
    dir: o.dir,
    region: o.region,
    ownerId: o.ownerId,
    clients: await clientFactory(o),
    events: o.onEvent,
  });
  if (r.status === 'invalid') return r;
  const { plan, hasChanges, desired, live, issues, issuesText } = r;
  return {
    status: 'ok',
    plan,
    hasChanges,
    desired,
    live,
    issues,
    issuesText,
    render: (f) => renderPlanAs(plan, f, { color: false }),
  };
}

/** Plans afresh and applies: one writer per API, resumable, canary rollouts where api.yaml asks. */
export async function apply(o: ApplyOptions): Promise<ApplyResult> {
  const [{ runApply }, { rolloutDeployerFor }, { systemClock }] = await Promise.all([
    import('./engine/apply.js'),
    import('./engine/rollout-deployer.js'),
    import('./rollout/port.js'),
  ]);
  const factory = await clientFactory(o);
  // The rollout watches CloudWatch in the account and region the engine writes to.
  let made: AwsClients | undefined;
  const r = await runApply({
    dir: o.dir,
    planFile: o.planFile,
    region: o.region,
    ownerId: o.ownerId,
    clients: (region) => (made ??= factory(region)),
    yes: o.yes,
    fingerprint: o.fingerprint,
    resume: o.resume,
    events: o.onEvent,
    deployerFor:
      o.rollout === false
        ? undefined
        : rolloutDeployerFor({
            aws: () => made!,
            clock: systemClock,
            signal: o.signal,
            onEvent: o.onRolloutEvent ?? (() => {}),
          }),
  });
  return {
    status: r.status,
    plan: r.plan,
    issues: r.issues,
    issuesText: r.issuesText,
    done: r.done,
    deployed: r.deployed.map((d) => ({ apiKey: d.apiKey, stages: d.stages })),
    remaining: {
      steps: r.remaining.steps,
      deployments: r.remaining.deployments.map((d) => ({ apiKey: d.apiKey, stages: d.stages })),
    },
    failures: r.failures,
    writes: r.writes,
  };
}

/** What changed in AWS that gateway-state does not explain. */
export async function drift(o: DriftOptions = {}): Promise<DriftResult> {
  const [{ runDrift }, { renderDriftAs }] = await Promise.all([
    import('./engine/drift.js'),
    import('./engine/render.js'),
  ]);
  const r = await runDrift({
    dir: o.dir,
    region: o.region,
    ownerId: o.ownerId,
    prune: o.prune ? { yes: true } : undefined,
    clients: await clientFactory(o),
    events: o.onEvent,
  });
  if (r.status === 'invalid') return r;
  const { report, exitCode } = r;
  return {
    status: 'ok',
    report,
    pruned: r.pruned.map((a) => ({ apiId: a.apiId, name: a.name })),
    exitCode,
    render: (f) => renderDriftAs(report, f, { color: false }),
  };
}

/** AWS clients for the region the state (or `region`) names, made when the engine knows it. */
async function clientFactory(o: AwsOptions): Promise<(region: string) => AwsClients> {
  const { createAwsClients } = await import('./aws/clients.js');
  return (region) =>
    createAwsClients({
      region,
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.credentials ? { credentials: o.credentials } : {}),
    });
}
