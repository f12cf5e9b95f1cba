/**
 * Drives one rollout to its end: promoted or rolled back, never stuck half-way.
 *
 * Every transition is written to the record (in AWS) BEFORE the action it announces, so a
 * crash at any point leaves a record that the next run (`apply --resume`) finishes:
 * `baking` continues polling, `promoting` finishes the promote, `rolling-back` the rollback.
 */
import type { RolloutPolicy } from '../model/api.js';
import { decide, describeRollbackReason, type Observation, type RollbackReason } from './decide.js';
import type { RolloutEvent, RolloutOutcome } from './events.js';
import type { Clock, RolloutPort } from './port.js';
import type { RolloutRecord } from './record.js';

export interface RolloutOptions {
  port: RolloutPort;
  policy: RolloutPolicy;
  clock: Clock;
  /** Aborting (Ctrl-C, job cancelled) rolls back. */
  signal?: AbortSignal;
  onEvent?: (event: RolloutEvent) => void;
  /** Short fingerprint of the plan being rolled out, kept in the record. */
  fingerprint?: string;
}

/** HTTP APIs cannot split traffic: their rollout is one step at 100 % (deploy, then bake). */
export function effectiveSteps(kind: RolloutPort['kind'], policy: RolloutPolicy): number[] {
  return kind === 'HttpApi' ? [100] : policy.steps;
}

export const HTTP_NO_CANARY_NOTE =
  'HTTP APIs cannot split traffic between deployments: the new deployment takes all traffic at once and is ' +
  'watched for the bake time, then kept or rolled back. For a real canary use a REST API, or weight a Lambda ' +
  'alias behind the integration.';

/** Starts a new rollout, or continues the one recorded on the stage. */
export async function runRollout(opts: RolloutOptions): Promise<RolloutOutcome> {
  const { port, clock } = opts;
  const existing = await port.loadRecord();
  if (existing) {
    emit(opts, { type: 'rollout.resumed', at: iso(clock), target: port.label, phase: existing.phase, step: existing.step });
    return continueRollout(opts, existing);
  }

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

  const steps = effectiveSteps(port.kind, opts.policy);
  const now = clock.now();
  // Record first with a placeholder canary id? No: the id is only known after CreateDeployment.
  // A crash between CreateDeployment and saveRecord leaves an unrecorded canary, which the
  // check above reports instead of silently stacking a second one.
  const { deploymentId } = await port.startCanary(steps[0]);
  const record: RolloutRecord = {
    phase: 'baking',
    step: 0,
    startedAt: now,
    stepStartedAt: now,
    canaryDeploymentId: deploymentId,
    previousDeploymentId: stage.deploymentId,
    fingerprint: opts.fingerprint ?? '',
  };
  await port.saveRecord(record);
  emit(opts, {
    type: 'rollout.started',
    at: iso(clock),
    target: port.label,
    kind: port.kind === 'HttpApi' ? 'deploy-and-bake' : 'canary',
    steps,
    deploymentId,
    previousDeploymentId: stage.deploymentId,
    note: port.kind === 'HttpApi' ? HTTP_NO_CANARY_NOTE : undefined,
  });
  return continueRollout(opts, record);
}

async function continueRollout(opts: RolloutOptions, start: RolloutRecord): Promise<RolloutOutcome> {
  const { port, clock } = opts;
  const policy = { ...opts.policy, steps: effectiveSteps(port.kind, opts.policy) };
  let record = start;
  if (record.phase === 'promoting') return finishPromote(opts, record);
  if (record.phase === 'rolling-back') return finishRollback(opts, record, { kind: 'error', detail: 'a previous run stopped while rolling back' });

  try {
    for (;;) {
      await clock.sleep(policy.pollSeconds * 1000, opts.signal);
      const obs = await observe(opts, record);
      const decision = decide(record, obs, policy);
      emit(opts, {
        type: 'rollout.poll',
        at: iso(clock),
        target: port.label,
        step: record.step,
        percent: policy.steps[record.step],
        alarms: 'readings' in obs.alarms ? obs.alarms.readings : [],
        canaryRequests: obs.canaryRequests,
        waiting: decision.kind === 'wait' ? decision.why : undefined,
      });
      if (decision.kind === 'wait') continue;
      if (decision.kind === 'rollback') return finishRollback(opts, record, decision.reason);
      if (decision.kind === 'promote') {
        record = { ...record, phase: 'promoting' };
        await port.saveRecord(record);
        return finishPromote(opts, record);
      }
      record = { ...record, step: decision.toStep, stepStartedAt: clock.now() };
      await port.saveRecord(record);
      await port.setCanaryPercent(decision.percent);
      emit(opts, { type: 'rollout.step', at: iso(clock), target: port.label, step: decision.toStep, percent: decision.percent });
    }
  } catch (e) {
    // Anything unexpected while the canary is live: the safe state is the previous deployment.
    return finishRollback(opts, record, { kind: 'error', detail: (e as Error).message ?? String(e) });
  }
}

async function observe(opts: RolloutOptions, record: RolloutRecord): Promise<Observation> {
  const { port, clock } = opts;
  let alarms: Observation['alarms'];
  try {
    alarms = { readings: await port.readAlarms() };
  } catch (e) {
    alarms = { error: (e as Error).message ?? String(e) };
  }
  let canaryRequests: number | undefined;
  try {
    canaryRequests = await port.canaryRequests(record.stepStartedAt);
  } catch {
    canaryRequests = undefined;
  }
  return { now: clock.now(), alarms, canaryRequests, interrupted: opts.signal?.aborted ?? false };
}

async function finishPromote(opts: RolloutOptions, record: RolloutRecord): Promise<RolloutOutcome> {
  await opts.port.promote(record);
  await opts.port.saveRecord(undefined);
  emit(opts, {
    type: 'rollout.promoted',
    at: iso(opts.clock),
    target: opts.port.label,
    deploymentId: record.canaryDeploymentId,
    seconds: Math.round((opts.clock.now() - record.startedAt) / 1000),
  });
  return { kind: 'promoted', deploymentId: record.canaryDeploymentId };
}

async function finishRollback(opts: RolloutOptions, record: RolloutRecord, reason: RollbackReason): Promise<RolloutOutcome> {
  const rollingBack = { ...record, phase: 'rolling-back' as const };
  await opts.port.saveRecord(rollingBack);
  await opts.port.rollback(rollingBack);
  await opts.port.saveRecord(undefined);
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

const iso = (clock: Clock) => new Date(clock.now()).toISOString();
const emit = (opts: RolloutOptions, e: RolloutEvent) => opts.onEvent?.(e);
