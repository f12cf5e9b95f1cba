/**
 * Typed errors. Each says what went wrong, where (file:line:column and/or a path in the
 * model), and how to fix it. Thrown at the edges, caught once in cli.ts / github/.
 */

import type { SourceLocation, ValidationIssue } from './issue.js';

export type { SourceLocation } from './issue.js';

export class ApigwSyncError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly location?: SourceLocation;

  constructor(code: string, message: string, opts: { hint?: string; location?: SourceLocation; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = opts.hint;
    this.location = opts.location;
  }

  /** `file:line:col: message (hint)` — one line a person can act on. */
  describe(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  fix: ${this.hint}` : ''}`;
  }
}

/** The gateway-state files are invalid; carries every issue found in one run. */
export class InvalidStateError extends ApigwSyncError {
  constructor(readonly issues: ValidationIssue[]) {
    super('INVALID_STATE', `gateway-state is invalid: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
      hint: 'fix the problems listed above, then run `apigw-sync validate` again',
    });
  }
}

/** An AWS call failed in a way retries did not fix. */
export class AwsCallError extends ApigwSyncError {
  constructor(
    readonly operation: string,
    readonly awsCode: string,
    message: string,
    opts: { hint?: string; cause?: unknown; status?: number } = {},
  ) {
    super(`AWS_${awsCode}`, `${operation} failed: ${awsCode}: ${message}`, opts);
  }
}

/** The live API cannot be matched to the state unambiguously. */
export class AmbiguousApiError extends ApigwSyncError {
  constructor(name: string, ids: string[]) {
    super('AMBIGUOUS_API', `more than one live API is named "${name}" (${ids.join(', ')})`, {
      hint: `tag the right one with apigw-sync:id=<api key>, or rename the others; apigw-sync never guesses`,
    });
  }
}

/** Another apply holds the lock on this API. */
export class LockedError extends ApigwSyncError {
  constructor(apiName: string, owner: string, expires: string) {
    super('LOCKED', `API "${apiName}" is locked by ${owner} until ${expires}`, {
      hint: 'wait for the other apply to finish; if it died, run `apigw-sync unlock --api ' + apiName + '`',
    });
  }
}

/** The plan being applied is not the plan that was reviewed. */
export class FingerprintMismatchError extends ApigwSyncError {
  constructor(expected: string, actual: string) {
    super('FINGERPRINT_MISMATCH', `the plan fingerprint is ${actual}, but ${expected} was approved`, {
      hint: 'AWS or gateway-state changed since the review: run `apigw-sync plan` again and get the new plan approved',
    });
  }
}

/** gateway-state declares something other than what the reviewers approved. */
export class UnreviewedStateError extends ApigwSyncError {
  readonly unreviewed: string[];
  constructor(why: string, unreviewed: string[]) {
    super('UNREVIEWED_STATE', `refusing to apply: ${why}`, {
      hint: 'gateway-state changed after the review (a later push, or a merge that combined other changes): open a pull request with the state you want and get it approved',
    });
    this.unreviewed = unreviewed;
  }
}

/** Bad command-line usage. */
export class UsageError extends ApigwSyncError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, { hint });
  }
}

/**
 * Two regions disagree about where the state's APIs live. The state's own region wins
 * everywhere; nothing silently plans or applies a state in a region it does not name.
 */
export class RegionMismatchError extends ApigwSyncError {
  constructor(
    readonly stateRegion: string,
    readonly otherRegion: string,
    readonly otherSource: string,
    where = 'gateway.yaml',
  ) {
    super('REGION_MISMATCH', `${where} says region ${stateRegion}, but ${otherSource} says ${otherRegion}`, {
      hint:
        `the state's region is the one that changes: set ${otherSource} to ${stateRegion} (or unset it), ` +
        `or change \`region:\` in ${where} if the APIs really live in ${otherRegion}`,
    });
  }
}
