/**
 * Per-API/stage settings end to end against the local endpoint, on a copy of the example
 * gateway-state (REST shop: stage-wide metrics, logging, throttling and cache, per-method
 * overrides, a WAF web ACL; HTTP events: route settings): create, change (an override follows
 * the stage-wide value it inherits), drift after AWS CLI edits (exit 2, apply heals), import
 * round trip, and removal (the web ACL's removal flagged security-relevant). Each step ends
 * with a plan that has nothing to do. Steps share one emulator and build on each other.
 */
import { importAccountRecord } from '../../../src/engine/import-account.js';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetStageCommand as GetRestStage, type MethodSetting } from '@aws-sdk/client-api-gateway';
import { GetStageCommand as GetHttpStage } from '@aws-sdk/client-apigatewayv2';
import { GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_WEB_ACL, type RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan } from '../../../src/engine/index.js';
import { importApi } from '../../../src/engine/import.js';
import { readLive } from '../../../src/aws/read/index.js';
import { diffGateway } from '../../../src/diff/index.js';
import { loadState } from '../../../src/state/index.js';
import { REGION, copyState, editYaml, liveApis, sdkClients, startTestEmulator } from '../apply/helpers.js';

const exec = promisify(execFile);
const WEB_ACL = `arn:aws:wafv2:${REGION}:000000000000:regional/webacl/${EXAMPLE_WEB_ACL.name}/${EXAMPLE_WEB_ACL.id}`;
const LOGS = `arn:aws:logs:${REGION}:000000000000:log-group:/aws/apigateway/access`;

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dir: string;
let shopId: string;
let eventsId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dir = copyState();
});
afterAll(async () => emu?.stop());

async function apply(): Promise<void> {
  const r = await runApply({ dir, clients, yes: true });
  expect(r.failures.map((f) => f.message)).toEqual([]);
}

async function planChanges(): Promise<string[]> {
  const p = await runPlan({ dir, clients });
  if (p.status !== 'ok') throw new Error(p.issuesText);
  return p.plan.steps.map((s) => `${s.change.id}: ${s.change.fields.map((f) => f.path).join(', ')}`);
}

const restStage = () => clients.apigw.send(new GetRestStage({ restApiId: shopId, stageName: 'prod' }));
const httpStage = () => clients.apigwv2.send(new GetHttpStage({ ApiId: eventsId, StageName: 'live' }));
const webAclOfProd = async () =>
  (
    await clients.wafv2.send(
      new GetWebACLForResourceCommand({ ResourceArn: `arn:aws:apigateway:${REGION}::/restapis/${shopId}/stages/prod` }),
    )
  ).WebACL?.ARN;
const setting = (m: Record<string, MethodSetting> | undefined, key: string) => m?.[key];

