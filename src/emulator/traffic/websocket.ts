/**
 * Simulated WebSocket traffic against a stage: clients connect ($connect, with its authorizer
 * and integration), send messages that the route selection lands on a route (or on $default,
 * or nowhere), and disconnect ($disconnect). Each integration call is answered per the declared
 * backend health. The outcome is folded into per-minute `AWS/ApiGateway` data with the metric
 * and dimension names of "Monitor WebSocket API execution with CloudWatch metrics":
 *
 * - ConnectCount: connections that reached the $connect route (not those its authorizer refused).
 * - MessageCount: messages from clients, plus the responses two-way routes send back.
 * - ClientError: 4XX answered by API Gateway before any integration runs — a connection the
 *   $connect authorizer denies, a message no route (and no $default) matches.
 * - IntegrationError: the integration answered 4XX/5XX (on $connect, the connection is refused).
 * - ExecutionError: the integration could not be called (timeout, unreachable, no integration).
 * - IntegrationLatency: per integration call that got an answer; none for MOCK integrations
 *   ("suppressed for callbacks and mock integrations").
 *
 * Dimensions: {ApiId}, {ApiId, Stage}, and {ApiId, Stage, Route} for routes whose stage
 * settings enable detailed metrics. Error metrics are 0/1 per event (connection attempt,
 * message, disconnect), so their Average is a rate and a quiet minute still has data.
 * AWS publishes no connection-minutes metric; the result reports the minutes the simulated
 * connections were open (what API Gateway bills), so tests can check an estimate against it.
 */
import { badRequest } from '../core/types.js';
import { resolutionMs } from '../cloudwatch/statistics.js';
import type { Datum, Dimension, MetricId } from '../cloudwatch/types.js';
import type { Backends } from './backends.js';
import type { Rng } from './rng.js';
import { binaryDatum, bump, histogramDatum } from './simulate.js';
import type { WsRouteTarget, WsStageTarget } from './websocket-target.js';

export interface WebSocketSimulationOptions {
  /** Clients that try to connect. */
  connections: number;
  /** Messages clients send (spread over the same window as the connections). */
  messages: number;
  /** Send every message with this route key (a key no route has goes to $default, or fails); default: spread over the message routes. */
  routeKey?: string;
  /** Fraction of connection attempts the $connect authorizer denies (needs an authorized $connect). */
  deniedConnectionRate: number;
  /** How long an established connection stays open, in seconds (for connection minutes). */
  connectionSeconds: number;
  startMs: number;
  spreadSeconds: number;
  nowMs: number;
}

export interface WebSocketSimulationResult {
  kind: 'WebSocketApi';
  apiId: string;
  apiName: string;
  stage: string;
  deploymentId: string;
  connections: { attempted: number; established: number; denied: number; failed: number };
  messages: {
    sent: number;
    delivered: number;
    responses: number;
    unrouted: number;
    integrationErrors: number;
    executionErrors: number;
  };
  /** Minutes the established connections stayed open (AWS bills connection minutes; no metric reports them). */
  connectionMinutes: number;
  data: Array<{ metric: MetricId; datum: Datum }>;
}

/** What one bucket of one series group saw. */
interface Acc {
  events: number;
  connects: number;
  messages: number;
  clientErrors: number;
  integrationErrors: number;
  executionErrors: number;
  latency: Map<number, number>;
}

const newAcc = (): Acc => ({
  events: 0,
  connects: 0,
  messages: 0,
  clientErrors: 0,
  integrationErrors: 0,
  executionErrors: 0,
  latency: new Map(),
});

type Outcome = 'ok' | 'integrationError' | 'executionError';

const MESSAGE_ROUTE = (r: WsRouteTarget) => r.routeKey !== '$connect' && r.routeKey !== '$disconnect';

