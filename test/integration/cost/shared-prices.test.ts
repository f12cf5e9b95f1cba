/**
 * One cost use case (src/engine/cost.ts) for the CLI, the App and the Action: the same state
 * priced by `apigw-sync cost` and by the plan comment's engine services gives the same
 * delta, and both take a refreshed price file — committed as gateway-state/prices.json, or
 * named explicitly (`--prices`, the Action's `prices` input) — over the embedded tables.
 *
 * The change: shop's REST cache 0.5 → 6.1 GB in Seoul, where the embedded tables (the team's
 * notes) have no cache prices, so without a price file the delta is unknown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costCommand } from '../../../src/cli/cost.js';
import { EMBEDDED_PRICES, serializePriceFile } from '../../../src/cost/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { loadPrices, STATE_PRICE_FILE } from '../../../src/engine/cost.js';
import { runApply } from '../../../src/engine/index.js';
import { createEngineServices } from '../../../src/github/engine-services.js';
import { copyState, editYaml, sdkClients, startTestEmulator } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
const now = new Date('2026-11-23T00:00:00Z');

/** A price file with Seoul cache prices per hour (test figures, not AWS's). */
function priceFile(path: string, perHour: { small: number; large: number }): string {
  const seoul = EMBEDDED_PRICES['ap-northeast-2'];
  const cache = {
    region: 'ap-northeast-2',
    date: '2026-11-23',
    source: 'test figures',
    usdPerHour: { '0.5': perHour.small, '6.1': perHour.large },
  };
  writeFileSync(path, serializePriceFile({ 'ap-northeast-2': { ...seoul, cache } }, now));
  return path;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  emu.control.setQuotas(false);
  clients = sdkClients(emu.url);
  dir = copyState();
  const applied = await runApply({ dir, clients, yes: true });
  if (applied.status !== 'applied') throw new Error(JSON.stringify(applied.failures));
  editYaml(dir, 'apis/shop/api.yaml', (doc) => doc.setIn(['stages', 'prod', 'cache', 'sizeGb'], 6.1));
}, 120_000);
afterAll(async () => emu?.stop());

const cliDelta = async (prices?: string) =>
  (await costCommand(dir, { clients, usage: false, prices, now })).report!.total.deltaUsd;
const appDelta = async (pricesFile?: string) => {
  const r = await createEngineServices({ clients, directDeploy: true, pricesFile }).planner.plan({ dir });
  if (r.status !== 'ok') throw new Error('invalid');
  return r.cost?.monthlyDeltaUsd;
};

describe('one cost use case for the CLI, the App and the Action', () => {
  it('without a price file both say the delta is unknown (no Seoul cache price embedded)', async () => {
    expect(await cliDelta()).toBeNull();
    expect(await appDelta()).toBeUndefined();
  });

  it('gateway-state/prices.json is honoured by both, with the same figure: (0.30 − 0.03) $/h × 730 h', async () => {
    const file = priceFile(join(dir, STATE_PRICE_FILE), { small: 0.03, large: 0.3 });
    try {
      expect(await cliDelta()).toBeCloseTo(197.1, 9);
      expect(await appDelta()).toBeCloseTo(197.1, 9);
      expect((await loadPrices({ dir })).file).toBe(file);
    } finally {
      rmSync(file);
    }
  });

  it('an explicit price file (--prices, the Action input) wins over the state one', async () => {
    priceFile(join(dir, STATE_PRICE_FILE), { small: 0.03, large: 0.3 });
    const explicit = priceFile(join(mkdtempSync(join(tmpdir(), 'prices-')), 'refreshed.json'), {
      small: 0.02,
      large: 0.22,
    });
    try {
      expect(await cliDelta(explicit)).toBeCloseTo(146, 9);
      expect(await appDelta(explicit)).toBeCloseTo(146, 9);
      expect((await loadPrices({ dir, pricesFile: explicit })).file).toBe(explicit);
    } finally {
      rmSync(join(dir, STATE_PRICE_FILE));
    }
  });

  it('the state price file does not disturb validation or the plan (the loader ignores it)', async () => {
    priceFile(join(dir, STATE_PRICE_FILE), { small: 0.03, large: 0.3 });
    try {
      const r = await createEngineServices({ clients, directDeploy: true }).planner.plan({ dir });
      expect(r.status).toBe('ok');
      expect(r.issues).toEqual([]);
    } finally {
      rmSync(join(dir, STATE_PRICE_FILE));
    }
  });
});
