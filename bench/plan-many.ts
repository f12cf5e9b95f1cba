/**
 * Plan of 20 APIs at once (concurrency under the account-wide quota): 20 REST APIs of 50
 * routes each are created with quotas off, then planned with AWS's real quotas on
 * (quotaScale 1). Reads of different APIs run concurrently under one client-side limiter;
 * the bench reports AWS calls, throttled calls, wall time, and the time the per-operation
 * read quotas force for those calls. Prints JSON.
 *
 *   npx tsx bench/plan-many.ts [apis] [routesPerApi]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { ACCOUNT_QUOTA, OPERATION_QUOTAS, minimumSeconds, startEmulator } from '../src/emulator/index.js';
import { runApply, runPlan } from '../src/engine/index.js';

const APIS = Number(process.argv[2] ?? 20);
const ROUTES = Number(process.argv[3] ?? 50);

function writeState(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-bench-')), 'gateway-state');
  mkdirSync(join(dir, 'apis'), { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), 'region: us-east-1\n');
  for (let a = 0; a < APIS; a++) {
    const lines = [`kind: RestApi`, `name: bench-${a}`, `stages: { prod: {} }`, `routes:`];
    for (let r = 0; r < ROUTES; r++) {
      lines.push(
        `  GET /svc${a}/r${r}:`,
        `    integration: { type: http_proxy, uri: "https://backend.example.com/svc${a}/r${r}" }`,
      );
    }
    mkdirSync(join(dir, 'apis', `api${a}`));
    writeFileSync(join(dir, 'apis', `api${a}`, 'api.yaml'), `${lines.join('\n')}\n`);
  }
  return dir;
}

const dir = writeState();
const emu = await startEmulator({ port: 0, quotas: false });
const credentials = { accessKeyId: 'b', secretAccessKey: 'b' };
const setup = createAwsClients({
  region: 'us-east-1',
  endpoint: emu.url,
  credentials,
  limiter: new RateLimiter({ scale: 1000 }),
});
const created = await runApply({ dir, clients: setup, yes: true });
if (created.status !== 'applied') throw new Error(`setup failed: ${created.failures.map((f) => f.message).join('; ')}`);

emu.control.setQuotas(true);
await new Promise((r) => setTimeout(r, 3_000)); // let the buckets fill, as in an idle account
const clients = createAwsClients({
  region: 'us-east-1',
  endpoint: emu.url,
  credentials,
  limiter: new RateLimiter({ scale: 1 }),
});
const since = emu.control.calls().at(-1)?.seq ?? 0;
const start = performance.now();
const planned = await runPlan({ dir, clients });
const ms = Math.round(performance.now() - start);
const calls = emu.control.calls({ since }).filter((c) => c.service !== 'control');
await emu.stop();
if (planned.status !== 'ok') throw new Error(planned.issuesText);

const byOperation: Record<string, number> = {};
for (const c of calls) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1;
// The slowest bucket decides: the account-wide one for all calls, or one operation's own.
const succeeded = calls.filter((c) => c.status < 400 && c.service !== 'cloudwatch');
const perOperation = Object.entries(byOperation).map(([op]) =>
  OPERATION_QUOTAS[op] ? minimumSeconds(OPERATION_QUOTAS[op], succeeded.filter((c) => c.operation === op).length) : 0,
);
const quotaBoundSeconds = Math.max(minimumSeconds(ACCOUNT_QUOTA, succeeded.length), ...perOperation);
console.log(
  JSON.stringify({
    scenario: `plan of ${APIS} APIs at once`,
    apis: APIS,
    routes: APIS * ROUTES,
    changes: planned.plan.steps.length,
    calls: calls.length,
    throttled: calls.filter((c) => c.status === 429).length,
    byOperation,
    ms,
    quotaBoundMs: Math.round(quotaBoundSeconds * 1000),
    ratio: Math.round((ms / Math.max(1, quotaBoundSeconds * 1000)) * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
