/** CloudWatch service module: metric data, statistics and metric alarms evaluated from that data. */
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { alarmRoutes } from './alarm-ops.js';
import { AlarmStore } from './alarm-store.js';
import { metricRoutes } from './metric-ops.js';
import { MetricStore } from './metric-store.js';
import { queryProtocolRoute } from './query-protocol.js';

export { MetricStore } from './metric-store.js';
export { AlarmStore } from './alarm-store.js';
export type * from './types.js';

export const CLOUDWATCH_MODULE_NAME = 'cloudwatch';

export interface CloudWatchModule extends ServiceModule {
  metrics: MetricStore;
  alarms: AlarmStore;
}

export interface CloudWatchOptions {
  now?: () => number;
}

export function createCloudWatchModule(ctx?: ModuleContext, opts: CloudWatchOptions = {}): CloudWatchModule {
  const now = opts.now ?? Date.now;
  const metrics = new MetricStore();
  const alarms = new AlarmStore(metrics, now, ctx?.partition);
  metrics.onData = (keys) => alarms.evaluateWatching(keys);
  const jsonRoutes = [...alarmRoutes(alarms), ...metricRoutes(metrics, now)];
  return {
    name: CLOUDWATCH_MODULE_NAME,
    metrics,
    alarms,
    routes: [...jsonRoutes, queryProtocolRoute(jsonRoutes)],
    snapshot: () => ({ metrics: metrics.snapshot(), alarms: alarms.snapshot() }),
    restore: (data) => {
      const d = (data ?? {}) as { metrics?: unknown; alarms?: unknown };
      metrics.restore(d.metrics);
      alarms.restore(d.alarms);
    },
    reset: () => {
      metrics.restore([]);
      alarms.restore([]);
    },
  };
}
