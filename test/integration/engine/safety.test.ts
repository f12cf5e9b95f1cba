/**
 * What must never write: an invalid state, a plan whose fingerprint is not the approved one,
 * an apply without confirmation. And two applies on one API at once: one gets the lock,
 * the other stops with LockedError, and the API ends exactly as declared.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { ApigwSyncError, FingerprintMismatchError, LockedError, UsageError } from '../../../src/model/errors.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  const r = await runApply({ dir, clients, yes: true });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
}, 120_000);
afterAll(async () => emu?.stop());

describe('nothing is written when it must not be', () => {
  it('invalid state: status invalid, not a single AWS call', async () => {
    const bad = copyState();
    writeFileSync(
      join(bad, 'apis', 'shop', 'api.yaml'),
      'kind: RestApi\nname: shop-api\nstages: { prod: { cache: { sizeGb: 3 } } }\nroutes: nope\n',
    );
    const since = emu.control.lastSeq();
    const r = await runApply({ dir: bad, clients, yes: true });
    expect(r.status).toBe('invalid');
    expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
    expect(emu.control.calls({ since })).toEqual([]);
  });

  it('fingerprint mismatch: refused with an explanation, zero writes', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => d.setIn(['stages', 'prod', 'variables', 'logLevel'], 'WARN'));
    const reviewed = await runPlan({ dir, clients });
    if (reviewed.status !== 'ok') throw new Error(reviewed.issuesText);
    // Someone edits the stage in the console after the review.
    const shop = (await liveApis(clients)).find((a) => a.name === 'shop-api')!;
    await clients.apigw.send(
      new UpdateStageCommand({
        restApiId: shop.id,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/variables/backendVersion', value: 'v9' }],
      }),
    );
    const since = emu.control.lastSeq();
    const err = await runApply({ dir, clients, yes: true, fingerprint: reviewed.plan.fingerprint.slice(0, 12) }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(FingerprintMismatchError);
    expect((err as FingerprintMismatchError).describe()).toMatch(/apigw-sync plan` again/);
    expect(writesSince(emu, since)).toEqual([]);
  }, 60_000);

  it('no --yes and no terminal: refused before any write', async () => {
    const since = emu.control.lastSeq();
    await expect(runApply({ dir, clients })).rejects.toBeInstanceOf(UsageError);
    const declined = await runApply({ dir, clients, confirm: async () => false });
    expect(declined.status).toBe('declined');
    expect(writesSince(emu, since)).toEqual([]);
  }, 60_000);
});

describe('two applies on one API at once', () => {
  it('one applies, the other stops clearly (LockedError, or its plan is stale) without writing; the result is exactly the state', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => d.setIn(['stages', 'prod', 'variables', 'logLevel'], 'ERROR'));
    // Slow every write a little so the two runs overlap for certain.
    emu.control.addFault({ operation: 'TagResource', kind: 'latency', latencyMs: 150, forMs: 30_000 });
    const [a, b] = await Promise.all([
      runApply({ dir, clients, yes: true, owner: 'runner-a' }),
      runApply({ dir, clients, yes: true, owner: 'runner-b' }),
    ]);
    emu.control.clearFaults();
    const shopOutcomes = [a, b].map((r) =>
      r.failures.some((f) => f.apiKey === 'shop')
        ? 'locked'
        : r.done.some((s) => s.change.apiKey === 'shop')
          ? 'applied'
          : 'other',
    );
    expect(shopOutcomes.sort()).toEqual(['applied', 'locked']);
    const loser = [a, b].find((r) => r.failures.some((f) => f.apiKey === 'shop'))!;
    const error = loser.failures.find((f) => f.apiKey === 'shop')!.error as ApigwSyncError;
    // Locked while the other ran, or (if it came after) its plan no longer matches AWS.
    expect(error instanceof LockedError || error.code === 'STALE_PLAN').toBe(true);
    expect(loser.done.filter((s) => s.change.apiKey === 'shop')).toEqual([]);

    const after = await runPlan({ dir, clients });
    if (after.status !== 'ok') throw new Error(after.issuesText);
    expect(after.plan.steps.map((s) => s.change.id)).toEqual([]);
    expect(after.hasChanges).toBe(false);
  }, 60_000);
});
