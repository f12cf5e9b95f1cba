/**
 * PURE: the environments a state declares, read without compiling it — which exist, in what
 * order they are promoted, and where each lives (regions, account) — for the commands and
 * the GitHub runners that iterate over them. Files that do not parse are left out here;
 * compiling the state reports them.
 */
import type { EnvironmentAccount, EnvironmentGate } from '../../model/environment.js';
import type { ValidationIssue } from '../../model/issue.js';
import type { StateFiles } from '../types.js';
import { parseSource } from '../yaml-source.js';
import { didYouMean } from '../did-you-mean.js';
import { environmentNames } from './resolve.js';
import { environmentSchema } from './schema.js';

export interface DeclaredEnvironment {
  name: string;
  regions: string[];
  account: EnvironmentAccount;
  gate: EnvironmentGate;
}

export interface DeclaredEnvironments {
  names: string[];
  /** gateway.yaml `promotion:`. */
  promotion?: string[];
  /** Each environment whose file parses, by name. */
  byName: Record<string, DeclaredEnvironment>;
}

export function declaredEnvironments(files: StateFiles): DeclaredEnvironments {
  const names = environmentNames(files.files);
  const byName: Record<string, DeclaredEnvironment> = {};
  const scratch: ValidationIssue[] = [];
  for (const name of names) {
    const rel = files.files.has(`environments/${name}.yaml`) ? `environments/${name}.yaml` : `environments/${name}.yml`;
    const parsed = environmentSchema.safeParse(parseSource(rel, rel, files.files.get(rel)!, scratch).value ?? {});
    if (!parsed.success) continue;
    const f = parsed.data;
    byName[name] = {
      name,
      regions: f.regions ?? (f.region ? [f.region] : []),
      account: { ...f.account },
      gate: { soakSeconds: f.promotion?.soakSeconds ?? 0, approval: f.promotion?.approval ?? false },
    };
  }
  const gw = files.files.get('gateway.yaml');
  const raw =
    gw === undefined
      ? undefined
      : (parseSource('gateway.yaml', 'gateway.yaml', gw, scratch).value as { promotion?: unknown } | undefined);
  const promotion =
    Array.isArray(raw?.promotion) && raw.promotion.every((n) => typeof n === 'string')
      ? (raw.promotion as string[])
      : undefined;
  return { names, ...(promotion ? { promotion } : {}), byName };
}

/** The order environments are applied in: `promotion:` first, then any others by name. */
export function promotionOrder(d: Pick<DeclaredEnvironments, 'names' | 'promotion'>): string[] {
  const first = (d.promotion ?? []).filter((n) => d.names.includes(n));
  return [...first, ...d.names.filter((n) => !first.includes(n))];
}

/** The message for `--env <name>` naming no environment of the state. */
export function unknownEnvironmentMessage(name: string, names: string[]): { message: string; hint: string } {
  const guess = didYouMean(name, names);
  return {
    message: `no environment "${name}"${guess ? ` — did you mean "${guess}"?` : ''}: the state declares ${names.length ? names.join(', ') : 'none (no environments/<name>.yaml)'}`,
    hint: guess
      ? `use --env ${guess}`
      : names.length
        ? `use --env ${names[0]}, or --all-envs`
        : 'add environments/<name>.yaml first',
  };
}
