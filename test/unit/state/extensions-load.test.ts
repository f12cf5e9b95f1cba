/**
 * The API-level settings of issue 12 load from where AWS's exports put them and from
 * api.yaml, to one model: info.description, the endpoint configuration on the server object
 * (Swagger 2: top level), the resource policy (object or JSON text), CORS, gateway responses,
 * x-amazon-apigateway-auth; an omitted REST endpoint type is EDGE.
 */
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../../src/validate/index.js';
import type { StateFiles } from '../../../src/state/index.js';

const files = (m: Record<string, string>): StateFiles => ({
  root: 'gs',
  files: new Map(Object.entries({ 'gateway.yaml': 'region: us-east-1\n', ...m })),
});
const MOCK = '{ type: mock, requestTemplates: { application/json: "{\\"statusCode\\": 200}" } }';
const PROXY = '{ type: http_proxy, httpMethod: GET, uri: "https://backend.example.com" }';

const oas3 = (extra: string, ops = `      x-amazon-apigateway-integration: ${MOCK}\n`) =>
  `openapi: 3.0.1\ninfo: { title: t, version: "1", description: from the file }\n${extra}paths:\n  /x:\n    get:\n      responses: { "200": { description: ok } }\n${ops}`;

function load(m: Record<string, string>) {
  const r = validateFiles(files(m));
  return { issues: r.issues.map((i) => `${i.severity} ${i.code}`), apis: r.model.apis };
}

