/**
 * Drives one rollout to its end: promoted or rolled back, never stuck half-way, never by two
 * drivers at once.
 *
 * Every transition is written to the record (in AWS) BEFORE the action it announces, so a
 * crash at any point leaves a record that another driver finishes: `starting` creates (or
 * adopts) the new deployment, `baking` continues polling, `promoting` finishes the promote,
 * `rolling-back` the rollback.
 *
 * The record carries the driver and a lease, renewed at every poll. Another driver — the
 * next apply, an App replica's sweeper, `apigw-sync rollback` — takes a rollout over only
 * once the lease has expired (`claim`), and a driver that finds someone else's name in the
 * record at its next poll stops without touching anything (`superseded`). Tags have no
 * compare-and-set: a take-over writes the record, waits `settleMs`, and reads it back; of
 * two drivers that raced, the one whose write landed last is the one both read back.
 */
import type { RolloutPolicy } from '../model/api.js';
import { decide, describeRollbackReason, type Observation, type RollbackReason } from './decide.js';
import type { NotDrivenReason, RolloutEvent, RolloutOutcome } from './events.js';
import { countingWindowStart } from './metric-window.js';
import type { Clock, RolloutPort } from './port.js';
import { driverId, leaseHeldByOther, type RolloutPhase, type RolloutRecord } from './record.js';

export interface RolloutOptions {
  port: RolloutPort;
  /** The policy of a new rollout; a resumed one runs with the policy recorded at its start (when the stage keeps it). */
  policy: RolloutPolicy;
  clock: Clock;
  /** Who drives (kept in the record with the lease): `cli:user@host/pid/…`, `github-run/…`, `app:host/pid/…`. */
  driver: string;
  /** Aborting (Ctrl-C, job cancelled) rolls back. */
  signal?: AbortSignal;
  onEvent?: (event: RolloutEvent) => void;
  /** Short fingerprint of the plan being rolled out, kept in the record. */
  fingerprint?: string;
  /** Pause between writing a take-over and reading it back (default 1 s; longer than a rival's read-to-write time). */
  settleMs?: number;
  /**
   * Says why the driver named in a record certainly stopped although its lease has not
   * expired yet (a process on this machine that is gone, an earlier attempt of this CI run),
   * or undefined. Such a rollout is taken over at once instead of after its lease.
   */
  isDriverGone?: (driver: string) => string | undefined;
}

/** HTTP and WebSocket APIs cannot split traffic: their rollout is one step at 100 % (deploy, then bake). */
export function effectiveSteps(kind: RolloutPort['kind'], policy: RolloutPolicy): number[] {
  return kind === 'RestApi' ? policy.steps : [100];
}

export const HTTP_NO_CANARY_NOTE =
  'HTTP APIs cannot split traffic between deployments: the new deployment takes all traffic at once and is ' +
  'watched for the bake time, then kept or rolled back. For a real canary use a REST API, or weight a Lambda ' +
  'alias behind the integration.';

export const WEBSOCKET_NO_CANARY_NOTE =
  'WebSocket APIs cannot split traffic (or connections) between deployments: the new deployment takes the stage ' +
  'at once — new connections and messages on open ones — and is watched for the bake time on ConnectCount, ' +
  'MessageCount and the error metrics, then kept or switched back to the previous deployment. For a gradual ' +
  'release, weight a Lambda alias behind the integration.';

const NO_CANARY_NOTE: Record<RolloutPort['kind'], string | undefined> = {
  RestApi: undefined,
  HttpApi: HTTP_NO_CANARY_NOTE,
  WebSocketApi: WEBSOCKET_NO_CANARY_NOTE,
};

const DEFAULT_SETTLE_MS = 1_000;

