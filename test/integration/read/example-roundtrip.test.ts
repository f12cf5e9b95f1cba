/**
 * The example gateway-state, created by the apply executors, read back by readLive:
 * the diff against the state it was created from is empty (no false drift).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import { createAll, loadExample, REGION, startReadEmulator, testClients } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

describe('readLive on the example state', () => {
  it('reads back exactly what apply created: zero changes', async () => {
    const clients = testClients(emu.url);
    const desired = await loadExample();
    await createAll(clients, desired);

    const live = await readLive({ clients, desired, region: REGION });
    expect(Object.keys(live.apis).sort()).toEqual(['chat', 'events', 'shop']);
    expect(live.unmanaged).toEqual([]);
    expect(diffGateway(desired, live)).toEqual([]);

    const shop = live.apis.shop;
    expect(shop.ids.toolTags).toMatchObject({ 'apigw-sync:id': 'shop', 'apigw-sync:managed': 'true' });
    expect(Object.keys(shop.model.tags).some((k) => k.startsWith('apigw-sync:'))).toBe(false);
    expect(shop.ids.resourceIds['/']).toBeTruthy();
    expect(shop.ids.stageDeployments.prod.deploymentId).toBeTruthy();
    expect(Object.keys(live.apis.events.ids.routeIds).sort()).toEqual(Object.keys(desired.apis.events.routes).sort());
  }, 60_000);
});
