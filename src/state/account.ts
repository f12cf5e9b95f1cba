/**
 * PURE: the account-scope files of a gateway-state (`<dir>/<name>.yaml` for each account
 * kind's folder: client-certificates/, vpc-links/, domains/, …) → AccountModel, with every
 * problem at its file, line and column, and where each record and field was declared
 * (sources keys `account/<target>/<key>[/<field>…]`, see accountSourceKey).
 */
import { posix } from 'node:path';
import type { AccountModel } from '../model/account.js';
import type { ChangeTarget } from '../model/change.js';
import type { ValidationIssue } from '../model/issue.js';
import { accountRecordsOf, type AccountLoadContext } from '../kinds/account-kind.js';
import { ACCOUNT_KINDS, accountIsEmpty, emptyAccount, kindOf } from '../kinds/registry.js';
import { sourceFor, type RefContext } from './openapi/refs.js';
import type { SourceMap } from './types.js';
import { locateIn, type SourceDoc } from './yaml-source.js';
import { zodToIssues } from './zod-issues.js';

const FILE = /^([^/]+)\.(ya?ml|json)$/;

/** The sources key of an account record (and of a field below it: `accountSourceKey('domain', 'api.example.com', 'certificateArn')`). */
export function accountSourceKey(target: ChangeTarget, key: string, ...fields: Array<string | number>): string {
  return ['account', target, key, ...fields.map(String)].join('/');
}

/**
 * Every account file of the state, compiled; undefined when the state has none. With an
 * environment, a kind's folder under `environments/<env>/` (e.g. `environments/dev/domains/`)
 * replaces the base's folder of that kind: domains, certificates and load balancers belong to
 * one account and region, so an environment elsewhere names its own.
 */
export function compileAccount(
  ctx: RefContext,
  o: { region: string; sources: SourceMap; environment?: string },
): AccountModel | undefined {
  const model = emptyAccount();
  const issues = ctx.issues;
  for (const kind of ACCOUNT_KINDS) {
    const spec = kind.account.state;
    if (!spec) continue;
    const own = o.environment ? `environments/${o.environment}/${spec.dir}/` : undefined;
    const prefix = own && [...ctx.files.keys()].some((f) => f.startsWith(own)) ? own : `${spec.dir}/`;
    const names = new Map<string, string>();
    for (const rel of [...ctx.files.keys()].filter((f) => f.startsWith(prefix)).sort()) {
      const m = FILE.exec(rel.slice(prefix.length));
      const at = { file: posix.join(ctx.root, rel), line: 1, column: 1 };
      if (!m) {
        issues.push({
          severity: 'error',
          code: 'account-file-misplaced',
          location: at,
          message: `${rel}: ${spec.dir}/ holds one <name>.yaml per ${kind.label}, not sub-folders`,
          hint: `move the file to ${spec.dir}/<name>.yaml`,
        });
        continue;
      }
      const name = m[1];
      if (!spec.name.pattern.test(name)) {
        issues.push({
          severity: 'error',
          code: 'bad-account-name',
          location: at,
          message: `${rel}: "${name}" is not a valid ${kind.label} name`,
          hint: spec.name.hint,
        });
        continue;
      }
      const first = names.get(name);
      if (first) {
        issues.push({
          severity: 'error',
          code: 'duplicate-account-record',
          location: at,
          message: `${rel} declares ${kind.label} "${name}" again (first in ${first})`,
          hint: 'keep one file per name',
        });
        continue;
      }
      names.set(name, rel);
      const src = sourceFor(ctx, rel);
      if (!src || src.value === undefined) continue;
      const parsed = spec.schema.safeParse(src.value ?? {}, { reportInput: true });
      if (!parsed.success) {
        issues.push(...zodToIssues(parsed.error, spec.schema, src, rel));
        continue;
      }
      spec.load(name, parsed.data as never, loadContext(model, src, { region: o.region, sources: o.sources, issues }));
    }
  }
  return accountIsEmpty(model) ? undefined : model;
}

function loadContext(
  model: AccountModel,
  src: SourceDoc,
  o: { region: string; sources: SourceMap; issues: ValidationIssue[] },
): AccountLoadContext {
  return {
    region: o.region,
    add(target, key, record, path) {
      const kind = kindOf(target);
      const records = accountRecordsOf(kind, model) as Record<string, unknown>;
      const base = accountSourceKey(target, key);
      if (key in records) {
        o.issues.push({
          severity: 'error',
          code: 'duplicate-account-record',
          location: locateIn(src, path, { key: true }),
          related: o.sources[base] ? [o.sources[base]] : undefined,
          message: `${kind.label} "${key}" is declared twice`,
          hint: 'declare it once',
        });
        return;
      }
      records[key] = record;
      o.sources[base] = locateIn(src, path, { key: path.length > 0 });
      registerFields(o.sources, base, src, path, valueAt(src.value, path), 0);
    },
    issue(i) {
      o.issues.push({
        severity: i.severity ?? 'error',
        code: i.code,
        message: i.message,
        hint: i.hint,
        location: locateIn(src, i.path, { key: true }),
      });
    },
  };
}

function valueAt(v: unknown, path: Array<string | number>): unknown {
  let cur = v;
  for (const seg of path)
    cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

/** Where each field (and, a few levels down, each member) of a record's object is declared. */
function registerFields(
  sources: SourceMap,
  base: string,
  src: SourceDoc,
  path: Array<string | number>,
  value: unknown,
  depth: number,
): void {
  if (depth > 2 || value === null || typeof value !== 'object') return;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as object);
  for (const [k, v] of entries) {
    const key = `${base}/${k}`;
    sources[key] = locateIn(src, [...path, k]);
    registerFields(sources, key, src, [...path, k], v, depth + 1);
  }
}
