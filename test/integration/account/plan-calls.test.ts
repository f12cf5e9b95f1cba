/**
 * What the account scope costs a plan of the example (custom domain with three mappings, a
 * VPC link, both APIs): one list per account kind and flavour, and one mapping list per
 * domain of this owner — list calls only, no Get per record. The counts come from the
 * clients' own counter and are checked against what the local endpoint saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { copyState, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';

let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  emu.control.setSettings({ vpcLinkPendingMs: 50 });
  dir = copyState();
  const created = await runApply({ dir, clients: sdkClients(emu.url), yes: true, accountWait: { pollMs: 20 } });
  expect(created.failures).toEqual([]);
});
afterAll(async () => emu?.stop());

const ACCOUNT_LISTS = { GetClientCertificates: 1, GetVpcLinks: 2, GetDomainNames: 1, GetApiMappings: 1 };

describe('the account scope in a plan of the example', () => {
  it('adds list calls only: one per kind and flavour, one mapping list per domain', async () => {
    const clients = sdkClients(emu.url);
    const since = emu.control.lastSeq();
    const p = await runPlan({ dir, clients, region: REGION });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    expect(p.hasChanges).toBe(false);
    const account = Object.fromEntries(Object.entries(clients.calls.byOperation).filter(([op]) => op in ACCOUNT_LISTS));
    expect(account).toEqual(ACCOUNT_LISTS);
    // Every call of the plan reads; none is a Get of one account record.
    const seen = emu.control.calls({ since }).filter((c) => c.service !== 'control');
    expect(seen.filter((c) => c.write)).toEqual([]);
    expect(
      seen
        .map((c) => c.operation)
        .filter((op) => /^(GetDomainName|GetVpcLink|GetClientCertificate|GetBasePathMapping|GetApiMapping)$/.test(op)),
    ).toEqual([]);
    expect(seen).toHaveLength(clients.calls.total);
  });
});
