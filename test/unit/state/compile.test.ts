/** compileState is pure: in-memory files in, model out. Both route forms compile alike. */
import { describe, expect, it } from 'vitest';
import { compileState, type StateFiles } from '../../../src/state/index.js';
import { resolveRollout } from '../../../src/state/rollout-defaults.js';

const files = (m: Record<string, string>): StateFiles => ({
  root: 'gs',
  files: new Map(Object.entries({ 'gateway.yaml': 'region: ap-northeast-2\n', ...m })),
});

const INLINE = `kind: RestApi
name: a
stages: { prod: {} }
routes:
  GET /users/{id}:
    integration:
      type: http_proxy
      uri: https://users.example.com/users/{id}
      requestParameters:
        integration.request.path.id: method.request.path.id
`;

const OPENAPI_API = `kind: RestApi
name: a
stages: { prod: {} }
openapi:
  - file: users.json
    integration: { type: http_proxy, baseUri: "https://users.example.com/" }
`;
const USERS_JSON = JSON.stringify({
  openapi: '3.0.0',
  info: { title: 'users', version: '1' },
  paths: {
    '/users/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
});

describe('compileState', () => {
  it('compiles inline routes and a generated OpenAPI file (JSON) to the same route', () => {
    const a = compileState(files({ 'apis/a/api.yaml': INLINE }));
    const b = compileState(files({ 'apis/a/api.yaml': OPENAPI_API, 'apis/a/users.json': USERS_JSON }));
    expect(a.issues).toEqual([]);
    expect(b.issues).toEqual([]);
    // OpenAPI `responses` become method responses (as ImportRestApi does); inline routes declare none.
    const { methodResponses, ...fromOpenapi } = b.model.apis.a.routes['GET /users/{id}'];
    expect(methodResponses).toEqual({ '200': { responseParameters: {}, responseModels: {} } });
    expect({ ...fromOpenapi, methodResponses: {} }).toEqual(a.model.apis.a.routes['GET /users/{id}']);
    expect(a.model.apis.a.routes['GET /users/{id}'].integration).toEqual({
      type: 'HTTP_PROXY',
      uri: 'https://users.example.com/users/{id}',
      httpMethod: 'GET',
      requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
      requestTemplates: {},
      responses: {},
      timeoutInMillis: 29000,
      connectionType: 'INTERNET',
      cacheKeyParameters: [],
    });
  });

  it('fills explicit AWS defaults (REST non-proxy passthrough, HTTP timeout and payload version)', () => {
    const r = compileState(
      files({
        'apis/a/api.yaml': `kind: RestApi\nname: a\nstages: { prod: {} }\nroutes:\n  POST /q:\n    integration: { type: aws, uri: "arn:aws:apigateway:ap-northeast-2:sqs:path/1/q" }\n`,
        'apis/h/api.yaml': `kind: HttpApi\nname: h\nstages: { live: {} }\nroutes:\n  $default:\n    integration: { type: aws_proxy, uri: "arn:aws:lambda:ap-northeast-2:1:function:f" }\n`,
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.model.apis.a.routes['POST /q'].integration).toMatchObject({
      type: 'AWS',
      passthroughBehavior: 'WHEN_NO_MATCH',
      httpMethod: 'POST',
      timeoutInMillis: 29000,
    });
    expect(r.model.apis.h.routes.$default).toMatchObject({
      method: 'ANY',
      path: '$default',
      integration: { type: 'AWS_PROXY', timeoutInMillis: 30000, payloadFormatVersion: '2.0' },
    });
    expect(r.model.apis.h.stages.live).toEqual({ name: 'live', variables: {}, autoDeploy: false });
    expect(r.model.apis.a).toMatchObject({
      binaryMediaTypes: [],
      tags: {},
      authorizers: {},
      requestValidators: {},
      models: {},
      secrets: [],
      endpointType: 'EDGE',
      apiKeySource: 'HEADER',
      gatewayResponses: {},
    });
    expect(r.model.apis.a.rollout).toBeUndefined();
  });

  it('applies pathPrefix and maps many path parameters of a generated service file', () => {
    const api = OPENAPI_API.replace('    integration:', '    pathPrefix: /v2/\n    integration:');
    const r = compileState(files({ 'apis/a/api.yaml': api, 'apis/a/users.json': USERS_JSON }));
    expect(Object.keys(r.model.apis.a.routes)).toEqual(['GET /v2/users/{id}']);
    expect(r.model.apis.a.routes['GET /v2/users/{id}'].integration.uri).toBe('https://users.example.com/users/{id}');
  });

  it('resolves $refs to another file inside the state directory', () => {
    const spec = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /u/{id}:\n    parameters: [ { $ref: "../common/params.yaml#/Id" } ]\n    get:\n      responses: { "200": { description: ok } }\n`;
    const r = compileState(
      files({
        'apis/a/api.yaml': OPENAPI_API.replace('users.json', 'spec/u.yaml'),
        'apis/a/spec/u.yaml': spec,
        'apis/a/common/params.yaml': 'Id: { name: id, in: path, required: true, schema: { type: string } }\n',
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.model.apis.a.routes['GET /u/{id}'].requestParameters).toEqual({ 'method.request.path.id': true });
  });

  it('merges service files: same schema twice is fine, differing per-file parameters are not a conflict', () => {
    const spec = (svc: string, fmt: string) =>
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: svc, version: '1' },
        paths: {
          [`/${svc}/{id}`]: {
            get: { parameters: [{ $ref: '#/components/parameters/Id' }], responses: { '200': { description: 'ok' } } },
          },
        },
        components: {
          parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: fmt } } },
          schemas: { Error: { type: 'object', properties: { message: { type: 'string' } } } },
        },
      });
    const api = `kind: RestApi\nname: a\nstages: { prod: {} }\nopenapi:\n  - file: u.json\n    integration: { type: http_proxy, baseUri: "https://u" }\n  - file: o.json\n    integration: { type: http_proxy, baseUri: "https://o" }\n`;
    const r = compileState(
      files({
        'apis/a/api.yaml': api,
        'apis/a/u.json': spec('users', 'uuid'),
        'apis/a/o.json': spec('orders', 'int64'),
      }),
    );
    expect(r.issues).toEqual([]);
    expect(Object.keys(r.model.apis.a.routes)).toEqual(['GET /orders/{id}', 'GET /users/{id}']);
    expect(Object.keys(r.model.apis.a.models)).toEqual(['Error']);
  });

  it('collects every problem of a file, not only the first', () => {
    const r = compileState(files({ 'apis/a/api.yaml': 'kind: RestApi\nnam: a\nstages: {}\nendpoint: EDGE\n' }));
    expect(r.issues.map((i) => [i.code, i.location.line]).sort()).toEqual([
      ['missing-key', 1],
      ['unknown-key', 2],
      ['unknown-key', 4],
    ]);
    const unknown = r.issues.filter((i) => i.code === 'unknown-key').map((i) => i.message);
    expect(unknown[0]).toContain('did you mean "name"');
    expect(unknown[1]).toContain('did you mean "endpointType"');
  });
});

describe('resolveRollout', () => {
  it.each([
    ['no policy anywhere', { kind: 'RestApi' as const }, undefined],
    [
      'defaults only, single stage',
      { kind: 'RestApi' as const, defaults: { steps: [10, 100], alarms: ['x'] }, onlyStage: 'prod' },
      {
        stage: 'prod',
        steps: [10, 100],
        bakeSeconds: 300,
        pollSeconds: 5,
        minRequests: 100,
        timeoutSeconds: 300 * 2 * 2 + 300,
        onInsufficientData: 'rollback',
        onAlarmReadError: 'rollback',
        leaseSeconds: 60,
        alarms: ['x'],
        managedAlarms: [],
      },
    ],
    [
      'api overrides defaults',
      {
        kind: 'RestApi' as const,
        defaults: { steps: [10, 100], bakeSeconds: 60 },
        api: { stage: 's', steps: [50, 100], onInsufficientData: 'fail-fast' as const },
      },
      {
        stage: 's',
        steps: [50, 100],
        bakeSeconds: 60,
        pollSeconds: 5,
        minRequests: 100,
        timeoutSeconds: 60 * 2 * 2 + 300,
        onInsufficientData: 'fail-fast',
        onAlarmReadError: 'rollback',
        leaseSeconds: 60,
        alarms: [],
        managedAlarms: [],
      },
    ],
    [
      'HTTP API inherits percentages as one deploy-and-bake step',
      { kind: 'HttpApi' as const, defaults: { steps: [10, 50, 100] }, api: { stage: 'live' } },
      {
        stage: 'live',
        steps: [100],
        bakeSeconds: 300,
        pollSeconds: 5,
        minRequests: 100,
        timeoutSeconds: 300 * 1 * 2 + 300,
        onInsufficientData: 'rollback',
        onAlarmReadError: 'rollback',
        leaseSeconds: 60,
        alarms: [],
        managedAlarms: [],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolveRollout(input)).toEqual(expected);
  });
});
