/**
 * Rollouts in progress, wherever they were started: list them (`apigw-sync rollouts`), finish
 * the ones whose driver is gone (the App's sweeper, any replica), and roll one back on request
 * (`apigw-sync rollback`). A rollout is found by the mark on its API and finished with the
 * policy kept on its stage, so none of this needs the gateway-state it was started from.
 *
 * Whoever drives a found rollout first takes the API's apply lock (the lock of an apply whose
 * rollout lease expired is stale: rollout-lock.ts), then the rollout's lease (driver.ts), so
 * nothing else writes to that API meanwhile. A promoted rollout ends like the apply that
 * started it would have: the stage's deployment is recorded (`apigw-sync:deployed`) and the
 * pending apply tag comes off; a rolled-back one leaves the pending tag for the next apply.
 */
import type { RolloutPolicy } from '../model/api.js';
import { AmbiguousApiError, ApigwSyncError, LockedError } from '../model/errors.js';
import { TAG_LOCK, TAG_PENDING, TAG_ROLLOUT_STAGE } from '../model/live.js';
import type { RollbackReason } from '../rollout/decide.js';
import type { RolloutStatus } from '../rollout/status.js';
import { effectiveSteps, resumeRollout, rollBackRollout, type RolloutOptions } from '../rollout/driver.js';
import type { RolloutEvent, RolloutOutcome } from '../rollout/events.js';
import { systemClock, type Clock } from '../rollout/port.js';
import { driverId, leaseHeldByOther } from '../rollout/record.js';
import { AwsCaller, ApiTags, decodeDeployed, encodeDeployed, TAG_DEPLOYED, type ApiRef } from '../aws/apply/index.js';
import { clientRegion } from '../aws/arn.js';
import type { AwsClients } from '../aws/clients.js';
import { acquireLock, decodeLock, staleHolder, type HeldLock } from '../aws/lock.js';
import { findRollouts, type FoundRollout } from '../aws/rollout/find.js';
import { rolloutPortFor } from '../aws/rollout/index.js';
import { apiTags } from '../aws/rollout/record-tag.js';
import { resolveClients, type EngineClients } from './clients.js';
import { isDriverGone } from './driver-id.js';
import { rolloutLeaseStale } from './rollout-lock.js';

export async function listRollouts(o: {
  clients: EngineClients;
  region: string;
  now?: number;
}): Promise<{ region: string; rollouts: RolloutStatus[] }> {
  const clients = resolveClients(o.clients, o.region);
  const now = o.now ?? Date.now();
  const found = await findRollouts(clients);
  return { region: clients.region, rollouts: found.filter((f) => f.record || f.problem).map((f) => statusOf(f, now)) };
}

export function statusOf(f: FoundRollout, now: number): RolloutStatus {
  const base = {
    target: `${f.apiName}/${f.stage}`,
    api: f.apiName,
    apiId: f.apiId,
    kind: f.kind,
    stage: f.stage,
    ...(f.owner ? { owner: f.owner } : {}),
  };
  const r = f.record;
  if (!r) return { ...base, lease: 'none', problem: f.problem };
  const steps = f.policy ? effectiveSteps(f.kind, f.policy) : undefined;
  return {
    ...base,
    phase: r.phase,
    step: r.step,
    ...(steps ? { steps, percent: steps[r.step] } : {}),
    startedAt: r.startedAt,
    ...(r.driver ? { driver: r.driver } : {}),
    leaseUntil: r.leaseUntil,
    ...leaseOf(r.driver, r.leaseUntil, now),
    ...(f.policy ? {} : { problem: 'started before rollouts kept their policy: it can only be rolled back' }),
  };
}

function leaseOf(driver: string, leaseUntil: number, now: number): Pick<RolloutStatus, 'lease' | 'driverGone'> {
  if (!driver) return { lease: 'none' };
  if (leaseUntil <= now) return { lease: 'expired' };
  const gone = isDriverGone(driver);
  return gone ? { lease: 'gone', driverGone: gone } : { lease: 'held' };
}

