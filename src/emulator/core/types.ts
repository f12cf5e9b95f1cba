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

export type Protocol = 'rest-json' | 'json-1.0' | 'json-1.1' | 'control';

export type ServiceName = 'apigateway' | 'apigatewayv2' | 'cloudwatch' | 'wafv2' | 'ssm' | 'secretsmanager' | 'control';

/** The AWS JSON protocols: routed by X-Amz-Target, bodies and errors as JSON (1.0: CloudWatch; 1.1: WAFv2, SSM, Secrets Manager). */
export const isJsonProtocol = (p: Protocol): p is 'json-1.0' | 'json-1.1' => p === 'json-1.0' || p === 'json-1.1';

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
  /** json-1.0/1.1 only: the X-Amz-Target header value, e.g. `GraniteServiceVersion20100801.PutMetricAlarm`. */
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
  /** Refuses a change another module announces (throws the AwsError AWS answers with). Optional. */
  guard?(event: ResourceEvent): void;
  /** Follows a change another module made (drops what hung on a deleted resource). Optional. */
  cascade?(event: ResourceEvent): void;
  /**
   * Tags of a resource this module keeps that the API Gateway tag operations address by ARN
   * (usage plans, API keys, VPC links, domain names, client certificates). Undefined: not
   * this module's ARN. Optional.
   */
  taggable?(service: 'apigateway' | 'apigatewayv2', arn: string): ForeignTags | undefined;
}

/** A resource's tags as another module's tag operations read and write them (`get` returns the live map). */
export interface ForeignTags {
  get(): Record<string, string>;
  set(tags: Record<string, string>): void;
}

/**
 * A change in one module that resources of another module may hang on: base path mappings
 * name REST stages, usage plans name REST stages, integrations name VPC links, stages name
 * client certificates, web ACLs protect stages. The module making the change announces it
 * (core/resource-events.ts); every module of the partition may refuse it first (`guard`
 * throws AWS's error) and follow it after (`cascade`, e.g. a deleted stage loses its web ACL).
 */
export type ResourceEvent =
  | { type: 'rest-api.delete'; restApiId: string }
  | { type: 'rest-stage.delete'; restApiId: string; stageName: string }
  | { type: 'rest-stage.client-certificate'; restApiId: string; stageName: string; clientCertificateId: string }
  | { type: 'rest-stage.logging'; restApiId: string; stageName: string }
  | {
      type: 'rest-integration.put';
      restApiId: string;
      integration: { type: string; connectionType?: string; connectionId?: string };
    }
  | { type: 'http-api.delete'; apiId: string }
  | { type: 'http-stage.delete'; apiId: string; stageName: string }
  | {
      type: 'http-integration.put';
      apiId: string;
      integration: { integrationType: string; connectionType?: string; connectionId?: string; integrationUri?: string };
    };

/** A web ACL every partition starts with (tests and the demo name its ARN in their state). */
export interface SeedWebAcl {
  name: string;
  /** The ACL's id (a UUID), fixed so its ARN is known in advance. */
  id: string;
  /** REGIONAL (default) or CLOUDFRONT (kept in us-east-1 only, as AWS does). */
  scope?: 'REGIONAL' | 'CLOUDFRONT';
  /** Only in these regions (default: every region). */
  regions?: string[];
  description?: string;
  /** Rules as WAFv2's CreateWebACL takes them (default: none). */
  rules?: unknown[];
}

/**
 * Emulator-wide settings the modules read: startEmulator options, some adjustable at run time
 * through the control API (`POST /_emulator/settings`). One object shared by every partition.
 */
export interface EmulatorSettings {
  /** How long a new VPC link (v1 and v2) stays PENDING before it turns AVAILABLE (AWS: 2–4 minutes). */
  vpcLinkPendingMs: number;
  /**
   * The CloudWatch Logs role each account's API Gateway settings start with (`{account}` is
   * replaced by the account id), or null for none: REST logging to CloudWatch is then refused
   * until UpdateAccount sets one, as on a fresh AWS account.
   */
  cloudWatchRoleArn: string | null;
  /** Web ACLs every partition starts with. */
  webAcls: SeedWebAcl[];
}

/**
 * The web ACL every account and region starts with unless told otherwise: the example
 * gateway-state protects its REST stage with it (arn:aws:wafv2:<region>:<account>:regional/
 * webacl/apigw-sync-example/<id>), so the demo and a fresh `apigw-sync emulator` apply it as
 * it stands. Two rules, as a small real web ACL has: AWS's common managed rule group and a rate limit.
 */
export const EXAMPLE_WEB_ACL: SeedWebAcl = {
  name: 'apigw-sync-example',
  id: '7d3c1e5a-0b6f-4c2e-9a41-5e8f2d6b0c17',
  description: 'Seeded by the local endpoint for the example gateway-state',
  rules: [
    {
      Name: 'aws-common',
      Priority: 0,
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
      OverrideAction: { None: {} },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'aws-common' },
    },
    {
      Name: 'rate-limit',
      Priority: 1,
      Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
      Action: { Block: {} },
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'rate-limit' },
    },
  ],
};

export const DEFAULT_SETTINGS: EmulatorSettings = {
  vpcLinkPendingMs: 1_000,
  cloudWatchRoleArn: 'arn:aws:iam::{account}:role/apigateway-cloudwatch-logs',
  webAcls: [EXAMPLE_WEB_ACL],
};

/** What the core hands a module factory. */
export interface ModuleContext {
  /** Emulator-wide settings (shared and live: read them when needed, not once). */
  settings?: EmulatorSettings;
  /** The account and region this module instance serves (the default partition for global modules). */
  partition: { accountId: string; region: string };
  /** Another module of the same partition (or a global one) by its `name` (resolved at call time, so order does not matter). */
  module<T extends ServiceModule = ServiceModule>(name: string): T | undefined;
  /** Every partition's instance of a module (for global modules, e.g. traffic finding an API by id). */
  partitions<T extends ServiceModule = ServiceModule>(
    name: string,
  ): Array<{ partition: { accountId: string; region: string }; module: T }>;
  /** Report a state change that did not come through a `write` route (timers, e.g. PENDING → DEPLOYED), so `--state-file` saves it. */
  changed(): void;
  /** Every module of this partition and the global ones (resolved at call time): whom a ResourceEvent goes to. */
  siblings?(): ServiceModule[];
}

/** How src/emulator/modules.ts lists a module: one factory per module, called once per emulator. */
export type ModuleFactory = (ctx: ModuleContext) => ServiceModule;
