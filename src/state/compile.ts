/**
 * PURE: gateway-state file texts → GatewayModel + every issue found + where each part was
 * declared. Structural problems (YAML, schema, OpenAPI, conflicts) are found here; the
 * semantic rules in src/validate/rules run on the result.
 */
import { posix } from 'node:path';
import type { ApiModel, AuthorizerModel, GatewayDefaults, GatewayModel, StageModel } from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import { canonicalJson } from '../model/canonical.js';
import type { ValidationIssue } from '../model/issue.js';
import { apiSchema, gatewaySchema, type ApiFile } from './schema.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { loadFields } from '../kinds/field.js';
import { stageFields } from '../kinds/stage/fields.js';
import { accountStateDirs, emptyRecords } from '../kinds/registry.js';
import { gatewayResponseOf } from '../kinds/gateway-response/openapi.js';
import { zodToIssues } from './zod-issues.js';
import { compileAccount } from './account.js';
import { inlineRoutes } from './inline-routes.js';
import { mergeParts } from './merge-parts.js';
import { loadOpenapi, type OpenapiPart, type ServiceDefaults } from './openapi/load.js';
import { sourceFor, type RefContext } from './openapi/refs.js';
import { resolveRollout } from './rollout-defaults.js';
import { duplicateServiceIssues, serviceEntries } from './services.js';
import { loadWebSocketRoutes } from './websocket-routes.js';
import type { CompileResult, SourceMap, StateFiles } from './types.js';
import { locateIn, type SourceDoc } from './yaml-source.js';
import { compileEnvironmentGateway, type EnvironmentCompile } from './environments/gateway.js';
import { environmentNames, overlayApi, relocateSources } from './environments/resolve.js';

