/**
 * Each API as the gateway serves it (pure): prefixed paths, the service's own operation
 * text, the gateway's authorizers as security schemes, stage (and custom domain)
 * addresses, nothing internal (integrations, the services' own servers), components of
 * two files that clash renamed, Swagger 2.0 files converted.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs, docsTarget, serversOf } from '../../../src/docs/index.js';
import { readStateDir, type StateFiles } from '../../../src/state/index.js';
import { validateFiles } from '../../../src/validate/index.js';
import type { ApiModel } from '../../../src/model/api.js';
import { expectGolden } from '../../helpers/golden.js';

type Obj = Record<string, any>;
const files = await readStateDir(join(import.meta.dirname, '..', '..', '..', 'gateway-state'));
const gw: StateFiles = { ...files, root: 'gateway-state' };

function docsOf(f: StateFiles, apiIds?: Record<string, string>): Record<string, Obj> {
  const v = validateFiles(f);
  expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { apis } = buildDocs({ model: v.model, sources: v.sources, files: v.files, apiIds });
  return Object.fromEntries(apis.map((a) => [a.key, a.doc as Obj]));
}

describe('the example APIs as served', () => {
  const docs = docsOf(gw, { shop: 'a1b2c3d4e5' });

  it('shop: paths with the gateway prefix, operations from the service files, the Cognito authorizer (golden)', () => {
    const shop = docs.shop;
    expect(Object.keys(shop.paths)).toEqual([
      '/api/health',
      '/api/orders',
      '/api/orders/{order_id}',
      '/api/orders/{order_id}/items/{item_id}',
      '/inventory',
      '/users',
      '/users/{user_id}',
      '/users/{user_id}/addresses',
    ]);
    expect(shop.paths['/api/orders'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/NewOrder',
    });
    expect(shop.paths['/api/orders'].get.security).toEqual([{ 'shop-cognito': [] }]);
    expect(shop.paths['/api/health'].get.security).toEqual([]);
    expect(shop.components.securitySchemes).toEqual({
      'shop-cognito': {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'An Amazon Cognito user pool token (`ap-northeast-2_Sh0pUsers`).',
      },
    });
    expect(shop.servers).toEqual([
      { url: 'https://a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com/prod', description: 'Stage prod' },
    ]);
    expectGolden('docs/shop.openapi.json', `${JSON.stringify(shop, null, 2)}\n`);
  });

  it('events: JWT as a bearer scheme with its scopes per route, ANY as every method, {apiId} left for the unknown id', () => {
    const ev = docs.events;
    expect(ev.components.securitySchemes['events-jwt']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(ev.paths['/events'].post.security).toEqual([{ 'events-jwt': ['events/write'] }]);
    expect(Object.keys(ev.paths['/stream/{proxy+}'])).toEqual([
      'get',
      'put',
      'post',
      'delete',
      'options',
      'head',
      'patch',
    ]);
    expect(ev.servers[0]).toMatchObject({
      url: 'https://{apiId}.execute-api.ap-northeast-2.amazonaws.com/live',
      variables: { apiId: { default: 'API_ID' } },
    });
  });

  it('nothing the gateway keeps to itself: no integrations, no request templates, no backend addresses', () => {
    const text = JSON.stringify(docs);
    expect(text).not.toContain('x-amazon-apigateway');
    expect(text).not.toContain('internal.example.com');
    expect(text).not.toContain('arn:aws:lambda');
  });

  it('the version is a digest of the document: same API, same version; a change, a new one', () => {
    expect(docsOf(gw, { shop: 'a1b2c3d4e5' }).shop.info.version).toBe(docs.shop.info.version);
    const changed = new Map(gw.files);
    changed.set(
      'apis/shop/users.openapi.yaml',
      changed
        .get('apis/shop/users.openapi.yaml')!
        .replace('description: A page of users', 'description: A page of users, newest first'),
    );
    expect(docsOf({ ...gw, files: changed }, { shop: 'a1b2c3d4e5' }).shop.info.version).not.toBe(
      docs.shop.info.version,
    );
  });
});

describe('service files as documentation', () => {
  const state = (m: Record<string, string>): StateFiles => ({
    root: 'gs',
    files: new Map(Object.entries({ 'gateway.yaml': 'region: us-east-1\n', ...m })),
  });
  const API = `kind: RestApi
name: two
stages: { prod: {} }
openapi:
  - file: a.yaml
    pathPrefix: /a
    integration: { type: http_proxy, baseUri: "https://a.internal" }
  - file: b.json
    pathPrefix: /b
    integration: { type: http_proxy, baseUri: "https://b.internal" }
`;
  const A = `openapi: 3.0.1
info: { title: a, version: "1" }
servers: [ { url: "https://a.internal" } ]
paths:
  /items:
    get:
      operationId: list
      servers: [ { url: "https://a.internal/v1" } ]
      externalDocs: { url: "https://wiki.internal/items" }
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }
components:
  schemas:
    Item: { type: object, properties: { id: { type: string }, externalDocs: { type: string } } }
`;
  // Swagger 2.0 with the same model name meaning something else.
  const B = JSON.stringify({
    swagger: '2.0',
    info: { title: 'b', version: '1' },
    produces: ['application/json'],
    paths: {
      '/items/{id}': {
        get: {
          operationId: 'list',
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'verbose', in: 'query', type: 'boolean' },
          ],
          responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Item' } } },
        },
        put: {
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Item' } },
          ],
          responses: { '204': { description: 'saved' } },
        },
      },
    },
    definitions: { Item: { type: 'object', properties: { name: { type: 'string' } } } },
  });

  it('clashing component names are renamed per service and every ref follows; Swagger 2.0 becomes OpenAPI 3.0', () => {
    const f = state({ 'apis/two/api.yaml': API, 'apis/two/a.yaml': A, 'apis/two/b.json': B });
    // The REST loader itself refuses two different models of one name: documentation of such a
    // state is never built, so check the renaming on an HTTP API, where models do not exist.
    const http = new Map(f.files);
    http.set(
      'apis/two/api.yaml',
      API.replace('kind: RestApi', 'kind: HttpApi').replace('stages: { prod: {} }', 'stages: { $default: {} }'),
    );
    const doc = docsOf({ ...f, files: http }).two;
    expect(Object.keys(doc.components.schemas)).toEqual(['Item', 'b.Item']);
    expect(doc.paths['/a/items'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Item',
    });
    const bGet = doc.paths['/b/items/{id}'].get;
    expect(bGet.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/b.Item' });
    expect(bGet.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
    ]);
    expect(doc.paths['/b/items/{id}'].put.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/b.Item' } } },
    });
    // Two operations named `list`: ids stay unique on the page.
    expect([doc.paths['/a/items'].get.operationId, bGet.operationId]).toEqual(['list', 'list_2']);
    // The services' own addresses and outside links are gone; a schema property named externalDocs stays.
    expect(doc.paths['/a/items'].get.servers).toBeUndefined();
    expect(doc.paths['/a/items'].get.externalDocs).toBeUndefined();
    expect(doc.components.schemas.Item.properties.externalDocs).toEqual({ type: 'string' });
    expect(doc.servers).toEqual([
      {
        url: 'https://{apiId}.execute-api.us-east-1.amazonaws.com',
        description: 'Stage $default',
        variables: expect.any(Object),
      },
    ]);
  });

  it('inline routes (no OpenAPI file) are documented from the route itself', () => {
    const doc = docsOf(
      state({
        'apis/i/api.yaml':
          'kind: RestApi\nname: i\nstages: { prod: {} }\nroutes:\n  GET /ping/{id}:\n    integration: { type: mock }\n    requestParameters: { method.request.querystring.q: false }\n    authorization: AWS_IAM\n',
      }),
    ).i;
    expect(doc.paths['/ping/{id}'].get).toEqual({
      summary: 'GET /ping/{id}',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
      ],
      responses: { default: { description: 'The response of the backend.' } },
      tags: ['routes'],
      security: [{ 'aws-iam': [] }],
    });
    expect(doc.components.securitySchemes['aws-iam']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
  });
});

describe('servers and where the docs are published', () => {
  const api = {
    kind: 'RestApi',
    stages: { prod: {}, beta: {} },
    disableExecuteApiEndpoint: false,
  } as unknown as ApiModel;
  it('custom domains come first, then each stage; a disabled execute-api endpoint leaves only the domains', () => {
    const domains = [
      { domainName: 'api.shop.example.com', basePath: 'v1', stage: 'prod' },
      { domainName: 'api.shop.example.com', stage: 'beta' },
    ];
    expect(serversOf({ api, region: 'us-east-1', apiId: 'x1', domains }).map((s) => s.url)).toEqual([
      'https://api.shop.example.com',
      'https://api.shop.example.com/v1',
      'https://x1.execute-api.us-east-1.amazonaws.com/beta',
      'https://x1.execute-api.us-east-1.amazonaws.com/prod',
    ]);
    expect(
      serversOf({ api: { ...api, disableExecuteApiEndpoint: true }, region: 'us-east-1', domains }).map((s) => s.url),
    ).toEqual(['https://api.shop.example.com', 'https://api.shop.example.com/v1']);
  });
  it('gateway.yaml `docs.s3Bucket` publishes to S3, else GitHub Pages', () => {
    expect(docsTarget(gw)).toEqual({ kind: 'pages' });
    const withBucket = new Map(gw.files);
    withBucket.set(
      'gateway.yaml',
      `${gw.files.get('gateway.yaml')}docs: { s3Bucket: acme-api-docs, prefix: public/apis }\n`,
    );
    expect(docsTarget({ ...gw, files: withBucket })).toEqual({ kind: 's3', uri: 's3://acme-api-docs/public/apis/' });
    expect(validateFiles({ ...gw, files: withBucket }).valid).toBe(true);
  });
});
