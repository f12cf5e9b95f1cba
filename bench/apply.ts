/**
 * Apply throughput against API Gateway's control-plane quotas.
 *
 * For 1, 50 and 200 route changes on a REST API (integration URI edits on a 200-route API,
 * and new routes added to a 50-route API), against the emulator with quotas ON, scaled by QUOTA_SCALE
 * (default 10: every bucket refills 10× faster than AWS, so a 20 s apply takes 2 s):
 * AWS calls, wall time, and wall time ÷ the quota-bound minimum — the least time the
 * per-operation quotas and the account-wide rate allow for the calls actually issued,
 * starting from full buckets (the bench waits for them to refill before measuring).
 * Times are also reported unscaled (× QUOTA_SCALE): what the same apply costs on AWS.
 *
 *   npx tsx bench/apply.ts            # prints JSON
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, ACCOUNT_QUOTA, OPERATION_QUOTAS, minimumSeconds } from '../src/emulator/index.js';
import { createAwsClients } from '../src/aws/clients.js';
import { RateLimiter } from '../src/aws/rate-limit.js';
import { runApply } from '../src/engine/index.js';

const SCALE = Number(process.env.QUOTA_SCALE ?? 10);
/** Also measured at AWS's real rates (scale 1), where per-call latency is far below the quota interval, as on AWS. */
const REAL_QUOTA_CASES: Array<[Kind, number]> =
  process.env.BENCH_SKIP_REAL === '1'
    ? []
    : [
        ['update-integration', 50],
        ['update-integration', 200],
        ['create-route', 50],
        ['create-route', 200],
      ];
/** Routes of the API before the change: 200 for URI edits; 50 when routes are added (API Gateway allows 300 resources per API). */
const BASE_ROUTES: Record<Kind, number> = { 'update-integration': 200, 'create-route': 50 };
const REGION = 'ap-northeast-2';

type Kind = 'update-integration' | 'create-route';

function writeState(dir: string, opts: { routes: number; changed: number; kind: Kind }): void {
  mkdirSync(join(dir, 'apis', 'bench'), { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), `region: ${REGION}\n`);
  const lines = ['kind: RestApi', 'name: bench-api', 'stages:', '  prod:', '    variables: { v: "1" }', 'routes:'];
  const total = opts.kind === 'create-route' ? opts.routes + opts.changed : opts.routes;
  for (let i = 0; i < total; i++) {
    const version = opts.kind === 'update-integration' && i < opts.changed ? 'v2' : 'v1';
    lines.push(
      `  GET /items/r${i}:`,
      '    integration:',
      '      type: http_proxy',
      `      uri: https://backend.example.com/${version}/r${i}`,
    );
  }
  writeFileSync(join(dir, 'apis', 'bench', 'api.yaml'), `${lines.join('\n')}\n`);
}

interface Result {
  kind: Kind;
  quotaScale: number;
  apiRoutesBefore: number;
  routeChanges: number;
  awsCalls: number;
  writes: number;
  callsByOperation: Record<string, number>;
  wallSeconds: number;
  quotaBoundMinimumSeconds: number;
  boundBy: string;
  unscaled: { wallSeconds: number; quotaBoundMinimumSeconds: number };
  ratio: number | null;
}

async function measure(kind: Kind, changed: number, SCALE: number): Promise<Result> {
  const emu = await startEmulator({ port: 0, quotas: true, quotaScale: SCALE });
  const clientsAt = (scale: number) =>
    createAwsClients({
      region: REGION,
      endpoint: emu.url,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      limiter: new RateLimiter({ scale }),
    });
  try {
    const dir = join(mkdtempSync(join(tmpdir(), 'apigw-bench-')), 'gateway-state');
    writeState(dir, { routes: BASE_ROUTES[kind], changed: 0, kind });
    // The set-up (creating the API) is not measured: quotas off, so it takes no quota time.
    emu.control.setQuotas(false);
    const setup = await runApply({ dir, clients: clientsAt(1000), yes: true });
    if (setup.status !== 'applied')
      throw new Error(`set-up failed: ${setup.failures.map((f) => f.message).join('; ')}`);
    writeState(dir, { routes: BASE_ROUTES[kind], changed, kind });
    emu.control.setQuotas(true);
    // Start from full buckets, as the minimum assumes; fresh clients have a full limiter too.
    await new Promise((r) => setTimeout(r, (5_000 / SCALE) * 1.2));
    const clients = clientsAt(SCALE);

    const since = emu.control.lastSeq();
    const t0 = performance.now();
    const r = await runApply({ dir, clients, yes: true });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (r.status !== 'applied') throw new Error(`apply failed: ${r.failures.map((f) => f.message).join('; ')}`);

    const calls = emu.control
      .calls({ since })
      .filter((c) => c.service === 'apigateway' || c.service === 'apigatewayv2');
    const admitted = calls.filter((c) => c.status !== 429);
    const byOp: Record<string, number> = {};
    for (const c of admitted) byOp[c.operation] = (byOp[c.operation] ?? 0) + 1;
    const bounds: Array<[string, number]> = [
      ['account-wide 10 rps', minimumSeconds(ACCOUNT_QUOTA, admitted.length, SCALE)],
    ];
    for (const [op, n] of Object.entries(byOp)) {
      const rule = OPERATION_QUOTAS[op];
      if (rule) bounds.push([op, minimumSeconds(rule, n, SCALE)]);
    }
    const [boundBy, minimum] = bounds.reduce((a, b) => (b[1] > a[1] ? b : a));
    process.stderr.write(
      `scale ${SCALE} ${kind} ${changed}: ${calls.length} calls, ${round(wallSeconds)} s, minimum ${round(minimum)} s\n`,
    );
    return {
      kind,
      quotaScale: SCALE,
      apiRoutesBefore: BASE_ROUTES[kind],
      routeChanges: changed,
      awsCalls: calls.length,
      writes: r.writes,
      callsByOperation: byOp,
      wallSeconds: round(wallSeconds),
      quotaBoundMinimumSeconds: round(minimum),
      boundBy,
      unscaled: { wallSeconds: round(wallSeconds * SCALE), quotaBoundMinimumSeconds: round(minimum * SCALE) },
      // Within the bursts the quotas force no wait at all: no meaningful ratio.
      ratio: minimum > 0 ? round(wallSeconds / minimum) : null,
    };
  } finally {
    await emu.stop();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const results: Result[] = [];
for (const kind of ['update-integration', 'create-route'] as const) {
  for (const n of [1, 50, 200]) results.push(await measure(kind, n, SCALE));
}
for (const [kind, n] of REAL_QUOTA_CASES) results.push(await measure(kind, n, 1));
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'apply',
      quotaScale: SCALE,
      note:
        'ratio = wall time / quota-bound minimum for the calls actually issued (null: all calls fit in the bursts); target ≤ 1.2. ' +
        'The client aims at 90 % of each quota (rate-limit.ts headroom), so 1.11 is the floor. At scale 10 a quota interval ' +
        '(11 ms) is shorter than one local SDK+emulator round trip on a loaded machine, so those runs are latency-bound; ' +
        "the scale-1 run is the one that matches AWS, where the interval (100 ms) exceeds a call's latency.",
      results,
    },
    null,
    2,
  )}\n`,
);
