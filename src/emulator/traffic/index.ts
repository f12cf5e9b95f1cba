/**
 * Traffic simulation control API (no AWS SDK uses these paths):
 *
 *   POST   /_emulator/traffic   {apiId, stage, requests, routeKey?, timestamp?, spreadSeconds?, seed?, bytesPerRequest?}
 *          WebSocket APIs:      {apiId, stage, connections?, messages? (or requests), routeKey?, deniedConnectionRate?,
 *                                connectionSeconds?, timestamp?, spreadSeconds?, seed?}   (see websocket.ts)
 *   POST   /_emulator/backends  {uri?, deploymentId?, errorRate?, clientErrorRate?, executionErrorRate?, latencyMs?}
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
import { simulateWebSocket, type WebSocketSimulationResult } from './websocket.js';
import { isWebSocketApi, webSocketTarget } from './websocket-target.js';

/** Above this a single call would hold the event loop for seconds; split backfills into several calls. */
export const MAX_REQUESTS_PER_CALL = 5_000_000;
const DEFAULT_SEED = 20171128;
/** How long a simulated WebSocket connection stays open when the call does not say. */
const DEFAULT_CONNECTION_SECONDS = 300;

interface TrafficState {
  rules: BackendRule[];
  seed: number;
}

function body(req: EmuRequest): Record<string, unknown> {
  if (req.body === undefined || req.body === '') return {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
    throw badRequest('Expected a JSON object body');
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

/** An integer count of simulated events. */
function count(v: unknown, field: string, opts: { min: number }): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < opts.min || v > MAX_REQUESTS_PER_CALL) {
    throw badRequest(`${field} must be an integer between ${opts.min} and ${MAX_REQUESTS_PER_CALL}`);
  }
  return v;
}

function fraction(v: unknown, field: string): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    throw badRequest(`${field} must be a number between 0 and 1`);
  return v;
}

/** WebSocket traffic: `connections` and/or `messages` (`requests` is read as messages, so one call shape serves every API kind). */
function readWebSocketCounts(b: Record<string, unknown>): { connections: number; messages: number } {
  const connections = b.connections === undefined ? 0 : count(b.connections, 'connections', { min: 0 });
  const messages =
    b.messages !== undefined
      ? count(b.messages, 'messages', { min: 0 })
      : b.requests !== undefined
        ? count(b.requests, 'requests', { min: 0 })
        : 0;
  if (connections + messages === 0)
    throw badRequest('WebSocket traffic needs connections and/or messages (integers, at least one of them above 0)');
  if (connections + messages > MAX_REQUESTS_PER_CALL)
    throw badRequest(
      `connections + messages must not exceed ${MAX_REQUESTS_PER_CALL}; split the traffic into several calls`,
    );
  return { connections, messages };
}

/** The response without the raw data points (those went to CloudWatch). */
function summary(r: SimulationResult | WebSocketSimulationResult, seed: number) {
  const { data, ...rest } = r;
  return { ...rest, seed, datapoints: data.length };
}

/** The partition whose v1 or v2 module holds the API (the default partition when none does, so the error names the id). */
function findApi(ctx: ModuleContext, apiId: string): { sources: TargetSources; partition: ModuleContext['partition'] } {
  const v1s = ctx.partitions<ApigwV1Module>(V1_MODULE_NAME);
  const v2s = ctx.partitions<ApigwV2Module>(V2_MODULE_NAME);
  const hit =
    v1s.find((p) => p.module.store.state.apis.some((a) => a.api.id === apiId)) ??
    v2s.find((p) => p.module.store.state.apis.some((a) => a.api.apiId === apiId));
  const partition = hit?.partition ?? v1s[0]?.partition ?? v2s[0]?.partition ?? ctx.partition;
  return {
    sources: {
      v1: v1s.find((p) => partitionKey(p.partition) === partitionKey(partition))?.module,
      v2: v2s.find((p) => partitionKey(p.partition) === partitionKey(partition))?.module,
    },
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
  const control = (
    operation: string,
    method: string,
    pattern: string,
    write: boolean,
    handler: RouteDef['handler'],
  ): RouteDef => ({
    service: 'control',
    protocol: 'control',
    operation,
    method,
    pattern,
    write,
    handler,
  });

  const routes: RouteDef[] = [
    control('SimulateTraffic', 'POST', '/_emulator/traffic', true, (req) => {
      const b = body(req);
      if (typeof b.apiId !== 'string' || typeof b.stage !== 'string')
        throw badRequest('apiId and stage are required strings');
      if (b.routeKey !== undefined && typeof b.routeKey !== 'string')
        throw badRequest('routeKey must be a string like "GET /pets" (WebSocket: a route key like "sendmessage")');
      // An API id names its account and region: find the partition that holds it, and
      // publish the metrics into that partition's CloudWatch (as API Gateway does).
      const { sources, partition } = findApi(ctx, b.apiId);
      const cloudwatch = ctx
        .partitions<CloudWatchModule>(CLOUDWATCH_MODULE_NAME)
        .find((p) => partitionKey(p.partition) === partitionKey(partition))?.module;
      if (!cloudwatch)
        throw badRequest(
          'The CloudWatch module is not loaded in this emulator; traffic has nowhere to publish metrics',
        );
      const webSocket = isWebSocketApi(sources.v2, b.apiId);
      const window = {
        startMs: readTimestamp(b.timestamp, now()),
        nowMs: now(),
        spreadSeconds: nonNegative(b.spreadSeconds, 'spreadSeconds', 0),
      };
      const counts = webSocket ? readWebSocketCounts(b) : { requests: count(b.requests, 'requests', { min: 1 }) };
      if (b.seed !== undefined) {
        if (typeof b.seed !== 'number' || !Number.isInteger(b.seed)) throw badRequest('seed must be an integer');
        rng = new Rng(b.seed);
      }
      const seed = rng.seed;
      const result = webSocket
        ? simulateWebSocket(webSocketTarget(sources.v2!, b.apiId, b.stage), backends, rng, {
            ...window,
            ...(counts as ReturnType<typeof readWebSocketCounts>),
            routeKey: b.routeKey as string | undefined,
            deniedConnectionRate: fraction(b.deniedConnectionRate, 'deniedConnectionRate'),
            connectionSeconds: nonNegative(b.connectionSeconds, 'connectionSeconds', DEFAULT_CONNECTION_SECONDS),
          })
        : simulate(resolveStage(sources, b.apiId, b.stage), backends, rng, {
            ...window,
            requests: (counts as { requests: number }).requests,
            routeKey: b.routeKey as string | undefined,
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
    control('ListBackendHealth', 'GET', '/_emulator/backends', false, () => ({
      status: 200,
      body: { rules: backends.rules },
    })),
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
