/**
 * Validation = compile (structure: YAML, schema, OpenAPI, conflicts) + semantic rules.
 * `validateFiles` is pure; `validateState` reads the directory first.
 */
import type { GatewayModel } from '../model/api.js';
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
}

export function validateFiles(files: StateFiles): ValidationResult {
  const { model, issues, sources, documents } = compileState(files);
  const all = [...issues, ...runRules({ model, sources, root: files.root, documents })];
  all.sort(compareIssues);
  return { valid: !all.some((i) => i.severity === 'error'), model, issues: dedupe(all), sources, files };
}

/** `region`: `--region`, used only when gateway.yaml declares none. */
export async function validateState(dir: string, opts: ReadOptions & { region?: string } = {}): Promise<ValidationResult> {
  const files = await readStateDir(dir, opts);
  return validateFiles(opts.region ? { ...files, regionOverride: opts.region } : files);
}

export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  const l = a.location;
  const r = b.location;
  return l.file < r.file ? -1 : l.file > r.file ? 1 : l.line - r.line || l.column - r.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
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
