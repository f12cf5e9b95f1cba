/**
 * Flags on each Change, with one short reason per concern, from the registry:
 *
 * redeploy — the change lives in a deployment snapshot (kinds with `snapshot`: routes,
 *   integrations, authorizers, request validators, models), a field row says so (REST
 *   binary media types, the execute-api endpoint switch), or a new stage needs its first
 *   deployment. Stage settings and tags apply without one. HTTP APIs: same set; the
 *   deployment mechanism differs (auto-deploy stages need none — see plan/deployments.ts).
 * breaking — a client that works today may fail after: the kind's rules and its field
 *   rows (route removed, auth added, new required parameter, CORS narrowed, …).
 * destructive — something is deleted (or replaced).
 * security — protection or auditing is weakened (a stage's web ACL removed or replaced,
 *   access logging turned off): set only when true, so plans without it are unchanged.
 */
import type { ChangeAction, ChangeFlags } from '../model/change.js';
import { fieldFlags } from '../kinds/field.js';
import type { FlagInput } from '../kinds/kind.js';
import { kindOf } from '../kinds/registry.js';

export type { FlagInput } from '../kinds/kind.js';

export function flagsFor(c: FlagInput): ChangeFlags {
  const kind = kindOf(c.target);
  const acc = { redeploy: [] as string[], breaking: [] as string[], security: [] as string[] };
  const destructive: string[] = [];

  if (kind.snapshot) acc.redeploy.push(`${kind.label} ${pastTense(c.action)}`);
  if (c.action === 'delete') destructive.push(`${kind.label} deleted`);
  kind.flags?.(c, acc);
  if (c.action === 'update' && kind.fields && c.before !== undefined && c.after !== undefined && c.apiKind) {
    const f = fieldFlags(kind.fields, c.apiKind, c.before, c.after);
    acc.redeploy.push(...f.redeploy);
    acc.breaking.push(...f.breaking);
    acc.security.push(...f.security);
  }

  return {
    redeploy: acc.redeploy.length > 0,
    breaking: acc.breaking.length > 0,
    destructive: destructive.length > 0,
    ...(acc.security.length > 0 ? { security: true } : {}),
    reasons: [...new Set([...acc.security, ...acc.breaking, ...destructive, ...acc.redeploy])],
  };
}

function pastTense(a: ChangeAction): string {
  return a === 'create' ? 'added' : a === 'update' ? 'changed' : 'deleted';
}