const API_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function compileState(files: StateFiles): CompileResult {
  const issues: ValidationIssue[] = [...(files.issues ?? [])];
  const sources: SourceMap = {};
  const ctx: RefContext = { files: files.files, root: files.root, issues, cache: new Map() };
  const model: GatewayModel = { region: '', defaults: {}, apis: {} };
  const documents: Record<string, SourceDoc[]> = {};
  const rootLoc = (rel = ''): SourceLocation => ({
    file: rel ? posix.join(files.root, rel) : files.root,
    line: 1,
    column: 1,
  });

  // Environments (issue 17): none selected and none declared leaves everything below as it was.
  const env: EnvironmentCompile = { files, ctx, model, sources, declared: environmentNames(files.files) };
  const gwSrc = sourceFor(ctx, 'gateway.yaml');
  if (gwSrc && gwSrc.value !== undefined) {
    const parsed = gatewaySchema.safeParse(gwSrc.value ?? {}, { reportInput: true });
    if (!parsed.success) issues.push(...zodToIssues(parsed.error, gatewaySchema, gwSrc, 'gateway.yaml'));
    else {
      if (parsed.data.region) model.region = parsed.data.region;
      else if (files.regionOverride) model.region = files.regionOverride;
      else if (files.environment || (files.validateEnvironments && env.declared.length)) {
        /* the region comes from each environment (compileEnvironmentGateway) */
      } else {
        issues.push({
          severity: 'error',
          code: 'missing-key',
          location: locateIn(gwSrc, []),
          message: 'region is required in gateway.yaml',
          hint: env.declared.length
            ? `pass --env <name> (${env.declared.join(', ')}): each environment declares its region; or add "region" for the base alone`
            : 'add "region" (e.g. `region: ap-northeast-2`): it is the region plan and apply change',
        });
      }
      if (parsed.data.owner) model.owner = parsed.data.owner;
      const defaults: GatewayDefaults = {};
      if (parsed.data.defaults?.rollout) defaults.rollout = parsed.data.defaults.rollout;
      const cost = parsed.data.defaults?.cost ?? parsed.data.cost;
      if (cost) defaults.cost = cost;
      model.defaults = defaults;
      sources['gateway'] = locateIn(gwSrc, []);
      sources['gateway/defaults/rollout'] = locateIn(gwSrc, ['defaults', 'rollout'], { key: true });
    }
  }

  const allApiKeys = [
    ...new Set([...files.files.keys()].filter((f) => f.startsWith('apis/')).map((f) => f.split('/')[1])),
  ].sort();
  compileEnvironmentGateway(env, gwSrc, allApiKeys);
  const apiKeys = env.loaded ? allApiKeys.filter((k) => env.loaded!.settings.apis.includes(k)) : allApiKeys;

  // Account-scope records (domains, VPC links, client certificates, …): one file each, in their kind's folder,
  // in the region the state (or the selected environment) names; an environment's own folder replaces the base's.
  const account =
    env.loaded?.file.accountScope === false
      ? undefined
      : compileAccount(ctx, { region: model.region, sources, environment: env.loaded ? model.environment : undefined });
  if (account) model.account = account;

  const accountFiles = accountStateDirs().some((d) => [...files.files.keys()].some((f) => f.startsWith(`${d}/`)));
  if (
    allApiKeys.length === 0 &&
    !accountFiles &&
    !(files.issues ?? []).some((i) => i.code === 'missing-directory' || i.code === 'not-a-directory')
  ) {
    issues.push({
      severity: 'error',
      code: 'no-apis',
      location: rootLoc(),
      message: `${files.root} declares no APIs (no apis/<name>/api.yaml)`,
      hint: 'add apis/<name>/api.yaml with `kind: RestApi`, `kind: HttpApi` or `kind: WebSocketApi`',
    });
  }
  for (const key of apiKeys) {
    const rel = `apis/${key}/api.yaml`;
    if (!API_KEY.test(key)) {
      issues.push({
        severity: 'error',
        code: 'bad-api-folder',
        location: rootLoc(`apis/${key}`),
        message: `API folder name "${key}" must be lower-case letters, digits and dashes`,
        hint: "rename the folder; it is the API's stable identity",
      });
      continue;
    }
    const src = sourceFor(ctx, rel);
    if (!src) {
      issues.push({
        severity: 'error',
        code: 'missing-api-yaml',
        location: rootLoc(`apis/${key}`),
        message: `apis/${key}/ has no api.yaml`,
        hint: 'add api.yaml with `kind`, `name` and `stages`, or remove the folder',
      });
      continue;
    }
    if (src.value === undefined) continue;
    const parsed = apiSchema.safeParse(src.value ?? {}, { reportInput: true });
    if (!parsed.success) {
      issues.push(...zodToIssues(parsed.error, apiSchema, src, rel));
      continue;
    }
    const defaultsAt =
      env.defaultsAt ??
      (gwSrc ? (p: Array<string | number>) => locateIn(gwSrc, ['defaults', 'rollout', ...p]) : undefined);
    const file = env.loaded ? overlayApi(env.loaded, key, parsed.data, src, issues) : parsed.data;
    if (!file) continue;
    const api = compileApi({
      key,
      file,
      src,
      ctx,
      defaults: model.defaults,
      defaultsAt,
      sources,
      documents: (documents[key] = []),
    });
    if (api) model.apis[key] = api;
    if (env.loaded) relocateSources(env.loaded, key, parsed.data, src, sources);
  }
  return { model, issues, sources, documents, ...env.result };
}

/** `openapi:` and `routes:` where the API's kind has no such thing (said once, before anything is loaded). */
function routeSourceIssues(f: ApiFile, src: SourceDoc, issues: ValidationIssue[]): void {
  if (f.kind === 'WebSocketApi') {
    if (f.openapi !== undefined) {
      issues.push({
        severity: 'error',
        code: 'websocket-openapi',
        location: locateIn(src, ['openapi'], { key: true }),
        message: 'WebSocket APIs have no OpenAPI form: API Gateway neither imports nor exports one',
        hint: 'remove `openapi:` and list the routes in the routes file (`routes: routes.yaml`)',
      });
    }
    if (f.routes !== undefined && typeof f.routes !== 'string') {
      issues.push({
        severity: 'error',
        code: 'websocket-inline-routes',
        location: locateIn(src, ['routes'], { key: true }),
        message: 'a WebSocketApi lists its routes in a routes file, not inline',
        hint: 'move them under `routes:` of a file next to api.yaml (e.g. routes.yaml) and write `routes: routes.yaml`',
      });
    }
  } else if (typeof f.routes === 'string') {
    issues.push({
      severity: 'error',
      code: 'routes-file-not-websocket',
      location: locateIn(src, ['routes']),
      message: `a routes file (${f.routes}) is the form of a WebSocketApi; ${f.kind === 'RestApi' ? 'REST' : 'HTTP'} APIs take OpenAPI files`,
      hint: 'use `openapi: <file>` for an OpenAPI document, or inline routes keyed by `METHOD /path`',
    });
  }
}

