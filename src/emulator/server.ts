/**
 * The emulator's HTTP core: one Node http server in front of the service modules. Per call:
 * match the route, enforce quotas and injected faults, run the handler, serialize the result
 * or the AwsError in the route's wire protocol, log the call, and schedule a state-file save
 * after a successful write. Control routes (`/_emulator/...`) skip quotas, faults and the log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CallLog } from './core/call-log.js';
import { Faults } from './core/faults.js';
import { Quotas } from './core/quotas.js';
import { partitionKey, partitionOf, type Partition, type Partitions } from './core/partitions.js';
import { Router, type RouteMatch } from './core/router.js';
import { validateInput } from './contract/validate-input.js';
import { defaultFaultCode, serializeError, throttlingError, type WireResponse } from './core/wire.js';
import {
  AwsError,
  conflict,
  isJsonProtocol,
  type EmuRequest,
  type EmuResponse,
  type RouteDef,
  type ServiceModule,
} from './core/types.js';

export interface EngineOptions {
  quotas: boolean;
  quotaScale: number;
  /** Called after every successful write (the state-file writer). */
  onChange: () => void;
}

const DEFAULT_CONFLICT_HOLD_MS = 200;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Engine {
  readonly router = new Router();
  readonly callLog = new CallLog();
  readonly faults = new Faults();
  /** AWS's control-plane quotas hold per account and region: one set of buckets per partition. */
  private readonly quotaSets = new Map<string, Quotas>();
  quotasEnabled: boolean;
  /** Writes in flight per API id, watched only while a conflict fault is armed. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly partitions: Partitions,
    private readonly opts: EngineOptions,
  ) {
    this.quotasEnabled = opts.quotas;
    for (const m of partitions.prototypes()) m.routes.forEach((r, i) => this.router.add(r, m.name, i));
  }

  /** The default partition's modules and the global ones (what in-process helpers and the control API show by default). */
  get modules(): ServiceModule[] {
    return this.partitions.prototypes();
  }

  quotasFor(partition: Partition): Quotas {
    const key = partitionKey(partition);
    let q = this.quotaSets.get(key);
    if (!q) this.quotaSets.set(key, (q = new Quotas({ scale: this.opts.quotaScale })));
    return q;
  }

  resetQuotas(): void {
    for (const q of this.quotaSets.values()) q.reset();
  }

  /** The matched route as served by the request's partition: that partition's instance of the module. */
  private routeFor(m: RouteMatch, partition: Partition): RouteDef {
    if (m.route.index < 0 || !this.partitions.isScoped(m.route.module)) return m.route.def;
    const def = this.partitions.module(partition, m.route.module)?.routes[m.route.index];
    if (!def || def.operation !== m.route.def.operation)
      throw new Error(`module ${m.route.module} built a different route table for ${partitionKey(partition)}`);
    return def;
  }

  /** Routes outside any module (the control API): served as they are, whatever the partition. */
  addRoutes(moduleName: string, routes: RouteDef[]): void {
    for (const r of routes) this.router.add(r, moduleName);
  }

  /** json-1.0 calls are routed by X-Amz-Target only; an unknown target is an unknown operation, never a rest route. */
  private match(req: EmuRequest, rawPath: string): RouteMatch | undefined {
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && target) return this.router.matchTarget(target);
    return this.router.match(req.method, rawPath, req.query);
  }

  async handle(req: EmuRequest, rawPath: string): Promise<WireResponse> {
    const m = this.match(req, rawPath);
    if (!m) {
      const err = new AwsError(404, 'UnknownOperationException', `No operation matches ${req.method} ${req.path}`);
      return serializeError(err, req.headers['x-amz-target'] ? 'json-1.0' : 'rest-json', 'apigateway');
    }
    const partition = partitionOf(req.headers, req.query);
    const def = this.routeFor(m, partition);
    if (def.service === 'control') return this.run(def, req, m.params);

    const params: Record<string, unknown> = { ...m.params, ...Object.fromEntries(req.query) };
    if (req.body !== undefined && typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) {
      Object.assign(params, req.body);
    } else if (req.body !== undefined) {
      params.body = req.rawBody;
    }
    let response: WireResponse;
    const release = this.trackWrite(def, m.params);
    try {
      response = await this.guarded(def, req, rawPath, m.params, partition, release.concurrent, release.holdMs);
    } finally {
      release.done();
    }
    const errorCode =
      response.status >= 400
        ? (response.headers['x-amzn-ErrorType'] ?? response.headers['x-amzn-query-error']?.split(';')[0])
        : undefined;
    this.callLog.record({
      service: def.service,
      accountId: partition.accountId,
      region: partition.region,
      operation: def.operation,
      write: def.write,
      params,
      status: response.status,
      errorCode,
    });
    if (def.write && response.status < 300) this.opts.onChange();
    return response;
  }

  private trackWrite(
    def: RouteDef,
    params: Record<string, string>,
  ): { concurrent: boolean; holdMs: number; done: () => void } {
    const apiKey = params.restApiId ?? params.apiId;
    const watch = def.write && apiKey ? this.faults.conflictWatch(def.operation) : undefined;
    if (!watch || !apiKey) return { concurrent: false, holdMs: 0, done: () => {} };
    const n = this.inFlight.get(apiKey) ?? 0;
    this.inFlight.set(apiKey, n + 1);
    return {
      concurrent: n > 0,
      holdMs: watch.latencyMs ?? DEFAULT_CONFLICT_HOLD_MS,
      done: () => {
        const left = (this.inFlight.get(apiKey) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(apiKey);
        else this.inFlight.set(apiKey, left);
      },
    };
  }

  private async guarded(
    def: RouteDef,
    req: EmuRequest,
    rawPath: string,
    params: Record<string, string>,
    partition: Partition,
    concurrent: boolean,
    holdMs: number,
  ): Promise<WireResponse> {
    if (this.quotasEnabled) {
      const q = this.quotasFor(partition).admit(def.service, def.operation);
      if (!q.ok) {
        const msg = q.bucket === 'account' ? 'Too Many Requests' : `Rate exceeded for ${def.operation}`;
        return serializeError(throttlingError(def.protocol, msg, q.retryAfterSeconds), def.protocol, def.service);
      }
    }
    for (const f of this.faults.fire(def.operation, { concurrent })) {
      if (f.kind === 'latency') {
        await sleep(f.latencyMs ?? 0);
      } else if (f.kind === 'throttle') {
        return serializeError(
          throttlingError(def.protocol, f.message ?? 'Too Many Requests', 1),
          def.protocol,
          def.service,
        );
      } else if (f.kind === 'error') {
        const status = f.status ?? 500;
        const err = new AwsError(
          status,
          f.code ?? defaultFaultCode(def.protocol, status),
          f.message ?? 'Injected fault',
        );
        return serializeError(err, def.protocol, def.service);
      } else if (f.kind === 'conflict') {
        const err = conflict(
          f.message ?? 'Unable to complete operation due to concurrent modification. Please try again later.',
        );
        return serializeError(err, def.protocol, def.service);
      }
    }
    if (holdMs > 0) await sleep(holdMs);
    try {
      validateInput(def.service, def.operation, req, rawPath);
    } catch (e) {
      if (e instanceof AwsError) return serializeError(e, def.protocol, def.service);
      throw e;
    }
    return this.run(def, req, params);
  }

  private async run(def: RouteDef, req: EmuRequest, params: Record<string, string>): Promise<WireResponse> {
    try {
      const res = await def.handler(req, params);
      return toWire(res, def);
    } catch (e) {
      if (e instanceof AwsError) return serializeError(e, def.protocol, def.service);
      process.stderr.write(`emulator: ${def.operation} failed: ${(e as Error)?.stack ?? String(e)}\n`);
      return serializeError(
        new AwsError(500, 'InternalFailure', `Emulator bug in ${def.operation}: ${(e as Error)?.message}`),
        def.protocol,
        def.service,
      );
    }
  }
}

