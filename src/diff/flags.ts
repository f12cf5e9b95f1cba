/**
 * Flags on each Change, with one short reason per concern.
 *
 * redeploy — the change lives in a deployment snapshot: routes, integrations, authorizers,
 *   request validators, models, binary media types, the execute-api endpoint switch (REST),
 *   and a new stage (it serves nothing until deployed). Stage settings (variables,
 *   throttling, cache, logs, tracing) and tags apply without one. HTTP APIs: same set; the
 *   deployment mechanism differs (auto-deploy stages need none — see plan/deployments.ts).
 * breaking — a client that works today may fail after: route/stage/API removed, route
 *   path renamed, auth added or tightened, new required parameter, API key now required,
 *   request validator added or tightened, CORS narrowed, endpoint type changed.
 * destructive — something is deleted (or replaced).
 */
import type { ApiModel, AuthorizerModel, CorsModel, RequestValidatorModel, RouteModel, StageModel } from '../model/api.js';
import type { ChangeAction, ChangeFlags, ChangeTarget } from '../model/change.js';
import { deepEqual } from './canonical.js';

export type RouteMethod = Omit<RouteModel, 'integration'>;

/** The API-level object of an `api` change: what CreateRestApi/CreateApi and Update* carry. */
export interface ApiHeader {
  kind: ApiModel['kind'];
  name: string;
  description?: string;
  endpointType?: ApiModel['endpointType'];
  binaryMediaTypes: string[];
  apiKeySource?: ApiModel['apiKeySource'];
  disableExecuteApiEndpoint?: boolean;
  cors?: CorsModel;
}

interface FlagInput {
  apiKind?: ApiModel['kind'];
  target: ChangeTarget;
  action: ChangeAction;
  before?: unknown;
  after?: unknown;
}

const REDEPLOY_TARGETS: ReadonlySet<ChangeTarget> = new Set(['authorizer', 'requestValidator', 'model', 'route', 'integration']);

export function flagsFor(c: FlagInput): ChangeFlags {
  const redeploy: string[] = [];
  const breaking: string[] = [];
  const destructive: string[] = [];

  if (REDEPLOY_TARGETS.has(c.target)) redeploy.push(`${label(c.target)} ${pastTense(c.action)}`);
  if (c.action === 'delete') destructive.push(`${label(c.target)} deleted`);

  switch (c.target) {
    case 'api':
      apiFlags(c, { redeploy, breaking });
      break;
    case 'stage':
      // An HTTP stage with autoDeploy is deployed by AWS itself.
      if (c.action === 'create' && !(c.apiKind === 'HttpApi' && (c.after as StageModel).autoDeploy)) {
        redeploy.push('new stage needs a deployment');
      }
      if (c.action === 'delete') breaking.push(`stage ${(c.before as StageModel).name} removed`);
      break;
    case 'route':
      if (c.action === 'delete') breaking.push('route removed');
      if (c.action === 'update') routeBreaks(c.before as RouteMethod, c.after as RouteMethod, breaking);
      break;
    case 'authorizer':
      if (c.action === 'update') authorizerBreaks(c.before as AuthorizerModel, c.after as AuthorizerModel, breaking);
      break;
    case 'requestValidator':
      if (c.action === 'update') {
        const b = c.before as RequestValidatorModel;
        const a = c.after as RequestValidatorModel;
        if ((!b.validateRequestBody && a.validateRequestBody) || (!b.validateRequestParameters && a.validateRequestParameters)) {
          breaking.push('request validation tightened');
        }
      }
      break;
    case 'model':
      if (c.action === 'update' && addedRequired(c.before, c.after).length > 0) {
        breaking.push(`model requires ${addedRequired(c.before, c.after).join(', ')}`);
      }
      break;
    default:
      break;
  }

  return {
    redeploy: redeploy.length > 0,
    breaking: breaking.length > 0,
    destructive: destructive.length > 0,
    reasons: [...new Set([...breaking, ...destructive, ...redeploy])],
  };
}

