/**
 * The StepExecutor of the account scope: one writer for every account-scope step of a plan
 * (both parts, before and after the APIs), keeping the live picture (records and ids) current
 * as it writes, so the API executors can resolve names to ids (a VPC link created a moment
 * ago) and the second part sees what the first did.
 */
import type { AccountIds, AccountModel, AccountRecordRef, LiveAccount } from '../../model/account.js';
import type { ChangeTarget } from '../../model/change.js';
import { ApigwSyncError } from '../../model/errors.js';
import { TAG_ID, TAG_KEY_VALUE, TAG_MANAGED, TAG_OWNER } from '../../model/live.js';
import { valueTagFor } from '../key-values/hash.js';
import type { SecretValue } from '../key-values/secret.js';
import type { PlanStep, StepExecutor } from '../../model/plan.js';
import type { AccountWriteContext } from '../../kinds/account-kind.js';
import { accountKindOf, emptyAccount, kindOf } from '../../kinds/registry.js';
import type { AwsClients } from '../clients.js';
import type { AwsCaller } from '../apply/call.js';
import {
  adoptAccountRecord,
  finishReplacements,
  syncAccountRecord,
  type AccountWaitOptions,
  type AccountWaitProgress,
  type AccountWriter,
} from './writer.js';

export interface AccountExecutorOptions {
  clients: Pick<AwsClients, 'apigw' | 'apigwv2'>;
  caller: AwsCaller;
  /** The clients' region: every ARN names it. */
  region: string;
  /** The state's account records (absent: none declared). */
  desired?: AccountModel;
  /** As read before the apply. */
  live?: LiveAccount;
  /** The directory's owner id, tagged on every record this apply creates or adopts. */
  ownerId?: string;
  /** Folder key → live API id (read, or created by this apply's API units). */
  apiIdOf(apiKey: string): string | undefined;
  wait?: AccountWaitOptions;
  onWait?: (p: AccountWaitProgress) => void;
}

export class AccountExecutor implements StepExecutor {
  readonly cur: AccountModel;
  readonly ids: AccountIds;
  private readonly writer: AccountWriter;

  constructor(private readonly o: AccountExecutorOptions) {
    this.cur = structuredClone(o.live?.model ?? emptyAccount());
    this.ids = structuredClone(o.live?.ids ?? {});
    const wire: AccountWriteContext = {
      apiId: '',
      ids: {
        idOf: () => undefined,
        requireId: (target, name) => {
          throw new ApigwSyncError('UNKNOWN_REFERENCE', `${target} "${name}" belongs to an API, not to the account`);
        },
      },
      apiIdOf: (apiKey) => {
        const id = o.apiIdOf(apiKey);
        if (!id) {
          throw new ApigwSyncError('UNKNOWN_REFERENCE', `API "${apiKey}" does not exist in AWS`, {
            hint: `declare apis/${apiKey}/ in gateway-state; the plan creates it before what refers to it`,
          });
        }
        return id;
      },
      idOf: (target, key) => this.ids[target]?.[key],
      keyValueOf: (key) => {
        const v = o.live?.keyValues?.[key];
        if (v instanceof Error) throw v;
        if (!v)
          throw new ApigwSyncError(
            'KEY_VALUE_UNAVAILABLE',
            `API key "${key}": its value was not read from its source`,
            { hint: 'run apply again; the value is read with the live state' },
          );
        const { tag } = valueTagFor(v as SecretValue);
        return { value: v, tags: { [TAG_KEY_VALUE]: tag } };
      },
    };
    this.writer = {
      clients: o.clients,
      caller: o.caller,
      region: o.region,
      desired: o.desired ?? emptyAccount(),
      cur: this.cur,
      ids: this.ids,
      wire,
      toolTags: (_target: ChangeTarget, key: string) => ({
        [TAG_ID]: key,
        [TAG_MANAGED]: 'true',
        ...(o.ownerId ? { [TAG_OWNER]: o.ownerId } : {}),
      }),
      wait: o.wait,
      onWait: o.onWait,
      retired: [],
    };
  }

  /** After the APIs: delete what was replaced make-before-break (a VPC link whose targets changed). */
  finish(): Promise<void> {
    return finishReplacements(this.writer);
  }

  async execute(step: PlanStep): Promise<void> {
    const kind = accountKindOf(step.change.target);
    if (!kind)
      throw new ApigwSyncError(
        'NOT_ACCOUNT_SCOPE',
        `${step.change.target} ${step.change.name} is not an account-scope change`,
      );
    await syncAccountRecord(kind, step.change, this.writer);
  }

  /** Account records have no deployments. */
  async deploy(): Promise<void> {}

  /** Tags the records the plan adopts (no owner yet) with the owner id. Returns the writes made. */
  async adopt(refs: readonly AccountRecordRef[]): Promise<number> {
    for (const r of refs)
      await adoptAccountRecord(kindOf(r.target) as Parameters<typeof adoptAccountRecord>[0], r.key, r.id, this.writer);
    return refs.length;
  }
}
