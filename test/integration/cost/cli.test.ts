/**
 * `apigw-sync cost` end to end on the local AWS endpoint: the example state applied, 30 days of
 * traffic backfilled, then the state edited (bigger cache on shop, a new API with declared usage)
 * and priced — with CloudWatch usage (one GetMetricData), with --no-usage, and with --plan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costCommand } from '../../../src/cli/cost.js';
import { serializePriceFile, EMBEDDED_PRICES } from '../../../src/cost/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { FingerprintMismatchError } from '../../../src/model/errors.js';
import { serializePlan } from '../../../src/plan/index.js';
import { copyState, editYaml, sdkClients, startTestEmulator } from '../apply/helpers.js';

const DAY = 86_400_000;
let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let pricesFile: string;
const now = new Date();

beforeAll(async () => {
  emu = await startTestEmulator();
  emu.control.setQuotas(false);
  clients = sdkClients(emu.url);
  dir = copyState();
  const applied = await runApply({ dir, clients, yes: true });
  if (applied.status !== 'applied') throw new Error(JSON.stringify(applied));
  const planned = await runPlan({ dir, clients });
  if (planned.status !== 'ok') throw new Error(planned.issuesText);
  for (let d = 0; d < 30; d++) {
    const res = await fetch(`${emu.url}/_emulator/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiId: planned.live.apis.shop.ids.apiId,
        stage: 'prod',
        requests: 2400,
        timestamp: now.getTime() - d * DAY - 3_600_000,
      }),
    });
    if (res.status !== 200) throw new Error(await res.text());
  }
  // The team notes have no Seoul cache prices; this test file supplies some (test figures, not AWS's).
  const tmp = mkdtempSync(join(tmpdir(), 'cost-cli-'));
  pricesFile = join(tmp, 'prices.json');
  const seoul = EMBEDDED_PRICES['ap-northeast-2'];
  writeFileSync(
    pricesFile,
    serializePriceFile(
      {
        'ap-northeast-2': {
          ...seoul,
          cache: {
            region: 'ap-northeast-2',
            date: '2026-11-23',
            source: 'test figures',
            usdPerHour: { '0.5': 0.03, '6.1': 0.3 },
          },
        },
      },
      now,
    ),
  );

  // The change under review: shop's cache 0.5 → 6.1 GB.
  editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['stages', 'prod', 'cache', 'sizeGb'], 6.1));
}, 180_000);
afterAll(async () => emu?.stop());

describe('apigw-sync cost', () => {
  it('prices the change with CloudWatch traffic, read in one GetMetricData', async () => {
    const since = emu.control.lastSeq();
    const r = await costCommand(dir, { clients, prices: pricesFile, now });
    expect(emu.control.calls({ since }).filter((c) => c.operation === 'GetMetricData')).toHaveLength(1);
    expect(r.code).toBe(0);
    const shop = r.report!.apis.find((l) => l.apiKey === 'shop')!;
    // traffic: 72,000 in 30 days → 73,000/mo × 3.81/M = 0.27813 on both sides
    // cache: 0.03 × 730 = 21.90 → 0.30 × 730 = 219.00; delta +197.10
    // WAF on prod (unchanged): $5 web ACL + 2 rules × $1 + 73,000 × $0.60/M = 7.0438 on both sides
    expect(shop.usage).toMatchObject({ source: 'cloudwatch', monthlyRequests: 73_000 });
    expect(shop.beforeUsd).toBeCloseTo(0.27813 + 21.9 + 7.0438, 9);
    expect(shop.afterUsd).toBeCloseTo(0.27813 + 219 + 7.0438, 9);
    expect(shop.deltaUsd).toBeCloseTo(197.1, 9);
    expect(r.stdout).toContain('cache on "prod" resized 0.5 → 6.1 GB (+$197.10)');
    expect(r.stdout).toContain('73K requests/mo from CloudWatch (last 30 days, extrapolated to 730 h)');
    expect(r.stdout).toContain('prices: ap-northeast-2 2026-11-23 — test figures');
  });

  it('--no-usage reads no CloudWatch and says the traffic is unknown', async () => {
    const since = emu.control.lastSeq();
    const r = await costCommand(dir, { clients, prices: pricesFile, usage: false, format: 'markdown' });
    expect(emu.control.calls({ since }).filter((c) => c.operation === 'GetMetricData')).toHaveLength(0);
    expect(r.report!.apis.find((l) => l.apiKey === 'shop')!.usage.source).toBe('none');
    expect(r.stdout).toContain('**Monthly cost will increase by \\$197.10');
    expect(r.stdout).toContain('no traffic known');
  });

  it('--plan prices the reviewed plan only while its fingerprint matches', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cost-plan-'));
    const planned = await runPlan({ dir, clients });
    if (planned.status !== 'ok') throw new Error(planned.issuesText);
    const good = join(tmp, 'plan.json');
    writeFileSync(good, serializePlan(planned.plan));
    expect((await costCommand(dir, { clients, plan: good, usage: false })).code).toBe(0);

    const stale = join(tmp, 'stale.json');
    writeFileSync(stale, serializePlan({ ...planned.plan, fingerprint: 'f'.repeat(64) }));
    await expect(costCommand(dir, { clients, plan: stale, usage: false })).rejects.toBeInstanceOf(
      FingerprintMismatchError,
    );
  });
});
