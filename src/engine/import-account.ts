/**
 * importAccountRecord: adopt one live account-scope record (a custom domain with its
 * mappings, a VPC link, a client certificate, …). Finds it by id or name, reads it with the
 * same reader plan uses, writes `<dir>/<key>.yaml`, and tags it with `apigw-sync:id` (its
 * key: a client certificate has no other name), the managed tag and the directory's owner
 * id, so the next plan matches it and shows no changes. Existing files are never overwritten.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AccountModel, LiveAccount } from '../model/account.js';
import type { ChangeTarget } from '../model/change.js';
import { UsageError } from '../model/errors.js';
import { TAG_ID, TAG_OWNER } from '../model/live.js';
import { accountRecordsOf } from '../kinds/account-kind.js';
import { emptyAccount, kindOf } from '../kinds/registry.js';
import { splitTags } from '../kinds/tags/split.js';
import { loadState } from '../state/index.js';
import { emitAccountRecord, emitGatewayYaml } from '../import/index.js';
import type { AwsClients } from '../aws/clients.js';
import { listApis } from '../aws/read/index.js';
import { matchApis } from '../aws/match.js';
import { listAccount, matchListedAccount, readAccountChildren, type ReadAccountInput } from '../aws/account/read.js';
import type { ListedAccountItem } from '../aws/account/match.js';
import { AwsCaller } from '../aws/apply/index.js';
import { AccountExecutor } from '../aws/account/executor.js';

export interface ImportAccountOptions {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2' | 'region'>;
  target: ChangeTarget;
  /** The record's id or name. */
  record: string;
  outDir?: string;
  /** The file name (the record's key) when it has neither an `apigw-sync:id` tag nor a name. */
  key?: string;
  ownerId?: string;
  /** Adopt a record another owner manages (re-tagged with this owner id). */
  takeOver?: boolean;
}

export interface ImportAccountResult {
  key: string;
  id: string;
  live: LiveAccount;
  written: string[];
  warnings: string[];
  tookOverFrom?: string;
}

export async function importAccountRecord(o: ImportAccountOptions): Promise<ImportAccountResult> {
  const outDir = o.outDir ?? 'gateway-state';
  const kind = kindOf(o.target);
  const scope = kind.account;
  if (!scope?.state)
    throw new UsageError(`${kind.label}s cannot be imported on their own`, 'import the record they belong to');
  // The directory's APIs: a mapping names one by its folder key.
  const state = existsSync(join(outDir, 'gateway.yaml')) ? (await loadState(outDir)).model : undefined;
  const [apis, listed] = await Promise.all([listApis(o.clients), listAccount(o.clients)]);
  const { matched } = matchApis(state?.apis ?? {}, apis, { owner: state?.owner ?? o.ownerId });
  const found = findRecord(listed, o.target, o.record, kind.label);
  const tags = (found.item[found.spec.tags] ?? {}) as Record<string, string>;
  const { tool } = splitTags(tags);
  const id = String(found.item[found.spec.id]);
  const otherOwner = tool[TAG_OWNER] !== undefined && tool[TAG_OWNER] !== o.ownerId ? tool[TAG_OWNER] : undefined;
  if (otherOwner && !o.takeOver) {
    throw new UsageError(
      `${kind.label} ${o.record} (${id}) is managed by another owner: ${otherOwner}`,
      `its directory plans and applies it; to move it to this one, pass --take-over (${otherOwner} should then delete its file)`,
    );
  }
  if (otherOwner && !o.ownerId)
    throw new UsageError(
      "--take-over needs this directory's owner id",
      'add `owner: <repository>:<path>` to gateway.yaml, or pass --owner',
    );
  const name = found.spec.name ? (found.item[found.spec.name] as string | undefined) : undefined;
  const key = o.key ?? tool[TAG_ID] ?? name;
  if (!key)
    throw new UsageError(
      `${kind.label} ${id} has no name: AWS gives it none`,
      `pass --key <name>: the file ${scope.state.dir}/<name>.yaml and the record's apigw-sync:id tag`,
    );
  if (!scope.state.name.pattern.test(key))
    throw new UsageError(`"${key}" cannot name a ${kind.label} file`, scope.state.name.hint);
  const file = join(outDir, scope.state.dir, `${key}.yaml`);
  if (existsSync(file))
    throw new UsageError(
      `${file} already exists`,
      'import never overwrites: remove the file, or pass --key with another name',
    );

  // Read it as plan does: declared under its key, so it is this directory's whatever its tags say.
  const declared = emptyAccount();
  (accountRecordsOf(kind, declared) as Record<string, unknown>)[key] = {};
  const keyById = new Map(Object.entries(matched).map(([k, a]) => [a.apiId, k]));
  const kindById = new Map(apis.map((a) => [a.apiId, a.kind]));
  const input: ReadAccountInput = {
    clients: o.clients,
    desired: declared,
    owner: undefined,
    apiKeyOf: (x) => keyById.get(x),
    apiKindOf: (x) => kindById.get(x),
  };
  // (Another owner's tag too: --take-over has been checked above.)
  const { [TAG_OWNER]: _owner, ...ownTags } = tags;
  const item = { ...found, item: { ...found.item, [found.spec.tags]: { ...ownTags, [TAG_ID]: key } } };
  const parents = parentsOf(kind, listed, state, o.ownerId);
  for (const l of parents)
    (accountRecordsOf(kindOf(l.target), declared) as Record<string, unknown>)[
      (l.item[l.spec.tags] as Record<string, string>)[TAG_ID]
    ] = {};
  const live = matchListedAccount(input, [item, ...parents]);
  await readAccountChildren(input, live);
  const { files, warnings } = emitAccountRecord(o.target, key, live.model, { region: o.clients.region, id });
  if (!existsSync(join(outDir, 'gateway.yaml')))
    files['gateway.yaml'] = emitGatewayYaml(o.clients.region, o.takeOver ? o.ownerId : undefined);
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const path = join(outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { flag: 'wx' });
    written.push(rel);
  }
  // The files first: a failure here leaves them, and importing again needs nothing undone.
  const executor = new AccountExecutor({
    clients: o.clients,
    caller: new AwsCaller(),
    region: o.clients.region,
    live,
    ownerId: o.ownerId,
    apiIdOf: () => undefined,
  });
  await executor.adopt([{ target: o.target, key, id }]);
  return { key, id, live, written, warnings, ...(otherOwner ? { tookOverFrom: otherOwner } : {}) };
}

