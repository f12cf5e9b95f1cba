/**
 * Custom domains with their base path mappings (REST) and API mappings (HTTP) end to end
 * against the local endpoint: create (domain before the APIs, mappings after), change (a
 * mapping's stage: traffic-moving), rename (a base path), drift after an AWS CLI edit, the
 * refused delete of a domain that still maps APIs, delete, import round trip, and the
 * combinations AWS refuses, refused by validate with file and line.
 */
import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  UpdateBasePathMappingCommand,
} from '@aws-sdk/client-api-gateway';
import { GetApiMappingsCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
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

const CERT = (region: string, n = 1) =>
  `arn:aws:acm:${region}:000000000000:certificate/${String(n).repeat(8)}-1111-2222-3333-444444444444`;
const domain = (
  o: { shop?: string; shopStage?: string; events?: string; policy?: string; mtls?: boolean; extra?: string } = {},
) => `endpointType: REGIONAL
certificateArn: ${CERT(REGION)}
securityPolicy: ${o.policy ?? 'TLS_1_2'}
${o.mtls ? 'mutualTls: { truststoreUri: s3://acme-truststores/api.pem }\n' : ''}basePathMappings:
  ${o.shop ?? 'shop'}: { api: shop, stage: ${o.shopStage ?? 'prod'} }
  orders: { api: orders, stage: prod }
apiMappings:
  ${o.events ?? 'events/v1'}: { api: events, stage: live }
${o.extra ?? ''}`;
const rest = (name: string) =>
  `kind: RestApi\nname: ${name}\nroutes:\n  GET /ping:\n    integration: { type: mock }\nstages:\n  prod: {}\n  beta: {}\n`;
const http =
  'kind: HttpApi\nname: events-api\nroutes:\n  GET /ping:\n    integration: { type: http_proxy, uri: https://events.example.com/ping, httpMethod: GET }\nstages:\n  live: {}\n';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = stateDir({
    'apis/shop/api.yaml': rest('shop-api'),
    'apis/orders/api.yaml': rest('orders-api'),
    'apis/events/api.yaml': http,
    'domains/api.example.com.yaml': domain(),
  });
});
afterAll(async () => emu?.stop());

const idOf = async (name: string) => (await liveApis(clients)).find((a) => a.name === name)!.id;
const liveMappings = async () =>
  ((await clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }))).Items ?? [])
    .map((m) => `${m.ApiMappingKey ?? '(none)'} ${m.ApiId} ${m.Stage}`)
    .sort();