describe('API settings from the OpenAPI files and api.yaml', () => {
  it('info.description is the description of an API with one file; api.yaml wins; several service files describe only themselves', () => {
    expect(
      load({
        'apis/a/api.yaml': 'kind: RestApi\nname: a\nopenapi: a.yaml\nstages: { prod: {} }\n',
        'apis/a/a.yaml': oas3(''),
      }).apis.a.description,
    ).toBe('from the file');
    expect(
      load({
        'apis/a/api.yaml': 'kind: RestApi\nname: a\ndescription: mine\nopenapi: a.yaml\nstages: { prod: {} }\n',
        'apis/a/a.yaml': oas3(''),
      }).apis.a.description,
    ).toBe('mine');
    const two = load({
      'apis/a/api.yaml':
        'kind: RestApi\nname: a\nopenapi: [{ file: a.yaml }, { file: b.yaml, pathPrefix: /b }]\nstages: { prod: {} }\n',
      'apis/a/a.yaml': oas3(''),
      'apis/a/b.yaml': oas3(''),
    });
    expect(two.apis.a.description).toBeUndefined();
  });

  it('an omitted REST endpoint type is EDGE (what CreateRestApi and ImportRestApi make)', () => {
    expect(
      load({
        'apis/a/api.yaml': 'kind: RestApi\nname: a\nopenapi: a.yaml\nstages: { prod: {} }\n',
        'apis/a/a.yaml': oas3(''),
      }).apis.a.endpointType,
    ).toBe('EDGE');
  });

  it('the endpoint configuration: OpenAPI 3 on the server object, Swagger 2 at the top level, or api.yaml', () => {
    const ext =
      'x-amazon-apigateway-endpoint-configuration: { disableExecuteApiEndpoint: true, vpcEndpointIds: [vpce-0b, vpce-0a] }';
    const policy =
      'x-amazon-apigateway-policy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] }\n';
    const api = 'kind: RestApi\nname: a\nendpointType: PRIVATE\nopenapi: a.yaml\nstages: { prod: {} }\n';
    const fromServer = load({
      'apis/a/api.yaml': api,
      'apis/a/a.yaml': oas3(`servers:\n  - url: /\n    ${ext}\n${policy}`),
    });
    expect(fromServer.issues).toEqual([]);
    expect(fromServer.apis.a).toMatchObject({
      disableExecuteApiEndpoint: true,
      vpcEndpointIds: ['vpce-0a', 'vpce-0b'],
    });
    const swagger = `swagger: "2.0"\ninfo: { title: t, version: "1" }\n${ext}\n${policy}paths:\n  /x:\n    get:\n      responses: { "200": { description: ok } }\n      x-amazon-apigateway-integration: ${MOCK}\n`;
    expect(load({ 'apis/a/api.yaml': api, 'apis/a/a.yaml': swagger }).apis.a).toMatchObject({
      disableExecuteApiEndpoint: true,
      vpcEndpointIds: ['vpce-0a', 'vpce-0b'],
    });
    const inYaml = load({
      'apis/a/api.yaml': `${api}disableExecuteApiEndpoint: true\nvpcEndpointIds: [vpce-0b, vpce-0a]\npolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}'\n`,
      'apis/a/a.yaml': oas3(''),
    });
    expect(inYaml.issues).toEqual([]);
    expect(inYaml.apis.a).toEqual(fromServer.apis.a);
  });

  it('a PRIVATE API with its policy in api.yaml is deployable; without one it is refused', () => {
    const api = 'kind: RestApi\nname: a\nendpointType: PRIVATE\nopenapi: a.yaml\nstages: { prod: {} }\n';
    expect(load({ 'apis/a/api.yaml': api, 'apis/a/a.yaml': oas3('') }).issues).toEqual([
      'error private-api-without-policy',
    ]);
    expect(
      load({
        'apis/a/api.yaml': `${api}policy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] }\n`,
        'apis/a/a.yaml': oas3(''),
      }).issues,
    ).toEqual([]);
  });

  it('HTTP CORS from x-amazon-apigateway-cors equals api.yaml `cors:`', () => {
    const api = 'kind: HttpApi\nname: h\nopenapi: h.yaml\nstages: { live: {} }\n';
    const cors = '{ allowOrigins: [https://a.example.com], allowMethods: [GET], maxAge: 60 }';
    const fromExt = load({
      'apis/h/api.yaml': api,
      'apis/h/h.yaml': oas3(`x-amazon-apigateway-cors: ${cors}\n`, `      x-amazon-apigateway-integration: ${PROXY}\n`),
    });
    const fromYaml = load({
      'apis/h/api.yaml': `${api}cors: ${cors}\n`,
      'apis/h/h.yaml': oas3('', `      x-amazon-apigateway-integration: ${PROXY}\n`),
    });
    expect(fromExt.issues).toEqual([]);
    expect(fromExt.apis.h.cors).toEqual({
      allowOrigins: ['https://a.example.com'],
      allowMethods: ['GET'],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: 60,
    });
    expect(fromYaml.apis.h.cors).toEqual(fromExt.apis.h.cors);
  });

  it('gateway responses from the extension or api.yaml; one type defined twice differently is an error; HTTP APIs have none', () => {
    const ext =
      'x-amazon-apigateway-gateway-responses:\n  UNAUTHORIZED: { statusCode: 401, responseParameters: { gatewayresponse.header.WWW-Authenticate: "\'Bearer\'" } }\n';
    const api = 'kind: RestApi\nname: a\nopenapi: a.yaml\nstages: { prod: {} }\n';
    const fromExt = load({ 'apis/a/api.yaml': api, 'apis/a/a.yaml': oas3(ext) });
    expect(fromExt.apis.a.gatewayResponses).toEqual({
      UNAUTHORIZED: {
        responseType: 'UNAUTHORIZED',
        statusCode: '401',
        responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
        responseTemplates: {},
      },
    });
    const inYaml = load({
      'apis/a/api.yaml': `${api}gatewayResponses:\n  UNAUTHORIZED: { statusCode: 401, responseParameters: { gatewayresponse.header.WWW-Authenticate: "'Bearer'" } }\n`,
      'apis/a/a.yaml': oas3(''),
    });
    expect(inYaml.issues).toEqual([]);
    expect(inYaml.apis.a.gatewayResponses).toEqual(fromExt.apis.a.gatewayResponses);
    expect(
      load({
        'apis/a/api.yaml': `${api}gatewayResponses:\n  UNAUTHORIZED: { statusCode: 403 }\n`,
        'apis/a/a.yaml': oas3(ext),
      }).issues,
    ).toEqual(['error gateway-response-conflict']);
    expect(
      load({
        'apis/a/api.yaml': `${api}gatewayResponses:\n  UNAUTHORISED: { statusCode: 403 }\n`,
        'apis/a/a.yaml': oas3(''),
      }).issues,
    ).toEqual(['error unknown-key']);
    const http = load({
      'apis/h/api.yaml':
        'kind: HttpApi\nname: h\nopenapi: h.yaml\nstages: { live: {} }\ngatewayResponses:\n  UNAUTHORIZED: { statusCode: 401 }\n',
      'apis/h/h.yaml': oas3('', `      x-amazon-apigateway-integration: ${PROXY}\n`),
    });
    expect(http.issues).toEqual(['error http-api-gateway-responses']);
  });

  it('x-amazon-apigateway-auth sets the authorization type, over `security`', () => {
    const ops = (auth: string) =>
      `      security: [{ sigv4: [] }]\n      x-amazon-apigateway-auth: { type: ${auth} }\n      x-amazon-apigateway-integration: ${PROXY}\n`;
    const schemes =
      'components:\n  securitySchemes:\n    sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }\n';
    for (const kind of ['RestApi', 'HttpApi']) {
      const api = `kind: ${kind}\nname: a\nopenapi: a.yaml\nstages: { prod: {} }\n`;
      expect(
        load({ 'apis/a/api.yaml': api, 'apis/a/a.yaml': oas3(schemes, ops('AWS_IAM')) }).apis.a.routes['GET /x']
          .authorization,
        kind,
      ).toEqual({ type: 'AWS_IAM', scopes: [] });
      expect(
        load({ 'apis/a/api.yaml': api, 'apis/a/a.yaml': oas3(schemes, ops('none')) }).apis.a.routes['GET /x']
          .authorization,
        kind,
      ).toEqual({ type: 'NONE', scopes: [] });
    }
  });
});
