/**
 * Validation agrees with AWS (issue 12 §3): no false errors on what API Gateway's own
 * exports contain, the refusals AWS makes at apply caught here, and every documented
 * extension either managed or reported — never silently ignored (§2).
 */
import { describe, expect, it } from 'vitest';
import type { ApiKind } from '../../../src/model/api.js';
import { validateFiles } from '../../../src/validate/index.js';
import { EXTENSIONS } from '../../../src/validate/rules/extensions/catalog.js';

const GATEWAY = 'region: us-east-1\n';
const apiYaml = (kind: ApiKind, extra = '') =>
  `kind: ${kind}\nname: a\n${extra}openapi: svc.openapi.yaml\nstages:\n  prod: {}\n`;

function validate(kind: ApiKind, doc: string, extra = '') {
  const r = validateFiles({
    root: 'gs',
    files: new Map([
      ['gateway.yaml', GATEWAY],
      ['apis/a/api.yaml', apiYaml(kind, extra)],
      ['apis/a/svc.openapi.yaml', doc],
    ]),
  });
  return { ...r, found: r.issues.map((i) => `${i.severity} ${i.code} ${i.location.line}`) };
}

const MOCK = '{ type: mock, requestTemplates: { application/json: "{\\"statusCode\\": 200}" } }';

