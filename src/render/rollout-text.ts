/**
 * Rollout progress for people: one line per event, alarm states inline.
 * Poll events repeat while nothing changes, so `RolloutProgress` prints a poll line only
 * when what it would say (step, waiting reason, alarm states) differs from the last one.
 */
import { alarmReadWaitSeconds, type AlarmReadErrorAction } from '../model/api.js';
import type { AlarmReading } from '../rollout/decide.js';
import type { RolloutEvent } from '../rollout/events.js';

const ALARM_MARK: Record<AlarmReading['state'], string> = { OK: 'OK', ALARM: 'ALARM', INSUFFICIENT_DATA: 'NO DATA' };

export function formatAlarms(alarms: AlarmReading[]): string {
  if (alarms.length === 0) return 'no alarms guard this rollout';
  return alarms.map((a) => `${a.name} ${ALARM_MARK[a.state]}`).join(', ');
}

/** What an unreadable alarm does, in words (shown when a rollout starts). */
export function alarmReadErrorText(action: AlarmReadErrorAction): string {
  const seconds = alarmReadWaitSeconds(action);
  return seconds > 0
    ? `if an alarm cannot be read, wait up to ${seconds} s for it, then roll back (onAlarmReadError: ${action})`
    : 'if an alarm cannot be read, roll back at once (onAlarmReadError: rollback)';
}

/** One event as people read it; undefined for events meant for machines only (`rollout.phase`). */
export function renderRolloutEvent(e: RolloutEvent): string | undefined {
  switch (e.type) {
    case 'rollout.started': {
      const how =
        e.kind === 'canary' ? `canary ${e.steps.map((s) => `${s}%`).join(' → ')}` : 'deploy and bake (100% at once)';
      const lines = [`▶ ${e.target}: ${how}; new deployment ${e.deploymentId}, stable ${e.previousDeploymentId}`];
      lines.push(`  ${alarmReadErrorText(e.onAlarmReadError)}`);
      if (e.note) lines.push(`  note: ${e.note}`);
      return lines.join('\n');
    }
    case 'rollout.resumed': {
      const from = e.previousDriver ? ` from ${e.previousDriver} (${e.why ?? 'it stopped'})` : '';
      return `↻ ${e.target}: resuming a rollout left ${e.phase} at step ${e.step + 1}${from}`;
    }
    case 'rollout.phase':
      return undefined;
    case 'rollout.not-driven':
      return `⇢ ${e.target}: not driven by this run: ${e.message}`;
    case 'rollout.poll': {
      // The window is stated once: in the request count, unless the waiting reason already says it.
      const from = e.countedFrom && !e.waiting?.includes(' since ') ? ` since ${e.countedFrom.slice(11, 19)}Z` : '';
      // A deploy-and-bake has no canary: the whole stage's traffic is the new deployment's.
      const counted =
        e.counts === 'stage-ws'
          ? `stage ${e.canaryRequests} connections + messages`
          : e.counts === 'stage'
            ? `stage ${e.canaryRequests} req`
            : `canary ${e.canaryRequests} req`;
      const requests = e.canaryRequests === undefined ? '' : ` · ${counted}${from}`;
      const waiting = e.waiting ? ` · ${e.waiting}` : '';
      return `  [${String(e.percent).padStart(3)}%] ${formatAlarms(e.alarms)}${requests}${waiting}`;
    }
    case 'rollout.step':
      return `  ↑ ${e.target}: canary now takes ${e.percent}% of traffic (step ${e.step + 1})`;
    case 'rollout.promoted':
      return `✓ ${e.target}: promoted deployment ${e.deploymentId} after ${e.seconds} s`;
    case 'rollout.rolled-back':
      return `✗ ${e.target}: rolled back to deployment ${e.restoredDeploymentId} after ${e.seconds} s: ${e.message}`;
    case 'rollout.deployed-directly':
      return `▶ ${e.target}: deployed directly (${e.reason})`;
  }
}

/** Feeds events, returns the lines worth printing (deduplicated polls). */
export class RolloutProgress {
  private lastPoll = new Map<string, string>();

  lines(e: RolloutEvent): string[] {
    const text = renderRolloutEvent(e);
    if (text === undefined) return [];
    if (e.type !== 'rollout.poll') {
      this.lastPoll.delete(e.target);
      return [text];
    }
    if (this.lastPoll.get(e.target) === text) return [];
    this.lastPoll.set(e.target, text);
    return [text];
  }
}

/** `--events json`: one JSON object per line, stable keys, for machines (the GitHub layer). */
export function renderRolloutEventJson(e: RolloutEvent): string {
  return JSON.stringify(e);
}
