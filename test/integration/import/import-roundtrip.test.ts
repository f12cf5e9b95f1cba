/**
 * import → loadState gives back the model the reader produced, and a plan right after
 * an import has nothing to do: for an API built through the SDK and for the example APIs
 * created by apply (REST and HTTP).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { importApi } from '../../../src/engine/import.js';
import { readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import { importAccountRecord } from '../../../src/engine/import-account.js';
import { loadState } from '../../../src/state/index.js';
import { UsageError } from '../../../src/model/errors.js';
import type { ApiModel } from '../../../src/model/api.js';
import { buildRestApi } from '../read/build-rest.js';
import { createAll, loadExample, REGION, startReadEmulator, testClients } from '../read/helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

/** What the loader adds that AWS does not hold (rollout from defaults) is not part of the comparison. */
function withoutRollout(m: ApiModel): ApiModel {
  const { rollout: _r, ...rest } = m;
  return rest;
}

describe('import round trip', () => {
  it('an SDK-built REST API: files load back to the read model; plan shows zero changes', async () => {
    const clients = testClients(emu.url);
    const { apiId } = await buildRestApi(clients.apigw, 'Pets API (legacy)');
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    const r = await importApi({ clients, api: apiId, outDir: out });
    expect(r.key).toBe('pets-api-legacy');
    expect(r.written.sort()).toEqual([
      'apis/pets-api-legacy/api.yaml',
      'apis/pets-api-legacy/openapi.yaml',
      'gateway.yaml',
    ]);
    expect(readFileSync(join(out, 'gateway.yaml'), 'utf8')).toBe(`region: ${REGION}\n`);

    const loaded = await loadState(out);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(withoutRollout(loaded.model.apis['pets-api-legacy'])).toEqual(r.live.model);

    const live = await readLive({ clients, desired: loaded.model, region: REGION });
    expect(diffGateway(loaded.model, live)).toEqual([]);
  }, 60_000);

  it('the example REST and HTTP APIs, created by apply: import both, plan shows zero changes', async () => {
    const clients = testClients(emu.url);
    await createAll(clients, await loadExample());
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    const shop = await importApi({ clients, api: 'shop-api', outDir: out });
    const events = await importApi({ clients, api: 'events-api', outDir: out });
    // The account records around them: the VPC link shop's GET /inventory names, the domain with its mappings.
    await importAccountRecord({ clients, target: 'vpcLink', record: 'inventory-nlb', outDir: out });
    await importAccountRecord({ clients, target: 'domain', record: 'api.example.com', outDir: out });
    // The shop's usage plan and its two keys (their values stay in AWS: the key files name an environment variable).
    await importAccountRecord({ clients, target: 'usagePlan', record: 'shop-partners', outDir: out });
    for (const key of ['mobile-app', 'partner-acme'])
      await importAccountRecord({ clients, target: 'apiKey', record: key, outDir: out });
    // The id tag apply wrote names the folder.
    expect([shop.key, events.key]).toEqual(['shop', 'events']);
    expect(events.written).toEqual(['apis/events/api.yaml', 'apis/events/openapi.yaml']);

    const loaded = await loadState(out);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(withoutRollout(loaded.model.apis.shop)).toEqual(shop.live.model);
    expect(withoutRollout(loaded.model.apis.events)).toEqual(events.live.model);
    const live = await readLive({ clients, desired: loaded.model, region: REGION });
    expect(diffGateway(loaded.model, live)).toEqual([]);
    expect(Object.keys(loaded.model.account?.basePathMappings ?? {})).toEqual([
      'api.example.com/(none)',
      'api.example.com/shop',
    ]);
    expect(loaded.model.account?.apiKeys['partner-acme']).toMatchObject({
      usagePlans: ['shop-partners'],
      valueFrom: { env: 'APIGW_KEY_PARTNER_ACME' },
    });
  }, 60_000);

  it('never overwrites an existing folder, and says which API it could not find', async () => {
    const clients = testClients(emu.url);
    const { apiId } = await buildRestApi(clients.apigw, 'keep-me');
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    await importApi({ clients, api: apiId, outDir: out });
    writeFileSync(join(out, 'apis', 'keep-me', 'api.yaml'), 'edited by hand\n');
    await expect(importApi({ clients, api: apiId, outDir: out })).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(join(out, 'apis', 'keep-me', 'api.yaml'), 'utf8')).toBe('edited by hand\n');
    await expect(importApi({ clients, api: 'no-such-api', outDir: out })).rejects.toThrow(
      /no REST, HTTP or WebSocket API with id or name "no-such-api"/,
    );
  }, 60_000);
});