describe('no false errors on what AWS exports', () => {
  it("the console's CORS OPTIONS mock on /{proxy+} declares no path parameter and is valid", () => {
    const doc = `openapi: "3.0.1"
info: { title: "a", version: "1" }
paths:
  /{proxy+}:
    options:
      responses:
        "200":
          description: "200 response"
          headers:
            Access-Control-Allow-Origin: { schema: { type: "string" } }
      x-amazon-apigateway-integration:
        type: "mock"
        requestTemplates: { application/json: "{\\"statusCode\\": 200}" }
        responses:
          default:
            statusCode: "200"
            responseParameters: { method.response.header.Access-Control-Allow-Origin: "'*'" }
        passthroughBehavior: "when_no_match"
`;
    expect(validate('RestApi', doc).found).toEqual([]);
  });

  it('a Swagger 2 export whose method declares no path parameters is valid', () => {
    const doc = `swagger: "2.0"
info: { title: "a", version: "1" }
basePath: "/prod"
paths:
  /pets/{petId}:
    get:
      responses: { "200": { description: "200 response" } }
      x-amazon-apigateway-integration: ${MOCK}
`;
    expect(validate('RestApi', doc).found).toEqual([]);
  });

  it('a plain service file with integration defaults gets its path parameters declared with their mappings', () => {
    const files = new Map([
      ['gateway.yaml', GATEWAY],
      [
        'apis/a/api.yaml',
        'kind: RestApi\nname: a\nopenapi:\n  - file: svc.openapi.yaml\n    integration: { type: http_proxy, baseUri: "https://svc.example.com" }\nstages:\n  prod: {}\n',
      ],
      [
        'apis/a/svc.openapi.yaml',
        'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /items/{item_id}:\n    get:\n      responses: { "200": { description: ok } }\n',
      ],
    ]);
    const r = validateFiles({ root: 'gs', files });
    expect(r.issues).toEqual([]);
    expect(r.model.apis.a.routes['GET /items/{item_id}'].requestParameters).toEqual({
      'method.request.path.item_id': true,
    });
  });

  it('only a mapping from an undeclared method.request.path.x needs the declaration (AWS: invalid mapping expression)', () => {
    const doc = `openapi: 3.0.1
info: { title: t, version: "1" }
paths:
  /items/{id}:
    get:
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: "https://backend.example.com/items/{id}"
        requestParameters: { integration.request.path.id: method.request.path.id }
`;
    const r = validate('RestApi', doc);
    expect(r.found).toEqual(['error mapping-from-undeclared 11']);
    expect(r.issues[0].hint).toBe(
      'add a parameter { name: id, in: path, required: true } to the operation (or its path item)',
    );
  });

  it.each([
    [
      'a REST REQUEST authorizer with caching off and no identity source',
      'RestApi',
      'type: request\n        authorizerResultTtlInSeconds: 0',
    ],
    [
      'an HTTP REQUEST authorizer with no TTL (AWS default: no cache) and no identity source',
      'HttpApi',
      'type: request\n        authorizerPayloadFormatVersion: "2.0"',
    ],
  ] as Array<[string, ApiKind, string]>)('%s is valid', (_what, kind, az) => {
    const doc = `openapi: 3.0.1
info: { title: t, version: "1" }
paths:
  /items:
    get:
      security: [ { auth: [] } ]
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations", payloadFormatVersion: "2.0" }
components:
  securitySchemes:
    auth:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations"
        ${az}
`;
    expect(validate(kind, kind === 'RestApi' ? doc.replace(', payloadFormatVersion: "2.0"', '') : doc).found).toEqual(
      [],
    );
  });

  it('the endpoint configuration in the wrong place for the OpenAPI version is a warning (AWS ignores it there)', () => {
    const doc = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /x:\n    get:\n      responses: {}\n      x-amazon-apigateway-integration: ${MOCK}\nx-amazon-apigateway-endpoint-configuration: { disableExecuteApiEndpoint: true }\n`;
    expect(validate('RestApi', doc).found).toEqual(['warning endpoint-configuration-placement 8']);
  });
});

/** A valid value for each extension that is not part of an operation's structure, and where it goes. */
const SAMPLES: Record<string, { at: 'root' | 'server' | 'operation' | 'tag' | 'components'; value: string }> = {
  'x-amazon-apigateway-cors': { at: 'root', value: '{ allowOrigins: [https://a.example.com] }' },
  'x-amazon-apigateway-api-key-source': { at: 'root', value: 'HEADER' },
  'x-amazon-apigateway-auth': { at: 'operation', value: '{ type: AWS_IAM }' },
  'x-amazon-apigateway-binary-media-types': { at: 'root', value: '[image/png]' },
  'x-amazon-apigateway-documentation': { at: 'root', value: '{ version: "1", documentationParts: [] }' },
  'x-amazon-apigateway-endpoint-access-mode': { at: 'root', value: 'STRICT' },
  'x-amazon-apigateway-endpoint-configuration': { at: 'server', value: '{ disableExecuteApiEndpoint: true }' },
  'x-amazon-apigateway-gateway-responses': { at: 'root', value: '{ DEFAULT_4XX: { statusCode: 400 } }' },
  'x-amazon-apigateway-importexport-version': { at: 'root', value: '"1.0"' },
  'x-amazon-apigateway-integrations': { at: 'components', value: '{}' },
  'x-amazon-apigateway-minimum-compression-size': { at: 'root', value: '0' },
  'x-amazon-apigateway-policy': {
    at: 'root',
    value:
      '{ Version: "2012-10-17", Statement: [ { Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" } ] }',
  },
  'x-amazon-apigateway-security-policy': { at: 'root', value: 'SecurityPolicy_TLS13_1_3_2025_09' },
  'x-amazon-apigateway-tag-value': { at: 'tag', value: 'platform' },
};

function docWith(kind: ApiKind, name: string): string {
  const s = SAMPLES[name];
  const integration =
    kind === 'RestApi'
      ? MOCK
      : '{ type: http_proxy, httpMethod: GET, uri: "https://b.example.com/x", payloadFormatVersion: "1.0" }';
  return [
    'openapi: 3.0.1',
    'info: { title: t, version: "1" }',
    ...(s.at === 'server' ? ['servers:', '  - url: "https://x.example.com"', `    ${name}: ${s.value}`] : []),
    'paths:',
    '  /x:',
    '    get:',
    '      responses: {}',
    `      x-amazon-apigateway-integration: ${integration}`,
    ...(s.at === 'operation' ? [`      ${name}: ${s.value}`] : []),
    ...(s.at === 'root' ? [`${name}: ${s.value}`] : []),
    ...(s.at === 'tag' ? ['tags:', '  - name: team', `    ${name}: ${s.value}`] : []),
    ...(s.at === 'components' ? ['components:', `  ${name}: ${s.value}`] : []),
    '',
  ].join('\n');
}

const EXPECTED = {
  managed: [],
  refused: ['error extension-refused'],
  'pending-warning': ['warning extension-not-managed'],
  'pending-error': ['error extension-not-managed'],
  'n/a': ['error extension-not-for-kind'],
} as const;

describe('every documented extension is managed or reported, as the catalog says', () => {
  const cases = EXTENSIONS.filter((e) => SAMPLES[e.name]).flatMap((e) =>
    (['RestApi', 'HttpApi'] as const).map((kind) => [e.name, kind, e.status[kind]] as const),
  );

  it("has a sample for every extension key that is not part of an operation's structure", () => {
    const structural = [
      'x-amazon-apigateway-any-method',
      'x-amazon-apigateway-authorizer',
      'x-amazon-apigateway-authtype',
      'x-amazon-apigateway-integration',
      'x-amazon-apigateway-request-validator',
      'x-amazon-apigateway-request-validators',
    ];
    const keys = EXTENSIONS.filter((e) => !e.name.includes('.') && !structural.includes(e.name)).map((e) => e.name);
    expect(Object.keys(SAMPLES).sort()).toEqual(keys.sort());
  });

  it.each(cases)('%s on a %s: %s', (name, kind, status) => {
    const r = validate(kind, docWith(kind, name));
    const about = r.issues.filter((i) => i.message.includes(name)).map((i) => `${i.severity} ${i.code}`);
    expect(about).toEqual(EXPECTED[status]);
  });
});
