/**
 * Applies one API's part of a plan: lock, mark pending, walk the steps, deploy, record
 * what each stage serves, clear pending, unlock. One writer per API; the engine runs
 * different APIs' units concurrently.
 *
 * Crash safety: the pending tag goes on before the first change (for a new API, with the
 * create itself), and comes off only after the deployment. If anything stops the run in
 * between, the next apply sees the tag and deploys those stages even when no resource
 * change is left to make.
 */
import type { ApiModel } from '../model/api.js';
import type { AccountIds } from '../model/account.js';
import type { ChangeTarget } from '../model/change.js';
import { ApigwSyncError } from '../model/errors.js';
import { canonicalJson } from '../model/canonical.js';
import { rereadApi } from '../aws/apply/reread.js';
import { TAG_ID, TAG_LOCK, TAG_MANAGED, TAG_OWNER, TAG_PENDING, type LiveApi } from '../model/live.js';
import type { Plan, PlanStep, StepExecutor } from '../model/plan.js';
import { walkPlan, type WalkResult } from '../plan/index.js';
import { maskChange } from '../render/mask.js';
import {
  AwsCaller,
  ApiTags,
  createApiExecutor,
  decodeDeployed,
  directDeployer,
  encodeDeployed,
  encodePending,
  TAG_DEPLOYED,
  type ApiClients,
  type ApiExecutor,
  type ApiRef,
  type DeployerFactory,
} from '../aws/apply/index.js';
import { acquireLock, heldLock, newLockValue, staleHolder, type HeldLock } from '../aws/lock.js';
import { rolloutLeaseStale } from './rollout-lock.js';
import type { EventSink } from './events.js';

export interface ApiUnitInput {
  apiKey: string;
  desired?: ApiModel;
  live?: LiveApi;
  /** This API's steps and deployments only. */
  plan: Plan;
  clients: ApiClients;
  region: string;
  /** Hash of the desired API, kept in the pending tag for `--resume`. */
  desiredHash: string;
  /** The declared account scope's hash when the plan changes it (kept in the pending tag for `--resume`). */
  accountHash?: string;
  /** Who holds the apply lock. */
  owner?: string;
  /** The directory's owner id: tagged on an API created by this unit (`apigw-sync:owner`). */
  ownerId?: string;
  lockTtlSeconds?: number;
  /** Replaces the direct deployment (the canary rollout plugs in here). */
  deployerFor?: DeployerFactory;
  /** The account records' ids (VPC links, client certificates) the API's records name, kept current by the account executor. */
  accountIds?: AccountIds;
  /** The account records' names as the plan read them (the stale-plan check re-reads the API with them). */
  accountNameOf?: (target: ChangeTarget, id: string) => string | undefined;
  events: EventSink;
}

export interface ApiUnitResult {
  apiKey: string;
  apiId: string;
  walk: WalkResult;
  /** Writes this unit made (successful calls). */
  writes: number;
  /** Set when the unit could not start or finish (lock refused, release failed). */
  error?: unknown;
}

