/**
 * Merges what several service files (and inline routes) contribute to one API, reporting
 * conflicts precisely: the same route twice (both places), one component name with two
 * different definitions, one security scheme name with two meanings.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  ApiKind,
  AuthorizerModel,
  GatewayResponseModel,
  ModelSchema,
  RequestValidatorModel,
} from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { LoadedRoute, OpenapiPart } from './openapi/load.js';
import { apiFields, type ApiFieldsModel } from '../kinds/api/fields.js';
import { mergeFields } from '../kinds/field.js';

export interface Merged {
  routes: Map<string, LoadedRoute>;
  authorizers: Map<string, { model: AuthorizerModel; at: SourceLocation }>;
  validators: Map<string, { model: RequestValidatorModel; at: SourceLocation }>;
  models: Map<string, { model: ModelSchema; at: SourceLocation }>;
  gatewayResponses: Map<string, { model: GatewayResponseModel; at: SourceLocation }>;
  /** The API's own fields the files declare (combined per the api field table). */
  header: Partial<ApiFieldsModel>;
}

const fmt = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

export function mergeParts(
  parts: OpenapiPart[],
  inline: LoadedRoute[],
  issues: ValidationIssue[],
  opts: { kind: ApiKind },
): Merged {
  const m: Merged = {
    routes: new Map(),
    authorizers: new Map(),
    validators: new Map(),
    models: new Map(),
    gatewayResponses: new Map(),
    header: mergeFields<ApiFieldsModel>(
      apiFields,
      parts.map((p) => p.header),
    ),
  };
  const components = new Map<string, { value: unknown; at: SourceLocation }>();
  const schemes = new Map<string, { raw: unknown; kind: string; at: SourceLocation }>();

  const addRoute = (r: LoadedRoute) => {
    const first = m.routes.get(r.key);
    if (first) {
      issues.push({
        severity: 'error',
        code: 'duplicate-route',
        location: r.at,
        related: [first.at],
        message: `route ${r.key} is defined twice: here and at ${fmt(first.at)}`,
        hint: 'remove one of them, or give one service file a different pathPrefix',
      });
      return;
    }
    m.routes.set(r.key, r);
  };

  for (const part of parts) {
    for (const c of part.components) {
      // Only schemas share one namespace after import (they become the REST API's models);
      // parameters, responses, examples… are inlined per file and cannot clash.
      if (!c.id.startsWith('schemas/') || opts.kind !== 'RestApi') continue;
      const first = components.get(c.id);
      if (!first) components.set(c.id, c);
      else if (!isDeepStrictEqual(first.value, c.value)) {
        issues.push({
          severity: 'error',
          code: 'component-conflict',
          location: c.at,
          related: [first.at],
          message: `component ${c.id} is defined differently here and at ${fmt(first.at)}`,
          hint: 'API Gateway has one namespace per API: rename one of them (e.g. prefix it with the service name) or make them identical',
        });
      }
    }
    for (const s of part.schemes) {
      const first = schemes.get(s.name);
      const meaning = s.meaning.kind === 'authorizer' ? s.meaning.model : s.meaning.kind;
      if (!first) schemes.set(s.name, { raw: meaning, kind: s.meaning.kind, at: s.at });
      else if (!isDeepStrictEqual(first.raw, meaning)) {
        issues.push({
          severity: 'error',
          code: 'security-scheme-conflict',
          location: s.at,
          related: [first.at],
          message: `security scheme "${s.name}" means something different here than at ${fmt(first.at)}`,
          hint: 'give the two schemes different names; each name becomes one authorizer of the API',
        });
        continue;
      }
      if (s.meaning.kind === 'authorizer' && !m.authorizers.has(s.name))
        m.authorizers.set(s.name, { model: s.meaning.model, at: s.at });
    }
    for (const v of part.validators) {
      const first = m.validators.get(v.name);
      if (first && !isDeepStrictEqual(first.model, v.model)) {
        issues.push({
          severity: 'error',
          code: 'validator-conflict',
          location: v.at,
          related: [first.at],
          message: `request validator "${v.name}" is defined differently here and at ${fmt(first.at)}`,
          hint: 'rename one of them or make them identical',
        });
      } else if (!first) m.validators.set(v.name, v);
    }
    for (const x of part.models) if (!m.models.has(x.name)) m.models.set(x.name, x);
    for (const g of part.gatewayResponses) {
      const first = m.gatewayResponses.get(g.model.responseType);
      if (first && !isDeepStrictEqual(first.model, g.model)) {
        issues.push({
          severity: 'error',
          code: 'gateway-response-conflict',
          location: g.at,
          related: [first.at],
          message: `gateway response ${g.model.responseType} is defined differently here and at ${fmt(first.at)}`,
          hint: 'an API has one response per type: keep one definition (or make them identical)',
        });
      } else if (!first) m.gatewayResponses.set(g.model.responseType, g);
    }
    for (const r of part.routes) addRoute(r);
  }
  for (const r of inline) addRoute(r);
  return m;
}
