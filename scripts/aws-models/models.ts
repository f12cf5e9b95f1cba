/**
 * AWS's own service models, the oracle the local AWS endpoint is checked against:
 *
 * - structure (operations, HTTP bindings, member names and types, required members,
 *   timestamp formats, locations) from the `aws-sdk` v2 npm package (`apis/*.min.json`,
 *   a devDependency used for nothing else);
 * - what those minified models strip (each operation's errors, error shapes, enums, input
 *   constraints) from `facts.json`, extracted from botocore's unstripped copy of the same
 *   models by `extract-facts.ts`, keyed by member path.
 *
 * Used by the contract test, the emulator's generated input rules and the coverage table.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const FACTS_FILE = fileURLToPath(new URL('./facts.json', import.meta.url));

export interface ServiceInfo {
  /** The emulator's ServiceName for it. */
  name: 'apigateway' | 'apigatewayv2' | 'cloudwatch' | 'wafv2' | 'ssm' | 'secretsmanager';
  title: string;
  /** `aws-sdk` v2 model file stem under `apis/`. */
  sdkV2Model: string;
  botocoreName: string;
  apiVersion: string;
  /** The SDK v3 package the tool imports its commands from. */
  sdkV3Package: string;
  /**
   * Large services the emulator serves a few operations of: facts and input rules are kept for
   * these operations only (WAFv2's recursive rule statements alone would add megabytes). Add an
   * operation here when the emulator starts serving it, then `npm run models:facts` and
   * `npm run contract:generate`. Absent: every operation of the model.
   */
  servedSubset?: readonly string[];
}

/** The services the emulator serves. (ACM and STS models ship in the same package for later.) */
export const SERVICES: readonly ServiceInfo[] = [
  {
    name: 'apigateway',
    title: 'API Gateway (REST APIs, v1)',
    sdkV2Model: 'apigateway-2015-07-09',
    botocoreName: 'apigateway',
    apiVersion: '2015-07-09',
    sdkV3Package: '@aws-sdk/client-api-gateway',
  },
  {
    name: 'apigatewayv2',
    title: 'API Gateway v2 (HTTP and WebSocket APIs)',
    sdkV2Model: 'apigatewayv2-2018-11-29',
    botocoreName: 'apigatewayv2',
    apiVersion: '2018-11-29',
    sdkV3Package: '@aws-sdk/client-apigatewayv2',
  },
  {
    name: 'cloudwatch',
    title: 'CloudWatch',
    sdkV2Model: 'monitoring-2010-08-01',
    botocoreName: 'cloudwatch',
    apiVersion: '2010-08-01',
    sdkV3Package: '@aws-sdk/client-cloudwatch',
  },
  {
    name: 'wafv2',
    title: 'AWS WAF (wafv2)',
    sdkV2Model: 'wafv2-2019-07-29',
    botocoreName: 'wafv2',
    apiVersion: '2019-07-29',
    sdkV3Package: '@aws-sdk/client-wafv2',
    servedSubset: [
      'AssociateWebACL',
      'CreateWebACL',
      'DeleteWebACL',
      'DisassociateWebACL',
      'GetWebACL',
      'GetWebACLForResource',
      'ListResourcesForWebACL',
      'ListWebACLs',
    ],
  },
  {
    name: 'ssm',
    title: 'Systems Manager (SSM)',
    sdkV2Model: 'ssm-2014-11-06',
    botocoreName: 'ssm',
    apiVersion: '2014-11-06',
    sdkV3Package: '@aws-sdk/client-ssm',
    servedSubset: ['GetParameter', 'PutParameter'],
  },
  {
    name: 'secretsmanager',
    title: 'Secrets Manager',
    sdkV2Model: 'secretsmanager-2017-10-17',
    botocoreName: 'secretsmanager',
    apiVersion: '2017-10-17',
    sdkV3Package: '@aws-sdk/client-secrets-manager',
    servedSubset: ['CreateSecret', 'GetSecretValue', 'PutSecretValue'],
  },
];

/** A member or shape as the minified models write it: `{}` is a string, `{shape: "S9"}` a reference. */
export interface ShapeRef {
  shape?: string;
  type?:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'double'
    | 'float'
    | 'boolean'
    | 'timestamp'
    | 'blob';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  payload?: string;
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
  flattened?: boolean;
  jsonvalue?: boolean;
  idempotencyToken?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef;
  output?: ShapeRef;
}

export interface MemberFacts {
  /** Inputs only: a structure's required members in botocore's (newer) copy of the model. */
  required?: string[];
  /** Outputs only: a structure's members (JSON name → type) in botocore's newer copy of the model. */
  members?: Record<string, string>;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

export interface ErrorFacts {
  status: number;
  /** The error code on the wire (the query protocol's code for awsQuery/awsQueryCompatible services). */
  code: string;
  fault: 'client' | 'server';
  /** The error shape's body members by JSON name (JSON protocols: `Message` or `message`, WAF's `Field`…), when it has any. */
  members?: string[];
}

export interface ServiceFacts {
  protocols: string[];
  awsQueryCompatible: boolean;
  operations: Record<
    string,
    { errors: string[]; input: Record<string, MemberFacts>; output: Record<string, MemberFacts> }
  >;
  errors: Record<string, ErrorFacts>;
}

export interface Facts {
  source: string;
  services: Record<string, ServiceFacts>;
}

export interface ServiceModel {
  info: ServiceInfo;
  metadata: Record<string, unknown>;
  operations: Record<string, Operation>;
  shapes: Record<string, ShapeRef>;
  facts: ServiceFacts;
}

const require = createRequire(import.meta.url);

let factsCache: Facts | undefined;
export function loadFacts(): Facts {
  factsCache ??= JSON.parse(readFileSync(FACTS_FILE, 'utf8')) as Facts;
  return factsCache;
}

export function loadModel(info: ServiceInfo): ServiceModel {
  const raw = require(`aws-sdk/apis/${info.sdkV2Model}.min.json`) as {
    metadata: Record<string, unknown>;
    operations: Record<string, Omit<Operation, 'name'>>;
    shapes: Record<string, ShapeRef>;
  };
  const facts = loadFacts().services[info.name];
  if (!facts) throw new Error(`${FACTS_FILE} has no facts for ${info.name}: run npm run models:facts`);
  const operations: Record<string, Operation> = {};
  for (const [name, op] of Object.entries(raw.operations)) {
    operations[name] = {
      name,
      ...op,
      http: {
        method: op.http?.method ?? 'POST',
        requestUri: op.http?.requestUri ?? '/',
        responseCode: op.http?.responseCode,
      },
    };
  }
  return { info, metadata: raw.metadata, operations, shapes: raw.shapes, facts };
}

export function loadModels(): ServiceModel[] {
  return SERVICES.map(loadModel);
}

/** A reference with its shape resolved and the reference's own traits (location, name) kept on top. */
export function resolve(
  model: Pick<ServiceModel, 'shapes'>,
  ref: ShapeRef,
): ShapeRef & { type: NonNullable<ShapeRef['type']> } {
  let out: ShapeRef = ref;
  let guard = 0;
  while (out.shape !== undefined && guard++ < 20) {
    const { shape, ...own } = out;
    const target = model.shapes[shape];
    if (!target) throw new Error(`model has no shape ${shape}`);
    out = { ...target, ...own };
  }
  return { ...out, type: out.type ?? 'string' };
}

/** The name a member travels under in a JSON body or a query string. */
export const wireName = (name: string, ref: ShapeRef): string => ref.locationName ?? name;
