/**
 * Stored metric data, keyed by namespace + name + exact dimension set. Both PutMetricData
 * and the traffic simulator write here; GetMetricData, GetMetricStatistics, ListMetrics and
 * alarm evaluation read from here.
 */
import type { Datum, Dimension, MetricId, Series } from './types.js';

export function normalizeDimensions(dims: Dimension[]): Dimension[] {
  return [...dims].sort((a, b) => a.Name.localeCompare(b.Name));
}

export function metricKey(m: { Namespace: string; MetricName: string; Dimensions?: Dimension[] }): string {
  const dims = normalizeDimensions(m.Dimensions ?? [])
    .map((d) => `${d.Name}=${d.Value}`)
    .join(',');
  return `${m.Namespace}\u0000${m.MetricName}\u0000${dims}`;
}

export class MetricStore {
  private series = new Map<string, Series>();
  /** Called with the keys of the series that received data, so alarms on them re-evaluate. */
  onData: (keys: Set<string>) => void = () => {};

  put(metric: MetricId, datum: Datum, knownKey?: string): string {
    const key = knownKey ?? metricKey(metric);
    let s = this.series.get(key);
    if (!s) {
      s = { metric: { ...metric, Dimensions: normalizeDimensions(metric.Dimensions) }, points: [] };
      this.series.set(key, s);
    }
    s.points.push(datum);
    return key;
  }

  /** Writes a batch and then notifies once (alarm evaluation runs after the whole batch). */
  putAll(entries: Array<{ metric: MetricId; datum: Datum }>): void {
    const keys = new Set<string>();
    // Batches (simulated traffic) share MetricId objects across points: key each object once.
    const known = new Map<MetricId, string>();
    for (const e of entries) {
      let key = known.get(e.metric);
      if (key === undefined) known.set(e.metric, (key = metricKey(e.metric)));
      keys.add(this.put(e.metric, e.datum, key));
    }
    if (keys.size > 0) this.onData(keys);
  }

  get(metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] }): Series | undefined {
    return this.series.get(metricKey(metric));
  }

  all(): Series[] {
    return [...this.series.values()];
  }

  snapshot(): Series[] {
    return structuredClone(this.all());
  }

  restore(data: unknown): void {
    this.series.clear();
    if (!Array.isArray(data)) return;
    for (const s of data as Series[]) this.series.set(metricKey(s.metric), structuredClone(s));
  }
}