/** Starts a new rollout, or continues (takes over) the one recorded on the stage. */
export async function runRollout(opts: RolloutOptions): Promise<RolloutOutcome> {
  const { port, clock } = opts;
  const existing = await port.loadRecord();
  if (existing) return resumeRollout(opts, existing);

  const stage = await port.readStage();
  if (!stage.deploymentId) {
    const reason = 'the stage serves no deployment yet, so there is no traffic to protect';
    const { deploymentId } = await port.startCanary(100);
    emit(opts, { type: 'rollout.deployed-directly', at: iso(clock), target: port.label, reason });
    return { kind: 'deployed-directly', deploymentId, reason };
  }
  if (stage.canary) {
    // A canary we did not record: someone else's, or ours from before records existed. Never guess.
    const { deploymentId, percent } = stage.canary;
    throw new Error(
      `${port.label} already has a canary (deployment ${deploymentId} at ${percent} %) that apigw-sync did not start; ` +
        'promote or remove it first (UpdateStage remove /canarySettings)',
    );
  }

  const now = clock.now();
  const starting: RolloutRecord = {
    phase: 'starting',
    step: 0,
    startedAt: now,
    stepStartedAt: now,
    canaryDeploymentId: '',
    previousDeploymentId: stage.deploymentId,
    fingerprint: opts.fingerprint ?? '',
    driver: driverId(opts.driver),
    leaseUntil: now + opts.policy.leaseSeconds * 1000,
  };
  // Recorded before CreateDeployment: a crash in between leaves a `starting` record whose
  // next driver adopts the canary if it exists, instead of an unrecorded canary nobody owns.
  await port.beginRecord(starting, opts.policy);
  emitPhase(opts, starting);
  let deploymentId: string;
  try {
    ({ deploymentId } = await port.startCanary(effectiveSteps(port.kind, opts.policy)[0]));
  } catch (e) {
    // Nothing went live: leave no record behind (the apply reports the error and stays pending).
    if (!(await newDeploymentLive(port, starting).catch(() => 'unknown')))
      await port.clearRecord().catch(() => undefined);
    throw e;
  }
  return started(opts, opts.policy, starting, deploymentId);
}

/**
 * Continues the rollout recorded on the stage, taking it over when its lease has expired.
 * Never starts a new one: with no record left, the outcome is `gone`.
 */
export async function resumeRollout(opts: RolloutOptions, found?: RolloutRecord): Promise<RolloutOutcome> {
  const { port } = opts;
  const record = found ?? (await port.loadRecord());
  if (!record) return notDriven(opts, 'gone', `${port.label} has no rollout in progress any more`);
  const claimed = await claim(opts, record);
  if ('kind' in claimed) return claimed;
  const policy = (await port.loadPolicy()) ?? opts.policy;
  const o = { ...opts, policy };
  emitResumed(o, record, claimed);
  switch (claimed.phase) {
    case 'starting':
      return finishStart(o, claimed);
    case 'promoting':
      return finishPromote(o, claimed);
    case 'rolling-back':
      return finishRollback(o, claimed, { kind: 'error', detail: 'a previous run stopped while rolling back' });
    case 'baking':
      return continueRollout(o, claimed);
  }
}

/**
 * Rolls the recorded rollout back now (`apigw-sync rollback`, or a found rollout that cannot
 * be continued safely). Takes it over like `resumeRollout` — only once its lease has expired,
 * unless `force` (an operator stopping a live rollout: its driver finds the record no longer
 * names it at its next poll, and stops without touching anything).
 */
export async function rollBackRollout(
  opts: RolloutOptions,
  reason: RollbackReason,
  o: { force?: boolean; found?: RolloutRecord } = {},
): Promise<RolloutOutcome> {
  const { port } = opts;
  const record = o.found ?? (await port.loadRecord());
  if (!record) return notDriven(opts, 'gone', `${port.label} has no rollout in progress`);
  const as = o.force ? { ...opts, isDriverGone: () => 'rollback forced' } : opts;
  const claimed = await claim(as, record);
  if ('kind' in claimed) return claimed;
  emitResumed(as, record, claimed);
  if (claimed.phase === 'starting') {
    // Nothing recorded as live yet: roll back whatever did go live (the stage decides).
    const live = await newDeploymentLive(port, claimed);
    return finishRollback(opts, { ...claimed, canaryDeploymentId: live || claimed.canaryDeploymentId }, reason);
  }
  return finishRollback(opts, claimed, reason);
}

