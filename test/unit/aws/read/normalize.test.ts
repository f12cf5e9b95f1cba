/**
 * The pure normalizers: AWS's defaults made explicit or dropped, and the `declared` rule
 * (a default-valued field takes the form the state uses).
 */
import type { Authorizer, Integration, MethodSetting, Model, Stage } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import type { Authorizer as V1Authorizer, RequestValidator, Resource, RestApi } from '@aws-sdk/client-api-gateway';
import { normalizeApi } from '../../../../src/kinds/normalize.js';
import { restIntegration } from '../../../../src/kinds/integration/normalize.js';
import { restStage, httpStage } from '../../../../src/kinds/stage/normalize.js';
import { restAuthorizer, httpAuthorizer } from '../../../../src/kinds/authorizer/normalize.js';
import { splitTags } from '../../../../src/kinds/tags/split.js';
import type { ApiModel, IntegrationModel, StageModel } from '../../../../src/model/api.js';

/** What the REST read calls return for one API (the lists each kind's read spec names). */
interface RestWire {
  api: RestApi;
  resources: Resource[];
  authorizers: V1Authorizer[];
  validators: RequestValidator[];
  models: Model[];
  stages: Stage[];
}
const normalizeRestApi = (key: string, w: RestWire, desired?: ApiModel) =>
  normalizeApi(
    'RestApi',
    key,
    {
      api: w.api,
      lists: {
        route: w.resources,
        authorizer: w.authorizers,
        requestValidator: w.validators,
        model: w.models,
        stage: w.stages,
      },
    },
    desired,
  );

const ms = (o: MethodSetting): MethodSetting => ({
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  ...o,
});

describe('restStage', () => {
  it.each<[string, Stage, StageModel | undefined, StageModel]>([
    [
      'no method settings: no throttling, no cache',
      { stageName: 's', tracingEnabled: false },
      undefined,
      { name: 's', variables: {} },
    ],
    [
      'throttling from */*',
      { stageName: 's', methodSettings: { '*/*': ms({ throttlingRateLimit: 100, throttlingBurstLimit: 200 }) } },
      undefined,
      { name: 's', variables: {}, throttling: { rateLimit: 100, burstLimit: 200 } },
    ],
    [
      '-1 is "not throttled"',
      { stageName: 's', methodSettings: { '*/*': ms({ throttlingRateLimit: -1, throttlingBurstLimit: -1 }) } },
      undefined,
      { name: 's', variables: {} },
    ],
    [
      "AWS's fill-in 10000/5000 is no throttling…",
      { stageName: 's', methodSettings: { '*/*': ms({}) } },
      undefined,
      { name: 's', variables: {} },
    ],
    [
      '…unless the state declares exactly that',
      { stageName: 's', methodSettings: { '*/*': ms({}) } },
      { name: 's', variables: {}, throttling: { rateLimit: 10000, burstLimit: 5000 } },
      { name: 's', variables: {}, throttling: { rateLimit: 10000, burstLimit: 5000 } },
    ],
    [
      'per-method settings are route settings, not the stage default',
      { stageName: 's', methodSettings: { 'pets/GET': ms({ throttlingRateLimit: 1, throttlingBurstLimit: 1 }) } },
      undefined,
      { name: 's', variables: {}, routeSettings: { 'GET /pets': { throttling: { rateLimit: 1, burstLimit: 1 } } } },
    ],
    [
      'cache: size from the cluster, TTL from */*',
      {
        stageName: 's',
        cacheClusterEnabled: true,
        cacheClusterSize: '6.1',
        methodSettings: { '*/*': ms({ cachingEnabled: true, cacheTtlInSeconds: 60 }) },
      },
      undefined,
      { name: 's', variables: {}, cache: { sizeGb: 6.1, ttlSeconds: 60 } },
    ],
    [
      "cache without */*: AWS's TTL 300, and no method caches",
      { stageName: 's', cacheClusterEnabled: true, cacheClusterSize: '0.5' },
      undefined,
      { name: 's', variables: {}, cache: { sizeGb: 0.5, ttlSeconds: 300, allMethods: false } },
    ],
    ['tracing off is absent…', { stageName: 's', tracingEnabled: false }, undefined, { name: 's', variables: {} }],
    [
      '…or false when the state says false',
      { stageName: 's', tracingEnabled: false },
      { name: 's', variables: {}, tracingEnabled: false },
      { name: 's', variables: {}, tracingEnabled: false },
    ],
    [
      'tracing on is always kept',
      { stageName: 's', tracingEnabled: true },
      { name: 's', variables: {} },
      { name: 's', variables: {}, tracingEnabled: true },
    ],
    [
      'access log, description, variables',
      {
        stageName: 's',
        description: 'd',
        variables: { a: '1' },
        accessLogSettings: { destinationArn: 'arn:log', format: '$context.requestId' },
      },
      undefined,
      {
        name: 's',
        description: 'd',
        variables: { a: '1' },
        accessLog: { destinationArn: 'arn:log', format: '$context.requestId' },
      },
    ],
    [
      "autoDeploy is not a REST setting: the state's word stands",
      { stageName: 's' },
      { name: 's', variables: {}, autoDeploy: false },
      { name: 's', variables: {}, autoDeploy: false },
    ],
  ])('%s', (_n, wire, declared, expected) => {
    expect(restStage(wire, declared)).toEqual(expected);
  });
});