describe('custom domains and mappings (account scope)', () => {
  it('creates the domain before the APIs and its mappings after them, naming APIs by folder', async () => {
    const p = await plan(dir, clients);
    const s = steps(p);
    expect(s[0]).toBe('create domain api.example.com');
    expect(s.slice(-3)).toEqual([
      'create basePathMapping api.example.com/orders',
      'create basePathMapping api.example.com/shop',
      'create apiMapping api.example.com/events/v1',
    ]);
    expect(p.renderings.text).toMatch(/\+ custom domain api\.example\.com\n\s+endpointType: REGIONAL/);
    expect(p.renderings.text).toMatch(/\+ base path mapping api\.example\.com\/shop\n\s+api: shop\n\s+stage: prod/);
    await applyAndConverge(dir, clients);
    const [d] = (await clients.apigw.send(new GetDomainNamesCommand({}))).items ?? [];
    expect(d).toMatchObject({
      domainName: 'api.example.com',
      regionalCertificateArn: CERT(REGION),
      securityPolicy: 'TLS_1_2',
      tags: { 'apigw-sync:id': 'api.example.com', 'apigw-sync:owner': OWNER },
    });
    expect(await liveMappings()).toEqual(
      [
        `events/v1 ${await idOf('events-api')} live`,
        `orders ${await idOf('orders-api')} prod`,
        `shop ${await idOf('shop-api')} prod`,
      ].sort(),
    );
  });

  it('changes the domain in place and flags a mapping moved to another stage as traffic-moving', async () => {
    writeFiles(dir, { 'domains/api.example.com.yaml': domain({ shopStage: 'beta', mtls: true }) });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual(['update domain api.example.com', 'update basePathMapping api.example.com/shop']);
    const moved = p.plan.steps[1].change;
    expect(moved.flags.movesTraffic).toBe(true);
    expect(p.renderings.text).toContain('[moves traffic]');
    expect(p.plan.steps[0].change.flags.breaking).toBe(true);
    await applyAndConverge(dir, clients);
    const [d] = (await clients.apigw.send(new GetDomainNamesCommand({}))).items ?? [];
    expect(d.mutualTlsAuthentication?.truststoreUri).toBe('s3://acme-truststores/api.pem');
    expect(await liveMappings()).toContain(`shop ${await idOf('shop-api')} beta`);
  });

  it('renames a base path and an API mapping key in place: one update of each mapping', async () => {
    const before = await clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }));
    writeFiles(dir, {
      'domains/api.example.com.yaml': domain({ shop: 'store', shopStage: 'beta', events: 'events/v2', mtls: true }),
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual([
      'update basePathMapping api.example.com/store',
      'update apiMapping api.example.com/events/v2',
    ]);
    expect(
      p.plan.steps.map((s) => s.change.fields.map((f) => `${f.path}: ${String(f.before)} → ${String(f.after)}`).join()),
    ).toEqual([
      'name: api.example.com/shop → api.example.com/store',
      'name: api.example.com/events/v1 → api.example.com/events/v2',
    ]);
    await applyAndConverge(dir, clients);
    expect(await liveMappings()).toEqual(
      [
        `events/v2 ${await idOf('events-api')} live`,
        `orders ${await idOf('orders-api')} prod`,
        `store ${await idOf('shop-api')} beta`,
      ].sort(),
    );
    // The same API mapping (its id), with its new key.
    const after = await clients.apigwv2.send(new GetApiMappingsCommand({ DomainName: 'api.example.com' }));
    const idOfKey = (r: typeof before, key: string) => r.Items?.find((m) => m.ApiMappingKey === key)?.ApiMappingId;
    expect(idOfKey(after, 'events/v2')).toBe(idOfKey(before, 'events/v1'));
  });

  it('sees an AWS CLI edit of a mapping as drift (exit 2); apply heals it', async () => {
    await awsCliEdit(
      emu,
      [
        'apigateway',
        'update-base-path-mapping',
        '--domain-name',
        'api.example.com',
        '--base-path',
        'store',
        '--patch-operations',
        'op=replace,path=/stage,value=prod',
      ],
      () =>
        clients.apigw.send(
          new UpdateBasePathMappingCommand({
            domainName: 'api.example.com',
            basePath: 'store',
            patchOperations: [{ op: 'replace', path: '/stage', value: 'prod' }],
          }),
        ),
    );
    const d = await drift(dir, clients);
    expect(d.exitCode).toBe(2);
    expect(
      d.report.items.map((i) => `${i.change.target} ${i.change.name} ${i.change.fields.map((f) => f.path).join()}`),
    ).toEqual(['basePathMapping api.example.com/store stage']);
    await applyAndConverge(dir, clients);
    expect((await drift(dir, clients)).exitCode).toBe(0);
  });

  it('refuses to delete a domain that still has mappings, then deletes it once they are gone', async () => {
    writeFiles(dir, { 'domains/api.example.com.yaml': null });
    await expect(runPlan({ dir, clients })).rejects.toMatchObject({
      code: 'DOMAIN_HAS_MAPPINGS',
      message: expect.stringMatching(
        /custom domain api\.example\.com still has 3 mappings in AWS \(.*store → shop stage beta.*\)/,
      ),
      hint: expect.stringContaining('first remove the mappings'),
    });
    writeFiles(dir, {
      'domains/api.example.com.yaml':
        'certificateArn: ' + CERT(REGION) + '\nmutualTls: { truststoreUri: s3://acme-truststores/api.pem }\n',
    });
    const p = await plan(dir, clients);
    expect(steps(p)).toEqual([
      'delete apiMapping api.example.com/events/v2',
      'delete basePathMapping api.example.com/orders',
      'delete basePathMapping api.example.com/store',
    ]);
    expect(p.plan.steps.every((s) => s.change.flags.breaking)).toBe(true);
    await applyAndConverge(dir, clients);
    // AWS cannot rename a domain: a renamed file is a new domain, and the old one goes.
    writeFiles(dir, {
      'domains/api.example.com.yaml': null,
      'domains/www.example.com.yaml': 'certificateArn: ' + CERT(REGION) + '\n',
    });
    expect(steps(await plan(dir, clients))).toEqual(['create domain www.example.com', 'delete domain api.example.com']);
    await applyAndConverge(dir, clients);
    writeFiles(dir, { 'domains/www.example.com.yaml': null });
    expect(steps(await plan(dir, clients))).toEqual(['delete domain www.example.com']);
    await applyAndConverge(dir, clients);
    expect((await clients.apigw.send(new GetDomainNamesCommand({}))).items ?? []).toEqual([]);
  });

  it('import round trip: a domain and its mapping made by hand are written to domains/<name>.yaml; plan shows nothing to do', async () => {
    await clients.apigw.send(
      new CreateDomainNameCommand({
        domainName: 'legacy.example.com',
        endpointConfiguration: { types: ['EDGE'] },
        certificateArn: CERT('us-east-1', 2),
      }),
    );
    await clients.apigw.send(
      new CreateBasePathMappingCommand({
        domainName: 'legacy.example.com',
        basePath: '',
        restApiId: await idOf('orders-api'),
        stage: 'prod',
      }),
    );
    const r = await importAccountRecord({
      clients,
      target: 'domain',
      record: 'legacy.example.com',
      outDir: dir,
      ownerId: OWNER,
    });
    expect([r.key, r.written]).toEqual(['legacy.example.com', ['domains/legacy.example.com.yaml']]);
    expect(steps(await plan(dir, clients))).toEqual([]);
    const mappings =
      (await clients.apigw.send(new GetBasePathMappingsCommand({ domainName: 'legacy.example.com' }))).items ?? [];
    expect(mappings).toEqual([{ basePath: '(none)', restApiId: await idOf('orders-api'), stage: 'prod' }]);
  });

  it('refuses, with file and line, what AWS refuses: a mapping to a stage that does not exist, an EDGE domain with a regional certificate', async () => {
    const bad = stateDir({
      'apis/shop/api.yaml': rest('shop-api'),
      'apis/events/api.yaml': http,
      'domains/edge.example.com.yaml': `endpointType: EDGE\ncertificateArn: ${CERT(REGION)}\nbasePathMappings:\n  shop: { api: shop, stage: staging }\n  events: { api: events, stage: live }\n`,
      'domains/regional.example.com.yaml': `certificateArn: ${CERT('us-east-1')}\nsecurityPolicy: TLS_1_0\nmutualTls: { truststoreUri: s3://acme/t.pem }\napiMappings:\n  v1/events: { api: events, stage: live }\n`,
    });
    const r = await runPlan({ dir: bad, clients });
    expect(r.status).toBe('invalid');
    if (r.status !== 'invalid') return;
    const got = r.issues
      .map((i) => `${i.code} ${i.location?.file.split('gateway-state/')[1]}:${i.location?.line}`)
      .sort();
    expect(got).toEqual(
      [
        'domain-certificate-region domains/edge.example.com.yaml:2',
        'mapping-stage-undefined domains/edge.example.com.yaml:4',
        'mapping-api-kind domains/edge.example.com.yaml:5',
        'mapping-domain domains/edge.example.com.yaml:5',
        'domain-certificate-region domains/regional.example.com.yaml:1',
        'domain-mutual-tls domains/regional.example.com.yaml:2',
        'mapping-domain domains/regional.example.com.yaml:5',
      ].sort(),
    );
    expect(r.issuesText).toMatch(/EDGE domain is served by CloudFront, which takes certificates from us-east-1/);
    expect(r.issuesText).toMatch(/maps stage "staging" of shop, which does not declare it/);
    // What AWS itself answers (the emulator models it): the same two refusals.
    await expect(
      clients.apigw.send(
        new CreateDomainNameCommand({
          domainName: 'edge.example.com',
          endpointConfiguration: { types: ['EDGE'] },
          certificateArn: CERT(REGION),
        }),
      ),
    ).rejects.toThrow(/Certificate must be in 'us-east-1'/);
    await expect(
      clients.apigw.send(
        new CreateBasePathMappingCommand({
          domainName: 'legacy.example.com',
          basePath: 'x',
          restApiId: await idOf('orders-api'),
          stage: 'staging',
        }),
      ),
    ).rejects.toThrow(/Invalid stage identifier specified/);
  });
});
