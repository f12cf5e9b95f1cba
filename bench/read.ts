/**
 * Reading a REST API for a plan: apigw-sync's reader against a NAIVE reader that refreshes
 * the way per-resource IaC providers do (one call per resource, per method and per
 * integration, 10 in parallel), for APIs of 10 / 100 / 1,000 / 2,000 routes.
 *
 * The APIs are created quickly (ImportRestApi of a generated OpenAPI, quotas off); every
 * measured read then runs with API Gateway's quotas ON, in its own Node process (so peak
 * RSS is the reader's own), with the emulator in another process (`apigw-sync emulator`).
 * Both readers use createAwsClients, i.e. the same rate limiter and retries.
 *
 * The quotas are refilled `--quota-scale` times faster than AWS (default 20) so the naive
 * reader finishes in seconds; `awsSecondsAtLeast` projects each read to AWS's real rates
 * (the time the quotas force, whatever the machine).
 *
 * 5,000 routes are not measured: AWS's default quota (and the emulator) allow 300 resources
 * per REST API, and API Gateway has 8 methods, so one API holds at most 2,400 routes.
 *
 * Prints JSON: {quotaScale, results: [{kind, routes, resources, apigwSync, naive, callRatio}]}.
 *
 *   npx tsx bench/read.ts [--sizes 10,100,1000,2000] [--quota-scale 20]
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateDeploymentCommand,
  CreateStageCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { createAwsClients, type AwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { readLive } from '../src/aws/read/index.js';
import { ACCOUNT_QUOTA, OPERATION_QUOTAS } from '../src/aws/quotas.js';
import { EmulatorClient } from '../src/emulator/control/client.js';
import type { ApiModel } from '../src/model/api.js';
import { generatedOpenapi, generatedResourceCount } from '../test/integration/read/generate.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,2000' },
    'quota-scale': { type: 'string', default: '20' },
    measure: { type: 'string' },
    endpoint: { type: 'string' },
    name: { type: 'string' },
  },
});
const scale = Number(values['quota-scale']);
const root = join(import.meta.dirname, '..');
const REGION = 'us-east-1';
const creds = { accessKeyId: 'test', secretAccessKey: 'test' };

function clientsFor(endpoint: string): AwsClients {
  return createAwsClients({ region: REGION, endpoint, credentials: creds, limiter: new RateLimiter({ scale }) });
}

/** Methods per resource: 5 keeps most sizes readable; 8 (all verbs) fits 2,000 routes under 300 resources. */
const methodsFor = (routes: number) => (routes > 1200 ? 8 : 5);

interface Measured {
  calls: number;
  ms: number;
  peakRssMb: number;
  routes: number;
  throttled: number;
  awsSecondsAtLeast: number;
}

/** The time AWS's real quotas force on this many calls (burst first, then the sustained rate). */
function awsSecondsAtLeast(byOperation: Record<string, number>): number {
  const total = Object.values(byOperation).reduce((a, b) => a + b, 0);
  const bound = (calls: number, rule: { ratePerSecond: number; burst: number }) =>
    Math.max(0, calls - rule.burst) / rule.ratePerSecond;
  let s = bound(total, ACCOUNT_QUOTA);
  for (const [op, rule] of Object.entries(OPERATION_QUOTAS)) s = Math.max(s, bound(byOperation[op] ?? 0, rule));
  return Math.round(s * 10) / 10;
}

// ── child: one measured read ────────────────────────────────────────────────────────────

async function measureApigwSync(endpoint: string, name: string): Promise<number> {
  const clients = clientsFor(endpoint);
  const desired: ApiModel = {
    key: 'bench',
    kind: 'RestApi',
    name,
    binaryMediaTypes: [],
    tags: {},
    stages: {},
    routes: {},
    wsRoutes: {},
    authorizers: {},
    requestValidators: {},
    models: {},
    gatewayResponses: {},
    secrets: [],
  };
  const live = await readLive({
    clients,
    desired: { region: REGION, defaults: {}, apis: { bench: desired } },
    region: REGION,
    // One API's read, as the naive reader's: the account scope's lists come once per plan (the example row).
    account: false,
  });
  report(clients, Object.keys(live.apis.bench?.model.routes ?? {}).length);
  return 0;
}