function apiFlags(c: FlagInput, acc: { redeploy: string[]; breaking: string[] }): void {
  const b = c.before as ApiHeader | undefined;
  const a = c.after as ApiHeader | undefined;
  if (c.action === 'delete') acc.breaking.push('API removed');
  if (c.action !== 'update' || !a || !b) return;
  if (a.kind === 'RestApi' && !deepEqual([...b.binaryMediaTypes].sort(), [...a.binaryMediaTypes].sort())) {
    acc.redeploy.push('binary media types changed');
  }
  if (a.kind === 'RestApi' && Boolean(b.disableExecuteApiEndpoint) !== Boolean(a.disableExecuteApiEndpoint)) {
    acc.redeploy.push('execute-api endpoint setting changed');
  }
  if (!b.disableExecuteApiEndpoint && a.disableExecuteApiEndpoint) acc.breaking.push('default execute-api endpoint disabled');
  if (b.endpointType && a.endpointType && b.endpointType !== a.endpointType) acc.breaking.push('endpoint type changed');
  if (b.cors && corsNarrowed(b.cors, a.cors)) acc.breaking.push('CORS narrowed');
}

function corsNarrowed(b: CorsModel, a: CorsModel | undefined): boolean {
  if (!a) return true;
  const lost = (x: string[], y: string[]) => x.some((v) => !y.includes(v) && !y.includes('*'));
  return lost(b.allowOrigins, a.allowOrigins) || lost(b.allowMethods, a.allowMethods) || lost(b.allowHeaders, a.allowHeaders);
}

function routeBreaks(b: RouteMethod, a: RouteMethod, out: string[]): void {
  if (b.path !== a.path || b.method !== a.method) out.push(`path renamed: clients of ${b.method} ${b.path} break`);
  const ba = b.authorization;
  const aa = a.authorization;
  if (ba.type === 'NONE' && aa.type !== 'NONE') out.push('auth added');
  else if (ba.type !== aa.type || ba.authorizer !== aa.authorizer) {
    if (aa.type !== 'NONE') out.push('auth changed');
  }
  if (aa.scopes.some((s) => !ba.scopes.includes(s))) out.push('authorization scopes added');
  if (!b.apiKeyRequired && a.apiKeyRequired) out.push('API key now required');
  for (const [name, required] of Object.entries(a.requestParameters)) {
    if (required && !b.requestParameters[name]) out.push(`new required parameter ${name}`);
  }
  if (!b.requestValidator && a.requestValidator) out.push('request validator added');
  else if (b.requestValidator && a.requestValidator && b.requestValidator !== a.requestValidator) out.push('request validator changed');
}

function authorizerBreaks(b: AuthorizerModel, a: AuthorizerModel, out: string[]): void {
  if (b.type !== a.type) out.push('authorizer type changed');
  if (a.identitySource.some((s) => !b.identitySource.includes(s))) out.push('authorizer needs a new identity source');
  if (a.identityValidationExpression && a.identityValidationExpression !== b.identityValidationExpression) {
    out.push('identity validation tightened');
  }
  if (b.jwt && a.jwt && (b.jwt.issuer !== a.jwt.issuer || b.jwt.audience.some((x) => !a.jwt!.audience.includes(x)))) {
    out.push('JWT issuer/audience narrowed');
  }
  if (b.providerArns.some((p) => !a.providerArns.includes(p))) out.push('user pool removed');
}

function addedRequired(before: unknown, after: unknown): string[] {
  const req = (m: unknown): string[] => {
    const s = (m as { schema?: { required?: unknown } }).schema;
    return Array.isArray(s?.required) ? (s.required as string[]) : [];
  };
  const b = req(before);
  return req(after).filter((r) => !b.includes(r));
}

function label(t: ChangeTarget): string {
  return t === 'requestValidator' ? 'request validator' : t;
}

function pastTense(a: ChangeAction): string {
  return a === 'create' ? 'added' : a === 'update' ? 'changed' : 'deleted';
}
