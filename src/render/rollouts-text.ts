/**
 * `apigw-sync rollouts`: every rollout in progress in a region, as a table a person on call
 * reads at a glance (where it stands, how old it is, who drives it, whether that driver is
 * still alive), and the command that acts on the ones nobody drives. Pure: `now` is given.
 */
import type { RolloutStatus } from '../rollout/status.js';
import { terminalSafe } from './escape.js';
import { textTable } from './text-table.js';

const KIND = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' } as const;

/** A word the shell passes on as it is (`$default` would be expanded unquoted). */
function shellWord(s: string): string {
  return /^[\w.\-/:@]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** `3m 12s`, `2h 05m`, `45s`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function leaseText(r: RolloutStatus, now: number): string {
  if (r.lease === 'none' || r.leaseUntil === undefined) return 'none';
  if (r.lease === 'gone') return `driver gone: ${r.driverGone ?? 'it stopped'}`;
  return r.lease === 'held'
    ? `held, ${formatAge(r.leaseUntil - now)} left`
    : `expired ${formatAge(now - r.leaseUntil)} ago`;
}

export function renderRolloutsText(list: { region: string; rollouts: RolloutStatus[] }, now: number): string {
  const head = `apigw-sync rollouts · ${list.region}`;
  if (list.rollouts.length === 0) return `${head}\n\nNo rollouts in progress.\n`;
  const rows = [['API', 'STAGE', 'KIND', 'PHASE', 'STEP', 'PERCENT', 'AGE', 'DRIVER', 'LEASE']];
  for (const r of list.rollouts) {
    rows.push(
      [
        r.api,
        r.stage,
        KIND[r.kind],
        r.phase ?? '?',
        r.step === undefined ? '?' : `${r.step + 1}/${r.steps?.length ?? '?'}`,
        r.percent === undefined ? '?' : `${r.percent}%`,
        r.startedAt === undefined ? '?' : formatAge(now - r.startedAt),
        r.driver ?? '(none)',
        leaseText(r, now),
      ].map((c) => terminalSafe(c)),
    );
  }
  const out = [head, '', ...textTable(rows, new Set([4, 5, 6])), ''];
  const orphans = list.rollouts.filter((r) => r.lease !== 'held');
  const problems = list.rollouts.filter((x) => x.problem);
  for (const r of problems) out.push(`! ${terminalSafe(r.target)}: ${terminalSafe(r.problem!)}`);
  if (problems.length > 0) out.push('');
  if (orphans.length > 0) {
    const commands = orphans.map((r) => [
      `  apigw-sync rollback --api ${shellWord(r.apiId)} --stage ${shellWord(r.stage)}`,
      `# ${terminalSafe(r.target)}`,
    ]);
    out.push(
      `${orphans.length} rollout${orphans.length === 1 ? ' has' : 's have'} no live driver. Any driver finishes ${orphans.length === 1 ? 'it' : 'them'} (or rolls back what it cannot finish):`,
      "the App's sweeper (every replica, on start and every few minutes), `apigw-sync apply --resume` from the directory",
      'that started it, or roll one back now:',
      ...textTable(commands),
      '',
    );
  }
  out.push(`${list.rollouts.length} rollout${list.rollouts.length === 1 ? '' : 's'} in progress.`);
  return `${out.join('\n')}\n`;
}

/** `--format json`: times as ISO strings, stable keys. */
export function renderRolloutsJson(list: { region: string; rollouts: RolloutStatus[] }, now: number): string {
  const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
  const rollouts = list.rollouts.map((r) => ({
    ...r,
    startedAt: iso(r.startedAt),
    leaseUntil: iso(r.leaseUntil),
    ageSeconds: r.startedAt === undefined ? undefined : Math.round((now - r.startedAt) / 1000),
  }));
  return `${JSON.stringify({ region: list.region, at: new Date(now).toISOString(), rollouts }, null, 2)}\n`;
}
