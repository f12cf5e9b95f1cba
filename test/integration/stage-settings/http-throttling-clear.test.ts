/**
 * The defect issue 5 left: v2 UpdateStage merges DefaultRouteSettings member by member, so
 * removing an HTTP stage's throttling from the state must write -1 to both limits (AWS's
 * "not set"); sending no limits kept the old ones, and every later plan showed the change again.
 */
import { GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
  const r = await runApply({ dir, clients, yes: true });
  if (r.status !== 'applied') throw new Error(`set-up apply failed: ${r.failures.map((f) => f.message).join('; ')}`);
}, 120_000);
afterAll(async () => emu?.stop());

describe('HTTP stage throttling removed from the state', () => {
  it('is cleared in AWS, and the next plan shows no changes', async () => {
    editYaml(dir, 'apis/events/api.yaml', (d) => d.deleteIn(['stages', 'live', 'throttling']));
    const r = await runApply({ dir, clients, yes: true });
    expect(r.failures.map((f) => f.message)).toEqual([]);
    const events = (await liveApis(clients)).find((a) => a.name === 'events-api')!;
    const stage = await clients.apigwv2.send(new GetStageCommand({ ApiId: events.id, StageName: 'live' }));
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: -1, ThrottlingBurstLimit: -1 });
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    expect(p.plan.steps.map((s) => `${s.change.id}: ${s.change.fields.map((f) => f.path).join(', ')}`)).toEqual([]);
  }, 120_000);
});
