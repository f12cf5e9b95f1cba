/**
 * Two applies at once on two different APIs (two gateway-state folders, one account): the
 * per-API locks do not get in each other's way; both apply, both converge.
 */
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator } from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let shopDir: string;
let eventsDir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  // Each folder declares one API only; a folder does not own (or delete) the other's API. The
  // account records stay with the API they serve (shop's usage plan, keys and VPC link); the
  // custom domain, which maps both, is neither's here. Each folder has its own owner id, as
  // directories sharing an account must.
  shopDir = copyState();
  for (const other of ['events', 'chat']) rmSync(join(shopDir, 'apis', other), { recursive: true });
  rmSync(join(shopDir, 'domains'), { recursive: true, force: true });
  appendFileSync(join(shopDir, 'gateway.yaml'), 'owner: acme/shop:gateway-state\n');
  eventsDir = copyState();
  for (const other of ['shop', 'chat']) rmSync(join(eventsDir, 'apis', other), { recursive: true });
  for (const d of ['domains', 'usage-plans', 'api-keys', 'vpc-links'])
    rmSync(join(eventsDir, d), { recursive: true, force: true });
  appendFileSync(join(eventsDir, 'gateway.yaml'), 'owner: acme/events:gateway-state\n');
  for (const dir of [shopDir, eventsDir]) {
    const r = await runApply({ dir, clients, yes: true });
    if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
  }
}, 120_000);
afterAll(async () => emu?.stop());

describe('two applies at once on two different APIs', () => {
  it('both apply fully and both folders converge', async () => {
    editYaml(shopDir, 'apis/shop/api.yaml', (d) => d.setIn(['stages', 'prod', 'variables', 'logLevel'], 'DEBUG'));
    editYaml(shopDir, 'apis/shop/api.yaml', (d) => d.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 8000));
    editYaml(eventsDir, 'apis/events/api.yaml', (d) => d.setIn(['description'], 'changed by the second run'));
    const plans = await Promise.all([runPlan({ dir: shopDir, clients }), runPlan({ dir: eventsDir, clients })]);
    for (const p of plans) expect(p.status === 'ok' && p.hasChanges).toBe(true);

    // Slow every write a little so the two runs surely overlap.
    emu.control.addFault({ operation: '*', kind: 'latency', latencyMs: 40, forMs: 60_000 });
    const [a, b] = await Promise.all([
      runApply({ dir: shopDir, clients, yes: true, owner: 'runner-shop' }),
      runApply({ dir: eventsDir, clients, yes: true, owner: 'runner-events' }),
    ]);
    emu.control.clearFaults();
    expect(a.failures.map((f) => f.message)).toEqual([]);
    expect(b.failures.map((f) => f.message)).toEqual([]);
    expect(a.status).toBe('applied');
    expect(b.status).toBe('applied');
    expect(new Set(a.done.map((s) => s.change.apiKey))).toEqual(new Set(['shop']));
    expect(new Set(b.done.map((s) => s.change.apiKey))).toEqual(new Set(['events']));

    await expectConverged(shopDir, clients);
    await expectConverged(eventsDir, clients);
    expect((await liveApis(clients)).map((x) => x.name).sort()).toEqual(['events-api', 'shop-api']);
  }, 120_000);
});
