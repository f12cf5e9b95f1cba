/**
 * PURE: `import --env <name>` — an existing environment's live APIs as an overlay of the base:
 * only what differs from the base, in the sections an environment may override (stages,
 * service integration base URIs, api.yaml authorizers, tags). What differs elsewhere cannot be
 * an override; it is returned as a note (the plan after the import shows it).
 */
import type { ApiModel, AuthorizerModel } from '../model/api.js';
import { emitFields } from '../kinds/field.js';
import { stageFields } from '../kinds/stage/fields.js';
import type { StageModel } from '../model/api.js';

type Obj = Record<string, unknown>;

/** One `openapi:` entry of the base api.yaml that declares a base URI, and the routes it gives. */
export interface ServiceBase {
  service: string;
  baseUri: string;
  /** Route keys compiled from the service's file. */
  routes: string[];
}

export interface ApiOverlayInput {
  base: ApiModel;
  live: ApiModel;
  services: ServiceBase[];
  /** Authorizers api.yaml declares under `authorizers:` (the only ones an overlay overrides). */
  apiYamlAuthorizers: string[];
}

export interface ApiOverlay {
  /** The `apis.<key>` section of the environment file (empty: the environment is the base). */
  override: Obj;
  notes: string[];
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What turns `base` into `live`: changed keys set, removed keys null, objects recursed. */
export function overrideBetween(base: unknown, live: unknown): unknown {
  if (!isObject(base) || !isObject(live)) return same(base, live) ? undefined : (live ?? null);
  const out: Obj = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(live)])) {
    if (!(k in live)) out[k] = null;
    else if (!(k in base)) out[k] = live[k];
    else {
      const d = overrideBetween(base[k], live[k]);
      if (d !== undefined) out[k] = d;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

export function apiOverlay(i: ApiOverlayInput): ApiOverlay {
  const override: Obj = {};
  const notes: string[] = [];
  const key = i.base.key;

  const stages: Obj = {};
  for (const [name, s] of Object.entries(i.base.stages)) {
    const live = i.live.stages[name];
    if (!live) {
      notes.push(
        `${key}: stage ${name} does not exist in this environment (an environment overrides the base's stages; apply creates it)`,
      );
      continue;
    }
    const d = overrideBetween(stageYaml(i.base, s), stageYaml(i.live, live));
    if (d !== undefined) stages[name] = d;
  }
  for (const name of Object.keys(i.live.stages)) {
    if (!i.base.stages[name])
      notes.push(
        `${key}: stage ${name} exists only in this environment (add it to api.yaml, or it is deleted by the next apply)`,
      );
  }
  if (Object.keys(stages).length) override.stages = stages;

  const openapi: Obj = {};
  for (const svc of i.services) {
    const baseUri = inferredBaseUri(svc, i.base, i.live);
    if (baseUri && baseUri !== svc.baseUri) openapi[svc.service] = { integration: { baseUri } };
  }
  if (Object.keys(openapi).length) override.openapi = openapi;

  const authorizers: Obj = {};
  for (const name of i.apiYamlAuthorizers) {
    const b = i.base.authorizers[name];
    const l = i.live.authorizers[name];
    if (!b || !l) continue;
    const d = overrideBetween(authorizerYaml(b), authorizerYaml(l));
    if (d !== undefined) authorizers[name] = d;
  }
  if (Object.keys(authorizers).length) override.authorizers = authorizers;

  const tags = overrideBetween(i.base.tags, i.live.tags);
  if (tags !== undefined) override.tags = tags;
  return { override, notes };
}

/** A stage as api.yaml declares it (the stage field table's state column). */
function stageYaml(api: ApiModel, s: StageModel): Obj {
  return emitFields<StageModel>(stageFields, api.kind, s).apiYaml;
}

/** The api.yaml settings of an authorizer that differ between accounts and regions. */
function authorizerYaml(a: AuthorizerModel): Obj {
  const out: Obj = {};
  if (a.providerArns.length) out.providerArns = a.providerArns;
  if (a.authorizerUri) out.authorizerUri = a.authorizerUri;
  if (a.jwt) {
    out.issuer = a.jwt.issuer;
    out.audience = a.jwt.audience;
  }
  return out;
}

/**
 * The base URI the live routes of a service share: each live integration URI is the base's
 * with another prefix. Undefined unless every route of the service agrees.
 */
function inferredBaseUri(svc: ServiceBase, base: ApiModel, live: ApiModel): string | undefined {
  const prefixes = new Set<string>();
  for (const rk of svc.routes) {
    const want = base.routes[rk]?.integration?.uri;
    const got = live.routes[rk]?.integration?.uri;
    if (!want || !got || !want.startsWith(svc.baseUri)) continue;
    const rest = want.slice(svc.baseUri.length);
    if (!got.endsWith(rest)) return undefined;
    prefixes.add(got.slice(0, got.length - rest.length));
  }
  return prefixes.size === 1 ? [...prefixes][0] : undefined;
}
