/**
 * Environments (issue 17): `environments/<name>.yaml` over the base. Resolution (golden
 * `render`), the overlay checked like the base with positions in the overlay, and a state
 * without environments read exactly as before.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../../src/cli/render.js';
import { runValidate } from '../../../src/cli/validate.js';
import { readStateDir } from '../../../src/state/index.js';
import { declaredEnvironments, promotionOrder } from '../../../src/state/index.js';
import { validateFiles, validateState } from '../../../src/validate/index.js';
import { overrideOf } from '../../../src/state/environments/override-schema.js';
import { stageSchema } from '../../../src/kinds/stage/schema.js';
import { deepMerge } from '../../../src/state/environments/merge.js';
import { expectGolden } from '../../helpers/golden.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'gateway-state');

/**
 * A copy of the example. The overlays these tests write are about other sections: the base's
 * web ACL (a regional resource of ap-northeast-2) is left out unless asked for (`waf`).
 */
function copy(o: { waf?: boolean } = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-env-')), 'gateway-state');
  cpSync(EXAMPLE, dir, { recursive: true });
  if (!o.waf) {
    const api = join(dir, 'apis', 'shop', 'api.yaml');
    writeFileSync(api, readFileSync(api, 'utf8').replace(/^ *webAclArn: .*\n/m, ''));
    for (const f of ['dev', 'prod']) {
      const env = join(dir, 'environments', `${f}.yaml`);
      writeFileSync(
        env,
        readFileSync(env, 'utf8')
          .replace(/\napis:\n {2}shop:\n {4}stages:\n {6}prod:\n *webAclArn: .*\n$/, '\n')
          .replace(/^ *(# .*web ACL.*\n)? *webAclArn: .*\n/m, ''),
      );
    }
  }
  return dir;
}

describe('resolving an environment', () => {
  it('dev: the base with its overrides merged in', async () => {
    const r = await validateState(EXAMPLE, { environment: 'dev' });
    expect(r.issues).toEqual([]);
    const { model } = r;
    expect(model.region).toBe('us-east-1');
    expect(model.environment).toBe('dev');
    const shop = model.apis.shop;
    // Variables merge key by key; throttling replaces; `cache: null` removes the base's cache.
    expect(shop.stages.prod.variables).toEqual({ backendVersion: 'v1', logLevel: 'DEBUG' });
    expect(shop.stages.prod.throttling).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(shop.stages.prod.cache).toBeUndefined();
    expect(shop.stages.prod.tracingEnabled).toBe(true);
    // The orders service's base URI: every route of its file; the users service keeps the base's.
    expect(shop.routes['GET /api/orders'].integration.uri).toBe('https://orders.dev.internal.example.com/orders');
    expect(shop.routes['GET /users'].integration.uri).toBe('https://users.internal.example.com/users');
    expect(shop.authorizers['shop-cognito'].providerArns).toEqual([
      'arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_Sh0pDev',
    ]);
    // The rollout merges over api.yaml's, which merges over gateway.yaml's defaults.
    expect(shop.rollout).toMatchObject({
      stage: 'prod',
      steps: [50, 100],
      bakeSeconds: 60,
      alarms: ['shop-api-5xx', 'shop-api-p99-latency'],
      pollSeconds: 5,
    });
    expect(model.apis.events.stages.live.throttling).toEqual({ rateLimit: 50, burstLimit: 100 });
    expect(r.environment).toMatchObject({
      name: 'dev',
      regions: ['us-east-1'],
      account: { id: '111111111111', profile: 'apigw-sync-dev' },
      gate: { soakSeconds: 0, approval: false },
      apis: ['chat', 'events', 'shop'],
    });
  });

  it('prod: the base as written (its own web ACL), in its own region, with its gate', async () => {
    const base = await validateState(EXAMPLE);
    const prod = await validateState(EXAMPLE, { environment: 'prod' });
    expect(prod.issues).toEqual([]);
    const waf = (arn: string | undefined) => arn?.replace(':000000000000:', ':222222222222:');
    expect(prod.model.apis.shop.stages.prod.webAclArn).toBe(waf(base.model.apis.shop.stages.prod.webAclArn));
    expect({ ...prod.model.apis.shop, stages: {} }).toEqual({ ...base.model.apis.shop, stages: {} });
    expect(prod.model.apis.events).toEqual(base.model.apis.events);
    expect(prod.environment?.gate).toEqual({ soakSeconds: 600, approval: true });
  });

  it('the owner id carries the environment; an environment may name its own', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'gateway.yaml'),
      `region: ap-northeast-2\nowner: acme/gateway:gateway-state\npromotion: [dev, prod]\n`,
    );
    expect((await validateState(dir, { environment: 'dev' })).model.owner).toBe('acme/gateway:gateway-state@dev');
    expect((await validateState(dir)).model.owner).toBe('acme/gateway:gateway-state');
    writeFileSync(
      join(dir, 'environments', 'prod.yaml'),
      'account: { id: "222222222222" }\nregion: ap-northeast-2\nowner: legacy-prod-owner\n',
    );
    expect((await validateState(dir, { environment: 'prod' })).model.owner).toBe('legacy-prod-owner');
  });

  it('includes only the APIs it names; an environment with several regions resolves each', async () => {
    const dir = copy();
    // events only, and none of the account-scope records (the base's are of ap-northeast-2; shop's private route needs a VPC link there).
    writeFileSync(
      join(dir, 'environments', 'staging.yaml'),
      'account: { id: "333333333333" }\nregions: [eu-west-1, eu-central-1]\ninclude: [events]\naccountScope: false\n',
    );
    const first = await validateState(dir, { environment: 'staging' });
    expect(first.issues).toEqual([]);
    expect(Object.keys(first.model.apis)).toEqual(['events']);
    expect(first.model.region).toBe('eu-west-1');
    expect((await validateState(dir, { environment: 'staging', region: 'eu-central-1' })).model.region).toBe(
      'eu-central-1',
    );
    const d = declaredEnvironments(await readStateDir(dir));
    expect(promotionOrder(d)).toEqual(['dev', 'prod', 'staging']);
    expect(d.byName.staging.regions).toEqual(['eu-west-1', 'eu-central-1']);
  });

  it('render --env prints the fully resolved state (golden): overrides merged, secrets masked', async () => {
    const fixture = 'test/fixtures/state/environments';
    for (const [env, region] of [['dev'], ['staging', 'eu-central-1'], ['prod']]) {
      const r = await renderCommand(fixture, { env, region });
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expectGolden(`environments/render-${env}${region ? `-${region}` : ''}.yaml`, r.stdout);
    }
    expect((await renderCommand('gateway-state', { env: 'prod' })).stdout).toContain('position: 2 of 2 (dev → prod)');
  });

  it('render --env of an environment the state does not declare suggests the nearest', async () => {
    await expect(renderCommand('gateway-state', { env: 'prd' })).rejects.toThrow(
      /no environment "prd" — did you mean "prod"\?: the state declares dev, prod/,
    );
  });
});

