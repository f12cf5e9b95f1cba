/**
 * Crash in the middle of apply, then re-run: for several K, the K-th write of a full apply
 * fails (an injected, non-retryable error). The failed run must say what is left and leave
 * the pending tag; the next apply must converge (fresh plan empty, pending and lock gone).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan, runUnlock } from '../../../src/engine/index.js';
import { FingerprintMismatchError } from '../../../src/model/errors.js';
import { copyState, liveApis, REGION, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
/** The writes (operation names, in order) a clean apply from nothing makes. */
let cleanWrites: string[];

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  const since = emu.control.lastSeq();
  const r = await runApply({ dir, clients, yes: true });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
  cleanWrites = writesSince(emu, since).map((c) => c.operation);
  emu.control.reset();
}, 120_000);
afterAll(async () => emu?.stop());

async function expectConverged() {
  const p = await runPlan({ dir, clients });
  if (p.status !== 'ok') throw new Error(p.issuesText);
  expect(p.plan.steps.map((s) => s.change.id)).toEqual([]);
  expect(p.plan.deployments).toEqual({});
  for (const a of await liveApis(clients)) {
    expect(a.tags['apigw-sync:pending']).toBeUndefined();
    expect(a.tags['apigw-sync:lock']).toBeUndefined();
  }
}

describe('an apply that dies part-way is finished by the next one', () => {
  it('the clean apply made enough writes to interrupt it in many places', () => {
    expect(cleanWrites.length).toBeGreaterThan(30);
  });

  // Early (API creation), among resources and methods, late (stages, deployments, tags).
  const ks = [1, 2, 5, 12, 25, -6, -3, -1];
  it.each(ks)(
    'fails write K=%i, then re-runs to convergence',
    async (kRaw) => {
      emu.control.reset();
      const k = kRaw > 0 ? kRaw : cleanWrites.length + 1 + kRaw;
      const operation = cleanWrites[k - 1];
      // The K-th write is the n-th call of its operation.
      const nth = cleanWrites.slice(0, k).filter((o) => o === operation).length;
      emu.control.addFault({
        operation,
        kind: 'error',
        status: 400,
        code: 'BadRequestException',
        message: 'injected failure',
        nth,
      });

      const failed = await runApply({ dir, clients, yes: true });
      expect(failed.status).toBe('failed');
      expect(failed.failures[0].message).toMatch(/injected failure/);
      emu.control.clearFaults();
      if (/apigw-sync unlock --api/.test(failed.failures[0].message)) {
        // The API's work was done; only removing its lock failed (what needs the APIs, such as a
        // usage plan on their stages, waits for the next run). The message says how to clear it.
        expect(failed.failures[0].message).toMatch(/apigw-sync unlock --api/);
        for (const a of await liveApis(clients))
          if (a.tags['apigw-sync:lock']) await runUnlock({ api: a.id, clients, region: REGION });
      }

      // Nothing half-written is forgotten: every API that was written to and not deployed says so.
      for (const a of await liveApis(clients)) {
        const key = a.tags['apigw-sync:id'];
        const unfinished =
          failed.remaining.deployments.some((d) => d.apiKey === key) ||
          failed.remaining.steps.some((s) => s.change.apiKey === key);
        if (unfinished) expect(a.tags['apigw-sync:pending']).toMatch(/^v1 /);
      }

      const again = await runApply({ dir, clients, yes: true });
      expect(again.failures.map((f) => f.message)).toEqual([]);
      expect(again.status).toBe('applied');
      await expectConverged();
    },
    120_000,
  );

  it('--resume accepts the approved fingerprint after a crash; without it the moved plan is refused', async () => {
    emu.control.reset();
    const approved = await runPlan({ dir, clients });
    if (approved.status !== 'ok') throw new Error(approved.issuesText);
    const fp = approved.plan.fingerprint;
    emu.control.addFault({
      operation: 'PutIntegration',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected failure',
      nth: 3,
    });
    const failed = await runApply({ dir, clients, yes: true, fingerprint: fp });
    expect(failed.status).toBe('failed');
    emu.control.clearFaults();

    const since = emu.control.lastSeq();
    await expect(runApply({ dir, clients, yes: true, fingerprint: fp })).rejects.toBeInstanceOf(
      FingerprintMismatchError,
    );
    expect(writesSince(emu, since)).toEqual([]);

    const resumed = await runApply({ dir, clients, yes: true, fingerprint: fp, resume: true });
    expect(resumed.status).toBe('applied');
    expect(resumed.resumed.map((p) => p.apiKey)).toContain('shop');
    await expectConverged();
  }, 120_000);

  it('--resume refuses when the account scope (a usage plan) changed since the interrupted apply', async () => {
    emu.control.reset();
    const approved = await runPlan({ dir, clients });
    if (approved.status !== 'ok') throw new Error(approved.issuesText);
    emu.control.addFault({
      operation: 'PutIntegration',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'injected failure',
      nth: 3,
    });
    expect((await runApply({ dir, clients, yes: true, fingerprint: approved.plan.fingerprint })).status).toBe('failed');
    emu.control.clearFaults();
    const file = join(dir, 'usage-plans', 'shop-partners.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('limit: 100000', 'limit: 999999'));
    await expect(
      runApply({ dir, clients, yes: true, fingerprint: approved.plan.fingerprint, resume: true }),
    ).rejects.toThrow(/gateway-state for \(account\) changed/);
    writeFileSync(file, text);
    expect(
      (await runApply({ dir, clients, yes: true, fingerprint: approved.plan.fingerprint, resume: true })).status,
    ).toBe('applied');
    await expectConverged();
  }, 120_000);
});
