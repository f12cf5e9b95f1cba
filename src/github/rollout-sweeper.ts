/**
 * The App's rollout sweeper, for the in-process mode (self-hosted Apps that apply in their
 * own process instead of dispatching the `gateway-apply` workflow).
 *
 * A rollout bakes for minutes; the process driving it can die meanwhile (deploy, crash,
 * scale-in). Every replica runs this sweeper on start and every few minutes: it finds the
 * rollouts of its regions whose driver's lease has expired and finishes them (or rolls them
 * back), with the policy the rollout was started with. Replicas need no coordination: a
 * rollout is taken over through its lease (src/rollout/driver.ts), so two replicas that find
 * the same orphan never both drive it, and a live driver's rollout is never touched.
 *
 * Configuration (environment of the App):
 *   APIGW_SYNC_SWEEP_MINUTES   minutes between sweeps (default 5; 0 turns the sweeper off)
 *   APIGW_SYNC_SWEEP_REGIONS   comma-separated regions to sweep (default AWS_REGION / AWS_DEFAULT_REGION)
 * The sweeper uses the App's own AWS credentials (a repository's `roleArn` is not assumed).
 */
import { createAwsClients, type AwsClients } from '../aws/clients.js';
import { driveFoundRollout, findOrphanedRollouts, type DriveResult } from '../engine/rollouts.js';
import { newDriverId } from '../engine/driver-id.js';
import { renderRolloutEvent } from '../render/rollout-text.js';
import type { RolloutEvent } from '../rollout/events.js';
import { systemClock, type Clock } from '../rollout/port.js';

export interface SweeperLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RolloutSweeperOptions {
  /** Clients per region to sweep (made once; they share the process's rate limiter). */
  regions: AwsClients[];
  /** Milliseconds between sweeps; the first runs at once. */
  intervalMs: number;
  log: SweeperLog;
  /** Default: `app:<host>/<pid>/<random>`. */
  driver?: string;
  clock?: Clock;
  settleMs?: number;
  onEvent?: (e: RolloutEvent) => void;
  /** Told when a drive this sweeper started ends. */
  onDriven?: (r: DriveResult) => void;
}

export interface SweepReport {
  /** Orphans found and now driven by this replica. */
  started: string[];
  /** Found, but already driven by this replica (a sweep earlier). */
  alreadyDriving: string[];
}

export interface RolloutSweeper {
  readonly driver: string;
  /** One sweep now. Drives run on after it returns; `idle()` waits for them. */
  sweep(): Promise<SweepReport>;
  idle(): Promise<void>;
  /** No more sweeps; drives in progress go on to their end (stopping half-way is what this prevents). */
  stop(): void;
}

export function startRolloutSweeper(o: RolloutSweeperOptions): RolloutSweeper {
  const driver = o.driver ?? newDriverId('app');
  const clock = o.clock ?? systemClock;
  const driving = new Map<string, Promise<void>>();
  let sweeping: Promise<SweepReport> | undefined;

  async function sweepOnce(): Promise<SweepReport> {
    const report: SweepReport = { started: [], alreadyDriving: [] };
    for (const clients of o.regions) {
      const found = await findOrphanedRollouts({ clients, driver, clock });
      for (const f of found) {
        const key = `${clients.region} ${f.apiId} ${f.stage}`;
        const target = `${f.apiName}/${f.stage} (${clients.region})`;
        if (driving.has(key)) {
          report.alreadyDriving.push(target);
          continue;
        }
        report.started.push(target);
        const onEvent = (e: RolloutEvent) => {
          o.onEvent?.(e);
          const line = renderRolloutEvent(e);
          if (line) o.log.info(`rollout sweeper: ${line}`);
        };
        const run = driveFoundRollout(f, { clients, driver, clock, settleMs: o.settleMs, onEvent })
          .then((r) => {
            o.onDriven?.(r);
            if (!r.driven) o.log.info(`rollout sweeper: ${r.target}: left alone: ${r.why}`);
          })
          .catch((e: unknown) => o.log.warn(`rollout sweeper: ${target}: ${(e as Error)?.message ?? String(e)}`))
          .finally(() => driving.delete(key));
        driving.set(key, run);
      }
    }
    return report;
  }

  const sweep = (): Promise<SweepReport> => {
    // One sweep at a time: a slow listing must not stack up behind the timer.
    sweeping ??= sweepOnce().finally(() => (sweeping = undefined));
    return sweeping;
  };
  const tick = () =>
    void sweep().catch((e: unknown) =>
      o.log.warn(
        `rollout sweeper: sweep failed (next one in ${Math.round(o.intervalMs / 1000)} s): ${(e as Error)?.message ?? String(e)}`,
      ),
    );

  tick();
  const timer = setInterval(tick, o.intervalMs);
  timer.unref();
  o.log.info(
    `rollout sweeper ${driver}: every ${Math.round(o.intervalMs / 1000)} s in ${o.regions.map((c) => c.region).join(', ')}`,
  );

  return {
    driver,
    sweep,
    async idle() {
      while (sweeping || driving.size > 0) await Promise.allSettled([sweeping, ...driving.values()]);
    },
    stop: () => clearInterval(timer),
  };
}

/** The sweeper as configured by the App's environment (see the top of this file), or undefined when off. */
export function sweeperFromEnv(env: NodeJS.ProcessEnv, log: SweeperLog): RolloutSweeper | undefined {
  const minutes =
    env.APIGW_SYNC_SWEEP_MINUTES === undefined || env.APIGW_SYNC_SWEEP_MINUTES === ''
      ? 5
      : Number(env.APIGW_SYNC_SWEEP_MINUTES);
  if (!Number.isFinite(minutes) || minutes < 0) {
    log.warn(
      `rollout sweeper off: APIGW_SYNC_SWEEP_MINUTES must be a number of minutes (0 = off), got "${env.APIGW_SYNC_SWEEP_MINUTES}"`,
    );
    return undefined;
  }
  if (minutes === 0) return undefined;
  const regions = (env.APIGW_SYNC_SWEEP_REGIONS || env.AWS_REGION || env.AWS_DEFAULT_REGION || '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (regions.length === 0) {
    log.warn('rollout sweeper off: no region to sweep (set APIGW_SYNC_SWEEP_REGIONS or AWS_REGION)');
    return undefined;
  }
  return startRolloutSweeper({
    regions: regions.map((region) => createAwsClients({ region, endpoint: env.AWS_ENDPOINT_URL, env })),
    intervalMs: minutes * 60_000,
    log,
  });
}