describe('stage settings per environment: WAF, cache, access logs, route settings', () => {
  it("a web ACL is regional: the base's, in another region, is an error at the base until the overlay names the environment's own", async () => {
    const dir = copy({ waf: true });
    const dev = join(dir, 'environments', 'dev.yaml');
    const text = readFileSync(dev, 'utf8');
    writeFileSync(dev, text.replace(/^ *webAclArn: .*\n/m, ''));
    const bad = await validateState(dir, { environment: 'dev' });
    expect(bad.issues.map((i) => `${i.code} ${i.location.file.replace(dir, 'gateway-state')}`)).toEqual([
      'web-acl-region gateway-state/apis/shop/api.yaml',
    ]);
    writeFileSync(dev, text);
    const ok = await validateState(dir, { environment: 'dev' });
    expect(ok.issues).toEqual([]);
    expect(ok.model.apis.shop.stages.prod.webAclArn).toBe(
      'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/apigw-sync-example/7d3c1e5a-0b6f-4c2e-9a41-5e8f2d6b0c17',
    );
  });

  it('the other stage settings are overridden like any stage field (null removes one), and checked', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'environments', 'dev.yaml'),
      [
        'account: { id: "111111111111" }',
        'region: us-east-1',
        'apis:',
        '  shop:',
        '    stages:',
        '      prod:',
        '        webAclArn: null',
        '        logging: null',
        '        routeSettings:',
        '          GET /users/{user_id}:',
        '            caching: { ttlSeconds: 5 }',
        '',
      ].join('\n'),
    );
    const r = await validateState(dir, { environment: 'dev' });
    expect(r.issues).toEqual([]);
    const prod = r.model.apis.shop.stages.prod;
    expect(prod.webAclArn).toBeUndefined();
    expect(prod.logging).toBeUndefined();
    expect(JSON.stringify(prod.routeSettings)).toContain('"ttlSeconds":5');
    writeFileSync(
      join(dir, 'environments', 'dev.yaml'),
      [
        'account: { id: "111111111111" }',
        'region: us-east-1',
        'apis:',
        '  shop:',
        '    stages:',
        '      prod:',
        '        webAclId: x',
        '',
      ].join('\n'),
    );
    const bad = await validateState(dir, { environment: 'dev' });
    expect(bad.issues[0]).toMatchObject({ severity: 'error', location: { line: 7 } });
    expect(bad.issues[0].message).toMatch(/webAclId/);
  });
});