export interface DriveOptions {
  clients: AwsClients;
  /** Who drives (kept in the records it takes over): `newDriverId('app')` in the App. */
  driver: string;
  clock?: Clock;
  onEvent?: (e: RolloutEvent) => void;
  /** Take-over settle time (driver.ts); tests shorten it. */
  settleMs?: number;
}

export type DriveResult =
  { target: string; driven: true; outcome: RolloutOutcome } | { target: string; driven: false; why: string };

/**
 * The rollouts whose driver is gone (lease expired, or a process on this machine that died),
 * and marks left without a record. Cheap: called by the sweeper every few minutes.
 */
export async function findOrphanedRollouts(
  o: Pick<DriveOptions, 'clients' | 'driver' | 'clock'>,
): Promise<FoundRollout[]> {
  const now = (o.clock ?? systemClock).now();
  const me = driverId(o.driver);
  return (await findRollouts(o.clients)).filter(
    (f) => !f.problem && (!f.record || !leaseHeldByOther(f.record, me, now) || isDriverGone(f.record.driver)),
  );
}

/** Finds and finishes (or rolls back) every orphaned rollout of the clients' region; waits for them all. */
export async function finishOrphanedRollouts(o: DriveOptions): Promise<DriveResult[]> {
  const found = await findOrphanedRollouts(o);
  return Promise.all(found.map((f) => driveFoundRollout(f, o)));
}

/**
 * Finishes one found rollout: with the policy it was started with, or — when its stage keeps
 * none (a record from before) — by rolling it back, the only safe thing without its alarms.
 * A mark without a record is removed once nobody holds the API's lock.
 */
export async function driveFoundRollout(f: FoundRollout, o: DriveOptions): Promise<DriveResult> {
  if (!f.record) return clearStaleMark(f, o);
  const reason: RollbackReason = {
    kind: 'error',
    detail: 'the rollout was started before apigw-sync kept its policy on the stage, so it cannot be continued safely',
  };
  return withApiLock(f, o, { force: false }, (opts) =>
    f.policy ? resumeRollout(opts, f.record) : rollBackRollout(opts, reason, { found: f.record }),
  );
}

/** `apigw-sync rollback --api X --stage S`: stop one rollout and return the stage to its previous deployment. */
export async function rollbackRollout(
  o: Omit<DriveOptions, 'clients'> & {
    clients: EngineClients;
    region: string;
    api: string;
    stage: string;
    force?: boolean;
    by: string;
  },
): Promise<DriveResult> {
  const clients = resolveClients(o.clients, o.region);
  const all = await findRollouts(clients);
  const onApi = all.filter((f) => f.apiId === o.api || f.apiName === o.api);
  const ids = [...new Set(onApi.map((f) => f.apiId))];
  if (ids.length > 1 && !onApi.some((f) => f.apiId === o.api)) throw new AmbiguousApiError(o.api, ids);
  const f = onApi.find((x) => x.stage === o.stage && (ids.length === 1 || x.apiId === o.api));
  if (!f?.record) {
    const inProgress = all.filter((x) => x.record).map((x) => `${x.apiName}/${x.stage}`);
    throw new ApigwSyncError('NO_ROLLOUT', `no rollout is in progress on ${o.api}/${o.stage} in ${clients.region}`, {
      hint: inProgress.length
        ? `rollouts in progress: ${inProgress.join(', ')} (\`apigw-sync rollouts\`)`
        : 'nothing to roll back; `apigw-sync rollouts` lists the rollouts in progress',
    });
  }
  if (
    !o.force &&
    leaseHeldByOther(f.record, o.driver, (o.clock ?? systemClock).now()) &&
    !isDriverGone(f.record.driver)
  ) {
    throw new ApigwSyncError(
      'ROLLOUT_BUSY',
      `${f.apiName}/${f.stage} is being driven by ${f.record.driver} (lease until ${new Date(f.record.leaseUntil).toISOString()})`,
      {
        hint: 'stop that run (Ctrl-C or cancel the job: it rolls back by itself), or pass --force to roll back now (its driver then stops at its next poll)',
      },
    );
  }
  return withApiLock(f, { ...o, clients }, { force: o.force ?? false }, (opts) =>
    rollBackRollout(opts, { kind: 'requested', by: o.by }, { force: o.force, found: f.record }),
  );
}

