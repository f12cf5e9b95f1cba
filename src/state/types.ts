import type { GatewayModel } from '../model/api.js';
import type { SourceLocation } from '../model/errors.js';
import type { ValidationIssue } from '../model/issue.js';
import type { SourceDoc } from './yaml-source.js';
import type { EnvironmentSettings } from '../model/environment.js';
import type { EnvironmentsDeclared } from './environments/gateway.js';

/** The raw text of a gateway-state directory: the only thing the pure compiler sees. */
export interface StateFiles {
  /** The directory as the user typed it (e.g. `gateway-state`); prefixes every reported file. */
  root: string;
  /** Relative POSIX path inside `root` (e.g. `apis/shop/api.yaml`) → file text. */
  files: Map<string, string>;
  /** Problems found while reading (symlinks leaving the dir, binary files, too large, …). */
  issues?: ValidationIssue[];
  /** `--region` for a state whose gateway.yaml declares none (it never overrides a declared region). */
  regionOverride?: string;
  /**
   * The environment to resolve (`environments/<name>.yaml` over the base) and, for one that
   * spans several regions, which of them (default: its first). Absent: the base as it is.
   */
  environment?: { name: string; region?: string };
  /**
   * Check the base for what it is in a state with environments — a template, whose region may
   * come from each environment — and check every environment too (`validate`, the GitHub
   * runners). Without it and without `environment`, the base is checked as a state on its own.
   */
  validateEnvironments?: boolean;
}

/**
 * Where each part of the model was declared. Keys:
 * `<api>`, `<api>/stages/<name>`, `<api>/routes/<route key>`, `<api>/authorizers/<name>`,
 * `<api>/requestValidators/<name>`, `<api>/rollout`, plus finer keys below those
 * (e.g. `<api>/stages/prod/cache/sizeGb`). Use `locate()` to walk up to the nearest one.
 */
export type SourceMap = Record<string, SourceLocation>;

export interface CompileResult {
  model: GatewayModel;
  issues: ValidationIssue[];
  sources: SourceMap;
  /** Each API's parsed OpenAPI files, for the rules that check the extensions themselves. */
  documents: Record<string, SourceDoc[]>;
  /** The environment this compile resolved (StateFiles.environment), when it is valid. */
  environment?: EnvironmentSettings;
  /** The environments the state declares and gateway.yaml's `promotion:`; absent when it declares none. */
  environments?: EnvironmentsDeclared;
}