describe('an overlay is checked like the base, at its own file:line:col', () => {
  it('every kind of mistake, each pointing into the overlay (golden)', async () => {
    const dir = copy();
    const bad = (name: string, text: string) => writeFileSync(join(dir, 'environments', `${name}.yaml`), text);
    // Typos of keys: the schema of the overlay is the base's own, so the suggestion is the base's key.
    bad(
      'typo',
      [
        'account: { id: "111111111111" }',
        'region: us-east-1',
        'apis:',
        '  shop:',
        '    stages:',
        '      prod:',
        '        throttling: { rateLimt: 5 }',
        '',
      ].join('\n'),
    );
    // Overrides of things the base does not declare: an API, a stage, a service, an authorizer.
    bad(
      'unknown',
      [
        'account: { id: "111111111111", roleArn: "arn:aws:iam::999999999999:role/apigw-sync" }',
        'region: us-east-1',
        'include: [shop, evnts]',
        'apis:',
        '  shop:',
        '    stages:',
        '      prd: { variables: { a: b } }',
        '    openapi:',
        '      user: { integration: { baseUri: "https://users.test" } }',
        '    authorizers:',
        '      cognito: { providerArns: [x] }',
        '',
      ].join('\n'),
    );
    // A value that is only wrong once merged, and a setting a semantic rule refuses.
    bad(
      'merged',
      [
        'account: { id: "111111111111" }',
        'regions: [us-east-1]',
        'apis:',
        '  events:',
        '    stages:',
        '      live:',
        '        throttling: null',
        '    rollout: { stage: nope }',
        '  shop:',
        '    stages:',
        '      prod:',
        '        cache: { ttlSeconds: 60, sizeGb: 3 }',
        '',
      ].join('\n'),
    );
    bad('noregion', 'account: { id: "111111111111" }\n');
    writeFileSync(join(dir, 'gateway.yaml'), 'region: ap-northeast-2\npromotion: [dev, prdo]\n');
    const r = await runValidate(dir);
    expect(r.code).toBe(1);
    expectGolden('environments/invalid.txt', r.stdout.replaceAll(dir, 'gateway-state'));
  });

  it('a partial object is merged, and checked whole: throttling needs both limits once merged', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'environments', 'dev.yaml'),
      [
        'account: { id: "111111111111" }',
        'region: us-east-1',
        'apis:',
        '  shop:',
        '    stages:',
        '      prod:',
        '        throttling: { rateLimit: 5 }',
        '        cache: null',
        '    tags: { cost-center: null, env: dev }',
        '',
      ].join('\n'),
    );
    const ok = await validateState(dir, { environment: 'dev' });
    expect(ok.issues).toEqual([]);
    expect(ok.model.apis.shop.stages.prod.throttling).toEqual({ rateLimit: 5, burstLimit: 2000 });
    expect(ok.model.apis.shop.tags).toEqual({ team: 'platform', env: 'dev' });
    writeFileSync(
      join(dir, 'environments', 'dev.yaml'),
      [
        'account: { id: "111111111111" }',
        'region: us-east-1',
        'apis:',
        '  events:',
        '    stages:',
        '      live:',
        '        throttling: null',
        '  shop:',
        '    stages:',
        '      prod:',
        '        throttling: null',
        '',
        '',
      ].join('\n'),
    );
    expect((await validateState(dir, { environment: 'dev' })).model.apis.shop.stages.prod.throttling).toBeUndefined();
    // Events without throttling, then a partial one: the merged stage lacks burstLimit, said at the overlay.
    writeFileSync(
      join(dir, 'environments', 'prod.yaml'),
      [
        'account: { id: "222222222222" }',
        'region: ap-northeast-2',
        'apis:',
        '  events:',
        '    stages:',
        '      live:',
        '        throttling: { rateLimit: 5 }',
        '',
      ].join('\n'),
    );
    const events = join(dir, 'apis', 'events', 'api.yaml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      events,
      readFileSync(events, 'utf8').replace('    throttling: { rateLimit: 500, burstLimit: 1000 }\n', ''),
    );
    const bad = await validateState(dir, { environment: 'prod' });
    // (The domain's mapping of events is reported too: events does not compile in prod.)
    expect(
      bad.issues.map(
        (i) => `${i.location.file.replace(dir, 'gateway-state')}:${i.location.line}:${i.location.column} ${i.message}`,
      ),
    ).toContain(
      'gateway-state/environments/prod.yaml:7:9 stages.live.throttling.burstLimit is required in apis/events/api.yaml',
    );
    expect(bad.issues.filter((i) => i.location.file.includes('/apis/'))).toEqual([]);
  });
});