const base = {
  requestParameters: {},
  requestTemplates: {},
  responses: {},
  timeoutInMillis: 29000,
  connectionType: 'INTERNET' as const,
  cacheKeyParameters: [],
};

describe('restIntegration', () => {
  it.each<[string, Integration | undefined, IntegrationModel | undefined, IntegrationModel]>([
    [
      'proxy: WHEN_NO_MATCH is dropped (it means nothing there)',
      {
        type: 'HTTP_PROXY',
        httpMethod: 'get',
        uri: 'https://x',
        passthroughBehavior: 'WHEN_NO_MATCH',
        timeoutInMillis: 29000,
      },
      undefined,
      { ...base, type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://x' },
    ],
    [
      'proxy: kept when the state declares it',
      { type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:fn', passthroughBehavior: 'WHEN_NO_MATCH' },
      { ...base, type: 'AWS_PROXY', passthroughBehavior: 'WHEN_NO_MATCH' },
      { ...base, type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:fn', passthroughBehavior: 'WHEN_NO_MATCH' },
    ],
    [
      'non-proxy: the default is explicit',
      { type: 'MOCK' },
      undefined,
      { ...base, type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH' },
    ],
    [
      'responses keyed by selection pattern, `default` for none',
      {
        type: 'MOCK',
        passthroughBehavior: 'NEVER',
        integrationResponses: {
          '200': { statusCode: '200' },
          '500': { statusCode: '500', selectionPattern: 'Error.*', contentHandling: 'CONVERT_TO_TEXT' },
        },
      },
      undefined,
      {
        ...base,
        type: 'MOCK',
        passthroughBehavior: 'NEVER',
        responses: {
          default: { statusCode: '200', responseParameters: {}, responseTemplates: {} },
          'Error.*': {
            statusCode: '500',
            responseParameters: {},
            responseTemplates: {},
            contentHandling: 'CONVERT_TO_TEXT',
          },
        },
      },
    ],
    [
      'server-owned fields (cacheNamespace) are not in the model',
      {
        type: 'HTTP',
        httpMethod: 'GET',
        uri: 'https://x',
        cacheNamespace: 'abc123',
        cacheKeyParameters: ['method.request.path.id'],
      },
      undefined,
      {
        ...base,
        type: 'HTTP',
        httpMethod: 'GET',
        uri: 'https://x',
        passthroughBehavior: 'WHEN_NO_MATCH',
        cacheKeyParameters: ['method.request.path.id'],
      },
    ],
    [
      'no integration at all: matches nothing a state declares',
      undefined,
      undefined,
      { ...base, type: 'MOCK', timeoutInMillis: 0 },
    ],
  ])('%s', (_n, wire, declared, expected) => {
    expect(restIntegration(wire, { declared })).toEqual(expected);
  });
});

describe('authorizers', () => {
  it('REST: identity sources split, TTL 300 dropped only when the state omits it', () => {
    const wire: Authorizer = {
      name: 'a',
      type: 'REQUEST',
      identitySource: 'method.request.header.A, method.request.querystring.b',
      authorizerResultTtlInSeconds: 300,
    };
    expect(restAuthorizer(wire)).toEqual({
      name: 'a',
      type: 'REQUEST',
      identitySource: ['method.request.header.A', 'method.request.querystring.b'],
      providerArns: [],
      resultTtlSeconds: 300,
    });
    expect(
      restAuthorizer(wire, { name: 'a', type: 'REQUEST', identitySource: [], providerArns: [] }).resultTtlSeconds,
    ).toBeUndefined();
    expect(
      restAuthorizer(
        { ...wire, authorizerResultTtlInSeconds: 10 },
        { name: 'a', type: 'REQUEST', identitySource: [], providerArns: [] },
      ).resultTtlSeconds,
    ).toBe(10);
  });

  it('HTTP: REQUEST defaults (TTL 0, simple responses off) follow the state', () => {
    const wire = {
      Name: 'l',
      AuthorizerType: 'REQUEST' as const,
      AuthorizerUri: 'arn:fn',
      IdentitySource: ['$request.header.X'],
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
      EnableSimpleResponses: false,
    };
    const declared = {
      name: 'l',
      type: 'REQUEST' as const,
      identitySource: ['$request.header.X'],
      providerArns: [],
      payloadFormatVersion: '2.0',
    };
    expect(httpAuthorizer(wire, declared)).toEqual({ ...declared, authorizerUri: 'arn:fn' });
    expect(httpAuthorizer(wire)).toEqual({
      ...declared,
      authorizerUri: 'arn:fn',
      resultTtlSeconds: 0,
      enableSimpleResponses: false,
    });
  });
});

describe('httpStage and tags', () => {
  it('reads default route throttling and says autoDeploy always', () => {
    expect(
      httpStage({
        StageName: 'live',
        DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10, DetailedMetricsEnabled: false },
        CreatedDate: new Date(),
        DeploymentId: 'd1',
      }),
    ).toEqual({ name: 'live', variables: {}, autoDeploy: false, throttling: { rateLimit: 5, burstLimit: 10 } });
  });

  it("keeps the tool's tags and AWS's own out of the user's", () => {
    expect(splitTags({ team: 'a', 'apigw-sync:id': 'shop', 'aws:cloudformation:stack-name': 's' })).toEqual({
      user: { team: 'a' },
      tool: { 'apigw-sync:id': 'shop' },
    });
    expect(splitTags(undefined)).toEqual({ user: {}, tool: {} });
  });
});

describe("AWS's built-in models", () => {
  const empty = {
    id: 'm1',
    name: 'Empty',
    contentType: 'application/json',
    schema: JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'Empty Schema',
      type: 'object',
    }),
  };
  const error = {
    id: 'm2',
    name: 'Error',
    contentType: 'application/json',
    schema: JSON.stringify({ title: 'Error Schema', type: 'object', properties: { message: { type: 'string' } } }),
  };
  const mine = {
    id: 'm3',
    name: 'Error',
    contentType: 'application/json',
    schema: JSON.stringify({ title: 'My error', type: 'object' }),
  };
  const wire = (models: Model[], responseModel?: string): RestWire => ({
    api: { id: 'a', name: 'a' },
    resources: [
      {
        id: 'r',
        path: '/x',
        resourceMethods: {
          GET: {
            httpMethod: 'GET',
            methodResponses: responseModel
              ? { '200': { statusCode: '200', responseModels: { 'application/json': responseModel } } }
              : {},
          },
        },
      },
    ],
    authorizers: [],
    validators: [],
    models,
    stages: [],
  });
  const desired = (models: string[]): ApiModel => ({
    key: 'a',
    kind: 'RestApi',
    name: 'a',
    binaryMediaTypes: [],
    tags: {},
    stages: {},
    routes: {},
    wsRoutes: {},
    authorizers: {},
    requestValidators: {},
    gatewayResponses: {},
    secrets: [],
    models: Object.fromEntries(models.map((m) => [m, { contentType: 'application/json', schema: {} }])),
  });

  it.each<[string, RestWire, ApiModel | undefined, string[]]>([
    ['dropped when the state does not declare them', wire([empty, error]), desired([]), []],
    ['kept when the state declares them', wire([empty, error]), desired(['Empty']), ['Empty']],
    ['import: kept when a route refers to one', wire([empty, error], 'Empty'), undefined, ['Empty']],
    ['import: dropped when nothing refers to them', wire([empty, error]), undefined, []],
    ["a model of the same name that is not AWS's is configuration", wire([mine]), desired([]), ['Error']],
  ])('%s', (_n, w, d, names) => {
    expect(Object.keys(normalizeRestApi('a', w, d).model.models)).toEqual(names);
  });
});
