/**
 * Simulating N requests against a stage: each request is routed (canary or base by
 * percentTraffic, then a route), answered per the declared backend health, and folded into
 * per-minute (older: rolled-up) `AWS/ApiGateway` data with the real metric and dimension names:
 *
 * - REST: Count, 4XXError, 5XXError, Latency, IntegrationLatency on {ApiName} (all requests),
 *   {ApiName, Stage} (requests the base deployment served) and {ApiName, Stage: "<stage>/Canary"}
 *   (requests the canary served). AWS says canaries get "their own metrics" without naming the
 *   dimension value; "<stage>/Canary" mirrors the canary's log group
 *   `API-Gateway-Execution-Logs/{restApiId}/{stage}/Canary` and is what src/aws/rollout queries.
 * - HTTP: Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed on {ApiId} and {ApiId, Stage}.
 */
import { badRequest } from '../core/types.js';
import { resolutionMs } from '../cloudwatch/statistics.js';
import type { Datum, Dimension, MetricId } from '../cloudwatch/types.js';
import type { Backends } from './backends.js';
import type { Rng } from './rng.js';
import type { DeploymentTarget, Endpoint, StageTarget } from './targets.js';

export interface SimulationOptions {
  requests: number;
  /** Only this route (`GET /pets`); default: requests spread evenly at random over every route. */
  routeKey?: string;
  /** Epoch ms of the first request. */
  startMs: number;
  /** Requests are spread evenly over this many seconds from startMs (0 = all at startMs). */
  spreadSeconds: number;
  /** Request + response bytes per request, for HTTP APIs' DataProcessed. */
  bytesPerRequest: number;
  /** The emulator's current time (epoch ms), to store old data at CloudWatch's rolled-up resolution. */
  nowMs: number;
}

export interface Tally {
  deploymentId: string;
  requests: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
}

export interface SimulationResult {
  kind: StageTarget['kind'];
  apiId: string;
  apiName: string;
  stage: string;
  requests: number;
  base: Tally;
  canary?: Tally & { percentTraffic: number };
  /** The data to write to CloudWatch. */
  data: Array<{ metric: MetricId; datum: Datum }>;
}

/** What one bucket (a minute, or coarser for old data) of one group (base or canary) saw. */
interface Acc {
  n: number;
  n4: number;
  n5: number;
  bytes: number;
  latency: Map<number, number>;
  integration: Map<number, number>;
}

const newAcc = (): Acc => ({ n: 0, n4: 0, n5: 0, bytes: 0, latency: new Map(), integration: new Map() });
export const bump = (m: Map<number, number>, v: number) => m.set(v, (m.get(v) ?? 0) + 1);

function merge(a: Acc, b: Acc): Acc {
  const out = { ...newAcc(), n: a.n + b.n, n4: a.n4 + b.n4, n5: a.n5 + b.n5, bytes: a.bytes + b.bytes };
  for (const src of [a, b]) {
    for (const [v, c] of src.latency) out.latency.set(v, (out.latency.get(v) ?? 0) + c);
    for (const [v, c] of src.integration) out.integration.set(v, (out.integration.get(v) ?? 0) + c);
  }
  return out;
}

