import type { ApiKind } from '../model/api.js';
import type { Change, ChangeAction, ChangeTarget } from '../model/change.js';
import { fieldChanges } from './fields.js';
import { flagsFor } from './flags.js';

export interface ChangeSpec {
  apiKey: string;
  apiKind: ApiKind;
  target: ChangeTarget;
  action: ChangeAction;
  name: string;
  before?: unknown;
  after?: unknown;
}

/** The one place a Change is assembled: id, field list (updates only) and flags. */
export function makeChange(s: ChangeSpec): Change {
  const change: Change = {
    id: `${s.apiKey}/${s.target}/${s.name}`,
    apiKey: s.apiKey,
    apiKind: s.apiKind,
    target: s.target,
    action: s.action,
    name: s.name,
    fields: s.action === 'update' ? fieldChanges(s.before, s.after) : [],
    flags: flagsFor(s),
  };
  if (s.before !== undefined) change.before = s.before;
  if (s.after !== undefined) change.after = s.after;
  return change;
}
