/**
 * Metric alarms and when they are evaluated: at PutMetricAlarm, after every batch of data
 * on the metric they watch (PutMetricData, simulated traffic), and on DescribeAlarms once a
 * minute boundary has passed since their last evaluation (so time passing is honoured and a
 * SetAlarmState holds until the next evaluation, as on AWS).
 */
import { evaluateAlarm } from './alarm-evaluation.js';
import { metricKey, type MetricStore } from './metric-store.js';
import type { AlarmState, MetricAlarm } from './types.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';

export class AlarmStore {
  alarms = new Map<string, MetricAlarm>();

  constructor(
    private readonly metrics: MetricStore,
    readonly now: () => number = Date.now,
    /** The account and region this store serves (one store per partition, see core/partitions.ts). */
    readonly partition: Partition = DEFAULT_PARTITION,
  ) {}

  watchedKey(a: MetricAlarm): string {
    return metricKey({ Namespace: a.Namespace ?? '', MetricName: a.MetricName ?? '', Dimensions: a.Dimensions });
  }

  setState(a: MetricAlarm, state: AlarmState, reason: string, reasonData: string | undefined, now: number): void {
    if (a.StateValue !== state) {
      a.StateValue = state;
      a.StateTransitionedTimestamp = now;
    }
    a.StateReason = reason;
    a.StateReasonData = reasonData;
    a.StateUpdatedTimestamp = now;
  }

  evaluate(a: MetricAlarm): void {
    const now = this.now();
    a.lastEvaluatedAt = now;
    const series = this.metrics.get({
      Namespace: a.Namespace ?? '',
      MetricName: a.MetricName ?? '',
      Dimensions: a.Dimensions,
    });
    const result = evaluateAlarm(a, series?.points ?? [], now);
    // CloudWatch records a new reason when the state changes (or replaces the creation placeholder).
    if (result && (result.state !== a.StateValue || a.StateReason.startsWith('Unchecked:'))) {
      this.setState(a, result.state, result.reason, result.reasonData, now);
    }
  }

  /** After new data: alarms watching one of the touched series. */
  evaluateWatching(keys: Set<string>): void {
    for (const a of this.alarms.values()) if (keys.has(this.watchedKey(a))) this.evaluate(a);
  }

  /** Before a read: alarms not evaluated since the current minute began. */
  evaluateStale(): void {
    const minute = Math.floor(this.now() / 60_000);
    for (const a of this.alarms.values()) {
      if (a.lastEvaluatedAt === undefined || Math.floor(a.lastEvaluatedAt / 60_000) < minute) this.evaluate(a);
    }
  }

  snapshot(): MetricAlarm[] {
    return structuredClone([...this.alarms.values()]);
  }

  restore(data: unknown): void {
    this.alarms.clear();
    if (!Array.isArray(data)) return;
    for (const a of data as MetricAlarm[]) this.alarms.set(a.AlarmName, structuredClone(a));
  }
}
