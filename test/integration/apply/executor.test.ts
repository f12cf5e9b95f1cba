/**
 * The executors against the emulator, before the read side is involved: a plan built
 * against an empty account creates the example APIs (REST, HTTP, WebSocket), exactly as declared.
 */
import { GetResourcesCommand, GetStageCommand as GetRestStage, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetRoutesCommand, GetStageCommand as GetHttpStage } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { loadState } from '../../../src/state/index.js';
import { buildPlan, walkPlan } from '../../../src/plan/index.js';
import { AwsCaller, createApiExecutor, directDeployer } from '../../../src/aws/apply/index.js';
import { subPlan } from '../../../src/engine/sub-plan.js';
import { emptyAccount } from '../../../src/kinds/registry.js';
import { AccountExecutor } from '../../../src/aws/account/executor.js';
import { REGION, sdkClients, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu?.stop());

describe('executors create the example APIs from nothing', () => {
  it('creates every route, stage and tag the state declares', async () => {
    const clients = sdkClients(emu.url);
    const { model } = await loadState(join(import.meta.dirname, '..', '..', '..', 'gateway-state'));
    const plan = buildPlan({
      desired: model,
      live: {
        region: REGION,
        apis: {},
        unmanaged: [],
        account: { model: emptyAccount(), ids: {}, adopt: [], elsewhere: [], facts: {} },
      },
      now: new Date(0),
    });
    const caller = new AwsCaller();
    // The VPC link shop's GET /inventory names: created first, as apply's account part does.
    const account = new AccountExecutor({
      clients,
      caller,
      region: REGION,
      desired: model.account,
      apiIdOf: () => undefined,
      wait: { pollMs: 20 },
    });
    for (const step of plan.steps.filter((s) => s.change.target === 'vpcLink')) await account.execute(step);
    for (const key of Object.keys(model.apis)) {
      const api = model.apis[key];
      const executor = createApiExecutor(api.kind, clients, {
        region: REGION,
        desired: api,
        caller,
        deployer: directDeployer(api.kind, clients, caller),
        toolTagsAtCreate: () => ({ 'apigw-sync:id': key, 'apigw-sync:managed': 'true' }),
        description: 'test',
        steps: subPlan(plan, key).steps,
        accountIds: account.ids,
      });
      const walk = await walkPlan(subPlan(plan, key), executor);
      expect(walk.failed?.error, String((walk.failed?.error as Error)?.stack)).toBeUndefined();
      expect(walk.ok).toBe(true);
    }

    const rest = (await clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
    expect(rest.map((a) => a.name)).toEqual(['shop-api']);
    expect(rest[0].tags).toMatchObject({ team: 'platform', 'apigw-sync:id': 'shop' });
    const resources = await clients.apigw.send(
      new GetResourcesCommand({ restApiId: rest[0].id!, limit: 500, embed: ['methods'] }),
    );
    const routes = (resources.items ?? [])
      .flatMap((r) => Object.keys(r.resourceMethods ?? {}).map((m) => `${m} ${r.path}`))
      .sort();
    expect(routes).toEqual(Object.keys(model.apis.shop.routes).sort());
    const prod = await clients.apigw.send(new GetRestStage({ restApiId: rest[0].id!, stageName: 'prod' }));
    expect(prod.deploymentId).toBeTruthy();
    expect(prod.variables).toEqual({ backendVersion: 'v1', logLevel: 'INFO' });

    const v2 = (await clients.apigwv2.send(new GetApisCommand({}))).Items ?? [];
    expect(v2.map((a) => `${a.Name} ${a.ProtocolType}`).sort()).toEqual(['chat-api WEBSOCKET', 'events-api HTTP']);
    for (const [key, name] of [
      ['events', 'events-api'],
      ['chat', 'chat-api'],
    ] as const) {
      const apiId = v2.find((a) => a.Name === name)!.ApiId!;
      const routes = (await clients.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
      const declared = key === 'chat' ? model.apis.chat.wsRoutes : model.apis.events.routes;
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(Object.keys(declared).sort());
      const live = await clients.apigwv2.send(new GetHttpStage({ ApiId: apiId, StageName: 'live' }));
      expect(live.DeploymentId).toBeTruthy();
    }
  }, 60_000);
});
