/**
 * PURE: one environment's overlay over the base (issue 17). compile.ts calls these while it
 * compiles the base, so an environment's state is compiled and checked exactly like the base:
 *
 * - loadEnvironment: parse and check `environments/<name>.yaml` (schema; region or regions;
 *   the APIs it includes and overrides exist in the base; the role's account is the account).
 * - overlayApi: one api.yaml with the environment's overrides merged in (sections.ts), checked
 *   again with the api.yaml schema; problems point into the overlay when it set the value.
 * - relocateSources: after compiling, every setting the overlay decided points into the overlay,
 *   so semantic rules (src/validate) report `environments/prod.yaml:12:7`, not the base.
 */
import { posix } from 'node:path';
import type { SourceLocation } from '../../model/errors.js';
import type { ValidationIssue } from '../../model/issue.js';
import type { EnvironmentSettings } from '../../model/environment.js';
import { accountStateDirs } from '../../kinds/registry.js';
import { didYouMean } from '../did-you-mean.js';
import { sourceFor, type RefContext } from '../openapi/refs.js';
import { apiSchema, type ApiFile } from '../schema.js';
import type { SourceMap } from '../types.js';
import { locateIn, type SourceDoc } from '../yaml-source.js';
import { zodToIssues } from '../zod-issues.js';
import { hasPath, leafPaths } from './merge.js';
import { environmentSchema, ENVIRONMENT_NAME, type EnvironmentFile } from './schema.js';
import { apiYamlPathOf, mergeSection, OVERRIDE_SECTIONS } from './sections.js';

type Path = Array<string | number>;

export interface LoadedEnvironment {
  settings: EnvironmentSettings;
  /** The region this compile resolves (one of settings.regions). */
  region: string;
  file: EnvironmentFile;
  src: SourceDoc;
}

const FILE = /^environments\/([^/]+)\.ya?ml$/;
/** An environment's own account-scope record: environments/<env>/<kind folder>/<name>.yaml. */
const OWN_ACCOUNT_FILE = /^environments\/([^/]+)\/([^/]+)\/[^/]+$/;

/** The environments a state declares: `environments/<name>.yaml`, sorted by name. */
export function environmentNames(files: ReadonlyMap<string, string>): string[] {
  return [...files.keys()].flatMap((f) => FILE.exec(f)?.[1] ?? []).sort();
}

function environmentRel(files: ReadonlyMap<string, string>, name: string): string | undefined {
  return [`environments/${name}.yaml`, `environments/${name}.yml`].find((f) => files.has(f));
}

/** Bad file names under environments/ (each file is an environment named after it). */
export function environmentFileIssues(files: ReadonlyMap<string, string>, root: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const declared = environmentNames(files);
  for (const rel of [...files.keys()].filter((f) => f.startsWith('environments/')).sort()) {
    const name = FILE.exec(rel)?.[1];
    const location = { file: posix.join(root, rel), line: 1, column: 1 };
    const own = OWN_ACCOUNT_FILE.exec(rel);
    if (own) {
      if (!declared.includes(own[1])) out.push(unknownEnvironmentIssue(own[1], declared, location));
      else if (!accountStateDirs().includes(own[2]))
        out.push({
          severity: 'error',
          code: 'bad-environment-file',
          location,
          message: `${rel}: environments/${own[1]}/ holds only account-scope folders (${accountStateDirs().join(', ')})`,
          hint: `move the file into environments/${own[1]}/<folder>/ of its kind, or out of environments/`,
        });
    } else if (name === undefined) {
      out.push({
        severity: 'error',
        code: 'bad-environment-file',
        location,
        message: `${rel} is not an environment file`,
        hint: 'keep one file per environment directly under environments/, named <environment>.yaml, and its own account-scope records in environments/<environment>/<folder>/',
      });
    } else if (!ENVIRONMENT_NAME.test(name)) {
      out.push({
        severity: 'error',
        code: 'bad-environment-name',
        location,
        message: `environment name "${name}" must be lower-case letters, digits and dashes (at most 32)`,
        hint: 'rename the file; the name is part of owner ids and GitHub Environment names',
      });
    }
  }
  return out;
}

/** An issue for an environment the state does not declare, with the nearest name. */
export function unknownEnvironmentIssue(name: string, names: string[], location: SourceLocation): ValidationIssue {
  const guess = didYouMean(name, names);
  return {
    severity: 'error',
    code: 'unknown-environment',
    location,
    message: `no environment "${name}"${guess ? ` — did you mean "${guess}"?` : ''} (declared: ${names.length ? names.join(', ') : 'none'})`,
    hint: guess ? `use "${guess}"` : `add environments/${name}.yaml, or use one of the declared environments`,
  };
}