/**
 * Makes the record ours: at once when it already is, or once its lease has expired — then
 * write, settle, read back, and keep it only if our write is the one that stayed.
 */
async function claim(
  opts: RolloutOptions,
  record: RolloutRecord,
): Promise<RolloutRecord | Extract<RolloutOutcome, { kind: 'not-driven' }>> {
  const { port, clock } = opts;
  const me = driverId(opts.driver);
  const lease = (opts.policy.leaseSeconds ?? 60) * 1000;
  if (leaseHeldByOther(record, me, clock.now()) && !opts.isDriverGone?.(record.driver)) return busy(opts, record);
  const mine: RolloutRecord = { ...record, driver: me, leaseUntil: clock.now() + lease };
  await port.saveRecord(mine);
  if (record.driver === me) return mine;
  await clock.sleep(opts.settleMs ?? DEFAULT_SETTLE_MS);
  const back = await port.loadRecord();
  if (!back) return notDriven(opts, 'gone', `the rollout of ${port.label} ended while this driver was taking it over`);
  if (back.driver !== me) return busy(opts, back);
  return back;
}

function busy(opts: RolloutOptions, r: RolloutRecord): Extract<RolloutOutcome, { kind: 'not-driven' }> {
  const until = new Date(r.leaseUntil).toISOString();
  return notDriven(opts, 'busy', `${opts.port.label} is being driven by ${r.driver} (lease until ${until})`, r);
}

/** Resuming a `starting` record: adopt the new deployment if it went live, else create it now. */
async function finishStart(opts: RolloutOptions, record: RolloutRecord): Promise<RolloutOutcome> {
  const live = await newDeploymentLive(opts.port, record);
  const deploymentId =
    live || (await opts.port.startCanary(effectiveSteps(opts.port.kind, opts.policy)[0])).deploymentId;
  return started(opts, opts.policy, record, deploymentId);
}

/** The new deployment a `starting` rollout put live (REST: the stage's canary; HTTP, WebSocket: a deployment other than the previous one), or ''. */
async function newDeploymentLive(port: RolloutPort, record: RolloutRecord): Promise<string> {
  const stage = await port.readStage();
  if (port.kind === 'RestApi') return stage.canary?.deploymentId ?? '';
  return stage.deploymentId && stage.deploymentId !== record.previousDeploymentId ? stage.deploymentId : '';
}

async function started(
  opts: RolloutOptions,
  policy: RolloutPolicy,
  starting: RolloutRecord,
  deploymentId: string,
): Promise<RolloutOutcome> {
  const { port, clock } = opts;
  const now = clock.now();
  const record: RolloutRecord = {
    ...starting,
    phase: 'baking',
    step: 0,
    stepStartedAt: now,
    canaryDeploymentId: deploymentId,
    leaseUntil: now + policy.leaseSeconds * 1000,
  };
  await port.saveRecord(record);
  emitPhase(opts, record);
  emit(opts, {
    type: 'rollout.started',
    at: iso(clock),
    target: port.label,
    kind: port.kind === 'RestApi' ? 'canary' : 'deploy-and-bake',
    steps: effectiveSteps(port.kind, policy),
    deploymentId,
    previousDeploymentId: record.previousDeploymentId,
    onAlarmReadError: policy.onAlarmReadError,
    note: NO_CANARY_NOTE[port.kind],
  });
  return continueRollout(opts, record);
}

