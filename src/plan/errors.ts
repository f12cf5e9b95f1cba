import { ApigwSyncError } from '../model/errors.js';

/** A plan file that cannot be used: not JSON, not a plan, another version, or edited by hand. */
export class PlanFileError extends ApigwSyncError {
  constructor(message: string, opts: { file?: string; hint?: string; cause?: unknown } = {}) {
    super('BAD_PLAN_FILE', `${opts.file ? `${opts.file}: ` : ''}${message}`, {
      hint: opts.hint ?? 'write a fresh plan with `apigw-sync plan --out plan.json` and apply that file',
      cause: opts.cause,
    });
  }
}
