/**
 * Renames are updates where AWS allows them: a REST path segment (UpdateResource pathPart),
 * an authorizer (UpdateAuthorizer name), an HTTP route key (UpdateRoute RouteKey) — ids stay.
 * The second round uses the first round's desired model and the ids the executor recorded
 * as the live side, so this test needs no reader.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAuthorizersCommand, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { loadState } from '../../../src/state/index.js';
import { buildPlan, walkPlan } from '../../../src/plan/index.js';
import { AwsCaller, createApiExecutor, directDeployer, type ApiExecutor } from '../../../src/aws/apply/index.js';
import { subPlan } from '../../../src/engine/sub-plan.js';
import { REGION, sdkClients, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
});
afterAll(async () => emu?.stop());

function stateDir(v: { restPath: string; authorizer: string; httpPath: string }): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-renames-')), 'gateway-state');
  mkdirSync(join(dir, 'apis', 'r'), { recursive: true });
  mkdirSync(join(dir, 'apis', 'h'), { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), `region: ${REGION}\n`);
  writeFileSync(
    join(dir, 'apis', 'r', 'api.yaml'),
    [
      'kind: RestApi',
      'name: renames-rest',
      'authorizers:',
      `  ${v.authorizer}:`,
      '    type: TOKEN',
      '    authorizerUri: arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:auth/invocations',
      '    identitySource: method.request.header.Authorization',
      'routes:',
      `  GET ${v.restPath}:`,
      '    integration: { type: http_proxy, uri: "https://backend.example.com/things" }',
      '  GET /things:',
      `    authorizer: ${v.authorizer}`,
      '    integration: { type: http_proxy, uri: "https://backend.example.com/list" }',
      'stages:',
      '  prod: {}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'apis', 'h', 'api.yaml'),
    [
      'kind: HttpApi',
      'name: renames-http',
      'routes:',
      `  GET ${v.httpPath}:`,
      '    integration: { type: http_proxy, uri: "https://backend.example.com/h", httpMethod: GET }',
      'stages:',
      '  live: {}',
      '',
    ].join('\n'),
  );
  return dir;
}

async function load(dir: string): Promise<GatewayModel> {
  const r = await loadState(dir);
  const errors = r.issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(errors.map((i) => i.message).join('; '));
  return r.model;
}

async function applyAll(desired: GatewayModel, live: LiveSnapshot): Promise<Record<string, ApiExecutor>> {
  const plan = buildPlan({ desired, live, now: new Date(0) });
  const out: Record<string, ApiExecutor> = {};
  const caller = new AwsCaller();
  for (const key of Object.keys(desired.apis)) {
    const api = desired.apis[key];
    const part = subPlan(plan, key);
    const ex = createApiExecutor(api.kind, clients, {
      region: REGION,
      desired: api,
      live: live.apis[key],
      caller,
      deployer: directDeployer(api.kind, clients, caller),
      toolTagsAtCreate: () => ({ 'apigw-sync:id': key }),
      description: 'test',
      steps: part.steps,
    });
    const walk = await walkPlan(part, ex);
    if (!walk.ok) throw walk.failed?.error;
    out[key] = ex;
  }
  return out;
}

describe('renames in place', () => {
  it('keep resource, authorizer and route ids', async () => {
    const before = await load(stateDir({ restPath: '/things/old', authorizer: 'auth-a', httpPath: '/old' }));
    const first = await applyAll(before, { region: REGION, apis: {}, unmanaged: [] });
    const restId = first.r.apiId;
    const httpId = first.h.apiId;
    const oldResource = first.r.ids.resourceIds['/things/old'];
    const oldAuthorizer = first.r.ids.authorizerIds['auth-a'];
    const oldRoute = first.h.ids.routeIds['GET /old'];
    expect([oldResource, oldAuthorizer, oldRoute].every(Boolean)).toBe(true);

    const after = await load(stateDir({ restPath: '/things/new', authorizer: 'auth-b', httpPath: '/new' }));
    const live: LiveSnapshot = {
      region: REGION,
      apis: { r: { model: before.apis.r, ids: first.r.ids }, h: { model: before.apis.h, ids: first.h.ids } },
      unmanaged: [],
    };
    const plan = buildPlan({ desired: after, live, now: new Date(0) });
    expect(plan.steps.filter((s) => s.change.action !== 'update').map((s) => s.change.id)).toEqual([]);

    const since = emu.control.lastSeq();
    await applyAll(after, live);
    const ops = emu.control.calls({ since, write: true }).map((c) => c.operation);
    expect(ops).toEqual(expect.arrayContaining(['UpdateResource', 'UpdateAuthorizer', 'UpdateRoute']));
    expect(ops).not.toContain('CreateResource');
    expect(ops).not.toContain('CreateRoute');

    const resources =
      (await clients.apigw.send(new GetResourcesCommand({ restApiId: restId, limit: 500 }))).items ?? [];
    expect(resources.find((r) => r.path === '/things/new')?.id).toBe(oldResource);
    expect(resources.map((r) => r.path)).not.toContain('/things/old');
    const authorizers = (await clients.apigw.send(new GetAuthorizersCommand({ restApiId: restId }))).items ?? [];
    expect(authorizers.map((a) => [a.name, a.id])).toEqual([['auth-b', oldAuthorizer]]);
    const routes = (await clients.apigwv2.send(new GetRoutesCommand({ ApiId: httpId }))).Items ?? [];
    expect(routes.map((r) => [r.RouteKey, r.RouteId])).toEqual([['GET /new', oldRoute]]);
  }, 60_000);
});
