/**
 * A service's spec against the gateway it is served through, before anything is proposed:
 * the gateway-state with the service's file replaced is validated, and every problem the
 * spec brings is reported where the service team can fix it (their own file, by the path
 * they typed), the other side of a conflict included. Problems the gateway already had
 * are told apart: they are not the service's to fix. Pure.
 */
import { posix } from 'node:path';
import type { GatewayModel, RouteModel } from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { ServiceEntry, SourceMap, StateFiles } from '../state/index.js';
import { validateFiles } from '../validate/index.js';
import { filesOfApi, findServiceEntry, specAlone, withSpec, type ServiceSpec, type ServiceTarget } from './swap.js';

/**
 * spec: a problem of the spec itself. conflict: it clashes with another service's file
 * (both places). auth: it asks for an authorizer the API does not declare. gateway: a rule
 * of the API the combination breaks.
 */
export type ProblemKind = 'spec' | 'conflict' | 'auth' | 'gateway';

export interface ServiceProblem extends ValidationIssue {
  kind: ProblemKind;
}

export interface ServiceCheck {
  apiKey: string;
  service: string;
  entry: ServiceEntry;
  /** The gateway file the spec replaces, as reported (e.g. `gateway-state/apis/shop/users.openapi.yaml`). */
  gatewayFile: string;
  spec: ServiceSpec;
  /** The spec is byte for byte what the gateway already has. */
  unchanged: boolean;
  /** Problems the spec brings, sorted, located for the service team. */
  problems: ServiceProblem[];
  /** Problems the gateway had before (not the service's to fix, but they block its apply too). */
  preexisting: ValidationIssue[];
  /** No error among `problems`. */
  valid: boolean;
  /** The API before (Git) and after the change (partial where the change has errors). */
  before: GatewayModel;
  after: GatewayModel;
  /** Routes the gateway serves from the service's file now, and would with the spec. */
  servedBefore: Record<string, RouteModel>;
  servedAfter: Record<string, RouteModel>;
  /** Every route the spec asks for (compiled alone with its entry's defaults) and where. */
  asked: Record<string, { route: RouteModel; at: SourceLocation }>;
  /** Why an asked route is not served after the change (a duplicate elsewhere, …). */
  refused: Record<string, { reason: string; related: SourceLocation[] }>;
  /** The files after the change (what `propose` commits one file of). */
  files: StateFiles;
  /** For formatIssuesText: the gateway's files plus the spec under its own path. */
  display: StateFiles;
}

export interface CheckInput {
  /** The gateway's gateway-state files; `root` is how its files are reported. */
  files: StateFiles;
  target: ServiceTarget;
  spec: ServiceSpec;
}

const AUTH_CODES = new Set([
  'security-scheme-undefined',
  'unsupported-security-scheme',
  'authorizer-undefined',
  'rest-api-jwt',
  'http-api-authorizer-type',
]);

