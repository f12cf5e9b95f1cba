/**
 * The whole reconcile against the emulator with quotas on: create from nothing, no-op,
 * change, rename, delete — each followed by a fresh plan that must show zero changes.
 * The steps share one emulator and build on each other, in order.
 */
import { GetResourcesCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { GetRoutesCommand, GetStageCommand as GetHttpStage } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan, type ApplyResult } from '../../../src/engine/index.js';
import type { PlanResult } from '../../../src/engine/index.js';
import { copyState, editYaml, liveApis, sdkClients, startTestEmulator, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
});
afterAll(async () => emu?.stop());

async function apply(): Promise<ApplyResult> {
  const r = await runApply({ dir, clients, yes: true });
  expect(r.failures.map((f) => f.message)).toEqual([]);
  return r;
}

async function plan(): Promise<Extract<PlanResult, { status: 'ok' }>> {
  const r = await runPlan({ dir, clients });
  if (r.status !== 'ok') throw new Error(r.issuesText);
  return r;
}

async function expectConverged(): Promise<void> {
  const p = await plan();
  expect(p.plan.steps.map((s) => s.change.id)).toEqual([]);
  expect(p.plan.deployments).toEqual({});
  expect(p.hasChanges).toBe(false);
}

async function restApiId(name: string): Promise<string> {
  const api = (await liveApis(clients)).find((a) => a.name === name);
  if (!api) throw new Error(`no live API ${name}`);
  return api.id;
}

describe('reconcile lifecycle (REST + HTTP)', () => {
  it('creates both APIs from nothing; a fresh plan then shows zero changes', async () => {
    const before = await plan();
    expect(before.plan.steps.length).toBeGreaterThan(10);
    const r = await apply();
    expect(r.status).toBe('applied');
    expect(r.deployed.map((d) => d.apiKey).sort()).toEqual(['chat', 'events', 'shop']);
    const apis = await liveApis(clients);
    expect(apis.map((a) => a.name).sort()).toEqual(['chat-api', 'events-api', 'shop-api']);
    for (const a of apis) {
      expect(a.tags['apigw-sync:managed']).toBe('true');
      expect(a.tags['apigw-sync:lock']).toBeUndefined();
      expect(a.tags['apigw-sync:pending']).toBeUndefined();
      expect(a.tags['apigw-sync:deployed']).toMatch(/=/);
    }
    await expectConverged();
  }, 120_000);

  it('a second apply writes nothing at all (call log)', async () => {
    const since = emu.control.lastSeq();
    const r = await runApply({ dir, clients, yes: true });
    expect(r.status).toBe('no-changes');
    expect(r.writes).toBe(0);
    expect(writesSince(emu, since)).toEqual([]);
  }, 60_000);

  it('applies a change: stage variable, integration timeout, HTTP throttling', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => {
      d.setIn(['stages', 'prod', 'variables', 'backendVersion'], 'v2');
      d.setIn(['openapi', 0, 'integration', 'timeoutInMillis'], 12000);
    });
    editYaml(dir, 'apis/events/api.yaml', (d) => d.setIn(['stages', 'live', 'throttling', 'rateLimit'], 400));
    const p = await plan();
    const ids = p.plan.steps.map((s) => s.change.id);
    expect(ids).toContain('shop/stage/prod');
    expect(ids).toContain('shop/integration/GET /users');
    expect(ids).toContain('events/stage/live');

    const since = emu.control.lastSeq();
    await apply();
    const shopId = await restApiId('shop-api');
    const prod = await clients.apigw.send(new GetStageCommand({ restApiId: shopId, stageName: 'prod' }));
    expect(prod.variables?.backendVersion).toBe('v2');
    // Only what changed was written: no resource or method was created again.
    const ops = writesSince(emu, since).map((c) => c.operation);
    expect(ops).not.toContain('CreateResource');
    expect(ops).not.toContain('PutMethod');
    // shop's integration needs a deployment; stage settings (both APIs) apply without one.
    expect(ops.filter((o) => o === 'CreateDeployment')).toHaveLength(1);
    await expectConverged();
  }, 120_000);

  it('renames the REST API in place (same id, new name)', async () => {
    const id = await restApiId('shop-api');
    editYaml(dir, 'apis/shop/api.yaml', (d) => d.set('name', 'storefront-api'));
    const p = await plan();
    expect(p.plan.steps.map((s) => `${s.change.action} ${s.change.target}`)).toEqual(['update api']);
    await apply();
    expect(await restApiId('storefront-api')).toBe(id);
    await expectConverged();
  }, 120_000);

  it('deletes routes (and the resources nothing uses any more), adds one', async () => {
    editYaml(dir, 'apis/shop/users.openapi.yaml', (d) => {
      d.deleteIn(['paths', '/users/{user_id}/addresses']);
      d.setIn(
        ['paths', '/users/{user_id}/avatar'],
        d.createNode({
          parameters: [{ $ref: '#/components/parameters/UserId' }],
          get: { operationId: 'getAvatar', responses: { '200': { description: 'The avatar' } } },
        }),
      );
    });
    editYaml(dir, 'apis/events/events.openapi.yaml', (d) => d.deleteIn(['paths', '/stream/{proxy+}']));
    const p = await plan();
    const actions = p.plan.steps.map((s) => `${s.change.action} ${s.change.id}`);
    expect(actions).toContain('delete shop/route/GET /users/{user_id}/addresses');
    expect(actions).toContain('delete events/route/ANY /stream/{proxy+}');
    await apply();

    const shopId = await restApiId('storefront-api');
    const resources =
      (await clients.apigw.send(new GetResourcesCommand({ restApiId: shopId, limit: 500 }))).items ?? [];
    const paths = resources.map((r) => r.path);
    expect(paths).not.toContain('/users/{user_id}/addresses');
    expect(paths).toContain('/users/{user_id}/avatar');
    const eventsId = await restApiId('events-api');
    const routes = (await clients.apigwv2.send(new GetRoutesCommand({ ApiId: eventsId }))).Items ?? [];
    expect(routes.map((r) => r.RouteKey)).not.toContain('ANY /stream/{proxy+}');
    const stage = await clients.apigwv2.send(new GetHttpStage({ ApiId: eventsId, StageName: 'live' }));
    expect(stage.DeploymentId).toBeTruthy();
    await expectConverged();
  }, 120_000);
});