function toWire(res: EmuResponse, def: RouteDef): WireResponse {
  const headers: Record<string, string> = { ...(res.headers ?? {}) };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  if (res.rawBody !== undefined) {
    if (!hasType) headers['Content-Type'] = 'text/plain';
    return { status: res.status, headers, body: res.rawBody };
  }
  const jsonType =
    def.protocol === 'json-1.0'
      ? 'application/x-amz-json-1.0'
      : def.protocol === 'json-1.1'
        ? 'application/x-amz-json-1.1'
        : 'application/json';
  if (res.body === undefined) {
    if (isJsonProtocol(def.protocol))
      return { status: res.status, headers: { 'Content-Type': jsonType, ...headers }, body: '{}' };
    return { status: res.status, headers, body: '' };
  }
  if (!hasType) headers['Content-Type'] = jsonType;
  return { status: res.status, headers, body: JSON.stringify(res.body) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON when declared as JSON (or undeclared and shaped like it); a blob payload (ImportRestApi's octet-stream document) stays raw text. */
function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  const looksJson = contentType ? /json/i.test(contentType) : /^\s*[[{]/.test(raw);
  if (!looksJson) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function toEmuRequest(req: IncomingMessage): Promise<{ emu: EmuRequest; rawPath: string }> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const rawBody = await readBody(req);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  let path = url.pathname;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    /* keep the raw path: the router decodes per segment anyway */
  }
  return {
    emu: {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: url.searchParams,
      headers,
      body: parseBody(rawBody, headers['content-type']),
      rawBody,
    },
    rawPath: url.pathname,
  };
}

export function createHttpServer(engine: Engine): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    toEmuRequest(req)
      .then(({ emu, rawPath }) => engine.handle(emu, rawPath))
      .then((wire) => {
        res.writeHead(wire.status, {
          'x-amzn-RequestId': randomUUID(),
          'Content-Length': Buffer.byteLength(wire.body),
          ...wire.headers,
        });
        res.end(wire.body);
      })
      .catch((e: unknown) => {
        process.stderr.write(`emulator: request failed: ${(e as Error)?.stack ?? String(e)}\n`);
        if (!res.headersSent)
          res.writeHead(500, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'InternalFailure' });
        res.end(JSON.stringify({ message: 'Emulator internal error' }));
      });
  });
}
