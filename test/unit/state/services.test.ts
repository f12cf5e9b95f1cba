/** Service entries of an API (`service:` or the file name) and a service file naming api.yaml's authorizers. */
import { describe, expect, it } from 'vitest';
import { compileState, serviceNameFromFile, servicesOfApi, type StateFiles } from '../../../src/state/index.js';

const files = (m: Record<string, string>): StateFiles => ({
  root: 'gs',
  files: new Map(Object.entries({ 'gateway.yaml': 'region: ap-northeast-2\n', ...m })),
});

const SPEC = (security: string, schemes = '') => `openapi: 3.0.3
info: { title: users, version: "1" }
paths:
  /users:
    get:
${security}      responses: { "200": { description: ok } }
${schemes}`;

const API = `kind: RestApi
name: a
stages: { prod: {} }
authorizers:
  shop-cognito:
    type: COGNITO_USER_POOLS
    providerArns: [arn:aws:cognito-idp:ap-northeast-2:123456789012:userpool/ap-northeast-2_x]
openapi:
  - file: users.openapi.yaml
    service: people
    integration: { type: http_proxy, baseUri: "https://users.example.com" }
  - file: orders.openapi.yaml
    integration: { type: http_proxy, baseUri: "https://orders.example.com" }
`;

describe('service entries', () => {
  it.each([
    ['users.openapi.yaml', 'users'],
    ['users.yaml', 'users'],
    ['specs/Orders_Service.json', 'orders-service'],
    ['billing-openapi.yml', 'billing'],
    ['openapi.yaml', 'openapi'],
    ['payments.swagger.json', 'payments'],
  ])('%s is service %s when the entry says nothing', (file, service) => {
    expect(serviceNameFromFile(file)).toBe(service);
  });

  it('`service:` wins over the file name; the one-file form is named after its file', () => {
    const r = servicesOfApi(files({ 'apis/a/api.yaml': API }), 'a');
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.entries.map((e) => [e.service, e.namedBy, e.rel, e.index, e.at.line])).toEqual([
      ['people', 'service', 'apis/a/users.openapi.yaml', 0, 10],
      ['orders', 'file', 'apis/a/orders.openapi.yaml', 1, 12],
    ]);
    const one = servicesOfApi(
      files({ 'apis/b/api.yaml': 'kind: HttpApi\nname: b\nopenapi: exported.yaml\nstages: { live: {} }\n' }),
      'b',
    );
    expect(one.status === 'ok' && one.entries.map((e) => [e.service, e.index])).toEqual([['exported', -1]]);
    expect(servicesOfApi(files({}), 'zzz').status).toBe('no-api');
  });
});

describe('a service file and the authorizers api.yaml declares', () => {
  const compile = (spec: string) =>
    compileState(
      files({
        'apis/a/api.yaml': API,
        'apis/a/users.openapi.yaml': spec,
        'apis/a/orders.openapi.yaml': 'openapi: 3.0.1\ninfo: { title: o, version: "1" }\npaths: {}\n',
      }),
    );

  it('an operation may name an api.yaml authorizer in `security` without defining the scheme', () => {
    const r = compile(SPEC('      security: [ { shop-cognito: [users/read] } ]\n'));
    expect(r.issues).toEqual([]);
    expect(r.model.apis.a.routes['GET /users'].authorization).toEqual({
      type: 'COGNITO_USER_POOLS',
      authorizer: 'shop-cognito',
      scopes: ['users/read'],
    });
  });

  it('a plain scheme (as FastAPI writes it) named like an api.yaml authorizer documents that authorizer', () => {
    const r = compile(
      SPEC(
        '      security: [ { shop-cognito: [] } ]\n',
        'components:\n  securitySchemes:\n    shop-cognito: { type: http, scheme: bearer, bearerFormat: JWT }\n',
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.model.apis.a.routes['GET /users'].authorization.authorizer).toBe('shop-cognito');
  });

  it('a scheme the API does not declare is an error that names what it does declare', () => {
    const r = compile(
      SPEC(
        '      security: [ { OAuth2PasswordBearer: [] } ]\n',
        'components:\n  securitySchemes:\n    OAuth2PasswordBearer: { type: oauth2, flows: { password: { tokenUrl: token, scopes: {} } } }\n',
      ),
    );
    expect(r.issues.map((i) => [i.code, i.location.line])).toEqual([['unsupported-security-scheme', 10]]);
    expect(r.issues[0].hint).toContain('or name one of the authorizers api.yaml declares (shop-cognito)');
    const undefinedScheme = compile(SPEC('      security: [ { partner-key: [] } ]\n'));
    expect(undefinedScheme.issues.map((i) => [i.code, i.location.line])).toEqual([['security-scheme-undefined', 6]]);
    expect(undefinedScheme.issues[0].message).toBe(
      'GET /users uses security scheme "partner-key", which neither apis/a/users.openapi.yaml nor api.yaml `authorizers:` declares',
    );
  });
});