export function histogramDatum(t: number, h: Map<number, number>, unit: string): Datum {
  const values = [...h.keys()];
  const counts = values.map((v) => h.get(v)!);
  const n = counts.reduce((s, c) => s + c, 0);
  return {
    t,
    unit,
    values,
    counts,
    sampleCount: n,
    sum: values.reduce((s, v, i) => s + v * counts[i], 0),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/**
 * A 0/1 per-request metric (Count, errors): Sum is the number of ones, SampleCount the
 * requests. Kept as a statistic set: percentiles of a 0/1 series carry no information, and
 * long backfills stay small.
 */
export function binaryDatum(t: number, n: number, ones: number): Datum {
  return { t, unit: 'Count', sampleCount: n, sum: ones, min: ones === n ? 1 : 0, max: ones > 0 ? 1 : 0 };
}

function pickEndpoints(d: DeploymentTarget, routeKey: string | undefined, label: string): Endpoint[] {
  if (d.endpoints.length === 0)
    throw badRequest(`Deployment ${d.deploymentId} (${label}) has no routes to send requests to`);
  if (routeKey === undefined) return d.endpoints;
  const e = d.endpoints.filter((x) => x.routeKey === routeKey);
  if (e.length === 0) {
    throw badRequest(
      `Route ${routeKey} is not in deployment ${d.deploymentId} (${label}); it has ${d.endpoints.map((x) => x.routeKey).join(', ')}`,
    );
  }
  return e;
}

export function simulate(target: StageTarget, backends: Backends, rng: Rng, o: SimulationOptions): SimulationResult {
  const groups = { base: new Map<number, Acc>(), canary: new Map<number, Acc>() };
  const tally = (deploymentId: string): Tally => ({
    deploymentId,
    requests: 0,
    ok: 0,
    clientErrors: 0,
    serverErrors: 0,
  });
  const tallies = {
    base: tally(target.base.deploymentId),
    canary: target.canary ? tally(target.canary.deploymentId) : undefined,
  };
  const endpoints = {
    base: pickEndpoints(target.base, o.routeKey, 'base'),
    canary: target.canary ? pickEndpoints(target.canary, o.routeKey, 'canary') : [],
  };
  const spreadMs = o.spreadSeconds * 1000;

  for (let i = 0; i < o.requests; i++) {
    const toCanary = target.canary !== undefined && rng.next() * 100 < target.canary.percentTraffic;
    const group = toCanary ? 'canary' : 'base';
    const deployment = toCanary ? target.canary! : target.base;
    const pool = endpoints[group];
    const endpoint = pool.length === 1 ? pool[0] : pool[rng.int(pool.length)];
    const health = backends.healthOf(deployment.deploymentId, endpoint.uri);
    const roll = rng.next();
    // A route without an integration answers 404 from API Gateway itself.
    const serverErrorRate = health.errorRate + (health.executionErrorRate ?? 0);
    const status =
      endpoint.uri === undefined
        ? 404
        : roll < serverErrorRate
          ? 502
          : roll < serverErrorRate + health.clientErrorRate
            ? 400
            : 200;
    const integrationMs = endpoint.uri === undefined ? 0 : Math.round(health.latencyMs * (0.8 + 0.4 * rng.next()));
    const latencyMs = integrationMs + 5 + rng.int(11);

    const t = o.startMs + (spreadMs > 0 ? Math.floor((i * spreadMs) / o.requests) : 0);
    // Backfilled history is stored at the resolution CloudWatch would still hold for its age.
    const step = resolutionMs(t, o.nowMs);
    const bucket = Math.floor(t / step) * step;
    let acc = groups[group].get(bucket);
    if (!acc) groups[group].set(bucket, (acc = newAcc()));
    acc.n++;
    if (status >= 500) acc.n5++;
    else if (status >= 400) acc.n4++;
    acc.bytes += o.bytesPerRequest;
    bump(acc.latency, latencyMs);
    bump(acc.integration, integrationMs);

    const tl = tallies[group]!;
    tl.requests++;
    if (status >= 500) tl.serverErrors++;
    else if (status >= 400) tl.clientErrors++;
    else tl.ok++;
  }

  const data: SimulationResult['data'] = [];
  const emit = (dims: Dimension[], accs: Map<number, Acc>) => {
    const rest = target.kind === 'RestApi';
    // One MetricId object per series, shared by its data points (the store keys on it once).
    const metric = (MetricName: string): MetricId => ({ Namespace: 'AWS/ApiGateway', MetricName, Dimensions: dims });
    const m = {
      count: metric('Count'),
      e4: metric(rest ? '4XXError' : '4xx'),
      e5: metric(rest ? '5XXError' : '5xx'),
      latency: metric('Latency'),
      integration: metric('IntegrationLatency'),
      bytes: metric('DataProcessed'),
    };
    for (const [t, a] of accs) {
      data.push({ metric: m.count, datum: binaryDatum(t, a.n, a.n) });
      data.push({ metric: m.e4, datum: binaryDatum(t, a.n, a.n4) });
      data.push({ metric: m.e5, datum: binaryDatum(t, a.n, a.n5) });
      data.push({ metric: m.latency, datum: histogramDatum(t, a.latency, 'Milliseconds') });
      data.push({ metric: m.integration, datum: histogramDatum(t, a.integration, 'Milliseconds') });
      if (!rest) {
        const per = o.bytesPerRequest;
        data.push({ metric: m.bytes, datum: { t, unit: 'Bytes', sampleCount: a.n, sum: a.bytes, min: per, max: per } });
      }
    }
  };
  const all = new Map(groups.base);
  for (const [t, a] of groups.canary) all.set(t, all.has(t) ? merge(all.get(t)!, a) : a);
  if (target.kind === 'RestApi') {
    emit([{ Name: 'ApiName', Value: target.apiName }], all);
    emit(
      [
        { Name: 'ApiName', Value: target.apiName },
        { Name: 'Stage', Value: target.stage },
      ],
      groups.base,
    );
    if (target.canary)
      emit(
        [
          { Name: 'ApiName', Value: target.apiName },
          { Name: 'Stage', Value: `${target.stage}/Canary` },
        ],
        groups.canary,
      );
  } else {
    emit([{ Name: 'ApiId', Value: target.apiId }], all);
    emit(
      [
        { Name: 'ApiId', Value: target.apiId },
        { Name: 'Stage', Value: target.stage },
      ],
      all,
    );
  }

  return {
    kind: target.kind,
    apiId: target.apiId,
    apiName: target.apiName,
    stage: target.stage,
    requests: o.requests,
    base: tallies.base,
    canary:
      tallies.canary && target.canary ? { ...tallies.canary, percentTraffic: target.canary.percentTraffic } : undefined,
    data,
  };
}
