/**
 * Compatible extensions by the core owner (issue 4 part A), nothing removed or renamed:
 * - `ModuleContext` / `ModuleFactory`: the core builds each module per emulator instance
 *   (tests start many) from a factory listed in src/emulator/modules.ts; a module may look
 *   up another by name (traffic → v1/v2 stores, CloudWatch) and report timer-driven changes.
 * - `ServiceModule.reset?()`: optional; without it the core restores the module's first snapshot.
 * - Accounts and regions (issue 19): the factory runs once per partition (account + region);
 *   `ModuleContext.partition` says which, `ServiceModule.scope: 'global'` opts out. Handlers
 *   stay single-tenant: the engine picks the partition's instance (core/partitions.ts).
 *
 * The contract between the emulator's HTTP core (server, routing, quotas, faults, call log)
 * and the service modules (API Gateway v1, v2, CloudWatch, control API).
 *
 * A service module exports `RouteDef[]`. The core matches the request, enforces quotas and
 * injected faults, logs the call, runs the handler and serializes the result or the
 * thrown AwsError in the wire format of the route's protocol.
 */

export type Protocol = 'rest-json' | 'json-1.0' | 'control';

export type ServiceName = 'apigateway' | 'apigatewayv2' | 'cloudwatch' | 'control';

export interface EmuRequest {
  method: string;
  /** Decoded path without query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body (undefined when empty), or the raw text for non-JSON bodies. */
  body: unknown;
  rawBody: string;
}

export interface EmuResponse {
  status: number;
  body?: unknown;
  /** When set, sent as-is instead of JSON (e.g. GetExport YAML). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface RouteDef {
  service: ServiceName;
  /** The AWS operation name, e.g. `GetResources`, `PutMetricAlarm`. Used by quotas, faults and the call log. */
  operation: string;
  protocol: Protocol;
  /** rest-json/control: HTTP method and a path pattern with `{param}` segments (`{param+}` = greedy).
   *  json-1.0: method POST, pattern '/', matched by `target` instead. */
  method: string;
  pattern: string;
  /** json-1.0 only: the X-Amz-Target header value, e.g. `GraniteServiceVersion20100801.PutMetricAlarm`. */
  target?: string;
  /** True for calls that change state (the call log's `write` flag; tests assert none happened). */
  write: boolean;
  handler: (req: EmuRequest, params: Record<string, string>) => EmuResponse | Promise<EmuResponse>;
}

/** An AWS error in the shape clients parse: HTTP status + error code + message. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields some errors carry (e.g. retryAfterSeconds for TooManyRequests). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new AwsError(404, 'NotFoundException', message);
export const badRequest = (message: string) => new AwsError(400, 'BadRequestException', message);
export const conflict = (message: string) => new AwsError(409, 'ConflictException', message);
export const tooManyRequests = (message: string, retryAfterSeconds = 1) =>
  new AwsError(429, 'TooManyRequestsException', message, { retryAfterSeconds });
export const limitExceeded = (message: string) => new AwsError(429, 'LimitExceededException', message);

/** One entry in the call log, readable through the control API. */
export interface CallLogEntry {
  seq: number;
  time: string;
  service: ServiceName;
  /** The account and region the call was signed for (its partition). */
  accountId?: string;
  region?: string;
  operation: string;
  write: boolean;
  /** Path params + query + body, as received. */
  params: Record<string, unknown>;
  status: number;
  errorCode?: string;
}

/**
 * A service module (v1, v2, CloudWatch, control): its routes, and its state as plain JSON
 * so `--state-file` can persist it across restarts.
 */
export interface ServiceModule {
  name: string;
  routes: RouteDef[];
  snapshot(): unknown;
  restore(data: unknown): void;
  /** Back to empty (POST /_emulator/reset). Optional: the core otherwise restores the first snapshot. */
  reset?(): void;
  /** 'partition' (default): one instance per account and region. 'global': one instance that spans them (see core/partitions.ts). */
  scope?: 'partition' | 'global';
}

/** What the core hands a module factory. */
export interface ModuleContext {
  /** The account and region this module instance serves (the default partition for global modules). */
  partition: { accountId: string; region: string };
  /** Another module of the same partition (or a global one) by its `name` (resolved at call time, so order does not matter). */
  module<T extends ServiceModule = ServiceModule>(name: string): T | undefined;
  /** Every partition's instance of a module (for global modules, e.g. traffic finding an API by id). */
  partitions<T extends ServiceModule = ServiceModule>(name: string): Array<{ partition: { accountId: string; region: string }; module: T }>;
  /** Report a state change that did not come through a `write` route (timers, e.g. PENDING → DEPLOYED), so `--state-file` saves it. */
  changed(): void;
}

/** How src/emulator/modules.ts lists a module: one factory per module, called once per emulator. */
export type ModuleFactory = (ctx: ModuleContext) => ServiceModule;
