/** A REST API built call by call through the SDK reads back as exactly the expected ApiModel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { listApis, readApi, readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import { AmbiguousApiError } from '../../../src/model/errors.js';
import { buildRestApi } from './build-rest.js';
import { REGION, startReadEmulator, testClients } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

describe('REST API read', () => {
  it('normalizes every part to the model, ids and tool tags kept apart', async () => {
    const clients = testClients(emu.url);
    const { apiId, expected } = await buildRestApi(clients.apigw, 'pets-api', {
      tags: { 'apigw-sync:lock': 'someone' },
    });
    const listed = (await listApis(clients)).find((a) => a.apiId === apiId)!;
    const live = await readApi(clients, listed, 'pets');
    expect(live.model).toEqual(expected);
    expect(live.ids.apiId).toBe(apiId);
    expect(Object.keys(live.ids.resourceIds).sort()).toEqual(['/', '/pets', '/pets/{petId}']);
    expect(Object.keys(live.ids.authorizerIds).sort()).toEqual(['token-auth', 'users']);
    expect(Object.keys(live.ids.requestValidatorIds)).toEqual(['all']);
    expect(live.ids.stageDeployments.prod.deploymentId).toMatch(/\w+/);
    expect(live.ids.toolTags).toEqual({ 'apigw-sync:lock': 'someone' });

    // Read against a desired state equal to it: nothing to change.
    const snap = await readLive({
      clients,
      desired: { region: REGION, defaults: {}, apis: { pets: expected } },
      region: REGION,
    });
    expect(snap.apis.pets.ids.apiId).toBe(apiId);
    expect(diffGateway({ region: REGION, defaults: {}, apis: { pets: expected } }, snap)).toEqual([]);
  }, 60_000);

  it('lists the APIs no folder describes as unmanaged, and refuses to guess between two of one name', async () => {
    const clients = testClients(emu.url);
    await buildRestApi(clients.apigw, 'twin', { tags: { 'apigw-sync:managed': 'true' } });
    await buildRestApi(clients.apigw, 'twin');
    const snap = await readLive({ clients, desired: { region: REGION, defaults: {}, apis: {} }, region: REGION });
    const twins = snap.unmanaged.filter((a) => a.name === 'twin');
    expect(twins.map((a) => a.managed).sort()).toEqual([false, true]);
    const { expected } = await buildRestApi(clients.apigw, 'other');
    await expect(
      readLive({
        clients,
        desired: { region: REGION, defaults: {}, apis: { twin: { ...expected, key: 'twin', name: 'twin' } } },
        region: REGION,
      }),
    ).rejects.toBeInstanceOf(AmbiguousApiError);
  }, 60_000);
});
