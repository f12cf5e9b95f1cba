/**
 * Traffic simulation control API (no AWS SDK uses these paths):
 *
 *   POST   /_emulator/traffic   {apiId, stage, requests, routeKey?, timestamp?, spreadSeconds?, seed?, bytesPerRequest?}
 *   POST   /_emulator/backends  {uri?, deploymentId?, errorRate?, clientErrorRate?, latencyMs?}
 *   GET    /_emulator/backends
 *   DELETE /_emulator/backends
 *
 * Traffic writes `AWS/ApiGateway` metrics into the CloudWatch module, whose alarms then
 * re-evaluate, so a failing deployment drives its alarm to ALARM on its own.
 */
import { badRequest, type EmuRequest, type ModuleContext, type RouteDef, type ServiceModule } from '../core/types.js';
import { V1_MODULE_NAME, type ApigwV1Module } from '../apigw-v1/index.js';
import { V2_MODULE_NAME, type ApigwV2Module } from '../apigw-v2/index.js';
import { CLOUDWATCH_MODULE_NAME, type CloudWatchModule } from '../cloudwatch/index.js';
import { partitionKey } from '../core/partitions.js';
import { Backends, readRule, type BackendRule } from './backends.js';
import { Rng } from './rng.js';
import { simulate, type SimulationResult } from './simulate.js';
import { resolveStage, type TargetSources } from './targets.js';

/** Above this a single call would hold the event loop for seconds; split backfills into several calls. */
export const MAX_REQUESTS_PER_CALL = 5_000_000;
const DEFAULT_SEED = 20171128;

interface TrafficState {
  rules: BackendRule[];
  seed: number;
}

function body(req: EmuRequest): Record<string, unknown> {
  if (req.body === undefined || req.body === '') return {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw badRequest('Expected a JSON object body');
  return req.body as Record<string, unknown>;
}

function readTimestamp(v: unknown, now: number): number {
  if (v === undefined) return now;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw badRequest('timestamp must be epoch milliseconds or an ISO 8601 string');
  return ms;
}

function nonNegative(v: unknown, field: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badRequest(`${field} must be a non-negative number`);
  return v;
}

/** The response without the raw data points (those went to CloudWatch). */
function summary(r: SimulationResult, seed: number) {
  const { data, ...rest } = r;
  return { ...rest, seed, datapoints: data.length };
}

/** The partition whose v1 or v2 module holds the API (the default partition when none does, so the error names the id). */
function findApi(ctx: ModuleContext, apiId: string): { sources: TargetSources; partition: ModuleContext['partition'] } {
  const v1s = ctx.partitions<ApigwV1Module>(V1_MODULE_NAME);
  const v2s = ctx.partitions<ApigwV2Module>(V2_MODULE_NAME);
  const hit = v1s.find((p) => p.module.store.state.apis.some((a) => a.api.id === apiId)) ?? v2s.find((p) => p.module.store.state.apis.some((a) => a.api.apiId === apiId));
  const partition = hit?.partition ?? v1s[0]?.partition ?? v2s[0]?.partition ?? ctx.partition;
  return {
    sources: { v1: v1s.find((p) => partitionKey(p.partition) === partitionKey(partition))?.module, v2: v2s.find((p) => partitionKey(p.partition) === partitionKey(partition))?.module },
    partition,
  };
}

export interface TrafficModule extends ServiceModule {
  backends: Backends;
}

export function createTrafficModule(ctx: ModuleContext, opts: { now?: () => number } = {}): TrafficModule {
  const now = opts.now ?? Date.now;
  const backends = new Backends();
  let rng = new Rng(DEFAULT_SEED);
  const control = (operation: string, method: string, pattern: string, write: boolean, handler: RouteDef['handler']): RouteDef => ({
    service: 'control', protocol: 'control', operation, method, pattern, write, handler,
  });

  const routes: RouteDef[] = [
    control('SimulateTraffic', 'POST', '/_emulator/traffic', true, (req) => {
      const b = body(req);
      if (typeof b.apiId !== 'string' || typeof b.stage !== 'string') throw badRequest('apiId and stage are required strings');
      const requests = b.requests;
      if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1 || requests > MAX_REQUESTS_PER_CALL) {
        throw badRequest(`requests must be an integer between 1 and ${MAX_REQUESTS_PER_CALL}`);
      }
      if (b.routeKey !== undefined && typeof b.routeKey !== 'string') throw badRequest('routeKey must be a string like "GET /pets"');
      if (b.seed !== undefined) {
        if (typeof b.seed !== 'number' || !Number.isInteger(b.seed)) throw badRequest('seed must be an integer');
        rng = new Rng(b.seed);
      }
      // An API id names its account and region: find the partition that holds it, and
      // publish the metrics into that partition's CloudWatch (as API Gateway does).
      const { sources, partition } = findApi(ctx, b.apiId);
      const cloudwatch = ctx.partitions<CloudWatchModule>(CLOUDWATCH_MODULE_NAME).find((p) => partitionKey(p.partition) === partitionKey(partition))?.module;
      if (!cloudwatch) throw badRequest('The CloudWatch module is not loaded in this emulator; traffic has nowhere to publish metrics');
      const target = resolveStage(sources, b.apiId, b.stage);
      const seed = rng.seed;
      const result = simulate(target, backends, rng, {
        requests,
        routeKey: b.routeKey as string | undefined,
        startMs: readTimestamp(b.timestamp, now()),
        nowMs: now(),
        spreadSeconds: nonNegative(b.spreadSeconds, 'spreadSeconds', 0),
        bytesPerRequest: nonNegative(b.bytesPerRequest, 'bytesPerRequest', 1024),
      });
      cloudwatch.metrics.putAll(result.data);
      ctx.changed();
      return { status: 200, body: summary(result, seed) };
    }),
    control('PutBackendHealth', 'POST', '/_emulator/backends', true, (req) => {
      const rule = readRule(body(req));
      backends.put(rule);
      ctx.changed();
      return { status: 200, body: { rules: backends.rules } };
    }),
    control('ListBackendHealth', 'GET', '/_emulator/backends', false, () => ({ status: 200, body: { rules: backends.rules } })),
    control('ClearBackendHealth', 'DELETE', '/_emulator/backends', true, () => {
      backends.rules = [];
      ctx.changed();
      return { status: 200, body: { rules: [] } };
    }),
  ];

  return {
    name: 'traffic',
    scope: 'global',
    backends,
    routes,
    snapshot: (): TrafficState => ({ rules: structuredClone(backends.rules), seed: rng.seed }),
    restore: (data) => {
      const d = data as Partial<TrafficState> | undefined;
      backends.rules = Array.isArray(d?.rules) ? structuredClone(d.rules) : [];
      rng = new Rng(typeof d?.seed === 'number' ? d.seed : DEFAULT_SEED);
    },
    reset: () => {
      backends.rules = [];
      rng = new Rng(DEFAULT_SEED);
    },
  };
}
