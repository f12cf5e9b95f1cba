/**
 * What an environment may override in an API, one entry per api.yaml section. Adding an
 * overridable section (custom domains, a WAF association, …) is one entry here: its key, its
 * schema fragment (usually `overrideOf` of the base's own fragment) and, for a map of named
 * things, how to list the names the base declares — an override of a name the base does not
 * declare is an error with a suggestion, never a silent addition.
 *
 * Merging is the same for every section (merge.ts): objects merge key by key, lists and
 * values replace, `null` removes. A section whose overlay is keyed differently from api.yaml
 * (`openapi:` is a list in api.yaml, keyed by service in an overlay) says how to map it.
 */
import { z } from 'zod';
import { stageSchema } from '../../kinds/stage/schema.js';
import { authorizerSchema } from '../../kinds/authorizer/schema.js';
import { openapiEntrySchema, rolloutSchema, SERVICE_NAME, type ApiFile } from '../schema.js';
import { serviceNameFromFile } from '../services.js';
import { deepMerge } from './merge.js';
import { overrideOf } from './override-schema.js';

type Path = Array<string | number>;
type Json = Record<string, unknown>;

export interface OverrideSection {
  /** The key in api.yaml, and under `apis.<api>` in an environment file. */
  key: string;
  /** The overlay's schema fragment. */
  schema: z.ZodType;
  /** For a map of named things: what they are called, and the names the base API declares. */
  named?: { what: string; names: (api: ApiFile) => string[]; hint: string };
  /** api.yaml after the override (default: api[key] deep-merged with the override). */
  merge?: (api: ApiFile, value: unknown) => ApiFile;
  /** Where an overlay path under this section is in api.yaml (default: the same path). */
  apiYamlPath?: (api: ApiFile, path: Path) => Path | undefined;
}

const STAGE_NAME = /^[A-Za-z0-9_$-]+$/;

const stages: OverrideSection = {
  key: 'stages',
  schema: z
    .record(z.string().regex(STAGE_NAME, 'must use only letters, digits, -, _ or $'), overrideOf(stageSchema))
    .describe(
      'Per stage of the base api.yaml: variables (merged; null removes one), throttling, cache (null removes it), access log, tracing, description.',
    ),
  named: {
    what: 'stage',
    names: (api) => Object.keys(api.stages ?? {}),
    hint: 'an environment overrides the stages the base api.yaml declares; add a new stage to api.yaml',
  },
};

/** The service of each `openapi:` entry, in order (`openapi: file.yaml` is one entry). */
function services(api: ApiFile): string[] {
  if (api.openapi === undefined) return [];
  if (typeof api.openapi === 'string') return [serviceNameFromFile(api.openapi)];
  return api.openapi.map((e) => e.service ?? serviceNameFromFile(e.file));
}

const openapi: OverrideSection = {
  key: 'openapi',
  schema: z
    .record(
      z.string().regex(SERVICE_NAME, 'must be a service name: lower-case letters, digits and dashes'),
      overrideOf(openapiEntrySchema.omit({ file: true, service: true })),
    )
    .describe(
      'Per service file of the base api.yaml (its `service:`, else its file name): the integration defaults (e.g. `integration: { baseUri: … }`), path prefix, authorizer.',
    ),
  named: {
    what: 'service',
    names: services,
    hint: 'name the service of an `openapi:` entry of the base api.yaml (`service:`, else the file name without .openapi.yaml)',
  },
  merge: (api, value) => {
    const entries = typeof api.openapi === 'string' ? [{ file: api.openapi }] : [...(api.openapi ?? [])];
    const names = services(api);
    for (const [service, over] of Object.entries(value as Json)) {
      const i = names.indexOf(service);
      if (i >= 0) entries[i] = deepMerge(entries[i], over) as (typeof entries)[number];
    }
    return { ...api, openapi: entries };
  },
  apiYamlPath: (api, path) => {
    const i = services(api).indexOf(String(path[1]));
    if (i < 0) return undefined;
    return typeof api.openapi === 'string' ? ['openapi'] : ['openapi', i, ...path.slice(2)];
  },
};

const authorizers: OverrideSection = {
  key: 'authorizers',
  schema: z
    .record(z.string(), overrideOf(authorizerSchema))
    .describe(
      "Per authorizer of the base api.yaml's `authorizers:` (e.g. this environment's user pool in providerArns, its JWT issuer).",
    ),
  named: {
    what: 'authorizer',
    names: (api) => Object.keys(api.authorizers ?? {}),
    hint: 'an environment overrides the authorizers api.yaml declares under `authorizers:` (not OpenAPI security schemes)',
  },
};

const rollout: OverrideSection = {
  key: 'rollout',
  schema: overrideOf(rolloutSchema.optional()).describe(
    "The canary policy in this environment, over the base api.yaml's (null: deploy directly).",
  ),
};

const tags: OverrideSection = {
  key: 'tags',
  schema: z
    .record(z.string(), z.string().nullable())
    .describe('Tags added in this environment (null removes a base tag).'),
};

/** Every section an environment may override, in the order they are checked. */
export const OVERRIDE_SECTIONS: readonly OverrideSection[] = [stages, openapi, authorizers, rollout, tags];

/** api.yaml after one section's override. */
export function mergeSection(section: OverrideSection, api: ApiFile, value: unknown): ApiFile {
  if (section.merge) return section.merge(api, value);
  const merged = deepMerge((api as Json)[section.key], value);
  const out = { ...api } as Json;
  if (merged === undefined) delete out[section.key];
  else out[section.key] = merged;
  return out as ApiFile;
}

/** The api.yaml path of an overlay path under `apis.<api>` (its first segment names the section). */
export function apiYamlPathOf(api: ApiFile, path: Path): Path | undefined {
  const section = OVERRIDE_SECTIONS.find((s) => s.key === path[0]);
  if (!section) return undefined;
  return section.apiYamlPath ? section.apiYamlPath(api, path) : path;
}
