/** Shared set-up for rollout integration tests: the example state with short bake times, guard alarms, traffic. */
import type { Document } from 'yaml';
import type { AwsClients } from '../../../src/aws/clients.js';
import { createExampleAlarms as putExampleAlarms } from '../../../src/demo/example-alarms.js';
import { rolloutDeployerFor } from '../../../src/engine/rollout-deployer.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import { systemClock } from '../../../src/rollout/port.js';
import { runApply, type ApplyResult } from '../../../src/engine/index.js';
import { editYaml, liveApis } from '../apply/helpers.js';

/** Rollout policies short enough for a test: seconds, not minutes. */
export function shortenRollouts(dir: string, over: { shop?: Record<string, unknown>; events?: Record<string, unknown> } = {}): void {
  const set = (doc: Document, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) doc.setIn(['rollout', k], v);
  };
  editYaml(dir, 'apis/shop/api.yaml', (doc) =>
    set(doc, { steps: [10, 50, 100], bakeSeconds: 1, pollSeconds: 1, minRequests: 0, timeoutSeconds: 20, ...over.shop }),
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

export async function applyWithRollout(dir: string, clients: AwsClients, signal?: AbortSignal): Promise<{ result: ApplyResult; events: RolloutEvent[] }> {
  const events: RolloutEvent[] = [];
  const result = await runApply({
    dir,
    clients,
    yes: true,
    deployerFor: rolloutDeployerFor({ aws: () => clients, clock: systemClock, signal, onEvent: (e) => events.push(e) }),
  });
  return { result, events };
}