/** One call per resource, per method and per integration, 10 at a time. */
async function measureNaive(endpoint: string, name: string): Promise<number> {
  const clients = clientsFor(endpoint);
  const c = clients.apigw;
  const apis = (await c.send(new GetRestApisCommand({ limit: 500 }))).items ?? [];
  const restApiId = apis.find((a) => a.name === name)!.id!;
  const ids: string[] = [];
  let position: string | undefined;
  do {
    const page = await c.send(new GetResourcesCommand({ restApiId, limit: 500, position }));
    for (const r of page.items ?? []) ids.push(r.id!);
    position = page.position;
  } while (position);
  await Promise.all([
    c.send(new GetStagesCommand({ restApiId })),
    c.send(new GetAuthorizersCommand({ restApiId })),
    c.send(new GetRequestValidatorsCommand({ restApiId })),
    c.send(new GetModelsCommand({ restApiId })),
  ]);
  let routes = 0;
  await pool(ids, 10, async (resourceId) => {
    const r = await c.send(new GetResourceCommand({ restApiId, resourceId }));
    for (const httpMethod of Object.keys(r.resourceMethods ?? {})) {
      await c.send(new GetMethodCommand({ restApiId, resourceId, httpMethod }));
      await c.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod }));
      routes++;
    }
  });
  report(clients, routes);
  return 0;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const t0 = performance.now();
function report(clients: AwsClients, routes: number): void {
  const m: Measured = {
    calls: clients.calls.total,
    ms: Math.round(performance.now() - t0),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    routes,
    throttled: clients.calls.throttled,
    awsSecondsAtLeast: awsSecondsAtLeast(clients.calls.byOperation),
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

// ── parent: emulator, fixtures, one child per measurement ───────────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function runChild(measure: 'apigw-sync' | 'naive', endpoint: string, name: string): Measured {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/read.ts',
      '--measure',
      measure,
      '--endpoint',
      endpoint,
      '--name',
      name,
      '--quota-scale',
      String(scale),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      timeout: 10 * 60_000,
    },
  );
  if (child.status !== 0) throw new Error(`${measure} reader failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
}

async function main(): Promise<number> {
  if (values.measure) {
    const run = values.measure === 'naive' ? measureNaive : measureApigwSync;
    return run(values.endpoint!, values.name!);
  }
  const sizes = values.sizes.split(',').map(Number);
  const port = await freePort();
  const emulator = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'emulator', '--port', String(port), '--quota-scale', String(scale)],
    {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const control = new EmulatorClient(endpoint);
  try {
    for (let i = 0; ; i++) {
      try {
        await control.lastSeq();
        break;
      } catch (e) {
        // A busy machine can take a while to start a tsx process; give it a minute.
        if (i > 600 || emulator.exitCode !== null)
          throw new Error(`the emulator did not start: ${(e as Error).message}`, { cause: e });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await control.setQuotas(false);
    const setup = clientsFor(endpoint).apigw;
    for (const routes of sizes) {
      const doc = generatedOpenapi(routes, { title: `bench-${routes}`, methods: methodsFor(routes) });
      const api = await setup.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(doc)) }));
      const dep = await setup.send(new CreateDeploymentCommand({ restApiId: api.id }));
      await setup.send(new CreateStageCommand({ restApiId: api.id, stageName: 'prod', deploymentId: dep.id }));
    }
    await control.setQuotas(true);

    const results = [];
    const refill = () =>
      new Promise((r) =>
        setTimeout(r, Math.ceil((ACCOUNT_QUOTA.burst / (ACCOUNT_QUOTA.ratePerSecond * scale)) * 1000) + 500),
      );
    for (const routes of sizes) {
      await refill();
      const apigwSync = runChild('apigw-sync', endpoint, `bench-${routes}`);
      await refill();
      const naive = runChild('naive', endpoint, `bench-${routes}`);
      if (apigwSync.routes !== routes || naive.routes !== routes)
        throw new Error(`read ${apigwSync.routes} / ${naive.routes} routes of ${routes}`);
      process.stderr.write(
        `read ${routes} routes: apigw-sync ${apigwSync.calls} calls ${apigwSync.ms} ms; naive ${naive.calls} calls ${naive.ms} ms\n`,
      );
      results.push({
        kind: 'REST',
        routes,
        resources: generatedResourceCount(routes, methodsFor(routes)),
        apigwSync,
        naive,
        callRatio: Math.round((naive.calls / apigwSync.calls) * 10) / 10,
        wallRatio: Math.round((naive.ms / apigwSync.ms) * 10) / 10,
      });
    }
    process.stdout.write(`${JSON.stringify({ quotaScale: scale, results }, null, 2)}\n`);
    return 0;
  } finally {
    emulator.kill('SIGTERM');
  }
}

process.exitCode = await main();