export function loadEnvironment(
  ctx: RefContext,
  name: string,
  o: { region?: string; apiKeys: string[]; at: SourceLocation },
): LoadedEnvironment | undefined {
  const issues = ctx.issues;
  const rel = environmentRel(ctx.files, name);
  if (!rel) {
    issues.push(unknownEnvironmentIssue(name, environmentNames(ctx.files), o.at));
    return undefined;
  }
  const src = sourceFor(ctx, rel);
  if (!src || src.value === undefined) return undefined;
  const parsed = environmentSchema.safeParse(src.value ?? {}, { reportInput: true });
  if (!parsed.success) {
    issues.push(...zodToIssues(parsed.error, environmentSchema, src, rel));
    return undefined;
  }
  const f = parsed.data;
  const err = (path: Path, code: string, message: string, hint: string, key = false) =>
    issues.push({ severity: 'error', code, location: locateIn(src, path, { key }), message, hint });

  if (f.region && f.regions)
    err(
      ['regions'],
      'region-and-regions',
      `${rel} declares both region and regions`,
      'keep one: `region: <code>` or `regions: [<code>, …]`',
      true,
    );
  const regions = f.regions ?? (f.region ? [f.region] : []);
  if (regions.length === 0)
    err(
      [],
      'missing-key',
      `region is required in ${rel}`,
      'add `region: <aws region>` (or `regions: [...]`): the region(s) this environment changes',
    );
  const dup = regions.find((r, i) => regions.indexOf(r) !== i);
  if (dup) err(['regions'], 'duplicate-region', `${rel} lists region ${dup} twice`, 'list each region once');
  if (o.region && regions.length > 0 && !regions.includes(o.region)) {
    err(
      [f.regions ? 'regions' : 'region'],
      'region-not-in-environment',
      `environment ${name} has no region ${o.region} (its region${regions.length === 1 ? ' is' : 's are'} ${regions.join(', ')})`,
      `use --region ${regions[0]}, or add ${o.region} to the environment's regions`,
    );
  }
  const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(f.account.roleArn ?? '')?.[1];
  if (roleAccount && roleAccount !== f.account.id) {
    err(
      ['account', 'roleArn'],
      'role-in-other-account',
      `account.roleArn is a role of account ${roleAccount}, but the environment's account is ${f.account.id}`,
      "name a role in the environment's own account, or correct account.id",
    );
  }
  const checkApiKey = (key: string, path: Path, what: string, asKey: boolean) => {
    if (o.apiKeys.includes(key)) return true;
    const guess = didYouMean(key, o.apiKeys);
    err(
      path,
      'unknown-api',
      `${what} API "${key}", which the base does not declare${guess ? ` — did you mean "${guess}"?` : ''}`,
      guess ? `use "${guess}"` : `name a folder under apis/ (${o.apiKeys.join(', ') || 'none'})`,
      asKey,
    );
    return false;
  };
  (f.include ?? []).forEach((k, i) => checkApiKey(k, ['include', i], 'includes', false));
  const include = f.include ?? o.apiKeys;
  for (const key of Object.keys(f.apis ?? {})) {
    if (!checkApiKey(key, ['apis', key], 'overrides', true)) continue;
    if (!include.includes(key))
      err(
        ['apis', key],
        'override-not-included',
        `overrides API "${key}" but does not include it`,
        `add "${key}" to include, or remove its overrides`,
        true,
      );
  }
  // Problems above are reported; the overlay is still checked (every problem in one run) if it has a region.
  if (regions.length === 0 || (o.region && !regions.includes(o.region))) return undefined;
  return {
    settings: {
      name,
      regions,
      account: { ...f.account },
      gate: { soakSeconds: f.promotion?.soakSeconds ?? 0, approval: f.promotion?.approval ?? false },
      apis: include.filter((k) => o.apiKeys.includes(k)).sort(),
      file: src.file,
    },
    region: o.region ?? regions[0],
    file: f,
    src,
  };
}

