import { describe, expect, it } from 'vitest';
import { makeChange } from '../../../src/diff/change.js';
import { detectDrift } from '../../../src/diff/drift.js';
import {
  MASK,
  isSensitiveName,
  looksLikeSecretValue,
  maskChange,
  maskDrift,
  maskPlan,
} from '../../../src/render/mask.js';
import { buildPlan } from '../../../src/plan/build.js';
import { api, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

describe('isSensitiveName', () => {
  it.each([
    ['dbPassword', true],
    ['DB_PASSWD', true],
    ['clientSecret', true],
    ['X-Auth-Token', true],
    ['apiKey', true],
    ['x-api-key', true],
    ['API_KEY', true],
    ['method.request.header.Authorization', true],
    ['awsCredentials', true],
    ['privateKeyPem', true],
    ['aws_access_key_id', true],
    ['backendVersion', false],
    ['logLevel', false],
    ['method.request.path.id', false],
    ['timeout', false],
  ])('%s → %s', (name, sensitive) => {
    expect(isSensitiveName(name)).toBe(sensitive);
  });

  it('matches the secrets list case-insensitively, also as the last dotted part', () => {
    expect(isSensitiveName('upstreamCode', { secretNames: ['upstreamcode'] })).toBe(true);
    expect(isSensitiveName('integration.request.header.X-Tenant', { secretNames: ['X-Tenant'] })).toBe(true);
    expect(isSensitiveName('upstreamCodeVersion', { secretNames: ['upstreamCode'] })).toBe(false);
  });
});

describe('looksLikeSecretValue', () => {
  it.each([
    ['AKIAIOSFODNN7EXAMPLE', true],
    ['key=ASIAIOSFODNN7EXAMPL2 more', true],
    ['Bearer abcdef123456', true],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', true],
    ['0123456789abcdef0123456789abcdef', true],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', true],
    ['-----BEGIN RSA PRIVATE KEY-----', true],
    ['v2', false],
    ['https://users.internal.example.com/users/{id}', false],
    [
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:users/invocations',
      false,
    ],
    ['arn:aws:cognito-idp:ap-northeast-2:123456789012:userpool/ap-northeast-2_AbCdEf', false],
    ['$context.requestId $context.identity.sourceIp', false],
    ['/very/long/path/with/many/segments/and/Numbers123/and/more/segments', false],
  ])('%s → %s', (value, secret) => {
    expect(looksLikeSecretValue(value)).toBe(secret);
  });
});

const spec = { apiKey: 'a', apiKind: 'RestApi' as const, name: 'prod' };

describe('maskChange', () => {
  it('masks stage variables by name, old and new values alike, in fields and whole objects', () => {
    const before = stage('prod', { variables: { dbPassword: 'old-pw', version: 'v1' } });
    const after = stage('prod', { variables: { dbPassword: 'new-pw', version: 'v2' } });
    const c = maskChange(makeChange({ ...spec, target: 'stage', action: 'update', before, after }));
    expect(c.fields).toEqual([
      { path: 'variables.dbPassword', before: MASK, after: MASK },
      { path: 'variables.version', before: 'v1', after: 'v2' },
    ]);
    expect((c.before as typeof before).variables).toEqual({ dbPassword: MASK, version: 'v1' });
    expect((c.after as typeof after).variables).toEqual({ dbPassword: MASK, version: 'v2' });
    expect(JSON.stringify(c)).not.toMatch(/old-pw|new-pw/);
  });

  it('masks by value anywhere, even under harmless names, on either side', () => {
    const before = stage('prod', { variables: { backend: 'v1' }, description: 'uses AKIAIOSFODNN7EXAMPLE' });
    const after = stage('prod', { variables: { backend: 'Bearer sk_live_abcdefghijkl' } });
    const c = maskChange(makeChange({ ...spec, target: 'stage', action: 'update', before, after }));
    expect(c.fields).toContainEqual({ path: 'variables.backend', before: 'v1', after: MASK });
    expect(c.fields).toContainEqual({ path: 'description', before: MASK });
  });

  it('masks names from the secrets list', () => {
    const after = stage('prod', { variables: { upstreamCode: 'c-2' } });
    const c = maskChange(makeChange({ ...spec, target: 'stage', action: 'create', after }), {
      secretNames: ['upstreamCode'],
    });
    expect((c.after as typeof after).variables.upstreamCode).toBe(MASK);
  });

  it('masks integration header parameters with static credentials but keeps references and required flags', () => {
    const r = route('RestApi', 'GET', '/x', {
      requestParameters: { 'method.request.header.Authorization': true },
      integration: {
        requestParameters: {
          'integration.request.header.x-api-key': "'abc-static-key'",
          'integration.request.header.Authorization': 'method.request.header.Authorization',
        },
      },
    });
    const integ = maskChange(
      makeChange({ ...spec, target: 'integration', action: 'create', name: 'GET /x', after: r.integration }),
    );
    expect((integ.after as typeof r.integration).requestParameters).toEqual({
      'integration.request.header.x-api-key': MASK,
      'integration.request.header.Authorization': 'method.request.header.Authorization',
    });
    const { integration: _i, ...method } = r;
    const m = maskChange(makeChange({ ...spec, target: 'route', action: 'create', name: 'GET /x', after: method }));
    expect((m.after as typeof method).requestParameters).toEqual({ 'method.request.header.Authorization': true });
  });

  it('does not mask model field names that merely sound secret (credentials = a role ARN)', () => {
    const after = route('RestApi', 'GET', '/x', {
      integration: { credentials: 'arn:aws:iam::123456789012:role/apigw' },
    }).integration;
    const c = maskChange(makeChange({ ...spec, target: 'integration', action: 'create', name: 'GET /x', after }));
    expect((c.after as typeof after).credentials).toBe('arn:aws:iam::123456789012:role/apigw');
  });

  it('masks tag values by name (a tags change is itself the map)', () => {
    const c = maskChange(
      makeChange({
        ...spec,
        target: 'tags',
        action: 'update',
        name: 'tags',
        before: { token: 'a' },
        after: { token: 'b', team: 'x' },
      }),
    );
    expect(c.fields).toEqual([
      { path: 'team', after: 'x' },
      { path: 'token', before: MASK, after: MASK },
    ]);
  });

  it('leaves the input untouched', () => {
    const after = stage('prod', { variables: { dbPassword: 'pw' } });
    maskChange(makeChange({ ...spec, target: 'stage', action: 'create', after }));
    expect(after.variables.dbPassword).toBe('pw');
  });
});

describe('maskPlan / maskDrift use the secrets the plan and report carry', () => {
  const desired = api('a', 'RestApi', {
    secrets: ['flavour'],
    stages: { prod: stage('prod', { variables: { flavour: 'new' } }) },
  });
  const live = api('a', 'RestApi', {
    secrets: ['flavour'],
    stages: { prod: stage('prod', { variables: { flavour: 'old' } }) },
  });

  it('plan', () => {
    const plan = maskPlan(buildPlan({ desired: gateway([desired]), live: snapshot([live]), now: new Date(0) }));
    expect(plan.steps[0].change.fields).toEqual([{ path: 'variables.flavour', before: MASK, after: MASK }]);
  });

  it('drift', () => {
    const report = maskDrift(detectDrift(gateway([desired]), snapshot([live])));
    expect(report.items[0].change.fields).toEqual([{ path: 'variables.flavour', before: MASK, after: MASK }]);
  });
});
