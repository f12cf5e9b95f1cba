/** Set-up for the read-side integration tests: an emulator (quotas on, 20× refill) and clients built by createAwsClients. */
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { loadState } from '../../../src/state/index.js';
import { buildPlan, walkPlan } from '../../../src/plan/index.js';
import { AwsCaller, createApiExecutor, directDeployer } from '../../../src/aws/apply/index.js';
import { subPlan } from '../../../src/engine/sub-plan.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveAccount } from '../../../src/model/account.js';
import { settleKeyValues } from '../../../src/aws/key-values/settle.js';
import { AccountExecutor } from '../../../src/aws/account/executor.js';
import { accountParts } from '../../../src/engine/apply-account.js';
import { emptyAccount } from '../../../src/kinds/registry.js';

export const REGION = 'ap-northeast-2';
export const QUOTA_SCALE = 20;
export const EXAMPLE_STATE = join(import.meta.dirname, '..', '..', '..', 'gateway-state');

export function startReadEmulator(opts: { quotas?: boolean } = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quotas: opts.quotas ?? true, quotaScale: QUOTA_SCALE });
}

/** Clients with their own limiter (scaled like the emulator), so tests do not share buckets. */
export function testClients(url: string, opts: { scale?: number } = {}): AwsClients {
  return createAwsClients({
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    limiter: new RateLimiter({ scale: opts.scale ?? QUOTA_SCALE }),
  });
}

export async function loadExample(dir = EXAMPLE_STATE): Promise<GatewayModel> {
  const { model, issues } = await loadState(dir);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(`state invalid: ${errors.map((i) => i.message).join('; ')}`);
  return { ...model, region: REGION };
}

/**
 * Creates every API of `desired` from nothing with the apply executors, and the account
 * records around them (VPC links and the custom domain before, mappings after) with the
 * account executor, as apply orders them.
 */
export async function createAll(clients: AwsClients, desired: GatewayModel): Promise<void> {
  const liveAccount: LiveAccount = { model: emptyAccount(), ids: {}, adopt: [], elsewhere: [], facts: {} };
  // API key values from their sources (the example's partner key: SHOP_PARTNER_API_KEY, set by vitest.config.ts), as plan reads them.
  await settleKeyValues({ desired, live: liveAccount, clients });
  const plan = buildPlan({
    desired,
    live: { region: REGION, apis: {}, unmanaged: [], account: liveAccount },
    now: new Date(0),
  });
  const caller = new AwsCaller();
  const apiIds = new Map<string, string>();
  const account = new AccountExecutor({
    clients,
    caller,
    region: REGION,
    desired: desired.account,
    live: liveAccount,
    apiIdOf: (k) => apiIds.get(k),
    wait: { pollMs: 20 },
  });
  const parts = accountParts(plan);
  for (const step of parts.before) await account.execute(step);
  for (const key of Object.keys(desired.apis)) {
    const api = desired.apis[key];
    const executor = createApiExecutor(api.kind, clients, {
      region: REGION,
      desired: api,
      caller,
      deployer: directDeployer(api.kind, clients, caller),
      toolTagsAtCreate: () => ({ 'apigw-sync:id': key, 'apigw-sync:managed': 'true' }),
      description: 'read test',
      steps: subPlan(plan, key).steps,
      accountIds: account.ids,
    });
    const walk = await walkPlan(subPlan(plan, key), executor);
    if (!walk.ok) throw walk.failed?.error ?? new Error(`creating ${key} failed`);
    apiIds.set(key, executor.apiId);
  }
  for (const step of parts.after) await account.execute(step);
}
