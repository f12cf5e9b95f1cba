/**
 * ConflictException in the middle of apply — another writer touching the same API at the
 * same moment, or one write refused as if another tool had just written — is retried; the
 * apply finishes and the API ends exactly as declared.
 */
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runApply, runPlan } from '../../src/engine/index.js';
import {
  copyState,
  editYaml,
  liveApis,
  sdkClients,
  startTestEmulator,
  writesSince,
} from '../integration/apply/helpers.js';
import { expectConverged } from './helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let shopId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  const r = await runApply({ dir, clients, yes: true });
  if (r.status !== 'applied') throw new Error(r.failures.map((f) => f.message).join('; '));
  shopId = (await liveApis(clients)).find((a) => a.name === 'shop-api')!.id;
}, 120_000);
afterAll(async () => emu?.stop());

/** A change to shop that needs several writes (integrations, stage, deployment). */
function changeShop(n: number): void {
  editYaml(dir, 'apis/shop/api.yaml', (d) => {
    d.setIn(['stages', 'prod', 'variables', 'logLevel'], `LEVEL${n}`);
    d.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 7000 + n);
    d.setIn(['openapi', 1, 'integration', 'timeoutInMillis'], 6000 + n);
  });
}

const conflictsSince = (since: number) => emu.control.calls({ since }).filter((c) => c.status === 409);

describe('ConflictException in the middle of apply', () => {
  it('a concurrent writer on the same API: the clashing writes are retried, the apply converges', async () => {
    changeShop(1);
    const since = emu.control.lastSeq();
    // Every write to an API is held open 150 ms; a write that overlaps another on the same API conflicts.
    emu.control.addFault({ operation: '*', kind: 'conflict', latencyMs: 150, forMs: 120_000 });
    let stop = false;
    // Another tool keeps re-writing a stage variable to its declared value while the apply runs,
    // back to back, so one of its writes is nearly always open when an apply write arrives (with a
    // pause between its writes the apply could slip through the gaps and the race not happen).
    // Its own clients (and rate limiter), as another process would have.
    const otherClients = sdkClients(emu.url);
    const other = (async () => {
      while (!stop) {
        await otherClients.apigw
          .send(
            new UpdateStageCommand({
              restApiId: shopId,
              stageName: 'prod',
              patchOperations: [{ op: 'replace', path: '/variables/backendVersion', value: 'v1' }],
            }),
          )
          .catch(() => undefined);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const r = await runApply({ dir, clients, yes: true }).finally(() => {
      stop = true;
    });
    await other;
    emu.control.clearFaults();
    if (r.status === 'failed') {
      // The other writer outlasted the retry budget: the apply stops cleanly, says why, and the
      // next run (the other writer gone) finishes the job.
      expect(r.failures.map((f) => f.message).join('\n')).toMatch(/ConflictException[\s\S]*run apply again/);
      const again = await runApply({ dir, clients, yes: true });
      expect(again.failures.map((f) => f.message)).toEqual([]);
    } else {
      expect(r.failures.map((f) => f.message)).toEqual([]);
      expect(r.status).toBe('applied');
    }
    // The race really happened: AWS answered ConflictException to the apply's writes at least once.
    // (The other tool only ever patches /variables/backendVersion; any other conflicted write was the apply's.)
    const applyConflicts = conflictsSince(since).filter(
      (c) => !JSON.stringify(c.params).includes('/variables/backendVersion'),
    );
    expect(applyConflicts.length).toBeGreaterThan(0);
    await expectConverged(dir, clients);
  }, 120_000);

  it.each([
    ['the first integration update', 'UpdateIntegration', 1],
    ['the second integration update', 'UpdateIntegration', 2],
    ['the stage update', 'UpdateStage', 1],
    ['the deployment', 'CreateDeployment', 1],
  ])(
    '%s answers ConflictException once: retried, converges',
    async (_name, operation, nth) => {
      changeShop(10 + nth + operation.length);
      const plan = await runPlan({ dir, clients });
      expect(plan.status === 'ok' && plan.hasChanges).toBe(true);
      const since = emu.control.lastSeq();
      emu.control.addFault({
        operation,
        kind: 'conflict',
        nth,
        message: 'Unable to complete operation due to concurrent modification. Please try again later.',
      });
      const r = await runApply({ dir, clients, yes: true });
      emu.control.clearFaults();
      if (r.status === 'failed') {
        // The other writer outlasted the retry budget: the apply stops cleanly, says why, and the
        // next run (the other writer gone) finishes the job.
        expect(r.failures.map((f) => f.message).join('\n')).toMatch(/ConflictException[\s\S]*run apply again/);
        const again = await runApply({ dir, clients, yes: true });
        expect(again.failures.map((f) => f.message)).toEqual([]);
      } else {
        expect(r.failures.map((f) => f.message)).toEqual([]);
        expect(r.status).toBe('applied');
      }
      const conflicted = conflictsSince(since);
      expect(conflicted.map((c) => c.operation)).toEqual([operation]);
      // The refused write was made again and succeeded.
      expect(writesSince(emu, since).filter((c) => c.operation === operation).length).toBeGreaterThanOrEqual(nth);
      await expectConverged(dir, clients);
    },
    120_000,
  );
});