/** The AWS CLI against the emulator (botocore's own serializers, not the SDK v3 the tool uses). */
async function awsCli(args: string[]): Promise<void> {
  await exec('aws', ['--endpoint-url', emu.url, '--region', REGION, '--output', 'json', ...args], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
}
const hasAwsCli = await exec('aws', ['--version']).then(
  () => true,
  () => false,
);

describe('stage settings: create, change, drift, import, remove', () => {
  it('creates stage-wide settings, per-method overrides, route settings and the web ACL; a fresh plan is empty', async () => {
    await apply();
    const apis = await liveApis(clients);
    shopId = apis.find((a) => a.name === 'shop-api')!.id;
    eventsId = apis.find((a) => a.name === 'events-api')!.id;

    const prod = await restStage();
    expect(setting(prod.methodSettings, '*/*')).toMatchObject({
      metricsEnabled: true,
      loggingLevel: 'ERROR',
      dataTraceEnabled: false,
      throttlingRateLimit: 1000,
      throttlingBurstLimit: 2000,
      cachingEnabled: true,
      cacheTtlInSeconds: 300,
    });
    // An override starts as a copy of */* and gets what the state sets.
    expect(setting(prod.methodSettings, 'users/{user_id}/GET')).toMatchObject({
      metricsEnabled: true,
      loggingLevel: 'ERROR',
      throttlingRateLimit: 1000,
      cachingEnabled: true,
      cacheTtlInSeconds: 60,
    });
    expect(setting(prod.methodSettings, 'api/orders/POST')).toMatchObject({
      throttlingRateLimit: 50,
      throttlingBurstLimit: 100,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
    });
    expect(prod.webAclArn).toBe(WEB_ACL);
    expect(await webAclOfProd()).toBe(WEB_ACL);

    const live = await httpStage();
    expect(live.DefaultRouteSettings).toMatchObject({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: 500,
      ThrottlingBurstLimit: 1000,
    });
    expect(live.RouteSettings).toEqual({ 'POST /events': { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 } });
    expect(await planChanges()).toEqual([]);
  }, 120_000);

  it('changes them: an override follows the stage-wide value it inherits; access logs on both flavours', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => {
      d.setIn(['stages', 'prod', 'throttling'], { rateLimit: 800, burstLimit: 1600 });
      d.setIn(['stages', 'prod', 'logging'], { level: 'INFO', dataTrace: true });
      d.setIn(['stages', 'prod', 'routeSettings', 'GET /users/{user_id}', 'caching', 'ttlSeconds'], 120);
      d.setIn(['stages', 'prod', 'routeSettings', 'GET /users/{user_id}', 'detailedMetrics'], false);
      d.setIn(['stages', 'prod', 'accessLog'], {
        destinationArn: LOGS,
        format: '{"requestId":"$context.requestId","status":"$context.status"}',
      });
    });
    editYaml(dir, 'apis/events/api.yaml', (d) => {
      d.setIn(['stages', 'live', 'detailedMetrics'], false);
      d.setIn(['stages', 'live', 'routeSettings', 'POST /events', 'detailedMetrics'], true);
      d.setIn(['stages', 'live', 'accessLog'], {
        destinationArn: LOGS,
        format: '$context.requestId $context.routeKey $context.status',
      });
    });
    expect(await planChanges()).toEqual([
      'events/stage/live: accessLog.destinationArn, accessLog.format, detailedMetrics, routeSettings["POST /events"].detailedMetrics',
      'shop/stage/prod: accessLog.destinationArn, accessLog.format, logging.dataTrace, logging.level, routeSettings["GET /users/{user_id}"].caching.ttlSeconds, routeSettings["GET /users/{user_id}"].detailedMetrics, throttling.burstLimit, throttling.rateLimit',
    ]);
    await apply();

    const prod = await restStage();
    expect(setting(prod.methodSettings, '*/*')).toMatchObject({
      loggingLevel: 'INFO',
      dataTraceEnabled: true,
      throttlingRateLimit: 800,
      throttlingBurstLimit: 1600,
    });
    // Inherited members of an override follow */*: AWS copies */* only when the override is made.
    expect(setting(prod.methodSettings, 'users/{user_id}/GET')).toMatchObject({
      metricsEnabled: false,
      loggingLevel: 'INFO',
      dataTraceEnabled: true,
      throttlingRateLimit: 800,
      throttlingBurstLimit: 1600,
      cacheTtlInSeconds: 120,
    });
    expect(setting(prod.methodSettings, 'api/orders/POST')).toMatchObject({
      loggingLevel: 'INFO',
      throttlingRateLimit: 50,
      throttlingBurstLimit: 100,
    });
    expect(prod.accessLogSettings?.destinationArn).toBe(LOGS);

    const live = await httpStage();
    expect(live.DefaultRouteSettings).toMatchObject({ DetailedMetricsEnabled: false });
    expect(live.RouteSettings?.['POST /events']).toMatchObject({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: 200,
    });
    expect(live.AccessLogSettings?.Format).toBe('$context.requestId $context.routeKey $context.status');
    expect(await planChanges()).toEqual([]);
  }, 120_000);

  it.skipIf(!hasAwsCli)(
    'drift after AWS CLI edits: exit 2 (a web ACL removed is security-relevant); apply heals it',
    async () => {
      await awsCli([
        'apigateway',
        'update-stage',
        '--rest-api-id',
        shopId,
        '--stage-name',
        'prod',
        '--patch-operations',
        'op=replace,path=/*/*/metrics/enabled,value=false',
        'op=replace,path=/api/orders/POST/throttling/rateLimit,value=5',
      ]);
      await awsCli([
        'wafv2',
        'disassociate-web-acl',
        '--resource-arn',
        `arn:aws:apigateway:${REGION}::/restapis/${shopId}/stages/prod`,
      ]);
      await awsCli([
        'apigatewayv2',
        'update-stage',
        '--api-id',
        eventsId,
        '--stage-name',
        'live',
        '--route-settings',
        JSON.stringify({ 'POST /events': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 } }),
      ]);

      const drift = await runDrift({ dir, clients });
      if (drift.status !== 'ok') throw new Error(drift.issuesText);
      expect(drift.exitCode).toBe(2);
      const items = drift.report.items.map((i) => `${i.change.id}: ${i.change.fields.map((f) => f.path).join(', ')}`);
      expect(items).toEqual([
        'events/stage/live: routeSettings["POST /events"].throttling.burstLimit, routeSettings["POST /events"].throttling.rateLimit',
        // */* metrics off by hand: the override that inherits it is unchanged (AWS copied */* when it was made), so it now differs.
        'shop/stage/prod: detailedMetrics, routeSettings["POST /api/orders"].detailedMetrics, routeSettings["POST /api/orders"].throttling.rateLimit, webAclArn',
      ]);
      const prodDrift = drift.report.items.find((i) => i.change.id === 'shop/stage/prod')!.change;
      expect(prodDrift.flags.security).toBe(true);
      expect(prodDrift.flags.reasons).toContain('AWS WAF web ACL removed: requests reach the stage unfiltered');

      await apply();
      expect(await webAclOfProd()).toBe(WEB_ACL);
      const healed = await runDrift({ dir, clients });
      expect(healed.status === 'ok' && healed.report.items.map((i) => i.change.id)).toEqual([]);
      expect(healed.exitCode).toBe(0);
    },
    120_000,
  );

  it('import round trip: the imported files load back, and a plan of them has nothing to do', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-import-')), 'gateway-state');
    for (const api of ['shop-api', 'events-api']) await importApi({ clients, api, outDir: out });
    // The example's account records around them (the VPC link shop names, the domain mapping both).
    await importAccountRecord({ clients, target: 'vpcLink', record: 'inventory-nlb', outDir: out });
    await importAccountRecord({ clients, target: 'domain', record: 'api.example.com', outDir: out });
    const loaded = await loadState(out);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const prod = loaded.model.apis.shop.stages.prod;
    expect(prod).toMatchObject({
      detailedMetrics: true,
      logging: { level: 'INFO', dataTrace: true },
      webAclArn: WEB_ACL,
      accessLog: { destinationArn: LOGS },
    });
    expect(prod.routeSettings).toEqual({
      'GET /users/{user_id}': { detailedMetrics: false, caching: { ttlSeconds: 120 } },
      'POST /api/orders': { throttling: { rateLimit: 50, burstLimit: 100 }, caching: { enabled: false } },
    });
    expect(loaded.model.apis.events.stages.live.routeSettings).toEqual({
      'POST /events': { throttling: { rateLimit: 200, burstLimit: 400 }, detailedMetrics: true },
    });
    // The APIs only: the example's account records (domain, usage plan, keys) were not imported here.
    const live = await readLive({ clients, desired: loaded.model, region: REGION, account: false });
    expect(diffGateway(loaded.model, live)).toEqual([]);
  }, 60_000);

  it('removes them: the web ACL (flagged security-relevant), overrides, route settings, logging and access logs', async () => {
    editYaml(dir, 'apis/shop/api.yaml', (d) => {
      for (const k of ['detailedMetrics', 'logging', 'routeSettings', 'webAclArn', 'accessLog'])
        d.deleteIn(['stages', 'prod', k]);
    });
    editYaml(dir, 'apis/events/api.yaml', (d) => {
      for (const k of ['detailedMetrics', 'routeSettings', 'accessLog', 'throttling'])
        d.deleteIn(['stages', 'live', k]);
    });
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    const prodChange = p.plan.steps.find((s) => s.change.id === 'shop/stage/prod')!.change;
    expect(prodChange.flags).toMatchObject({ security: true, breaking: false });
    expect(prodChange.flags.reasons).toEqual([
      'execution logging turned off',
      'access logging turned off',
      'AWS WAF web ACL removed: requests reach the stage unfiltered',
    ]);
    expect(p.renderings.text).toContain('~ stage prod  [security]');
    await apply();

    const prod = await restStage();
    expect(Object.keys(prod.methodSettings ?? {})).toEqual(['*/*']);
    expect(setting(prod.methodSettings, '*/*')).toMatchObject({
      metricsEnabled: false,
      loggingLevel: 'OFF',
      dataTraceEnabled: false,
    });
    expect(prod.webAclArn).toBeUndefined();
    expect(await webAclOfProd()).toBeUndefined();
    expect(prod.accessLogSettings).toBeUndefined();

    const live = await httpStage();
    expect(live.RouteSettings).toEqual({});
    expect(live.DefaultRouteSettings).toMatchObject({
      DetailedMetricsEnabled: false,
      ThrottlingRateLimit: -1,
      ThrottlingBurstLimit: -1,
    });
    expect(live.AccessLogSettings).toBeUndefined();
    expect(await planChanges()).toEqual([]);
  }, 120_000);
});
