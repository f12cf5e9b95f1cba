/**
 * Reading big APIs with quotas on: a 1,000-route API is read in ≤ 10 calls, resources
 * beyond one page are followed by `position`, and throttling (injected, or caused by a
 * client that ignores the quotas) slows the reader down but never breaks it.
 *
 * AWS's default quota is 300 resources per REST API (the emulator enforces it), so one
 * API cannot have more than 500 resources here; paging is proven with a smaller page.
 */
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import type { GatewayModel } from '../../../src/model/api.js';
import { generatedOpenapi, generatedResourceCount } from './generate.js';
import { REGION, startReadEmulator, testClients } from './helpers.js';
import { ACCOUNT_KINDS } from '../../../src/kinds/registry.js';

let emu: RunningEmulator;
let apiName: string;
beforeAll(async () => {
  emu = await startReadEmulator();
  emu.control.setQuotas(false);
  const c = testClients(emu.url).apigw;
  apiName = 'generated-1000';
  const api = await c.send(
    new ImportRestApiCommand({
      body: new TextEncoder().encode(JSON.stringify(generatedOpenapi(1000, { title: apiName }))),
    }),
  );
  const dep = await c.send(new CreateDeploymentCommand({ restApiId: api.id }));
  await c.send(new CreateStageCommand({ restApiId: api.id, stageName: 'prod', deploymentId: dep.id }));
  emu.control.setQuotas(true);
}, 60_000);
afterAll(async () => emu?.stop());

function desiredFor(names: string[]): GatewayModel {
  const apis: GatewayModel['apis'] = {};
  for (const name of names) {
    apis[name] = {
      key: name,
      kind: 'RestApi',
      name,
      endpointType: 'EDGE',
      apiKeySource: 'HEADER',
      disableExecuteApiEndpoint: false,
      binaryMediaTypes: [],
      tags: {},
      stages: {},
      routes: {},
      wsRoutes: {},
      authorizers: {},
      requestValidators: {},
      models: {},
      gatewayResponses: {},
      secrets: [],
    };
  }
  return { region: REGION, defaults: {}, apis };
}

describe('reading at scale, quotas on', () => {
  it('reads 1,000 routes (205 resources) in one GetResources page and ≤ 10 calls for the API, plus one list per account-scope kind', async () => {
    const clients = testClients(emu.url);
    const since = emu.control.lastSeq();
    const live = await readLive({ clients, desired: desiredFor([apiName]), region: REGION });
    expect(Object.keys(live.apis[apiName].model.routes)).toHaveLength(1000);
    expect(live.apis[apiName].model.routes['DELETE /svc3/r199'].integration.uri).toBe(
      'https://backend.example.com/svc3/r199',
    );
    expect(Object.keys(live.apis[apiName].ids.resourceIds)).toHaveLength(generatedResourceCount(1000));
    expect(clients.calls.byOperation.GetResources).toBe(1);
    // The API's reads, plus one list per account-scope kind and flavour (client certificates,
    // VPC links v1 and v2, custom domains: nothing declared, so no per-domain mapping lists).
    const accountLists = ACCOUNT_KINDS.flatMap((k) => k.account.read ?? []).length;
    expect(clients.calls.total - accountLists).toBeLessThanOrEqual(10);
    for (const op of ['GetClientCertificates', 'GetVpcLinks', 'GetDomainNames'])
      expect(clients.calls.byOperation[op]).toBeGreaterThan(0);
    // The emulator saw the same calls (the client counter is not fooling itself).
    const seen = emu.control.calls({ since }).filter((c) => c.service !== 'control');
    expect(seen).toHaveLength(clients.calls.total);
  }, 60_000);

  it('follows position through every page, reading the same model', async () => {
    const clients = testClients(emu.url);
    const whole = await readLive({ clients: testClients(emu.url), desired: desiredFor([apiName]), region: REGION });
    const paged = await readLive({ clients, desired: desiredFor([apiName]), region: REGION, pageSize: 100 });
    expect(clients.calls.byOperation.GetResources).toBe(Math.ceil(generatedResourceCount(1000) / 100));
    expect(paged.apis[apiName]).toEqual(whole.apis[apiName]);
  }, 60_000);

  it('retries injected throttling (Retry-After honoured) and still reads everything', async () => {
    const clients = testClients(emu.url);
    emu.control.addFault({ operation: 'GetResources', kind: 'throttle', count: 2 });
    const live = await readLive({ clients, desired: desiredFor([apiName]), region: REGION });
    expect(Object.keys(live.apis[apiName].model.routes)).toHaveLength(1000);
    expect(clients.calls.throttled).toBe(2);
    expect(clients.calls.byOperation.GetResources).toBe(1 + 2);
    emu.control.clearFaults();
  }, 60_000);

  it('a client far above the quota is throttled by AWS, retries, and reads the same as a limited one', async () => {
    // AWS's real rates (scale 1): GetResources 5 per 2 s is what an 8-API read runs into.
    const real = await startEmulator({ port: 0, quotas: false, quotaScale: 1 });
    const names = Array.from({ length: 8 }, (_, i) => `small-${i}`);
    const setup = testClients(real.url);
    for (const name of names) await setup.apigw.send(new CreateRestApiCommand({ name }));
    real.control.setQuotas(true);
    const greedy = testClients(real.url, { scale: 10_000 });
    const fromGreedy = await readLive({ clients: greedy, desired: desiredFor(names), region: REGION });
    expect(greedy.calls.throttled).toBeGreaterThan(0);
    expect(greedy.limiter.stats.throttled).toBe(greedy.calls.throttled);
    const limited = testClients(real.url, { scale: 1 });
    const fromLimited = await readLive({ clients: limited, desired: desiredFor(names), region: REGION });
    await real.stop();
    expect(Object.keys(fromGreedy.apis)).toHaveLength(8);
    expect(fromGreedy.apis).toEqual(fromLimited.apis);
    expect(diffGateway(desiredFor(names), fromLimited)).toEqual([]);
  }, 120_000);
});