export async function applyApiUnit(u: ApiUnitInput): Promise<ApiUnitResult> {
  let writes = 0;
  const caller = new AwsCaller({
    onCall: (info) => {
      if (info.write) writes++;
      u.events({ type: 'aws.call', apiKey: u.apiKey, operation: info.operation, write: info.write });
    },
  });
  const lockOpts = { clients: u.clients, caller, region: u.region, owner: u.owner, ttlSeconds: u.lockTtlSeconds };
  const pendingValue = encodePending({
    fingerprint: u.plan.fingerprint,
    desiredHash: u.desiredHash,
    ...(u.accountHash ? { accountHash: u.accountHash } : {}),
    stages: u.plan.deployments[u.apiKey] ?? [],
  });

  const empty: WalkResult = {
    ok: false,
    done: [],
    deployed: [],
    remainingSteps: u.plan.steps,
    remainingDeployments: deploymentTasks(u),
  };
  const liveRef: ApiRef | undefined = u.live
    ? { kind: u.live.model.kind, apiId: u.live.ids.apiId, name: u.live.model.name }
    : undefined;

  let lock: HeldLock | undefined;
  if (liveRef) {
    try {
      lock = await acquireLock(liveRef, {
        ...lockOpts,
        isStale: async (l) => staleHolder(l.owner) ?? (await rolloutLeaseStale(u.clients, liveRef, l, Date.now())),
        onTakeOver: (previous, why) =>
          u.events({ type: 'lock.took-over', apiKey: u.apiKey, previousOwner: previous.owner, why }),
      });
      u.events({ type: 'lock.acquired', apiKey: u.apiKey, apiId: liveRef.apiId });
      // The plan was built before the lock: if the API moved meanwhile (another apply that
      // just finished, a console edit), applying it would be applying something unreviewed.
      const now = await rereadApi(u.clients, caller, liveRef, u.apiKey, u.desired, { accountNameOf: u.accountNameOf });
      if (canonicalJson(now.model) !== canonicalJson(u.live!.model)) throw stalePlan(liveRef.name);
      await lock.verify();
      await new ApiTags(u.clients, caller, u.region).set(liveRef, { [TAG_PENDING]: pendingValue });
    } catch (error) {
      // Release only what is ours (release checks); a lost race leaves the winner's lock alone.
      if (lock) await lock.release().catch(() => undefined);
      return { apiKey: u.apiKey, apiId: liveRef.apiId, walk: empty, writes, error };
    }
  }

  const createLock = newLockValue(lockOpts);
  const executor = unitExecutor(u, caller, () => ({
    [TAG_ID]: u.apiKey,
    [TAG_MANAGED]: 'true',
    ...(u.ownerId ? { [TAG_OWNER]: u.ownerId } : {}),
    [TAG_LOCK]: createLock,
    [TAG_PENDING]: pendingValue,
  }));

  // Events leave the process (`apply --events json`, check runs): their steps carry masked values.
  const shown = (step: PlanStep): PlanStep => ({
    ...step,
    change: maskChange(step.change, { secretNames: u.plan.secrets?.[u.apiKey] }),
  });
  const walk = await walkPlan(u.plan, executor, {
    onStep: (e) => {
      const apiKey = u.apiKey;
      if (e.type === 'step.start' || e.type === 'step.done') u.events({ type: e.type, apiKey, step: shown(e.step) });
      else if (e.type === 'step.failed')
        u.events({ type: e.type, apiKey, step: shown(e.step), error: message(e.error) });
      else if (e.type === 'deploy.start') u.events({ type: e.type, apiKey, stages: e.task.stages });
      else if (e.type === 'deploy.done')
        u.events({ type: e.type, apiKey, stages: e.task.stages, deploymentId: executor.main.served[e.task.stages[0]] });
      else u.events({ type: e.type, apiKey, stages: e.task.stages, error: message(e.error) });
    },
  });

  const apiId = executor.main.apiId;
  if (!apiId) return { apiKey: u.apiKey, apiId, walk, writes }; // deleted, or never created
  const ref: ApiRef = { kind: executor.mainKind, apiId, name: u.desired?.name ?? u.live?.model.name ?? u.apiKey };
  if (!lock || lock.api.apiId !== apiId) lock = heldLock(ref, createLock, lockOpts); // created in this run, locked at birth
  try {
    if (walk.ok && Object.keys(executor.main.served).length > 0) {
      const before = decodeDeployed(u.live?.ids.toolTags[TAG_DEPLOYED]);
      const value = encodeDeployed({ ...before, ...executor.main.served }, (s) => Boolean(u.desired?.stages[s]));
      await new ApiTags(u.clients, caller, u.region).set(ref, { [TAG_DEPLOYED]: value });
    }
    // On failure the pending tag stays: it is how the next apply knows what is left.
    await lock?.release({ alsoRemove: walk.ok ? [TAG_PENDING] : [] });
    u.events({ type: 'lock.released', apiKey: u.apiKey });
  } catch (error) {
    return { apiKey: u.apiKey, apiId, walk, writes, error: releaseFailed(ref.name, walk.ok, error) };
  }
  return { apiKey: u.apiKey, apiId, walk, writes };
}

function deploymentTasks(u: ApiUnitInput) {
  const stages = u.plan.deployments[u.apiKey];
  return stages?.length ? [{ apiKey: u.apiKey, stages }] : [];
}

/**
 * The executor for the unit. When the API's kind changes (REST ↔ HTTP), the plan deletes
 * the old API and creates the new one: the delete goes to an executor of the old kind.
 */
function unitExecutor(u: ApiUnitInput, caller: AwsCaller, toolTagsAtCreate: () => Record<string, string>) {
  const desired = u.desired ?? u.live!.model;
  const kind = desired.kind;
  const sameKindLive = u.live && u.live.model.kind === kind ? u.live : undefined;
  const deployer = (u.deployerFor ?? ((api, clients, c) => directDeployer(api.kind, clients, c)))(
    desired,
    u.clients,
    caller,
    { live: sameKindLive, region: u.region },
  );
  const common = {
    region: u.region,
    caller,
    deployer,
    toolTagsAtCreate,
    description: `apigw-sync ${u.plan.fingerprint.slice(0, 12)}`,
    steps: u.plan.steps,
    accountIds: u.accountIds,
  };
  const main: ApiExecutor = createApiExecutor(kind, u.clients, { ...common, desired, live: sameKindLive });
  const old: ApiExecutor | undefined =
    u.live && !sameKindLive
      ? createApiExecutor(u.live.model.kind, u.clients, { ...common, desired: u.live.model, live: u.live })
      : undefined;
  const executor: StepExecutor & { main: ApiExecutor; mainKind: ApiModel['kind'] } = {
    main,
    mainKind: kind,
    execute: (step: PlanStep) => (old && step.change.apiKind !== kind ? old.execute(step) : main.execute(step)),
    deploy: (apiKey, stages) => main.deploy(apiKey, stages),
  };
  return executor;
}

function releaseFailed(name: string, applied: boolean, cause: unknown): ApigwSyncError {
  return new ApigwSyncError(
    'UNLOCK_FAILED',
    `${name}: ${applied ? 'applied, but ' : ''}the apply lock could not be removed: ${message(cause)}`,
    {
      hint: `run \`apigw-sync unlock --api ${name}\`, then \`apigw-sync apply\` (it redeploys any stage still marked pending)`,
      cause,
    },
  );
}

function stalePlan(name: string): ApigwSyncError {
  return new ApigwSyncError(
    'STALE_PLAN',
    `${name} changed in AWS after this apply read it (another apply finished, or someone edited it)`,
    {
      hint: 'nothing was written; run `apigw-sync plan` again and apply the new plan',
    },
  );
}

export function message(e: unknown): string {
  const err = e as { describe?: () => string; message?: string };
  return typeof err?.describe === 'function' ? err.describe() : (err?.message ?? String(e));
}
