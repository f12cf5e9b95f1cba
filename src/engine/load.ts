/** Loading the desired state for the engine: compile + semantic rules (the same as `validate`). */
import type { GatewayModel } from '../model/api.js';
import type { ValidationIssue } from '../model/issue.js';
import { formatIssuesText, validateState } from '../validate/index.js';
import type { EventSink } from './events.js';

export interface LoadedState {
  model: GatewayModel;
  issues: ValidationIssue[];
  /** True when any issue is an error: nothing may be written to AWS. */
  invalid: boolean;
  /** The issues as `validate` prints them (file:line:column, hint). */
  issuesText: string;
}

export async function loadDesired(dir: string, events: EventSink): Promise<LoadedState> {
  const result = await validateState(dir);
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  events({ type: 'state.loaded', dir, apis: Object.keys(result.model.apis).length, errors, warnings: result.issues.length - errors });
  return {
    model: result.model,
    issues: result.issues,
    invalid: !result.valid,
    issuesText: result.issues.length ? formatIssuesText(result.issues, result.files) : '',
  };
}
