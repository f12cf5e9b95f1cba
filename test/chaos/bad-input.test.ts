/**
 * Bad input never reaches AWS: every case of the validator corpus, through plan and apply
 * (engine and real CLI), against an emulator that already holds the example APIs. Each is
 * refused as invalid and the emulator's call log proves not a single call was made.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import { copyState, REGION, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'state', 'invalid');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'apigw-sync.js');
const cases = readdirSync(CORPUS).sort();

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let good: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  good = copyState();
  const r = await runApply({ dir: good, clients, yes: true });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
}, 120_000);
afterAll(async () => {
  // The live APIs are exactly as they were: nothing the bad input said reached them.
  await expectConverged(good, clients);
  await emu?.stop();
});

describe('every invalid state is refused before any AWS call', () => {
  it('the corpus is there', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s: plan and apply say invalid, zero calls', async (name) => {
    const dir = join(CORPUS, name);
    const since = emu.control.lastSeq();
    const plan = await runPlan({ dir, clients });
    expect(plan.status).toBe('invalid');
    const apply = await runApply({ dir, clients, yes: true });
    expect(apply.status).toBe('invalid');
    expect(apply.issues.some((i) => i.severity === 'error')).toBe(true);
    expect(apply.writes).toBe(0);
    expect(emu.control.calls({ since, write: true })).toEqual([]);
    expect(emu.control.calls({ since }).map((c) => c.operation)).toEqual([]);
  });

  const cliCases = ['many-problems', 'bad-kind', 'missing-gateway-yaml', 'ref-escape'].filter((c) => cases.includes(c));
  it.each(cliCases)('CLI `apply --yes` on %s exits 1 and calls nothing', (name) => {
    const since = emu.control.lastSeq();
    const r = spawnSync(process.execPath, [BIN, 'apply', join(CORPUS, name), '--yes'], {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emu.url,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        NO_COLOR: '1',
      },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/error/i);
    expect(emu.control.calls({ since })).toEqual([]);
  });
});
