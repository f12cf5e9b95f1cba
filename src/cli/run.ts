import { ApigwSyncError } from '../model/errors.js';

/** Exit codes shared by every command (see README). */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

/**
 * Wraps a command's action: the action returns its exit code; a typed error is printed
 * once, as the user should read it, and exits 1. Anything else is a bug: print the stack.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number> | number) {
  return async (...args: A): Promise<void> => {
    try {
      process.exitCode = await fn(...args);
    } catch (e) {
      if (e instanceof ApigwSyncError) {
        process.stderr.write(`error: ${e.describe()}\n`);
      } else {
        process.stderr.write(`internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
      }
      process.exitCode = EXIT.error;
    }
  };
}
