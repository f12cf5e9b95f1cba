/**
 * validate + plan for 10, 100, 1,000 and 5,000 routes, REST and HTTP (issue 9): AWS calls,
 * wall time and peak memory of each (kind, size).
 *
 * API Gateway allows ≤ 300 resources per REST API and ≤ 300 routes per HTTP API (the
 * emulator enforces both), so sizes above PER_API routes are spread over several APIs of
 * PER_API routes each: 1,000 routes = 4 APIs, 5,000 = 20 APIs. Those APIs are shared: the
 * 1,000-route state is the first 4 APIs of the 5,000-route one (plan reads only the APIs its
 * state names). The 10- and 100-route states are single APIs of their own.
 *
 * The emulator runs as the real CLI (`bin/apigw-sync.js emulator --no-quotas`) in its own
 * process. The APIs are created with runApply (quotas off) from the very states that are then
 * planned, so the plans show zero changes. Then the quotas are switched ON at AWS's real rates
 * (POST /_emulator/quotas) and each (kind, size) is measured in a FRESH Node process (so its
 * peak RSS is validate + plan's own): validateState(dir), then runPlan({dir, clients}) with the
 * client-side limiter at AWS's rates. Before each measurement the bench idles long enough for
 * the quota buckets to refill, as in an idle account. AWS calls come from the emulator's call log;
 * quotaBoundMs is the time AWS's quotas force on those calls (0 when they fit in the bursts).
 *
 * Prints ONE JSON document last: {perApi, quotaScale, results: [{kind, routes, apis, ...}]}.
 *
 *   npx tsx bench/plan-sizes.ts [--sizes 10,100,1000,5000] [--kinds RestApi,HttpApi]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnEmulator } from './lib/spawn-emulator.js';
import { createAwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { EmulatorClient } from '../src/emulator/control/client.js';
import {
  ACCOUNT_QUOTA,
  OPERATION_QUOTAS,
  OPERATION_QUOTA_SERVICE,
  minimumSeconds,
} from '../src/emulator/core/quotas.js';
import { runApply, runPlan } from '../src/engine/index.js';
import { validateState } from '../src/validate/index.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,5000' },
    kinds: { type: 'string', default: 'RestApi,HttpApi' },
    measure: { type: 'string' },
    endpoint: { type: 'string' },
  },
});

type Kind = 'RestApi' | 'HttpApi';
/** Routes per API when a size needs several APIs: under both 300 quotas with room to grow. */
const PER_API = 250;
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const root = join(import.meta.dirname, '..');

interface ApiSpec {
  name: string;
  routes: number;
}

/** The APIs one (kind, size) state holds. */
function apisFor(kind: Kind, size: number): ApiSpec[] {
  const k = kind === 'RestApi' ? 'rest' : 'http';
  if (size <= PER_API) return [{ name: `bench-${k}-s${size}`, routes: size }];
  const n = Math.ceil(size / PER_API);
  return Array.from({ length: n }, (_, i) => ({
    name: `bench-${k}-${i}`,
    routes: Math.min(PER_API, size - i * PER_API),
  }));
}

