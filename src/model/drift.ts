import type { DriftItem } from './change.js';
import type { ElsewhereLiveApi, UnmanagedLiveApi } from './live.js';

/** What drift detection found: produced by diff/, rendered by render/, reported by github/. */
export interface DriftReport {
  region: string;
  /** Per API, what AWS has that Git does not explain. */
  items: DriftItem[];
  /** Live APIs no folder in gateway-state describes (listed, never deleted by drift). */
  onlyInAws: UnmanagedLiveApi[];
  /** APIs of other owners (other directories in the same account): listed, never drift, never pruned. */
  managedElsewhere?: ElsewhereLiveApi[];
  /** API key → ApiModel.secrets names, so drift renders mask them. */
  secrets?: Record<string, string[]>;
}
