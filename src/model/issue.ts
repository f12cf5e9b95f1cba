/** A place in a gateway-state file, as people and editors count (1-based). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem found in gateway-state. Validation reports all of them, not the first. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `unknown-key`, `duplicate-route`, `http-api-cache`. */
  code: string;
  message: string;
  /** How to fix it, in one sentence. */
  hint?: string;
  /** Relative to the gateway-state directory's parent (as the user typed it). */
  location: SourceLocation;
  /** Path inside the document, e.g. `stages.prod.cache.sizeGb`. */
  path?: string;
  /** Other places involved (e.g. the first definition of a duplicate route). */
  related?: SourceLocation[];
}