/** The api.yaml of `key` with the environment's overrides merged in; undefined when the result is invalid. */
export function overlayApi(
  env: LoadedEnvironment,
  key: string,
  api: ApiFile,
  apiSrc: SourceDoc,
  issues: ValidationIssue[],
): ApiFile | undefined {
  const over = env.file.apis?.[key] as Record<string, unknown> | undefined;
  if (!over) return api;
  let merged = api;
  let named = true;
  for (const section of OVERRIDE_SECTIONS) {
    const value = over[section.key];
    if (value === undefined) continue;
    if (section.named && value !== null) {
      const names = section.named.names(api);
      for (const name of Object.keys(value as object)) {
        if (names.includes(name)) continue;
        const guess = didYouMean(name, names);
        named = false;
        issues.push({
          severity: 'error',
          code: 'unknown-override',
          location: locateIn(env.src, ['apis', key, section.key, name], { key: true }),
          message: `overrides ${section.named.what} "${name}" of API ${key}, which ${apiSrc.rel} does not declare${guess ? ` — did you mean "${guess}"?` : ''}`,
          hint: guess
            ? `use "${guess}"`
            : `${section.named.hint} (${key} has ${names.length ? names.join(', ') : 'none'})`,
        });
      }
    }
    merged = mergeSection(section, merged, value);
  }
  if (!named) return undefined;
  const checked = apiSchema.safeParse(merged, { reportInput: true });
  if (checked.success) return checked.data;
  // Point at the overlay when it set the value (or a parent of it), else at the base.
  const leaves = leafPaths(over).map((p) => ({ overlay: p, apiYaml: apiYamlPathOf(api, p) }));
  for (const issue of zodToIssues(checked.error, apiSchema, apiSrc, apiSrc.rel)) {
    const path = (issue.path ?? '').split('.').filter(Boolean);
    const hit = leaves
      .flatMap((l) => prefixes(l.overlay).map((p) => ({ overlay: p, apiYaml: apiYamlPathOf(api, p) })))
      .filter((l) => l.apiYaml && isPrefix(l.apiYaml.map(String), path))
      .sort((a, b) => b.apiYaml!.length - a.apiYaml!.length)[0];
    issues.push(
      hit
        ? {
            ...issue,
            location: locateIn(env.src, ['apis', key, ...hit.overlay], { key: hit.apiYaml!.length < path.length }),
          }
        : issue,
    );
  }
  return undefined;
}

/**
 * After compileApi: every source the overlay decided points into the overlay. Settings the
 * base declares are swept by location (a route's integration points at its service entry's
 * `integration:`); settings only the overlay declares get their source key set.
 */
export function relocateSources(
  env: LoadedEnvironment,
  key: string,
  api: ApiFile,
  apiSrc: SourceDoc,
  sources: SourceMap,
): void {
  const over = env.file.apis?.[key];
  if (!over) return;
  const moved = new Map<string, SourceLocation>();
  const sourceKeys: Array<[string, SourceLocation]> = [];
  const seen = new Set<string>();
  for (const leaf of leafPaths(over)) {
    const section = OVERRIDE_SECTIONS.find((s) => s.key === leaf[0]);
    // A named entry (a stage, a service) is declared by the base; only what the overlay sets in it moves.
    const first = Math.min(leaf.length, section?.named ? 3 : 2);
    for (const p of prefixes(leaf).filter((x) => x.length >= first)) {
      const id = p.join('\u0000');
      if (seen.has(id)) continue;
      seen.add(id);
      const apiYaml = apiYamlPathOf(api, p);
      if (!apiYaml) continue;
      const isLeaf = p.length === leaf.length;
      const to = locateIn(env.src, ['apis', key, ...p], { key: !isLeaf });
      if (hasPath(apiSrc.value, apiYaml)) {
        moved.set(
          locKey(locateIn(apiSrc, apiYaml, { key: true })),
          locateIn(env.src, ['apis', key, ...p], { key: true }),
        );
        if (isLeaf) moved.set(locKey(locateIn(apiSrc, apiYaml)), to);
      }
      if (typeof apiYaml[0] === 'string' && !apiYaml.some((s) => typeof s === 'number'))
        sourceKeys.push([`${key}/${apiYaml.join('/')}`, to]);
    }
  }
  for (const [k, loc] of Object.entries(sources)) {
    const to = moved.get(locKey(loc));
    if (to && (k === key || k.startsWith(`${key}/`))) sources[k] = to;
  }
  for (const [k, loc] of sourceKeys) sources[k] = loc;
}

const locKey = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

function prefixes(p: Path): Path[] {
  return p.map((_, i) => p.slice(0, i + 1));
}

function isPrefix(prefix: string[], path: string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}
