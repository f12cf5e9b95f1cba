/**
 * One API as the gateway serves it, as an OpenAPI 3.0 document for people: every route the
 * gateway exposes at the path it exposes it (service prefixes applied), described by the
 * service's own operation (summary, parameters, bodies, responses), guarded by the
 * gateway's authorizers, at the stages' addresses. Pure and deterministic: the same API
 * gives the same bytes, so published docs change when, and only when, the API does.
 */
import { createHash } from 'node:crypto';
import type { ApiModel, RouteModel } from '../model/api.js';
import type { SourceMap } from '../state/index.js';
import { routeSecurity, securitySchemes } from './security.js';
import { serversOf, type DocsDomain } from './servers.js';
import { locKey, obj, type Obj, type SourceDocs } from './source-docs.js';

const ANY_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface ServedApiInput {
  api: ApiModel;
  region: string;
  sources: SourceMap;
  docs: SourceDocs;
  apiId?: string;
  domains?: DocsDomain[];
}

export function servedOpenapi(x: ServedApiInput): Obj {
  const { api } = x;
  const paths: Record<string, Obj> = {};
  const seenIds = new Set<string>();
  const routes = Object.entries(api.routes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let hasDefault = false;
  for (const [rk, route] of routes) {
    if (route.path === '$default') {
      hasDefault = true;
      continue;
    }
    const at = x.sources[`${api.key}/routes/${rk}`];
    const found = at ? x.docs.ops.get(locKey(at)) : undefined;
    const base = found ? structuredClone(found.op) : minimalOperation(route);
    if (!Array.isArray(base.tags) || base.tags.length === 0) base.tags = [found?.service ?? 'routes'];
    base.security = routeSecurity(route);
    const item = (paths[route.path] ??= {});
    const methods = route.method === 'ANY' ? ANY_METHODS : [route.method.toLowerCase()];
    for (const m of methods) {
      const op: Obj =
        methods.length > 1
          ? {
              ...structuredClone(base),
              summary:
                typeof base.summary === 'string'
                  ? `${base.summary} (any method)`
                  : 'Any method (the gateway routes every method here)',
            }
          : { ...base };
      if (typeof op.operationId === 'string')
        op.operationId = unique(methods.length > 1 ? `${op.operationId}_${m}` : op.operationId, seenIds);
      item[m] = op;
    }
  }
  for (const item of Object.values(paths)) sortMethods(item);
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  const schemes = securitySchemes(api);
  const components: Obj = { ...structuredClone(x.docs.components) };
  if (Object.keys(schemes).length) components.securitySchemes = schemes;
  const kind = api.kind === 'RestApi' ? 'REST API' : 'HTTP API';
  const notes = [
    api.description,
    `The ${kind} \`${api.name}\` as API Gateway serves it in ${x.region}: every route at the path clients call, with the authorization the gateway checks.`,
    hasDefault ? 'Requests that match no route are sent to the `$default` route.' : undefined,
  ].filter(Boolean);
  const doc: Obj = {
    openapi: '3.0.3',
    info: { title: api.name, description: notes.join('\n\n'), version: '' },
    servers: serversOf({ api, region: x.region, apiId: x.apiId, domains: x.domains }),
    tags: tagsFor(sortedPaths, x.docs.tags),
    paths: sortedPaths,
    components,
  };
  // The version is the document's own digest: stable while the API is, new when it changes.
  (doc.info as Obj).version = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 12);
  return doc;
}

function minimalOperation(route: RouteModel): Obj {
  const params: Obj[] = [];
  for (const m of route.path.matchAll(/\{([^}]+)\}/g))
    params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  for (const [k, required] of Object.entries(route.requestParameters)) {
    const m = /^method\.request\.(querystring|header)\.(.+)$/.exec(k);
    if (m)
      params.push({
        name: m[2],
        in: m[1] === 'querystring' ? 'query' : 'header',
        required,
        schema: { type: 'string' },
      });
  }
  return {
    ...(route.operationName ? { operationId: route.operationName } : {}),
    summary: route.operationName ?? `${route.method} ${route.path}`,
    ...(params.length ? { parameters: params } : {}),
    responses: { default: { description: 'The response of the backend.' } },
  };
}

function unique(id: string, seen: Set<string>): string {
  let out = id;
  for (let i = 2; seen.has(out); i++) out = `${id}_${i}`;
  seen.add(out);
  return out;
}

function sortMethods(item: Obj): void {
  const entries = Object.entries(item).sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
  for (const k of Object.keys(item)) delete item[k];
  for (const [k, v] of entries) item[k] = v;
}

function tagsFor(paths: Record<string, Obj>, declared: Obj[]): Obj[] {
  const used = new Set<string>();
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) for (const t of (obj(op).tags as unknown[]) ?? []) used.add(String(t));
  const out = declared.filter((t) => used.has(String(t.name)));
  for (const t of [...used].sort()) if (!out.some((d) => d.name === t)) out.push({ name: t });
  return out;
}