function writeState(kind: Kind, apis: ApiSpec[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-plan-sizes-')), 'gateway-state');
  mkdirSync(join(dir, 'apis'), { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), `region: ${REGION}\n`);
  for (const api of apis) {
    // Not `$default` for HTTP: apply's apigw-sync:pending tag lists stage names and AWS tag values refuse `$`.
    const lines = [`kind: ${kind}`, `name: ${api.name}`, 'stages: { prod: {} }', 'routes:'];
    for (let r = 0; r < api.routes; r++) {
      const path = `/${api.name}/r${r}`;
      lines.push(`  GET ${path}:`, `    integration: { type: http_proxy, uri: "https://backend.example.com${path}" }`);
    }
    mkdirSync(join(dir, 'apis', api.name));
    writeFileSync(join(dir, 'apis', api.name, 'api.yaml'), `${lines.join('\n')}\n`);
  }
  return dir;
}

// ---- child: one measurement in a fresh process -------------------------------------------

async function measure(dir: string, endpoint: string): Promise<void> {
  const t0 = performance.now();
  const validation = await validateState(dir);
  const validateMs = Math.round(performance.now() - t0);
  if (!validation.valid) throw new Error(`state invalid: ${JSON.stringify(validation.issues.slice(0, 3))}`);
  const clients = createAwsClients({ region: REGION, endpoint, credentials, limiter: new RateLimiter({ scale: 1 }) });
  const t1 = performance.now();
  const planned = await runPlan({ dir, clients });
  const planMs = Math.round(performance.now() - t1);
  if (planned.status !== 'ok') throw new Error(planned.issuesText);
  process.stdout.write(
    `${JSON.stringify({
      validateMs,
      planMs,
      changes: planned.plan.steps.length,
      clientCalls: clients.calls.total,
      clientThrottled: clients.calls.throttled,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

// ---- parent ------------------------------------------------------------------------------

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function setQuotas(url: string, enabled: boolean): Promise<void> {
  const res = await fetch(`${url}/_emulator/quotas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  if (res.status !== 204) throw new Error(`POST /_emulator/quotas: HTTP ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
  const sizes = values.sizes!.split(',').map(Number);
  const kinds = values.kinds!.split(',') as Kind[];
  const emu = await spawnEmulator();
  const control = new EmulatorClient(emu.url);
  const dirs: string[] = [];
  try {
    // Setup, quotas off: one apply per kind of every API any size needs (the big sizes share APIs).
    const setupStart = performance.now();
    const setupClients = createAwsClients({
      region: REGION,
      endpoint: emu.url,
      credentials,
      limiter: new RateLimiter({ scale: 1000 }),
    });
    for (const kind of kinds) {
      const all = new Map<string, ApiSpec>();
      for (const size of sizes)
        for (const a of apisFor(kind, size)) if ((all.get(a.name)?.routes ?? 0) < a.routes) all.set(a.name, a);
      const dir = writeState(kind, [...all.values()]);
      dirs.push(dir);
      const applied = await runApply({ dir, clients: setupClients, yes: true });
      if (applied.status !== 'applied')
        throw new Error(`setup of ${kind} failed: ${applied.failures.map((f) => f.message).join('; ')}`);
    }
    const setupMs = Math.round(performance.now() - setupStart);
    process.stderr.write(`plan-sizes: setup ${setupMs} ms\n`);

    await setQuotas(emu.url, true);
    const results = [];
    for (const kind of kinds) {
      for (const size of sizes) {
        const apis = apisFor(kind, size);
        const dir = writeState(kind, apis);
        dirs.push(dir);
        // An idle account: the account bucket (burst 40 at 10/s) refills in 4 s, GetResources' (5 at 2.5/s) in 2 s.
        await new Promise((r) =>
          setTimeout(r, Math.ceil((ACCOUNT_QUOTA.burst / ACCOUNT_QUOTA.ratePerSecond) * 1000) + 500),
        );
        const since = await control.lastSeq();
        const child = await runNode([
          '--import',
          'tsx',
          join(root, 'bench', 'plan-sizes.ts'),
          '--measure',
          dir,
          '--endpoint',
          emu.url,
        ]);
        if (child.code !== 0)
          throw new Error(
            `measuring ${kind} ${size}: exit ${child.code}: ${child.stderr.trim().split('\n').slice(-5).join(' / ')}`,
          );
        const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
          validateMs: number;
          planMs: number;
          changes: number;
          clientCalls: number;
          clientThrottled: number;
          peakRssMb: number;
        };
        const calls = (await control.calls({ since })).filter((c) => c.service !== 'control');
        const byOperation: Record<string, number> = {};
        for (const c of calls) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1;
        // The time AWS's quotas force on these calls: the slowest bucket, account-wide or one operation's own.
        const ok = calls.filter((c) => c.status < 400 && c.service !== 'cloudwatch');
        const perOp = Object.entries(OPERATION_QUOTAS).map(([op, rule]) =>
          minimumSeconds(rule, ok.filter((c) => c.operation === op && c.service === OPERATION_QUOTA_SERVICE).length),
        );
        const quotaBoundMs = Math.round(Math.max(minimumSeconds(ACCOUNT_QUOTA, ok.length), ...perOp) * 1000);
        const r = {
          kind,
          routes: size,
          apis: apis.length,
          routesPerApi: Math.max(...apis.map((a) => a.routes)),
          validateMs: m.validateMs,
          planMs: m.planMs,
          wallMs: m.validateMs + m.planMs,
          calls: calls.length,
          callsPerApi: Math.round((calls.length / apis.length) * 10) / 10,
          throttled: calls.filter((c) => c.status === 429).length,
          quotaBoundMs,
          byOperation,
          changes: m.changes,
          peakRssMb: m.peakRssMb,
        };
        process.stderr.write(`plan-sizes: ${JSON.stringify(r)}\n`);
        results.push(r);
      }
    }
    process.stdout.write(`${JSON.stringify({ perApi: PER_API, quotaScale: 1, setupMs, results })}\n`);
  } finally {
    await emu.stop();
    for (const d of dirs) rmSync(join(d, '..'), { recursive: true, force: true });
  }
}

if (values.measure) await measure(values.measure, values.endpoint!);
else await main();