async function continueRollout(opts: RolloutOptions, start: RolloutRecord): Promise<RolloutOutcome> {
  const { port, clock } = opts;
  const policy = { ...opts.policy, steps: effectiveSteps(port.kind, opts.policy) };
  let record = start;
  let alarmsUnreadableSince: number | undefined;

  try {
    for (;;) {
      await clock.sleep(policy.pollSeconds * 1000, opts.signal);
      let renewed: Awaited<ReturnType<typeof renew>>;
      try {
        renewed = await renew(opts, record);
      } catch (e) {
        // The record could not be read or written (API Gateway unavailable past the retries):
        // not a reason to roll back a healthy canary, and no ground to act on either — this
        // driver cannot tell whether it still holds the rollout. It waits for API Gateway.
        if (opts.signal?.aborted) throw e;
        emit(opts, {
          type: 'rollout.poll',
          at: iso(clock),
          target: port.label,
          step: record.step,
          percent: policy.steps[record.step],
          alarms: [],
          waiting: `could not renew the lease, so nothing is decided this poll: ${(e as Error).message ?? String(e)}`,
        });
        continue;
      }
      if ('kind' in renewed) return renewed;
      record = renewed;
      const obs = await observe(opts, record);
      alarmsUnreadableSince = 'error' in obs.alarms ? (alarmsUnreadableSince ?? obs.now) : undefined;
      obs.alarmsUnreadableSince = alarmsUnreadableSince;
      const decision = decide(record, obs, policy);
      emit(opts, {
        type: 'rollout.poll',
        at: iso(clock),
        target: port.label,
        step: record.step,
        percent: policy.steps[record.step],
        alarms: 'readings' in obs.alarms ? obs.alarms.readings : [],
        canaryRequests: obs.canaryRequests,
        ...(port.kind === 'RestApi'
          ? {}
          : { counts: port.kind === 'HttpApi' ? ('stage' as const) : ('stage-ws' as const) }),
        countedFrom: obs.countedFrom === undefined ? undefined : new Date(obs.countedFrom).toISOString(),
        waiting: decision.kind === 'wait' ? decision.why : undefined,
      });
      if (decision.kind === 'wait') continue;
      if (decision.kind === 'rollback') return finishRollback(opts, record, decision.reason);
      if (decision.kind === 'promote') return finishPromote(opts, record);
      const now = clock.now();
      record = { ...record, step: decision.toStep, stepStartedAt: now, leaseUntil: now + policy.leaseSeconds * 1000 };
      await port.saveRecord(record);
      await port.setCanaryPercent(decision.percent);
      emit(opts, {
        type: 'rollout.step',
        at: iso(clock),
        target: port.label,
        step: decision.toStep,
        percent: decision.percent,
      });
    }
  } catch (e) {
    // Anything unexpected while the canary is live: the safe state is the previous deployment.
    return finishRollback(opts, record, { kind: 'error', detail: (e as Error).message ?? String(e) });
  }
}

/** Each poll: stop if another driver took the rollout over; else extend our lease. */
async function renew(
  opts: RolloutOptions,
  record: RolloutRecord,
): Promise<RolloutRecord | Extract<RolloutOutcome, { kind: 'not-driven' }>> {
  const current = await opts.port.loadRecord();
  if (!current)
    return notDriven(
      opts,
      'gone',
      `the rollout record of ${opts.port.label} was removed by someone else; leaving the stage as it is`,
    );
  if (current.driver !== record.driver) {
    return notDriven(
      opts,
      'superseded',
      `${current.driver || 'someone else'} took the rollout of ${opts.port.label} over; this driver stops without touching it`,
      current,
    );
  }
  const next = { ...record, leaseUntil: opts.clock.now() + opts.policy.leaseSeconds * 1000 };
  await opts.port.saveRecord(next);
  return next;
}

async function observe(opts: RolloutOptions, record: RolloutRecord): Promise<Observation> {
  const { port, clock } = opts;
  let alarms: Observation['alarms'];
  try {
    alarms = { readings: await port.readAlarms() };
  } catch (e) {
    alarms = { error: (e as Error).message ?? String(e) };
  }
  const now = clock.now();
  const countedFrom = countingWindowStart(record.stepStartedAt);
  let canaryRequests: number | undefined;
  try {
    // Before the first whole minute of the step has begun there is nothing to count yet.
    canaryRequests = countedFrom > now ? 0 : await port.canaryRequests(countedFrom);
  } catch {
    canaryRequests = undefined;
  }
  return { now, alarms, canaryRequests, countedFrom, interrupted: opts.signal?.aborted ?? false };
}

