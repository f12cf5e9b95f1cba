/**
 * Validation = compile (structure: YAML, schema, OpenAPI, conflicts) + semantic rules.
 * `validateFiles` is pure; `validateState` reads the directory first.
 */
import type { GatewayModel } from '../model/api.js';
import type { EnvironmentSettings } from '../model/environment.js';
import type { EnvironmentsDeclared } from '../state/environments/gateway.js';
import type { ValidationIssue } from '../model/issue.js';
import { compileState } from '../state/compile.js';
import { readStateDir, type ReadOptions } from '../state/read-files.js';
import type { SourceMap, StateFiles } from '../state/types.js';
import { runRules } from './rules/index.js';

export interface ValidationResult {
  valid: boolean;
  model: GatewayModel;
  /** Sorted by file, line, column; errors and warnings together. */
  issues: ValidationIssue[];
  sources: SourceMap;
  files: StateFiles;
  /** The environment resolved (files.environment), when valid. */
  environment?: EnvironmentSettings;
  /** The environments the state declares, and gateway.yaml's `promotion:`. */
  environments?: EnvironmentsDeclared;
}

/**
 * Pure. With `validateEnvironments`, a state that declares environments is checked in each
 * of them (every region) as well, so an overlay's problem fails `validate`, not only the plans
 * of that environment.
 */
export function validateFiles(files: StateFiles): ValidationResult {
  const { model, issues, sources, documents, environment, environments } = compileState(files);
  const all = [...issues, ...runRules({ model, sources, root: files.root, documents })];
  if (!files.environment && files.validateEnvironments) {
    for (const name of environments?.names ?? []) {
      const first = compileState({ ...files, environment: { name } });
      const regions = first.environment?.regions ?? [];
      for (const [i, region] of (regions.length ? regions : [undefined]).entries()) {
        const r = i === 0 ? first : compileState({ ...files, environment: { name, region } });
        all.push(
          ...r.issues,
          ...runRules({ model: r.model, sources: r.sources, root: files.root, documents: r.documents }),
        );
      }
    }
  }
  all.sort(compareIssues);
  return {
    valid: !all.some((i) => i.severity === 'error'),
    model,
    issues: dedupe(all),
    sources,
    files,
    ...(environment ? { environment } : {}),
    ...(environments ? { environments } : {}),
  };
}

/**
 * `region`: `--region`, used only when gateway.yaml declares none — or, with `environment`,
 * which of the environment's regions to resolve.
 */
export async function validateState(
  dir: string,
  opts: ReadOptions & { region?: string; environment?: string; allEnvironments?: boolean } = {},
): Promise<ValidationResult> {
  const read = await readStateDir(dir, opts);
  const files = opts.allEnvironments ? { ...read, validateEnvironments: true } : read;
  if (opts.environment)
    return validateFiles({
      ...files,
      environment: { name: opts.environment, ...(opts.region ? { region: opts.region } : {}) },
    });
  return validateFiles(opts.region ? { ...files, regionOverride: opts.region } : files);
}

export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  const l = a.location;
  const r = b.location;
  return l.file < r.file
    ? -1
    : l.file > r.file
      ? 1
      : l.line - r.line || l.column - r.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.location.file}:${i.location.line}:${i.location.column}:${i.code}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export { formatIssuesText, formatIssuesJson } from './format.js';
