/**
 * HTTP APIs usually serve the `$default` stage. Its `$` is not allowed in AWS tag values,
 * where apply records pending and deployed stages: create, change and re-plan must work.
 */
import { GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan } from '../../../src/engine/index.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  editYaml(dir, 'apis/events/api.yaml', (doc) => {
    const live = doc.getIn(['stages', 'live']);
    doc.deleteIn(['stages', 'live']);
    doc.setIn(['stages', '$default'], live);
    doc.setIn(['rollout', 'stage'], '$default');
  });
  // The example domain maps events' stage: it follows the rename.
  editYaml(dir, 'domains/api.example.com.yaml', (doc) => doc.setIn(['apiMappings', 'events', 'stage'], '$default'));
});
afterAll(async () => emu?.stop());

it('applies, changes and drift-checks an HTTP API on the $default stage', async () => {
  const created = await runApply({ dir, clients, yes: true });
  expect(created.failures.map((f) => f.message)).toEqual([]);
  const eventsId = (await liveApis(clients)).find((a) => a.name === 'events-api')!.id;
  const first = await clients.apigwv2.send(new GetStageCommand({ ApiId: eventsId, StageName: '$default' }));
  expect(first.DeploymentId).toBeTruthy();

  editYaml(dir, 'apis/events/events.openapi.yaml', (doc) => doc.setIn(['info', 'description'], 'changed'));
  editYaml(dir, 'apis/events/api.yaml', (doc) =>
    doc.setIn(['stages', '$default', 'variables', 'ingestQueue'], 'events-ingest-v2'),
  );
  const changed = await runApply({ dir, clients, yes: true });
  expect(changed.failures.map((f) => f.message)).toEqual([]);
  const plan = await runPlan({ dir, clients });
  expect(plan.status === 'ok' && plan.hasChanges).toBe(false);
  const drift = await runDrift({ dir, clients });
  expect(drift.exitCode).toBe(0);
});