describe('a state without environments', () => {
  it('reads, compiles and validates exactly as before (no environment keys anywhere)', async () => {
    const dir = copy({ waf: true });
    rmSync(join(dir, 'environments'), { recursive: true });
    writeFileSync(
      join(dir, 'gateway.yaml'),
      (await import('node:fs'))
        .readFileSync(join(dir, 'gateway.yaml'), 'utf8')
        .replace(/\n#[^\n]*\npromotion: \[dev, prod\]\n/, '\n'),
    );
    const files = await readStateDir(dir);
    expect([...files.files.keys()].some((f) => f.startsWith('environments/'))).toBe(false);
    const plain = validateFiles(files);
    const all = validateFiles({ ...files, validateEnvironments: true });
    expect(plain.issues).toEqual([]);
    expect(all).toEqual({ ...plain, files: all.files });
    expect(plain.environments).toBeUndefined();
    expect(plain.environment).toBeUndefined();
    expect('environment' in plain.model).toBe(false);
    // The example's base is the same model with or without its environments.
    expect(plain.model).toEqual((await validateState(EXAMPLE)).model);
  });

  it('a base without a region is planned per environment; alone it still needs one', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'gateway.yaml'), 'promotion: [dev, prod]\n');
    expect((await validateState(dir, { allEnvironments: true })).issues).toEqual([]);
    const alone = await validateState(dir);
    expect(alone.issues.map((i) => [i.message, i.hint])).toEqual([
      [
        'region is required in gateway.yaml',
        'pass --env <name> (dev, prod): each environment declares its region; or add "region" for the base alone',
      ],
    ]);
  });
});

