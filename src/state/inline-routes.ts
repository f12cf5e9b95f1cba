/** `routes:` in api.yaml → RouteModels, the same shape OpenAPI files compile to. */
import type { ApiKind, HttpMethod, RouteModel } from '../model/api.js';
import { routeKey } from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { InlineRoute } from './schema.js';
import { normalizeIntegration } from '../kinds/integration/openapi.js';
import type { LoadedRoute } from './openapi/load.js';
import { locateIn, type SourceDoc } from './yaml-source.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

export function inlineRoutes(
  src: SourceDoc,
  routes: Record<string, InlineRoute>,
  kind: ApiKind,
  issues: ValidationIssue[],
): LoadedRoute[] {
  const out: LoadedRoute[] = [];
  for (const [rawKey, r] of Object.entries(routes)) {
    const at = locateIn(src, ['routes', rawKey], { key: true });
    const parsed = parseRouteKey(rawKey);
    if (!parsed) {
      issues.push({
        severity: 'error',
        code: 'bad-route-key',
        location: at,
        path: `routes.${rawKey}`,
        message: `route key "${rawKey}" is not "METHOD /path"${kind === 'HttpApi' ? ' or "$default"' : ''}`,
        hint: `write it like "GET /users/{id}"; methods: ${METHODS.join(', ')}`,
      });
      continue;
    }
    const { method, path } = parsed;
    const sub: Record<string, SourceLocation> = {
      integration: locateIn(src, ['routes', rawKey, 'integration'], { key: true }),
    };
    for (const k of [
      'uri',
      'timeoutInMillis',
      'type',
      'requestParameters',
      'requestTemplates',
      'connectionType',
      'connectionId',
      'vpcLink',
    ]) {
      if (k in r.integration) sub[`integration/${k}`] = locateIn(src, ['routes', rawKey, 'integration', k]);
    }
    if (r.authorizer || r.authorization)
      sub.authorization = locateIn(src, ['routes', rawKey, r.authorizer ? 'authorizer' : 'authorization']);
    if (r.requestValidator) sub.requestValidator = locateIn(src, ['routes', rawKey, 'requestValidator']);
    const requestParameters: Record<string, boolean> = { ...(r.requestParameters ?? {}) };
    if (kind === 'RestApi') {
      // Path parameters are declared by the path itself in the inline form.
      for (const m of path.matchAll(/\{([^}+]+)\+?\}/g)) requestParameters[`method.request.path.${m[1]}`] ??= true;
    }
    const route: RouteModel = {
      method,
      path,
      authorization: r.authorizer
        ? { type: 'CUSTOM', authorizer: r.authorizer, scopes: r.scopes ?? [] }
        : { type: r.authorization ?? 'NONE', scopes: r.scopes ?? [] },
      apiKeyRequired: r.apiKeyRequired ?? false,
      requestParameters,
      requestModels: {},
      methodResponses: {},
      integration: normalizeIntegration(r.integration, { kind, routeMethod: method }),
    };
    if (r.requestValidator) route.requestValidator = r.requestValidator;
    if (r.operationName) route.operationName = r.operationName;
    out.push({ key: routeKey(method, path), route, at, sub });
  }
  return out;
}

export function parseRouteKey(key: string): { method: HttpMethod; path: string } | undefined {
  if (key.trim() === '$default') return { method: 'ANY', path: '$default' };
  const m = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  if (!m) return undefined;
  const method = m[1].toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) return undefined;
  return { method, path: m[2] };
}