/**
 * For a record read in part through records of another kind (an API key's usage plans, from
 * each plan's keys): those of this directory — declared in its state, or tagged with its owner
 * id — so the record's file names them.
 */
function parentsOf(
  kind: ReturnType<typeof kindOf>,
  listed: ListedAccountItem[],
  state: { account?: AccountModel } | undefined,
  ownerId: string | undefined,
): ListedAccountItem[] {
  const parent = kind.account?.readEach?.parent;
  if (!parent || parent === kind.target) return [];
  const declared = accountRecordsOf(kindOf(parent), state?.account);
  return listed
    .filter((l) => l.target === parent)
    .flatMap((l) => {
      const tool = splitTags((l.item[l.spec.tags] ?? {}) as Record<string, string>).tool;
      const name = l.spec.name ? (l.item[l.spec.name] as string | undefined) : undefined;
      const key = tool[TAG_ID] ?? name;
      const ours = key !== undefined && (key in declared || (ownerId !== undefined && tool[TAG_OWNER] === ownerId));
      if (!ours) return [];
      // Read as the record above is: declared under its key, whatever its tags say.
      const { [TAG_OWNER]: _owner, ...rest } = (l.item[l.spec.tags] ?? {}) as Record<string, string>;
      return [{ ...l, item: { ...l.item, [l.spec.tags]: { ...rest, [TAG_ID]: key } } }];
    });
}

function findRecord(
  listed: ListedAccountItem[],
  target: ChangeTarget,
  wanted: string,
  label: string,
): ListedAccountItem {
  const mine = listed.filter((l) => l.target === target);
  const byId = mine.find((l) => String(l.item[l.spec.id]) === wanted);
  if (byId) return byId;
  const named = mine.filter(
    (l) =>
      (l.spec.name && l.item[l.spec.name] === wanted) ||
      splitTags(l.item[l.spec.tags] as Record<string, string>).tool[TAG_ID] === wanted,
  );
  if (named.length > 1) throw new UsageError(`${named.length} ${label}s are named "${wanted}"`, 'import it by its id');
  if (named.length === 0)
    throw new UsageError(
      `no ${label} with id or name "${wanted}"`,
      'check the id or name in the console or with the AWS CLI, and AWS_REGION',
    );
  return named[0];
}
