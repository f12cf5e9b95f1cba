/**
 * The gateway as it would be with a service's new spec: the same gateway-state files with
 * the service entry's file replaced (what `propose` commits), and the spec alone compiled
 * with its entry's defaults (every route the spec asks the gateway for). Pure.
 */
import { posix } from 'node:path';
import { servicesOfApi, serviceNameFromFile, isServiceName, type ServiceEntry } from '../state/index.js';
import type { StateFiles } from '../state/index.js';
import { BadServiceNameError, UnknownApiError, UnknownServiceError } from './errors.js';
import { accountDirsApisReferTo } from '../kinds/registry.js';

export interface ServiceSpec {
  /** The spec's path as the user named it (`users.openapi.yaml`): how its problems are reported. */
  displayPath: string;
  text: string;
}

export interface ServiceTarget {
  apiKey: string;
  /** Default: derived from the spec's file name, like an entry without `service:`. */
  service?: string;
}

/**
 * Only what one API needs: gateway.yaml, apis/<api>/** and the account records an API may
 * name (vpc-links/, client-certificates/). Other APIs' problems are not the service's.
 */
export function filesOfApi(files: StateFiles, apiKey: string): StateFiles {
  const prefix = `apis/${apiKey}/`;
  const accountDirs = accountDirsApisReferTo().map((d) => `${d}/`);
  const kept = new Map(
    [...files.files].filter(
      ([rel]) => rel === 'gateway.yaml' || rel.startsWith(prefix) || accountDirs.some((d) => rel.startsWith(d)),
    ),
  );
  const issues = (files.issues ?? []).filter(
    (i) =>
      !i.location.file.startsWith(posix.join(files.root, 'apis')) ||
      i.location.file.startsWith(posix.join(files.root, prefix)),
  );
  return { root: files.root, files: kept, issues };
}

export function serviceNameFor(target: ServiceTarget, spec: ServiceSpec): string {
  const service = target.service ?? serviceNameFromFile(spec.displayPath);
  if (!isServiceName(service)) throw new BadServiceNameError(service, target.service === undefined);
  return service;
}

export interface FoundEntry {
  entry: ServiceEntry;
  /** The whole api.yaml as parsed (for `specAlone`). */
  apiYaml: Record<string, unknown>;
  /** Every service entry of the API. */
  entries: ServiceEntry[];
}

/** The entry of `apis/<api>/api.yaml` that names the service; typed errors say how to add one. */
export function findServiceEntry(files: StateFiles, target: ServiceTarget, spec: ServiceSpec): FoundEntry {
  const service = serviceNameFor(target, spec);
  const found = servicesOfApi(files, target.apiKey);
  if (found.status === 'no-api') {
    const known = [
      ...new Set([...files.files.keys()].filter((f) => /^apis\/[^/]+\/api\.yaml$/.test(f)).map((f) => f.split('/')[1])),
    ].sort();
    throw new UnknownApiError(target.apiKey, files.root, known);
  }
  const apiYaml = { file: posix.join(files.root, `apis/${target.apiKey}/api.yaml`), line: 1, column: 1 };
  if (found.status === 'invalid') {
    throw new UnknownServiceError({
      apiKey: target.apiKey,
      service,
      known: [],
      apiYaml: found.issues[0]?.location ?? apiYaml,
      file: posix.basename(spec.displayPath),
    });
  }
  const entry = found.entries.find((e) => e.service === service);
  if (!entry)
    throw new UnknownServiceError({
      apiKey: target.apiKey,
      service,
      known: found.entries.map((e) => e.service),
      apiYaml: found.entries[0]?.at ?? apiYaml,
      file: `${service}.openapi.yaml`,
    });
  return { entry, apiYaml: found.apiYaml.value as Record<string, unknown>, entries: found.entries };
}

/** The API's files with the entry's file replaced by the spec. */
export function withSpec(files: StateFiles, entry: ServiceEntry, spec: ServiceSpec): StateFiles {
  const out = new Map(files.files);
  out.set(entry.rel, spec.text);
  return { root: files.root, files: out, issues: files.issues };
}

/**
 * The API with the spec as its only OpenAPI file (same entry defaults: prefix, integration,
 * authorizer; same authorizers and stages): compiles to every route the spec asks for,
 * including those the full gateway would refuse (a route another file already has).
 */
export function specAlone(
  files: StateFiles,
  entry: ServiceEntry,
  spec: ServiceSpec,
  apiYamlValue: Record<string, unknown>,
): StateFiles {
  const openapi = apiYamlValue.openapi;
  const own = Array.isArray(openapi) ? openapi[entry.index] : { file: entry.file };
  const { routes: _inline, ...rest } = apiYamlValue;
  const apiYaml = { ...rest, openapi: [own] };
  const out = new Map(files.files);
  out.set(`apis/${entry.apiKey}/api.yaml`, JSON.stringify(apiYaml, null, 1));
  out.set(entry.rel, spec.text);
  return { root: files.root, files: out, issues: files.issues };
}
