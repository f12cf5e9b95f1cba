/** PURE: one live account-scope record → the gateway-state file that declares it (`<dir>/<key>.yaml`). */
import { stringify } from 'yaml';
import type { AccountModel } from '../model/account.js';
import type { ChangeTarget } from '../model/change.js';
import { accountRecordsOf } from '../kinds/account-kind.js';
import { kindOf } from '../kinds/registry.js';

const YAML_OPTS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

export interface EmittedAccountRecord {
  /** Path relative to the gateway-state directory → file text. */
  files: Record<string, string>;
  warnings: string[];
}

export function emitAccountRecord(
  target: ChangeTarget,
  key: string,
  account: AccountModel,
  o: { region: string; id: string },
): EmittedAccountRecord {
  const kind = kindOf(target);
  const spec = kind.account?.state;
  if (!spec) throw new Error(`${kind.label}s are not declared in files of their own`);
  const rec = accountRecordsOf(kind, account)[key];
  const { value, warnings } = spec.emit(key, rec, account, { region: o.region });
  const header = `# Imported by apigw-sync from the live ${kind.label} ${o.id === key ? key : `${key} (${o.id})`}.\n`;
  const body = Object.keys(value).length > 0 ? stringify(value, YAML_OPTS) : '{}\n';
  return { files: { [`${spec.dir}/${key}.yaml`]: header + body }, warnings };
}
