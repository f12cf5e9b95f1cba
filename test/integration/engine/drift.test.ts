/**
 * Drift after out-of-band edits made with the SDK, as a console user or another tool would:
 * an integration URI edited, a route deleted, a route added, a stage variable changed and a
 * deployment made by hand — each must be reported, and exit semantics must be 2.
 * Then --prune: only live APIs with the managed tag are deleted.
 */
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  UpdateIntegrationCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CreateRouteCommand, DeleteRouteCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift } from '../../../src/engine/index.js';
import { copyState, liveApis, sdkClients, startTestEmulator } from '../apply/helpers.js';

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

const id = async (name: string) => (await liveApis(clients)).find((a) => a.name === name)!.id;

describe('drift', () => {
  it('is 0 right after apply', async () => {
    const r = await runDrift({ dir, clients });
    if (r.status !== 'ok') throw new Error(r.issuesText);
    expect(r.report.items.map((i) => i.change.id)).toEqual([]);
    expect(r.exitCode).toBe(0);
  }, 60_000);

  it('reports console edits, deleted and added routes, a stage variable and an out-of-band deployment', async () => {
    const shop = await id('shop-api');
    const events = await id('events-api');
    const resources = (await clients.apigw.send(new GetResourcesCommand({ restApiId: shop, limit: 500 }))).items ?? [];
    const users = resources.find((r) => r.path === '/users')!;
    await clients.apigw.send(
      new UpdateIntegrationCommand({
        restApiId: shop,
        resourceId: users.id!,
        httpMethod: 'GET',
        patchOperations: [{ op: 'replace', path: '/uri', value: 'https://evil.example.com/users' }],
      }),
    );
    await clients.apigw.send(
      new UpdateStageCommand({
        restApiId: shop,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/variables/logLevel', value: 'DEBUG' }],
      }),
    );
    await clients.apigw.send(
      new CreateDeploymentCommand({ restApiId: shop, stageName: 'prod', description: 'hotfix by hand' }),
    );
    const routes = (await clients.apigwv2.send(new GetRoutesCommand({ ApiId: events }))).Items ?? [];
    const post = routes.find((r) => r.RouteKey === 'POST /events')!;
    await clients.apigwv2.send(new DeleteRouteCommand({ ApiId: events, RouteId: post.RouteId! }));
    await clients.apigwv2.send(new CreateRouteCommand({ ApiId: events, RouteKey: 'GET /debug', Target: post.Target }));

    const r = await runDrift({ dir, clients });
    if (r.status !== 'ok') throw new Error(r.issuesText);
    expect(r.exitCode).toBe(2);
    const found = r.report.items.map((i) => `${i.change.action} ${i.change.id}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'update shop/integration/GET /users',
        'update shop/stage/prod',
        'update shop/deployment/prod',
        'delete events/route/POST /events',
        'create events/route/GET /debug',
      ]),
    );
    const uri = r.report.items.find((i) => i.change.id === 'shop/integration/GET /users')!.change.fields;
    expect(uri).toEqual([expect.objectContaining({ path: 'uri', after: 'https://evil.example.com/users' })]);
  }, 60_000);

  it("lists APIs only in AWS; --prune deletes only those with the managed tag and this directory's owner id", async () => {
    const owner = 'acme/gateway:gateway-state';
    const managed = await clients.apigw.send(
      new CreateRestApiCommand({
        name: 'retired-api',
        tags: { 'apigw-sync:managed': 'true', 'apigw-sync:id': 'retired', 'apigw-sync:owner': owner },
      }),
    );
    const legacy = await clients.apigw.send(
      new CreateRestApiCommand({
        name: 'legacy-api',
        tags: { 'apigw-sync:managed': 'true', 'apigw-sync:id': 'legacy' },
      }),
    );
    const foreign = await clients.apigw.send(new CreateRestApiCommand({ name: 'someone-elses-api' }));
    const listed = await runDrift({ dir, clients, ownerId: owner });
    if (listed.status !== 'ok') throw new Error(listed.issuesText);
    const only = listed.report.onlyInAws.map((a) => `${a.name}:${a.managed}${a.legacy ? ':legacy' : ''}`);
    expect(only).toEqual(
      expect.arrayContaining(['retired-api:true', 'legacy-api:false:legacy', 'someone-elses-api:false']),
    );

    const pruned = await runDrift({ dir, clients, ownerId: owner, prune: { yes: true } });
    if (pruned.status !== 'ok') throw new Error(pruned.issuesText);
    expect(pruned.pruned.map((a) => a.apiId)).toEqual([managed.id]);
    const left = (await liveApis(clients)).map((a) => a.id);
    expect(left).not.toContain(managed.id);
    expect(left).toEqual(expect.arrayContaining([foreign.id!, legacy.id!]));
  }, 60_000);
});
