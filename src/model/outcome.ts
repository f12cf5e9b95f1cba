import type { ApigwSyncError } from './errors.js';

/**
 * Outcomes are values. `failure` means a check said no (invalid input, drift found,
 * alarm fired); `error` means something broke. The CLI maps them to exit codes.
 */
export type Outcome<T> =
  { kind: 'ok'; value: T } | { kind: 'failure'; reason: string; value?: T } | { kind: 'error'; error: ApigwSyncError };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const failure = <T>(reason: string, value?: T): Outcome<T> => ({ kind: 'failure', reason, value });
export const error = <T>(e: ApigwSyncError): Outcome<T> => ({ kind: 'error', error: e });
