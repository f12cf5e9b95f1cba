/**
 * A plan of the example gateway-state (three APIs, a custom domain with three mappings, a VPC
 * link, a usage plan with two keys), created first, then planned with AWS's real quotas on.
 * What issue 13 measures: the account scope adds list calls only (one per kind and flavour,
 * one mapping list per domain, one key list per usage plan), never a Get per record. Prints JSON.
 *
 *   npx tsx bench/plan-example.ts
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { startEmulator } from '../src/emulator/index.js';
import { runApply, runPlan } from '../src/engine/index.js';

// The account-scope list operations (everything else a plan calls reads one API).
const ACCOUNT_LISTS = [
  'GetClientCertificates',
  'GetVpcLinks',
  'GetDomainNames',
  'GetBasePathMappings',
  'GetApiMappings',
  'GetUsagePlans',
  'GetApiKeys',
  'GetUsagePlanKeys',
];

const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-bench-')), 'gateway-state');
cpSync(join(import.meta.dirname, '..', 'gateway-state'), dir, { recursive: true });
process.env.SHOP_PARTNER_API_KEY ??= 'bench0partner0key0value0000000000';
const emu = await startEmulator({ port: 0, quotas: false });
emu.control.setSettings({ vpcLinkPendingMs: 50 });
const credentials = { accessKeyId: 'b', secretAccessKey: 'b' };
const region = 'ap-northeast-2';
const setup = createAwsClients({ region, endpoint: emu.url, credentials, limiter: new RateLimiter({ scale: 1000 }) });
const created = await runApply({ dir, clients: setup, yes: true, accountWait: { pollMs: 20 } });
if (created.status !== 'applied') throw new Error(`setup failed: ${created.failures.map((f) => f.message).join('; ')}`);

emu.control.setQuotas(true);
await new Promise((r) => setTimeout(r, 3_000)); // let the buckets fill, as in an idle account
const clients = createAwsClients({ region, endpoint: emu.url, credentials, limiter: new RateLimiter({ scale: 1 }) });
const start = performance.now();
const plan = await runPlan({ dir, clients });
const ms = Math.round(performance.now() - start);
if (plan.status !== 'ok') throw new Error(plan.issuesText);
const byOperation = clients.calls.byOperation as Record<string, number>;
const account = Object.fromEntries(Object.entries(byOperation).filter(([op]) => ACCOUNT_LISTS.includes(op)));
const accountCalls = Object.values(account).reduce((a, b) => a + b, 0);
const getOne = Object.keys(byOperation).filter((op) =>
  /^(GetDomainName|GetVpcLink|GetClientCertificate|GetUsagePlan|GetApiKey)$/.test(op),
);
await emu.stop();
console.log(
  JSON.stringify({
    bench: 'plan-example',
    apis: Object.keys(plan.desired.apis).length,
    changes: plan.plan.steps.length,
    calls: clients.calls.total,
    accountCalls,
    apiCalls: clients.calls.total - accountCalls,
    account,
    getOne,
    ms,
  }),
);