describe('override schemas are derived from the base fragments', () => {
  it('every key optional, defaults dropped, null removes what the base may leave out', () => {
    const s = overrideOf(stageSchema);
    expect(s.safeParse({}).success).toBe(true);
    expect(s.safeParse({ cache: null, variables: { a: null, b: 'x' }, throttling: { rateLimit: 1 } }).success).toBe(
      true,
    );
    expect(s.safeParse({ cache: { ttlSeconds: 5 } }).data).toEqual({ cache: { ttlSeconds: 5 } });
    expect(s.safeParse({ nope: 1 }).success).toBe(false);
  });

  it('merging: objects key by key, lists and values replace, null removes', () => {
    expect(deepMerge({ a: { x: 1, y: 2 }, l: [1, 2], k: 1 }, { a: { y: null, z: 3 }, l: [3], k: null })).toEqual({
      a: { x: 1, z: 3 },
      l: [3],
    });
    expect(deepMerge(undefined, { a: null, b: { c: null } })).toEqual({ b: {} });
  });
});

describe('account-scope records per environment', () => {
  it("an environment's own folder (environments/<env>/<folder>/) replaces the base's folder of that kind; the others come from the base", async () => {
    const dir = copy();
    const base = await validateState(dir, {});
    const dev = await validateState(dir, { environment: 'dev' });
    const prod = await validateState(dir, { environment: 'prod' });
    for (const r of [base, dev, prod]) expect(r.issues).toEqual([]);
    expect(Object.keys(base.model.account!.domains)).toEqual(['api.example.com']);
    expect(Object.keys(dev.model.account!.domains)).toEqual(['dev.api.example.com']);
    expect(dev.model.account!.vpcLinks['inventory-nlb'].targetArns?.[0]).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:111111111111:/,
    );
    expect(prod.model.account!.domains['api.example.com'].certificateArn).toMatch(
      /^arn:aws:acm:ap-northeast-2:222222222222:/,
    );
    // Usage plans and keys have no folder of their own in either environment: the base's.
    expect(Object.keys(dev.model.account!.usagePlans)).toEqual(Object.keys(base.model.account!.usagePlans));
  });

  it('accountScope: false leaves them out of an environment; a folder of an undeclared environment or of no account kind is an error', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'environments', 'qa.yaml'),
      'account: { id: "333333333333" }\nregion: eu-west-1\ninclude: [events]\naccountScope: false\n',
    );
    const qa = await validateState(dir, { environment: 'qa' });
    expect(qa.issues).toEqual([]);
    expect(qa.model.account).toBeUndefined();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'environments', 'stagin', 'domains'), { recursive: true });
    writeFileSync(join(dir, 'environments', 'stagin', 'domains', 'x.example.com.yaml'), 'endpointType: REGIONAL\n');
    mkdirSync(join(dir, 'environments', 'dev', 'apis'), { recursive: true });
    writeFileSync(join(dir, 'environments', 'dev', 'apis', 'x.yaml'), 'kind: HttpApi\n');
    const bad = await validateState(dir, { environment: 'dev' });
    expect(bad.issues.map((i) => [i.code, i.location.file.replace(dir, 'gateway-state')])).toEqual(
      expect.arrayContaining([
        ['unknown-environment', 'gateway-state/environments/stagin/domains/x.example.com.yaml'],
        ['bad-environment-file', 'gateway-state/environments/dev/apis/x.yaml'],
      ]),
    );
  });

  it('a change under environments/<env>/ touches that environment only', async () => {
    const { touchedEnvironments } = await import('../../../src/state/environments/touched.js');
    expect(touchedEnvironments(['environments/dev/domains/dev.api.example.com.yaml'], ['dev', 'prod'])).toEqual([
      'dev',
    ]);
    expect(touchedEnvironments(['domains/api.example.com.yaml'], ['dev', 'prod'])).toEqual(['dev', 'prod']);
  });
});