export function checkServiceSpec(input: CheckInput): ServiceCheck {
  const { entry, apiYaml } = findServiceEntry(input.files, input.target, input.spec);
  const base = filesOfApi(input.files, input.target.apiKey);
  const gatewayFile = posix.join(base.root, entry.rel);
  const after = withSpec(base, entry, input.spec);
  const vBefore = validateFiles(base);
  const vAfter = validateFiles(after);
  const alone = validateFiles(specAlone(base, entry, input.spec, apiYaml));

  const mapper = locationMapper(gatewayFile, entry.rel, input.spec.displayPath);
  const baseline = new Set(vBefore.issues.map(issueKey));
  const authorizersAt = Object.keys(vAfter.model.apis[entry.apiKey]?.authorizers ?? {})
    .map((n) => vAfter.sources[`${entry.apiKey}/authorizers/${n}`])
    .filter((l): l is SourceLocation => !!l);

  const problems: ServiceProblem[] = [];
  const preexisting: ValidationIssue[] = [];
  for (const i of vAfter.issues) {
    const touchesSpec = [i.location, ...(i.related ?? [])].some((l) => l.file === gatewayFile);
    if (!touchesSpec && baseline.has(issueKey(i))) {
      preexisting.push(i);
      continue;
    }
    const m = specFirst(mapper.issue(i), input.spec.displayPath);
    const files = new Set([m.location.file, ...(m.related ?? []).map((r) => r.file)]);
    const kind: ProblemKind =
      files.size > 1
        ? 'conflict'
        : AUTH_CODES.has(i.code)
          ? 'auth'
          : m.location.file === input.spec.displayPath
            ? 'spec'
            : 'gateway';
    if (kind === 'auth' && authorizersAt.length > 0) m.related = [...(m.related ?? []), ...authorizersAt.slice(0, 3)];
    problems.push({ ...m, kind });
  }

  const routesFrom = (v: { model: GatewayModel; sources: SourceMap }, file: string) => {
    const api = v.model.apis[entry.apiKey];
    const out: Record<string, RouteModel> = {};
    for (const [rk, r] of Object.entries(api?.routes ?? {}))
      if (v.sources[`${entry.apiKey}/routes/${rk}`]?.file === file) out[rk] = r;
    return out;
  };
  const asked: ServiceCheck['asked'] = {};
  for (const [rk, route] of Object.entries(routesFrom(alone, gatewayFile))) {
    asked[rk] = { route, at: mapper.loc(alone.sources[`${entry.apiKey}/routes/${rk}`]) };
  }
  const servedAfter = routesFrom(vAfter, gatewayFile);
  const refused: ServiceCheck['refused'] = {};
  for (const [rk, a] of Object.entries(asked)) {
    // A route defined twice is refused whichever file the gateway met first: the state is invalid until one goes.
    const dup = problems.find(
      (p) => p.code === 'duplicate-route' && [p.location, ...(p.related ?? [])].some((l) => sameLoc(l, a.at)),
    );
    if (dup) {
      const others = [dup.location, ...(dup.related ?? [])].filter((l) => !sameLoc(l, a.at));
      refused[rk] = { reason: `also defined at ${others.map(fmt).join(', ')}`, related: others };
    } else if (!(rk in servedAfter))
      refused[rk] = { reason: 'the gateway refuses it (see the problems above)', related: [] };
  }

  const display: StateFiles = { root: base.root, files: new Map(after.files) };
  display.files.set(posix.normalize(input.spec.displayPath), input.spec.text);
  const valid = !problems.some((p) => p.severity === 'error');
  return {
    apiKey: entry.apiKey,
    service: entry.service,
    entry,
    gatewayFile,
    spec: input.spec,
    unchanged: base.files.get(entry.rel) === input.spec.text,
    problems: problems.sort(byLocation),
    preexisting,
    valid,
    before: vBefore.model,
    after: vAfter.model,
    servedBefore: routesFrom(vBefore, gatewayFile),
    servedAfter,
    asked,
    refused,
    files: after,
    display,
  };
}

/**
 * A conflict found at the other service's file (the gateway met that one first) is told
 * from the spec's side: located in the spec, the other file as the related place.
 */
function specFirst(i: ValidationIssue, spec: string): ValidationIssue {
  const mine = i.related?.find((r) => r.file === spec);
  if (i.location.file === spec || !mine) return i;
  const swap = (s: string) => s.split(fmt(mine)).join(fmt(i.location));
  const out: ValidationIssue = {
    ...i,
    location: mine,
    related: [i.location, ...i.related!.filter((r) => r !== mine)],
    message: swap(i.message),
  };
  if (i.hint !== undefined) out.hint = swap(i.hint);
  return out;
}

function issueKey(i: ValidationIssue): string {
  return `${i.code}|${fmt(i.location)}|${i.message}`;
}

function fmt(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

function sameLoc(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

function byLocation(a: ServiceProblem, b: ServiceProblem): number {
  const l = a.location;
  const r = b.location;
  return l.file < r.file
    ? -1
    : l.file > r.file
      ? 1
      : l.line - r.line || l.column - r.column || (a.code < b.code ? -1 : 1);
}

/** The gateway's copy of the service file is reported as the spec the service team has. */
function locationMapper(gatewayFile: string, rel: string, displayPath: string) {
  const loc = (l: SourceLocation | undefined): SourceLocation =>
    l && l.file === gatewayFile ? { ...l, file: displayPath } : (l ?? { file: displayPath, line: 1, column: 1 });
  // Messages name the file as reported (root-prefixed) or as inside the state directory.
  const text = (s: string | undefined) =>
    s?.split(gatewayFile).join('\u0000').split(rel).join(displayPath).split('\u0000').join(displayPath);
  return {
    loc,
    issue(i: ValidationIssue): ValidationIssue {
      const out: ValidationIssue = { ...i, location: loc(i.location), message: text(i.message)! };
      if (i.hint !== undefined) out.hint = text(i.hint);
      if (i.related) out.related = i.related.map(loc);
      return out;
    },
  };
}
