/**
 * The process dies at EVERY write position of a full apply (the example state from nothing,
 * well over 30 writes): the K-th write fails with an injected, non-retryable error — as far
 * as AWS can tell, the writer is gone — and the next apply must finish the job: fresh plan
 * empty, pending and lock tags gone. The engine's crash test samples a few K; this one
 * walks them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { RateLimiter } from '../../src/aws/rate-limit.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runUnlock } from '../../src/engine/index.js';
import { TAG_PENDING } from '../../src/model/live.js';
import { copyState, liveApis, REGION, writesSince } from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';

/** Quotas on, refilled 50× faster than AWS so ~60 full applies fit in a test run. */
const SCALE = 50;
/** The example's VPC link turns AVAILABLE at once here: poll for it as fast as the other account tests do. */
const WAIT = { pollMs: 20 };

let emu: RunningEmulator;
let clients: AwsClients;
let dir: string;
let cleanWrites: string[] = [];

beforeAll(async () => {
  // The example's VPC link turns AVAILABLE at once: each of the ~70 applies would otherwise wait one 5 s poll for it.
  emu = await startEmulator({ port: 0, quotas: true, quotaScale: SCALE, vpcLinkPendingMs: 0 });
  clients = createAwsClients({
    region: REGION,
    endpoint: emu.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    limiter: new RateLimiter({ scale: SCALE }),
  });
  dir = copyState();
  const since = emu.control.lastSeq();
  const r = await runApply({ dir, clients, yes: true, accountWait: WAIT });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
  cleanWrites = writesSince(emu, since).map((c) => c.operation);
}, 120_000);
afterAll(async () => emu?.stop());

describe('killed at every write position, resumed to convergence', () => {
  it('the clean apply is at least 30 writes long', () => {
    expect(cleanWrites.length).toBeGreaterThanOrEqual(30);
  });

  it('for every K, an apply whose K-th write fails is finished by the next apply', async () => {
    const outcomes: string[] = [];
    for (let k = 1; k <= cleanWrites.length; k++) {
      emu.control.reset();
      const operation = cleanWrites[k - 1];
      const nth = cleanWrites.slice(0, k).filter((o) => o === operation).length;
      emu.control.addFault({
        operation,
        kind: 'error',
        status: 400,
        code: 'BadRequestException',
        message: `injected death at write ${k}`,
        nth,
      });

      const failed = await runApply({ dir, clients, yes: true, accountWait: WAIT });
      emu.control.clearFaults();
      expect(failed.status, `K=${k} (${operation})`).toBe('failed');
      expect(failed.failures[0].message, `K=${k}`).toMatch(new RegExp(`injected death at write ${k}`));
      const left = failed.remaining.steps.length + failed.remaining.deployments.length;
      // Everything was applied but removing the lock failed: the message says how to clear it.
      // (The account part after the APIs — domain mappings — waits for every API unit, so steps may remain.)
      if (left === 0) expect(failed.failures[0].message, `K=${k}`).toMatch(/apigw-sync unlock --api/);
      if (/apigw-sync unlock --api/.test(failed.failures[0].message)) {
        for (const a of await liveApis(clients))
          if (a.tags['apigw-sync:lock']) await runUnlock({ api: a.id, clients, region: REGION });
      }
      // What is unfinished is marked as such on the API.
      for (const a of await liveApis(clients)) {
        const key = a.tags['apigw-sync:id'];
        const unfinished =
          failed.remaining.deployments.some((d) => d.apiKey === key) ||
          failed.remaining.steps.some((s) => s.change.apiKey === key);
        if (unfinished) expect(a.tags[TAG_PENDING], `K=${k} ${a.name}`).toMatch(/^v1 /);
      }

      const again = await runApply({ dir, clients, yes: true, accountWait: WAIT });
      expect(
        again.failures.map((f) => f.message),
        `K=${k}`,
      ).toEqual([]);
      expect(again.status, `K=${k}`).toBe('applied');
      await expectConverged(dir, clients);
      outcomes.push(`${k}:${operation}`);
    }
    expect(outcomes).toHaveLength(cleanWrites.length);
    // Two applies per write position, and the example's account records (domain, VPC link, usage plan, keys) add writes: a generous bound for a loaded machine.
  }, 400_000);
});
