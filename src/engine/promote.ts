/**
 * Promotion (issue 17): a change goes through the environments in gateway.yaml's `promotion:`
 * order, one at a time. The next environment starts only when the one before it ended
 * applied — its canary promoted (or nothing to change) — then, if it asks for them, after its
 * soak time and a person's approval. A rollback, a failure or a refused approval stops the
 * promotion there: later environments are not touched, and say so.
 *
 * The same order runs in three places: here (`apply --all-envs`, the App's in-process
 * executor), and in GitHub Actions as chained jobs (`needs:`, one GitHub Environment each).
 */
import type { EnvironmentGate } from '../model/environment.js';
import { RolledBackError } from './rollout-deployer.js';
import type { ApplyResult } from './apply.js';

export interface PromotionTarget {
  environment: string;
  region?: string;
  /** How output names it (`dev`, `prod/us-east-1`). */
  label: string;
  /** How it is entered after the environment before it. */
  gate: EnvironmentGate;
}

export type PromotionStatus =
  'applied' | 'no-changes' | 'rolled-back' | 'failed' | 'invalid' | 'declined' | 'not-approved' | 'not-started';

/** What promotion needs of an environment's apply: the engine's ApplyResult, or the GitHub layer's report. */
export interface PromotedApply {
  status: ApplyResult['status'];
  failures: Array<{ apiKey: string; message: string; error?: unknown }>;
}

export interface PromotionStep<R extends PromotedApply = ApplyResult> {
  target: PromotionTarget;
  status: PromotionStatus;
  result?: R;
  /** Why it ended so (a failure, or why it did not start). */
  why?: string;
}

export interface PromotionResult<R extends PromotedApply = ApplyResult> {
  /** `promoted`: every environment ended applied (or had nothing to change). */
  status: 'promoted' | 'stopped';
  steps: PromotionStep<R>[];
  /** The target where it stopped. */
  stoppedAt?: string;
}

export type PromotionEvent =
  | { type: 'promotion.start'; target: string; index: number; of: number }
  | { type: 'promotion.soak'; target: string; after: string; seconds: number }
  | { type: 'promotion.approval'; target: string; after: string }
  | { type: 'promotion.done'; target: string; status: PromotionStatus }
  | { type: 'promotion.stopped'; at: string; status: PromotionStatus; skipped: string[] };

export interface PromotionOptions<R extends PromotedApply = ApplyResult> {
  /** In order. Regions of one environment follow each other; the gate is passed once, on entering it. */
  targets: PromotionTarget[];
  apply: (t: PromotionTarget) => Promise<R>;
  /** Waits the soak time (a test clock need not wait); rejects when aborted. */
  sleep: (ms: number) => Promise<void>;
  /** Asks a person; absent (no terminal, no reviewer) → an environment that needs approval stops the promotion. */
  approve?: (t: PromotionTarget, after: string) => Promise<boolean>;
  onEvent?: (e: PromotionEvent) => void;
}

export async function runPromotion<R extends PromotedApply = ApplyResult>(
  o: PromotionOptions<R>,
): Promise<PromotionResult<R>> {
  const emit = o.onEvent ?? (() => {});
  const steps: PromotionStep<R>[] = [];
  let stopped: PromotionStep<R> | undefined;
  let changedBefore = false;
  for (const [index, target] of o.targets.entries()) {
    if (stopped) {
      steps.push({
        target,
        status: 'not-started',
        why: `the promotion stopped at ${stopped.target.label} (${stopped.status})`,
      });
      continue;
    }
    const previous = steps.at(-1);
    if (previous && previous.target.environment !== target.environment) {
      const after = previous.target.environment;
      // Nobody to approve: stop now rather than after the soak.
      if (target.gate.approval && !o.approve) {
        emit({ type: 'promotion.approval', target: target.label, after });
        stopped = {
          target,
          status: 'not-approved',
          why: `${target.environment} needs a person's approval and there is no one to ask here: apply it with \`apigw-sync apply --env ${target.environment}\` once approved`,
        };
        steps.push(stopped);
        continue;
      }
      // Soak only what changed: an environment already up to date has nothing new to prove.
      if (target.gate.soakSeconds > 0 && changedBefore) {
        emit({ type: 'promotion.soak', target: target.label, after, seconds: target.gate.soakSeconds });
        await o.sleep(target.gate.soakSeconds * 1000);
      }
      if (target.gate.approval) {
        emit({ type: 'promotion.approval', target: target.label, after });
        if (!(await o.approve!(target, after))) {
          stopped = { target, status: 'not-approved', why: 'the approval was refused' };
          steps.push(stopped);
          continue;
        }
      }
      changedBefore = false;
    }
    emit({ type: 'promotion.start', target: target.label, index, of: o.targets.length });
    const result = await o.apply(target);
    const status = statusOf(result);
    const step: PromotionStep<R> = {
      target,
      status,
      result,
      ...(result.failures.length
        ? { why: result.failures.map((f) => `${f.apiKey}: ${f.message.split('\n')[0]}`).join('; ') }
        : {}),
    };
    steps.push(step);
    emit({ type: 'promotion.done', target: target.label, status });
    if (status === 'applied') changedBefore = true;
    if (status !== 'applied' && status !== 'no-changes') stopped = step;
  }
  if (stopped) {
    emit({
      type: 'promotion.stopped',
      at: stopped.target.label,
      status: stopped.status,
      skipped: steps.filter((s) => s.status === 'not-started').map((s) => s.target.label),
    });
    return { status: 'stopped', steps, stoppedAt: stopped.target.label };
  }
  return { status: 'promoted', steps };
}

function statusOf(r: PromotedApply): PromotionStatus {
  if (r.status === 'failed') return r.failures.some((f) => isRolledBack(f.error)) ? 'rolled-back' : 'failed';
  return r.status;
}

/** A failure caused by an automatic rollback (RolledBackError anywhere in its cause chain). */
export function isRolledBack(e: unknown): boolean {
  for (let x = e as { cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++)
    if (x instanceof RolledBackError) return true;
  return false;
}
