/**
 * Which service owns which OpenAPI file of an API. An `openapi:` entry names its service
 * with `service: users`; without it the file name does (`users.openapi.yaml` → `users`).
 * `apigw-sync propose --service users` replaces exactly that entry's file, so two entries
 * of one API may not name the same service. Pure.
 */
import { posix } from 'node:path';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import { apiSchema, SERVICE_NAME, type ApiFile } from './schema.js';
import type { StateFiles } from './types.js';
import { locateIn, parseSource, type SourceDoc } from './yaml-source.js';

export interface ServiceEntry {
  apiKey: string;
  service: string;
  /** `service`: declared with `service:`; `file`: derived from the file name. */
  namedBy: 'service' | 'file';
  /** The file as api.yaml writes it (relative to api.yaml). */
  file: string;
  /** The file inside the state directory, e.g. `apis/shop/users.openapi.yaml`. */
  rel: string;
  /** Position in the `openapi:` list; -1 for the one-file form `openapi: file.yaml`. */
  index: number;
  /** Where api.yaml declares the entry (its `service:`, else its `file:`). */
  at: SourceLocation;
  pathPrefix?: string;
}

const SPEC_EXTENSION = /\.(ya?ml|json)$/i;
const SPEC_SUFFIX = /[._-](openapi|swagger|oas3?|spec|api)$/i;

/** `users.openapi.yaml` → `users`, `Orders_Service.json` → `orders-service`. */
export function serviceNameFromFile(file: string): string {
  const base = posix.basename(file.replace(/\\/g, '/')).replace(SPEC_EXTENSION, '');
  const stem = base.replace(SPEC_SUFFIX, '') || base;
  return stem
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/** The service entries of one parsed api.yaml. */
export function serviceEntries(apiKey: string, f: Pick<ApiFile, 'openapi'>, src: SourceDoc): ServiceEntry[] {
  if (f.openapi === undefined) return [];
  if (typeof f.openapi === 'string') {
    return [
      {
        apiKey,
        service: serviceNameFromFile(f.openapi),
        namedBy: 'file',
        file: f.openapi,
        rel: relOf(apiKey, f.openapi),
        index: -1,
        at: locateIn(src, ['openapi']),
      },
    ];
  }
  return f.openapi.map((e, index) => {
    const entry: ServiceEntry = {
      apiKey,
      service: e.service ?? serviceNameFromFile(e.file),
      namedBy: e.service ? 'service' : 'file',
      file: e.file,
      rel: relOf(apiKey, e.file),
      index,
      at: locateIn(src, ['openapi', index, e.service ? 'service' : 'file']),
    };
    if (e.pathPrefix) entry.pathPrefix = e.pathPrefix;
    return entry;
  });
}

function relOf(apiKey: string, file: string): string {
  return posix.normalize(posix.join(`apis/${apiKey}`, file));
}

/** Two entries of one API that name the same service: an error at the second, pointing at the first. */
export function duplicateServiceIssues(entries: ServiceEntry[]): ValidationIssue[] {
  const seen = new Map<string, ServiceEntry>();
  const out: ValidationIssue[] = [];
  for (const e of entries) {
    const first = seen.get(e.service);
    if (!first) {
      seen.set(e.service, e);
      continue;
    }
    out.push({
      severity: 'error',
      code: 'duplicate-service',
      location: e.at,
      related: [first.at],
      message: `two openapi entries of API ${e.apiKey} name service "${e.service}" (${first.file} and ${e.file})`,
      hint: `give each entry its own \`service:\` name${e.namedBy === 'file' ? ` (this one is named after its file)` : ''}; \`apigw-sync propose --service\` must find exactly one`,
    });
  }
  return out;
}

export type ServicesOfApi =
  | { status: 'ok'; entries: ServiceEntry[]; apiYaml: SourceDoc }
  | { status: 'no-api' }
  | { status: 'invalid'; issues: ValidationIssue[] };

/** The service entries of `apis/<apiKey>/api.yaml` in a state directory's files. */
export function servicesOfApi(files: StateFiles, apiKey: string): ServicesOfApi {
  const rel = `apis/${apiKey}/api.yaml`;
  const text = files.files.get(rel);
  if (text === undefined) return { status: 'no-api' };
  const issues: ValidationIssue[] = [];
  const src = parseSource(rel, posix.join(files.root, rel), text, issues);
  if (src.value === undefined) return { status: 'invalid', issues };
  const parsed = apiSchema.safeParse(src.value ?? {});
  if (!parsed.success)
    return {
      status: 'invalid',
      issues: [
        {
          severity: 'error',
          code: 'invalid-api-yaml',
          location: locateIn(src, []),
          message: `${rel} is not a valid api.yaml`,
          hint: 'run `apigw-sync validate` in the gateway repository',
        },
      ],
    };
  return { status: 'ok', entries: serviceEntries(apiKey, parsed.data, src), apiYaml: src };
}

export function isServiceName(s: string): boolean {
  return SERVICE_NAME.test(s);
}