function compileApi(a: {
  key: string;
  file: ApiFile;
  src: SourceDoc;
  ctx: RefContext;
  defaults: GatewayDefaults;
  /** Where gateway.yaml declares `defaults.rollout.<path>`, for settings an API inherits. */
  defaultsAt?: (path: Array<string | number>) => SourceLocation;
  sources: SourceMap;
  /** Collects the API's parsed OpenAPI files. */
  documents: SourceDoc[];
}): ApiModel | undefined {
  const { key, file: f, src, ctx, sources } = a;
  const issues = ctx.issues;
  sources[key] = locateIn(src, ['kind'], { key: true });

  // Route sources: OpenAPI files (one string, or one entry per service) and inline routes;
  // a WebSocket API's routes file is read after the API's own fields (websocket-routes.ts).
  const webSocket = f.kind === 'WebSocketApi';
  routeSourceIssues(f, src, issues);
  const entries = webSocket ? [] : typeof f.openapi === 'string' ? [{ file: f.openapi }] : (f.openapi ?? []);
  issues.push(...duplicateServiceIssues(serviceEntries(key, f, src)));
  const parts: OpenapiPart[] = [];
  entries.forEach((e, i) => {
    const entryPath = typeof f.openapi === 'string' ? ['openapi'] : ['openapi', i];
    const at = locateIn(src, typeof f.openapi === 'string' ? ['openapi'] : [...entryPath, 'file']);
    const rel = posix.normalize(posix.join(`apis/${key}`, e.file));
    if (rel.startsWith('../') || posix.isAbsolute(e.file) || !rel.startsWith('apis/')) {
      issues.push({
        severity: 'error',
        code: 'path-escape',
        location: at,
        message: `openapi file "${e.file}" is outside the gateway-state directory`,
        hint: 'keep every OpenAPI file inside gateway-state/ (usually next to api.yaml)',
      });
      return;
    }
    const doc = sourceFor(ctx, rel);
    if (!doc) {
      issues.push({
        severity: 'error',
        code: 'openapi-file-missing',
        location: at,
        message: `openapi file "${e.file}" not found (looked for ${posix.join(ctx.root, rel)})`,
        hint: 'check the file name, or add the file next to api.yaml',
      });
      return;
    }
    if (doc.value === undefined) return;
    a.documents.push(doc);
    const defaults: ServiceDefaults = {};
    if ('pathPrefix' in e && e.pathPrefix) defaults.pathPrefix = e.pathPrefix;
    if ('basePath' in e && e.basePath) defaults.basePath = e.basePath;
    if ('integration' in e && e.integration) {
      defaults.integration = { ...e.integration };
      defaults.integrationAt = locateIn(src, [...entryPath, 'integration'], { key: true });
    }
    if ('authorizer' in e && e.authorizer) {
      defaults.authorizer = e.authorizer;
      defaults.authorizerAt = locateIn(src, [...entryPath, 'authorizer']);
    }
    parts.push(loadOpenapi(ctx, doc, { kind: f.kind, defaults, apiAuthorizers: Object.keys(f.authorizers ?? {}) }));
  });
  const inline =
    f.routes && typeof f.routes === 'object' && !webSocket ? inlineRoutes(src, f.routes, f.kind, issues) : [];
  const merged = mergeParts(parts, inline, issues, { kind: f.kind });

  // Authorizers from api.yaml join those of the OpenAPI security schemes.
  for (const [name, az] of Object.entries(f.authorizers ?? {})) {
    const at = locateIn(src, ['authorizers', name], { key: true });
    const ids =
      az.identitySource === undefined
        ? []
        : Array.isArray(az.identitySource)
          ? az.identitySource
          : az.identitySource.split(',').map((s) => s.trim());
    const model: AuthorizerModel = {
      name,
      type: az.type,
      // WebSocket REQUEST authorizers need no identity source (they do not cache); the Lambda then runs for every connection.
      identitySource:
        ids.length || webSocket
          ? ids
          : [f.kind === 'HttpApi' ? '$request.header.Authorization' : 'method.request.header.Authorization'],
      providerArns: az.providerArns ?? [],
    };
    if (az.authorizerUri) model.authorizerUri = az.authorizerUri;
    if (az.authorizerCredentials) model.authorizerCredentials = az.authorizerCredentials;
    if (az.identityValidationExpression) model.identityValidationExpression = az.identityValidationExpression;
    if (az.resultTtlSeconds !== undefined) model.resultTtlSeconds = az.resultTtlSeconds;
    if (az.type === 'JWT') model.jwt = { issuer: az.issuer ?? '', audience: az.audience ?? [] };
    if (f.kind === 'HttpApi' && az.type === 'REQUEST') model.payloadFormatVersion = az.payloadFormatVersion ?? '2.0';
    if (az.enableSimpleResponses !== undefined) model.enableSimpleResponses = az.enableSimpleResponses;
    const first = merged.authorizers.get(name);
    if (first) {
      issues.push({
        severity: 'error',
        code: 'security-scheme-conflict',
        location: at,
        related: [first.at],
        message: `authorizer "${name}" is also defined as a security scheme at ${first.at.file}:${first.at.line}:${first.at.column}`,
        hint: 'define each authorizer once: in api.yaml `authorizers:` or in an OpenAPI securitySchemes entry',
      });
      continue;
    }
    merged.authorizers.set(name, { model, at });
  }

  // The API's own fields: api.yaml, else the OpenAPI files' extensions, else the default (the api field table says how).
  const api = {
    key,
    kind: f.kind,
    ...loadFields<ApiFieldsModel>(apiFields, f.kind, f as Partial<ApiFieldsModel>, merged.header),
    tags: { ...(f.tags ?? {}) },
    ...emptyRecords(),
    secrets: [...(f.secrets ?? [])],
  } as ApiModel;
  if (f.cors) sources[`${key}/cors`] = locateIn(src, ['cors'], { key: true });
  if (f.usage) api.usage = { ...f.usage };

  for (const [name, { model, at }] of merged.authorizers) {
    api.authorizers[name] = model;
    sources[`${key}/authorizers/${name}`] = at;
  }
  for (const [name, v] of merged.validators) {
    api.requestValidators[name] = v.model;
    sources[`${key}/requestValidators/${name}`] = v.at;
  }
  for (const [name, rv] of Object.entries(f.requestValidators ?? {})) {
    api.requestValidators[name] = {
      name,
      validateRequestBody: rv.validateRequestBody,
      validateRequestParameters: rv.validateRequestParameters,
    };
    sources[`${key}/requestValidators/${name}`] = locateIn(src, ['requestValidators', name], { key: true });
  }
  for (const [type, g] of merged.gatewayResponses) {
    api.gatewayResponses[type] = g.model;
    sources[`${key}/gatewayResponses/${type}`] = g.at;
  }
  for (const [type, raw] of Object.entries(f.gatewayResponses ?? {})) {
    const at = locateIn(src, ['gatewayResponses', type], { key: true });
    const model = gatewayResponseOf(type, raw);
    const first = merged.gatewayResponses.get(type);
    if (first && canonicalJson(first.model) !== canonicalJson(model)) {
      issues.push({
        severity: 'error',
        code: 'gateway-response-conflict',
        location: at,
        related: [first.at],
        message: `gateway response ${type} is also defined, differently, at ${first.at.file}:${first.at.line}:${first.at.column}`,
        hint: 'define each gateway response once: in api.yaml `gatewayResponses:` or in x-amazon-apigateway-gateway-responses',
      });
      continue;
    }
    api.gatewayResponses[type] = model;
    sources[`${key}/gatewayResponses/${type}`] = at;
  }
  for (const [name, m] of merged.models) {
    api.models[name] = m.model;
    sources[`${key}/models/${name}`] = m.at;
  }
  for (const [rk, r] of [...merged.routes].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    // Now that every authorizer is known, the authorization type follows from it.
    const az = r.route.authorization.authorizer ? api.authorizers[r.route.authorization.authorizer] : undefined;
    if (az)
      r.route.authorization.type =
        az.type === 'JWT' ? 'JWT' : az.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
    api.routes[rk] = r.route;
    sources[`${key}/routes/${rk}`] = r.at;
    for (const [suffix, loc] of Object.entries(r.sub)) sources[`${key}/routes/${rk}/${suffix}`] = loc;
  }

  for (const [name, s] of Object.entries(f.stages)) {
    // The stage field table's state column says how each api.yaml setting becomes the model's.
    api.stages[name] = {
      name,
      ...loadFields<StageModel>(stageFields, f.kind, s as Partial<StageModel>, {}),
    } as StageModel;
    sources[`${key}/stages/${name}`] = locateIn(src, ['stages', name], { key: true });
    // Every stage field the file declares (the stage field table's keys), and the canary setting.
    for (const k of [...Object.keys(stageFields), 'canary']) {
      if (k in s) sources[`${key}/stages/${name}/${k}`] = locateIn(src, ['stages', name, k], { key: true });
    }
    for (const k of ['rateLimit', 'burstLimit'])
      if (s.throttling)
        sources[`${key}/stages/${name}/throttling/${k}`] = locateIn(src, ['stages', name, 'throttling', k]);
    for (const k of ['sizeGb', 'ttlSeconds'])
      if (s.cache) sources[`${key}/stages/${name}/cache/${k}`] = locateIn(src, ['stages', name, 'cache', k]);
    for (const k of ['destinationArn', 'format'])
      if (s.accessLog)
        sources[`${key}/stages/${name}/accessLog/${k}`] = locateIn(src, ['stages', name, 'accessLog', k]);
    for (const [rk, e] of Object.entries(s.routeSettings ?? {})) {
      const at = (p: string[], opts?: { key: boolean }) =>
        locateIn(src, ['stages', name, 'routeSettings', rk, ...p], opts);
      sources[`${key}/stages/${name}/routeSettings/${rk}`] = at([], { key: true });
      for (const m of Object.keys(e))
        sources[`${key}/stages/${name}/routeSettings/${rk}/${m}`] = at([m], { key: true });
      for (const k of ['rateLimit', 'burstLimit'])
        if (e.throttling) sources[`${key}/stages/${name}/routeSettings/${rk}/throttling/${k}`] = at(['throttling', k]);
      if (e.caching?.ttlSeconds !== undefined)
        sources[`${key}/stages/${name}/routeSettings/${rk}/caching/ttlSeconds`] = at(['caching', 'ttlSeconds']);
    }
  }

  if (webSocket) {
    loadWebSocketRoutes({
      key,
      routesFile: typeof f.routes === 'string' ? f.routes : undefined,
      src,
      ctx,
      api,
      sources,
    });
    for (const [name, s] of Object.entries(f.stages)) {
      for (const rk of Object.keys(s.routeSettings ?? {}))
        sources[`${key}/stages/${name}/routeSettings/${rk}`] = locateIn(src, ['stages', name, 'routeSettings', rk], {
          key: true,
        });
    }
  }

  const stageNames = Object.keys(f.stages);
  api.rollout = resolveRollout({
    kind: f.kind,
    api: f.rollout,
    defaults: a.defaults.rollout,
    onlyStage: stageNames.length === 1 ? stageNames[0] : undefined,
  });
  if (api.rollout) {
    // Each setting points at where it was declared: api.yaml, else gateway.yaml defaults.
    const own = f.rollout ?? {};
    const inherited = a.defaults.rollout ?? {};
    sources[`${key}/rollout`] = f.rollout
      ? locateIn(src, ['rollout'], { key: true })
      : (a.defaultsAt?.([]) ?? sources[key]);
    for (const k of new Set([...Object.keys(own), ...Object.keys(inherited)])) {
      const fromApi = k in own;
      if (!fromApi && !a.defaultsAt) continue;
      const at = (p: Array<string | number>) => (fromApi ? locateIn(src, ['rollout', ...p]) : a.defaultsAt!(p));
      sources[`${key}/rollout/${k}`] = at([k]);
      const list = (fromApi ? own : inherited)[k as keyof typeof own];
      if (Array.isArray(list)) list.forEach((_, i) => (sources[`${key}/rollout/${k}/${i}`] = at([k, i])));
    }
  }
  // Every API field the file declares (the api field table's keys), and the keys rules look for.
  for (const k of [...Object.keys(apiFields), 'apiKeys', 'usagePlans', 'requestValidators', 'gatewayResponses']) {
    if (k in (src.value as object)) sources[`${key}/${k}`] = locateIn(src, [k], { key: true });
  }
  return api;
}
