/** Shared set-up for rollout integration tests: the example state with short bake times, guard alarms, traffic. */
import type { Document } from 'yaml';
import type { AwsClients } from '../../../src/aws/clients.js';
import { createExampleAlarms as putExampleAlarms } from '../../../src/demo/example-alarms.js';
import { rolloutDeployerFor } from '../../../src/engine/rollout-deployer.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { systemClock, type Clock } from '../../../src/rollout/port.js';
import { runApply, type ApplyResult } from '../../../src/engine/index.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { startTrafficPump, type TrafficPump } from '../../../src/demo/traffic-pump.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';

/** Rollout policies short enough for a test: seconds, not minutes. */
export function shortenRollouts(
  dir: string,
  over: { shop?: Record<string, unknown>; events?: Record<string, unknown> } = {},
): void {
  const set = (doc: Document, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) doc.setIn(['rollout', k], v);
  };
  editYaml(dir, 'apis/shop/api.yaml', (doc) =>
    set(doc, {
      steps: [10, 50, 100],
      bakeSeconds: 1,
      pollSeconds: 1,
      minRequests: 0,
      timeoutSeconds: 20,
      ...over.shop,
    }),
  );
  editYaml(dir, 'apis/events/api.yaml', (doc) =>
    set(doc, { bakeSeconds: 2, pollSeconds: 1, minRequests: 0, timeoutSeconds: 20, ...over.events }),
  );
}

/** Creates the alarms the example state names; returns the two APIs' ids. */
export async function createExampleAlarms(clients: AwsClients): Promise<{ shopId: string; eventsId: string }> {
  const apis = await liveApis(clients as never);
  const shopId = apis.find((a) => a.name === 'shop-api')!.id;
  const eventsId = apis.find((a) => a.name === 'events-api')!.id;
  await putExampleAlarms(clients, { shopId, eventsId });
  return { shopId, eventsId };
}

export interface RolloutApplyOptions {
  signal?: AbortSignal;
  clock?: Clock;
  driver?: string;
  /** Sees each rollout event as it happens (they are also returned). */
  onEvent?: (e: RolloutEvent) => void;
}

/** Applies `dir` with canary rollouts; returns the result and every rollout event. */
export async function applyWithRollout(
  dir: string,
  clients: AwsClients,
  o: RolloutApplyOptions = {},
): Promise<{ result: ApplyResult; events: RolloutEvent[] }> {
  const events: RolloutEvent[] = [];
  const result = await runApply({
    dir,
    clients,
    yes: true,
    deployerFor: rolloutDeployerFor({
      aws: () => clients,
      clock: o.clock ?? systemClock,
      driver: o.driver,
      signal: o.signal,
      onEvent: (e) => {
        events.push(e);
        o.onEvent?.(e);
      },
    }),
  });
  return { result, events };
}

/** An emulator with the example APIs applied, their guard alarms, and traffic on shop-api/prod. */
export interface RolloutWorld {
  emu: RunningEmulator;
  clients: AwsClients;
  dir: string;
  shopId: string;
  stop(): Promise<void>;
}

export async function startRolloutWorld(
  shop: Record<string, unknown>,
  traffic = { requestsPerBatch: 50, everyMs: 200 },
): Promise<RolloutWorld> {
  const emu = await startTestEmulator();
  const clients = sdkClients(emu.url);
  const dir = copyState();
  shortenRollouts(dir, { shop });
  const applied = await runApply({ dir, clients, yes: true });
  if (applied.failures.length > 0)
    throw new Error(`set-up apply failed: ${applied.failures.map((f) => f.message).join('; ')}`);
  const { shopId } = await createExampleAlarms(clients);
  const pump: TrafficPump = startTrafficPump({ endpoint: emu.url, apiId: shopId, stage: 'prod', ...traffic });
  return {
    emu,
    clients,
    dir,
    shopId,
    async stop() {
      await pump.stop();
      await emu.stop();
    },
  };
}
