/**
 * VPC links end to end against the local endpoint (links PENDING for a moment, as AWS's are
 * for minutes): create (apply waits for AVAILABLE, with progress), integrations that name a
 * link by name (REST v1 and HTTP v2), change, rename, replace when targets change (make
 * before break), drift after an AWS CLI edit, delete after the integrations stop using it,
 * and import round trip.
 */
import { GetVpcLinksCommand, UpdateVpcLinkCommand, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { GetIntegrationsCommand, GetVpcLinksCommand as GetV2VpcLinksCommand } from '@aws-sdk/client-apigatewayv2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import { importAccountRecord } from '../../../src/engine/import-account.js';
import { liveApis } from '../apply/helpers.js';
import {
  applyAndConverge,
  awsCliEdit,
  drift,
  OWNER,
  plan,
  REGION,
  sdkClients,
  startTestEmulator,
  stateDir,
  steps,
  writeFiles,
} from './helpers.js';

const NLB = (n: string) => `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/${n}/0123456789abcdef`;
const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:000000000000:listener/app/orders/0123456789abcdef/fedcba9876543210`;

const restLink = (nlb: string, description = 'inventory NLB') =>
  `for: RestApi\ndescription: ${description}\ntargetArns: [${NLB(nlb)}]\n`;
const httpLink =
  'for: HttpApi\nsubnetIds: [subnet-0123456789abcdef0, subnet-0abcdef0123456789]\nsecurityGroupIds: [sg-0123456789abcdef0]\n';
const shop = (link: string) => `kind: RestApi
name: shop-api
routes:
  GET /inventory:
    integration: { type: http_proxy, uri: http://inventory.internal.example.com/inventory, vpcLink: ${link} }
  GET /health:
    integration: { type: mock }
stages:
  prod: {}
`;
const events = (link: string) => `kind: HttpApi
name: events-api
routes:
  POST /orders:
    integration: { type: http_proxy, uri: ${LISTENER}, httpMethod: ANY, vpcLink: ${link} }
stages:
  live: {}
`;

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  emu.control.setSettings({ vpcLinkPendingMs: 150 });
  clients = sdkClients(emu.url);
  dir = stateDir({
    'vpc-links/inventory.yaml': restLink('inventory'),
    'vpc-links/orders.yaml': httpLink,
    'apis/shop/api.yaml': shop('inventory'),
    'apis/events/api.yaml': events('orders'),
  });
});
afterAll(async () => emu?.stop());

const restLinks = async () => (await clients.apigw.send(new GetVpcLinksCommand({}))).items ?? [];
const httpLinks = async () => (await clients.apigwv2.send(new GetV2VpcLinksCommand({}))).Items ?? [];

async function shopIntegrationConnection(): Promise<string | undefined> {
  const id = (await liveApis(clients)).find((a) => a.name === 'shop-api')!.id;
  const resources =
    (await clients.apigw.send(new GetResourcesCommand({ restApiId: id, embed: ['methods'] }))).items ?? [];
  return resources.find((r) => r.path === '/inventory')?.resourceMethods?.GET?.methodIntegration?.connectionId;
}

describe('VPC links (account scope)', () => {
  it('creates both links before the APIs, waits for AVAILABLE with progress, and the integrations get their ids', async () => {
    const p = await plan(dir, clients);
    expect(steps(p).slice(0, 2)).toEqual(['create vpcLink inventory', 'create vpcLink orders']);
    expect(p.renderings.text).toMatch(/\+ VPC link inventory\n\s+for: RestApi/);
    const seen: EngineEvent[] = [];
    await applyAndConverge(dir, clients, seen);
    const waits = seen.filter(
      (e): e is Extract<EngineEvent, { type: 'account.waiting' }> => e.type === 'account.waiting',
    );
    expect(waits.filter((w) => w.name === 'inventory').at(-1)?.status).toBe('AVAILABLE');
    expect(waits.some((w) => w.status === 'PENDING')).toBe(true);
    const [rest] = await restLinks();
    expect(rest).toMatchObject({
      name: 'inventory',
      status: 'AVAILABLE',
      tags: { 'apigw-sync:id': 'inventory', 'apigw-sync:owner': OWNER },
    });
    expect(await shopIntegrationConnection()).toBe(rest.id);
    const [http] = await httpLinks();
    const eventsId = (await liveApis(clients)).find((a) => a.name === 'events-api')!.id;
    const integrations = (await clients.apigwv2.send(new GetIntegrationsCommand({ ApiId: eventsId }))).Items ?? [];
    expect(integrations.map((i) => [i.ConnectionType, i.ConnectionId])).toEqual([['VPC_LINK', http.VpcLinkId]]);
  });

  it('changes a link in place, then renames it: the same link, integrations keep their id', async () => {
    const [before] = await restLinks();
    writeFiles(dir, { 'vpc-links/inventory.yaml': restLink('inventory', 'stock NLB') });
    expect(steps(await plan(dir, clients))).toEqual(['update vpcLink inventory']);
    await applyAndConverge(dir, clients);
    writeFiles(dir, {
      'vpc-links/inventory.yaml': null,
      'vpc-links/stock.yaml': restLink('inventory', 'stock NLB'),
      'apis/shop/api.yaml': shop('stock'),
    });
    const p = await plan(dir, clients);
    // The rename is one update of the link; the integration names it by its new name, with the same id.
    expect(steps(p)).toEqual(['update vpcLink stock', 'update integration GET /inventory']);
    expect(p.plan.steps[0].change.fields.map((f) => `${f.path}: ${String(f.before)} → ${String(f.after)}`)).toEqual([
      'name: inventory → stock',
    ]);
    await applyAndConverge(dir, clients);
    const after = await restLinks();
    expect(after.map((l) => [l.id, l.name, l.description, l.tags?.['apigw-sync:id']])).toEqual([
      [before.id, 'stock', 'stock NLB', 'stock'],
    ]);
    expect(await shopIntegrationConnection()).toBe(before.id);
  });

  it('replaces a link whose load balancer changes: the new link first, integrations move, the old one goes after', async () => {
    const [old] = await restLinks();
    writeFiles(dir, { 'vpc-links/stock.yaml': restLink('stock-v2', 'stock NLB') });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update vpcLink stock', 'update integration GET /inventory']);
    expect(p.plan.steps[0].change.flags.movesTraffic).toBe(true);
    expect(p.renderings.text).toContain('[moves traffic]');
    await applyAndConverge(dir, clients);
    const links = await restLinks();
    expect(links).toHaveLength(1);
    expect(links[0].id).not.toBe(old.id);
    expect(links[0].targetArns).toEqual([NLB('stock-v2')]);
    expect(await shopIntegrationConnection()).toBe(links[0].id);
  });

  it('sees an AWS CLI edit as drift (exit 2); apply heals it', async () => {
    const [link] = await restLinks();
    await awsCliEdit(
      emu,
      [
        'apigateway',
        'update-vpc-link',
        '--vpc-link-id',
        link.id!,
        '--patch-operations',
        'op=replace,path=/description,value=clicked in the console',
      ],
      () =>
        clients.apigw.send(
          new UpdateVpcLinkCommand({
            vpcLinkId: link.id,
            patchOperations: [{ op: 'replace', path: '/description', value: 'clicked in the console' }],
          }),
        ),
    );
    const d = await drift(dir, clients);
    expect(d.exitCode).toBe(2);
    expect(
      d.report.items.map((i) => `${i.change.target} ${i.change.name} ${i.change.fields.map((f) => f.path).join()}`),
    ).toEqual(['vpcLink stock description']);
    await applyAndConverge(dir, clients);
    expect((await drift(dir, clients)).exitCode).toBe(0);
  });

  it('deletes a link after the integration that used it moved to the internet', async () => {
    writeFiles(dir, {
      'vpc-links/stock.yaml': null,
      'apis/shop/api.yaml': shop('stock').replace(/, vpcLink: stock/, ''),
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update integration GET /inventory', 'delete vpcLink stock']);
    await applyAndConverge(dir, clients);
    expect(await restLinks()).toEqual([]);
  });

  it('import round trip: a link made by hand is written to vpc-links/<name>.yaml and tagged; plan shows nothing to do', async () => {
    const made = await clients.apigw.send(
      new (await import('@aws-sdk/client-api-gateway')).CreateVpcLinkCommand({
        name: 'legacy-nlb',
        targetArns: [NLB('legacy')],
        description: 'by hand',
      }),
    );
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    const r = await importAccountRecord({
      clients,
      target: 'vpcLink',
      record: 'legacy-nlb',
      outDir: out,
      ownerId: 'acme/legacy:gs',
    });
    expect([r.key, r.id, r.written]).toEqual(['legacy-nlb', made.id, ['vpc-links/legacy-nlb.yaml', 'gateway.yaml']]);
    writeFiles(out, { 'gateway.yaml': `region: ${REGION}\nowner: acme/legacy:gs\n` });
    expect(steps(await plan(out, clients))).toEqual([]);
  });
});