async function finishPromote(opts: RolloutOptions, record: RolloutRecord): Promise<RolloutOutcome> {
  const promoting = await enterPhase(opts, record, 'promoting');
  await opts.port.promote(promoting);
  await opts.port.clearRecord();
  emit(opts, {
    type: 'rollout.promoted',
    at: iso(opts.clock),
    target: opts.port.label,
    deploymentId: record.canaryDeploymentId,
    seconds: Math.round((opts.clock.now() - record.startedAt) / 1000),
  });
  return { kind: 'promoted', deploymentId: record.canaryDeploymentId };
}

async function finishRollback(
  opts: RolloutOptions,
  record: RolloutRecord,
  reason: RollbackReason,
): Promise<RolloutOutcome> {
  const rollingBack = await enterPhase(opts, record, 'rolling-back');
  await opts.port.rollback(rollingBack);
  await opts.port.clearRecord();
  const message = describeRollbackReason(reason);
  emit(opts, {
    type: 'rollout.rolled-back',
    at: iso(opts.clock),
    target: opts.port.label,
    reason,
    message,
    restoredDeploymentId: record.previousDeploymentId,
    seconds: Math.round((opts.clock.now() - record.startedAt) / 1000),
  });
  return { kind: 'rolled-back', reason, message };
}

/** Records the phase (with a fresh lease) before the action it announces. */
async function enterPhase(opts: RolloutOptions, record: RolloutRecord, phase: RolloutPhase): Promise<RolloutRecord> {
  const next = { ...record, phase, leaseUntil: opts.clock.now() + opts.policy.leaseSeconds * 1000 };
  if (record.phase !== phase || record.driver !== next.driver) {
    await opts.port.saveRecord(next);
    emitPhase(opts, next);
  }
  return next;
}

/** `rollout.resumed`, saying whose rollout this driver took over and why it could. */
function emitResumed(opts: RolloutOptions, record: RolloutRecord, claimed: RolloutRecord): void {
  const takenOver = record.driver !== '' && record.driver !== claimed.driver;
  const why =
    record.leaseUntil <= opts.clock.now()
      ? `its lease expired at ${new Date(record.leaseUntil).toISOString()}`
      : opts.isDriverGone?.(record.driver);
  emit(opts, {
    type: 'rollout.resumed',
    at: iso(opts.clock),
    target: opts.port.label,
    phase: record.phase,
    step: record.step,
    ...(takenOver ? { previousDriver: record.driver, why } : {}),
  });
}

function notDriven(
  opts: RolloutOptions,
  reason: NotDrivenReason,
  message: string,
  r?: RolloutRecord,
): Extract<RolloutOutcome, { kind: 'not-driven' }> {
  emit(opts, {
    type: 'rollout.not-driven',
    at: iso(opts.clock),
    target: opts.port.label,
    reason,
    ...(r?.driver ? { driver: r.driver } : {}),
    message,
  });
  return { kind: 'not-driven', reason, message, ...(r?.driver ? { driver: r.driver, leaseUntil: r.leaseUntil } : {}) };
}

function emitPhase(opts: RolloutOptions, r: RolloutRecord): void {
  emit(opts, {
    type: 'rollout.phase',
    at: iso(opts.clock),
    target: opts.port.label,
    phase: r.phase,
    step: r.step,
    driver: r.driver,
    leaseUntil: new Date(r.leaseUntil).toISOString(),
  });
}

const iso = (clock: Clock) => new Date(clock.now()).toISOString();
const emit = (opts: RolloutOptions, e: RolloutEvent) => opts.onEvent?.(e);
