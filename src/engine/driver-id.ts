/**
 * Names for rollout drivers, kept in the rollout record with the lease: who is driving is
 * the first thing an operator asks (`apigw-sync rollouts`). The same process identity the
 * apply lock uses (`user@host/pid`, or `github-run/<run>/<attempt>` in Actions), prefixed
 * with the kind of driver and suffixed with a random part so two drivers in one process
 * (an App replica sweeping while it applies) are told apart.
 */
import { hostname } from 'node:os';
import { defaultOwner, staleHolder } from '../aws/lock.js';
import { driverId } from '../rollout/record.js';

export type DriverKind = 'cli' | 'app';

export function newDriverId(kind: DriverKind, env: NodeJS.ProcessEnv = process.env): string {
  const self = kind === 'app' ? `${hostname()}/${process.pid}` : defaultOwner(env);
  return driverId(`${kind}:${self}/${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * A driver that certainly stopped although its lease runs on: a CLI process on this machine
 * that is gone, or an earlier attempt of this CI run (the apply lock's own test, staleHolder).
 */
export function isDriverGone(driver: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return driver.startsWith('cli:') ? staleHolder(driver.slice('cli:'.length), env) : undefined;
}