const FALLBACK_POLICY = (stage: string): RolloutPolicy => ({
  stage,
  steps: [100],
  bakeSeconds: 0,
  pollSeconds: 5,
  minRequests: 0,
  timeoutSeconds: 600,
  onInsufficientData: 'rollback',
  onAlarmReadError: 'rollback',
  leaseSeconds: 60,
  alarms: [],
  managedAlarms: [],
});

async function withApiLock(
  f: FoundRollout,
  o: DriveOptions,
  how: { force: boolean },
  drive: (opts: RolloutOptions) => Promise<RolloutOutcome>,
): Promise<DriveResult> {
  const target = `${f.apiName}/${f.stage}`;
  const clock = o.clock ?? systemClock;
  const caller = new AwsCaller();
  const ref: ApiRef = { kind: f.kind, apiId: f.apiId, name: f.apiName };
  const region = await clientRegion(o.clients.apigw);
  const lockOpts = { clients: o.clients, caller, region };
  let lock: HeldLock;
  try {
    lock = await acquireLock(ref, {
      ...lockOpts,
      owner: o.driver,
      now: () => clock.now(),
      isStale: async (l) =>
        how.force
          ? 'rollback forced'
          : (staleHolder(l.owner) ?? (await rolloutLeaseStale(o.clients, ref, l, clock.now()))),
    });
  } catch (e) {
    if (e instanceof LockedError) return { target, driven: false, why: e.message };
    throw e;
  }
  let outcome: RolloutOutcome | undefined;
  try {
    const policy = f.policy ?? FALLBACK_POLICY(f.stage);
    const port = rolloutPortFor({
      clients: o.clients,
      kind: f.kind,
      apiId: f.apiId,
      apiName: f.apiName,
      stage: f.stage,
      alarmNames: policy.alarms,
      clock,
    });
    outcome = await drive({
      port,
      policy,
      clock,
      driver: o.driver,
      onEvent: o.onEvent,
      settleMs: o.settleMs,
      isDriverGone,
    });
    if (outcome.kind === 'promoted') {
      const tags = new ApiTags(o.clients, caller, region);
      const deployed = decodeDeployed((await tags.read(ref))[TAG_DEPLOYED]);
      await tags.set(ref, {
        [TAG_DEPLOYED]: encodeDeployed({ ...deployed, [f.stage]: outcome.deploymentId }, () => true),
      });
    }
  } finally {
    // Promoted: the interrupted apply is complete. Otherwise its pending tag tells the next apply what is left.
    await lock.release({ alsoRemove: outcome?.kind === 'promoted' ? [TAG_PENDING] : [] });
  }
  return { target, driven: true, outcome };
}

/** A mark whose stage holds no record: removed unless an apply holds the API (its rollout may be starting). */
async function clearStaleMark(f: FoundRollout, o: DriveOptions): Promise<DriveResult> {
  const target = `${f.apiName}/${f.stage}`;
  const lock = f.apiTags[TAG_LOCK] ? decodeLock(f.apiTags[TAG_LOCK]) : undefined;
  if (lock && Date.parse(lock.expiresAt) > (o.clock ?? systemClock).now())
    return { target, driven: false, why: `no record yet, and ${lock.owner} holds the API's lock` };
  await apiTags(o.clients, f.kind, f.apiId).remove([TAG_ROLLOUT_STAGE]);
  return { target, driven: false, why: 'removed a rollout mark left without a record' };
}