export function simulateWebSocket(
  target: WsStageTarget,
  backends: Backends,
  rng: Rng,
  o: WebSocketSimulationOptions,
): WebSocketSimulationResult {
  const route = (key: string) => target.routes.find((r) => r.routeKey === key);
  const connect = route('$connect');
  const disconnect = route('$disconnect');
  if (o.deniedConnectionRate > 0 && !connect?.authorized) {
    throw badRequest(
      'deniedConnectionRate needs a $connect route with AWS_IAM or CUSTOM authorization in the deployed stage',
    );
  }
  const messageRoutes = target.routes.filter(MESSAGE_ROUTE);
  if (o.messages > 0 && o.routeKey === undefined && messageRoutes.length === 0) {
    throw badRequest(
      `Deployment ${target.deploymentId} has no routes for messages (only $connect/$disconnect); add $default or a custom route`,
    );
  }

  const groups = new Map<string, Map<number, Acc>>(); // '' = the whole stage; a route key = that route's detailed series
  const accFor = (group: string, t: number): Acc => {
    const step = resolutionMs(t, o.nowMs);
    const bucket = Math.floor(t / step) * step;
    let byBucket = groups.get(group);
    if (!byBucket) groups.set(group, (byBucket = new Map()));
    let acc = byBucket.get(bucket);
    if (!acc) byBucket.set(bucket, (acc = newAcc()));
    return acc;
  };
  /** Applies `f` to the stage's accumulator and, with detailed metrics on, the route's. */
  const record = (t: number, r: WsRouteTarget | undefined, f: (a: Acc) => void) => {
    f(accFor('', t));
    if (r?.detailedMetrics) f(accFor(r.routeKey, t));
  };

  /** Calls the route's integration per the backend health; records the outcome; returns it. */
  const invoke = (t: number, r: WsRouteTarget): Outcome => {
    if (!r.integration) {
      record(t, r, (a) => a.executionErrors++);
      return 'executionError';
    }
    if (r.integration.type === 'MOCK') return 'ok';
    const health = backends.healthOf(target.deploymentId, r.integration.uri);
    const roll = rng.next();
    const exec = health.executionErrorRate ?? 0;
    if (roll < exec) {
      record(t, r, (a) => a.executionErrors++);
      return 'executionError';
    }
    const latency = Math.round(health.latencyMs * (0.8 + 0.4 * rng.next()));
    const failed = roll < exec + health.errorRate + health.clientErrorRate;
    record(t, r, (a) => {
      bump(a.latency, latency);
      if (failed) a.integrationErrors++;
    });
    return failed ? 'integrationError' : 'ok';
  };

  const spreadMs = o.spreadSeconds * 1000;
  const windowEnd = o.startMs + spreadMs;
  const at = (i: number, n: number) => o.startMs + (spreadMs > 0 ? Math.floor((i * spreadMs) / n) : 0);
  const connections = { attempted: 0, established: 0, denied: 0, failed: 0 };
  const messages = { sent: 0, delivered: 0, responses: 0, unrouted: 0, integrationErrors: 0, executionErrors: 0 };
  let connectionMs = 0;

  for (let i = 0; i < o.connections; i++) {
    const t = at(i, o.connections);
    connections.attempted++;
    record(t, connect, (a) => a.events++);
    if (connect && o.deniedConnectionRate > 0 && rng.next() < o.deniedConnectionRate) {
      connections.denied++;
      record(t, connect, (a) => a.clientErrors++);
      continue;
    }
    record(t, connect, (a) => a.connects++);
    const outcome = connect ? invoke(t, connect) : 'ok';
    if (outcome !== 'ok') {
      connections.failed++;
      continue;
    }
    connections.established++;
    const durationMs = Math.round(o.connectionSeconds * 1000 * (0.8 + 0.4 * rng.next()));
    connectionMs += durationMs;
    if (disconnect) {
      // The disconnect lands inside the simulated window (metrics in the future would not be evaluated yet).
      const td = Math.min(t + durationMs, Math.max(windowEnd, t));
      record(td, disconnect, (a) => a.events++);
      invoke(td, disconnect);
    }
  }

  // Route selection: the route whose key matches, else $default, else none (API Gateway answers the client an error).
  const chosen = o.routeKey !== undefined ? route(o.routeKey) : undefined;
  const selected = chosen && MESSAGE_ROUTE(chosen) ? chosen : route('$default');
  for (let j = 0; j < o.messages; j++) {
    const t = at(j, o.messages);
    messages.sent++;
    const r =
      o.routeKey !== undefined
        ? selected
        : messageRoutes.length === 1
          ? messageRoutes[0]
          : messageRoutes[rng.int(messageRoutes.length)];
    record(t, r, (a) => {
      a.events++;
      a.messages++;
    });
    if (!r) {
      messages.unrouted++;
      record(t, undefined, (a) => a.clientErrors++);
      continue;
    }
    const outcome = invoke(t, r);
    if (outcome === 'integrationError') messages.integrationErrors++;
    else if (outcome === 'executionError') messages.executionErrors++;
    else {
      messages.delivered++;
      if (r.twoWay) {
        messages.responses++;
        record(t, r, (a) => a.messages++);
      }
    }
  }

  return {
    kind: 'WebSocketApi',
    apiId: target.apiId,
    apiName: target.apiName,
    stage: target.stage,
    deploymentId: target.deploymentId,
    connections,
    messages,
    connectionMinutes: Math.round((connectionMs / 60_000) * 1000) / 1000,
    data: emit(target, groups),
  };
}

function emit(target: WsStageTarget, groups: Map<string, Map<number, Acc>>): Array<{ metric: MetricId; datum: Datum }> {
  const data: Array<{ metric: MetricId; datum: Datum }> = [];
  const series = (dims: Dimension[], accs: Map<number, Acc>) => {
    // One MetricId object per series, shared by its data points (the store keys on it once).
    const metric = (MetricName: string): MetricId => ({ Namespace: 'AWS/ApiGateway', MetricName, Dimensions: dims });
    const m = {
      connect: metric('ConnectCount'),
      message: metric('MessageCount'),
      client: metric('ClientError'),
      integration: metric('IntegrationError'),
      execution: metric('ExecutionError'),
      latency: metric('IntegrationLatency'),
    };
    for (const [t, a] of accs) {
      if (a.connects > 0) data.push({ metric: m.connect, datum: binaryDatum(t, a.connects, a.connects) });
      if (a.messages > 0) data.push({ metric: m.message, datum: binaryDatum(t, a.messages, a.messages) });
      if (a.events > 0) {
        data.push({ metric: m.client, datum: binaryDatum(t, a.events, a.clientErrors) });
        data.push({ metric: m.integration, datum: binaryDatum(t, a.events, a.integrationErrors) });
        data.push({ metric: m.execution, datum: binaryDatum(t, a.events, a.executionErrors) });
      }
      if (a.latency.size > 0) data.push({ metric: m.latency, datum: histogramDatum(t, a.latency, 'Milliseconds') });
    }
  };
  const api = { Name: 'ApiId', Value: target.apiId };
  const stage = { Name: 'Stage', Value: target.stage };
  for (const [group, accs] of groups) {
    if (group === '') {
      series([api], accs);
      series([api, stage], accs);
    } else {
      series([api, { Name: 'Route', Value: group }, stage], accs);
    }
  }
  return data;
}
