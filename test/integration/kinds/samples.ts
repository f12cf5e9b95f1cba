/**
 * One sample value per field of every kind and flavour, for the registry-generated round
 * trip (round-trip.test.ts). A sample is a patch onto the kind's base record (a few fields
 * only make sense together: a Cognito authorizer has user pools). It must differ from the
 * base, so the test proves the value went to AWS and came back.
 *
 * A new field without a sample fails the test. A field that cannot round-trip is listed in
 * NOT_ROUND_TRIP with the reason.
 */
import type { ApiKind } from '../../../src/model/api.js';
import { policyText } from '../../../src/kinds/api/policy.js';

type PerFlavour = Partial<Record<ApiKind, Record<string, unknown>>>;

const LAMBDA =
  'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:000000000000:function:auth/invocations';
const ROLE = 'arn:aws:iam::000000000000:role/apigw-invoke';
const LOGS = 'arn:aws:logs:ap-northeast-2:000000000000:log-group:access';
const WEB_ACL =
  'arn:aws:wafv2:ap-northeast-2:000000000000:regional/webacl/apigw-sync-example/7d3c1e5a-0b6f-4c2e-9a41-5e8f2d6b0c17';
/** Replaced by the id of a VPC link the test creates in the local endpoint. */
export const VPC_LINK_ID = '<vpc link id>';
const LISTENER =
  'arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:listener/app/private/0123456789abcdef/fedcba9876543210';
/** A PRIVATE API needs a resource policy before it can be deployed (AWS refuses CreateDeployment without one). */
const POLICY = policyText({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
})!;
const both = (patch: Record<string, unknown>): PerFlavour => ({ RestApi: patch, HttpApi: patch });
/** The same patch on every flavour, or on the two v2 ones (HTTP and WebSocket). */
const all = (patch: Record<string, unknown>): PerFlavour => ({ RestApi: patch, HttpApi: patch, WebSocketApi: patch });
const v2 = (patch: Record<string, unknown>): PerFlavour => ({ HttpApi: patch, WebSocketApi: patch });

export const SAMPLES: Record<string, Record<string, PerFlavour>> = {
  api: {
    name: all({ name: 'renamed-api' }),
    description: all({ description: 'an API with a description' }),
    endpointType: { RestApi: { endpointType: 'EDGE' } },
    binaryMediaTypes: { RestApi: { binaryMediaTypes: ['image/png', 'application/octet-stream'] } },
    apiKeySource: { RestApi: { apiKeySource: 'AUTHORIZER' } },
    disableExecuteApiEndpoint: all({ disableExecuteApiEndpoint: true }),
    vpcEndpointIds: {
      RestApi: {
        endpointType: 'PRIVATE',
        vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718', 'vpce-0f1e2d3c4b5a69788'],
        policy: POLICY,
      },
    },
    policy: {
      RestApi: {
        policy: policyText({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/DELETE/*' },
            { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
          ],
        }),
      },
    },
    minimumCompressionSize: { RestApi: { minimumCompressionSize: 1024 } },
    cors: {
      HttpApi: {
        cors: {
          allowOrigins: ['https://app.example.com'],
          allowMethods: ['GET', 'POST'],
          allowHeaders: ['content-type'],
          exposeHeaders: ['x-request-id'],
          allowCredentials: true,
          maxAge: 600,
        },
      },
    },
    routeSelectionExpression: {
      WebSocketApi: { routeSelectionExpression: '${request.body.type}/${request.body.action}' },
    },
    apiKeySelectionExpression: {
      WebSocketApi: { apiKeySelectionExpression: '$context.authorizer.usageIdentifierKey' },
    },
    disableSchemaValidation: { WebSocketApi: { disableSchemaValidation: true } },
  },
  stage: {
    description: all({ description: 'production' }),
    variables: all({ variables: { backend: 'v2', region: 'seoul' } }),
    tracingEnabled: { RestApi: { tracingEnabled: true } },
    throttling: all({ throttling: { rateLimit: 100, burstLimit: 200 } }),
    cache: {
      RestApi: {
        cache: {
          sizeGb: 1.6,
          ttlSeconds: 120,
          allMethods: false,
          encrypted: true,
          requireAuthorization: false,
          unauthorizedStrategy: 'FAIL_WITH_403',
        },
      },
    },
    detailedMetrics: all({ detailedMetrics: true }),
    logging: {
      RestApi: { logging: { level: 'INFO', dataTrace: true } },
      WebSocketApi: { logging: { level: 'INFO', dataTrace: true } },
    },
    // Every member of a route's settings, on top of stage-wide values it overrides (REST: a method setting; HTTP and WebSocket: a RouteSettings entry).
    routeSettings: {
      RestApi: {
        cache: { sizeGb: 0.5, ttlSeconds: 300, allMethods: false },
        throttling: { rateLimit: 100, burstLimit: 200 },
        routeSettings: {
          'GET /base': {
            throttling: { rateLimit: 10, burstLimit: 20 },
            detailedMetrics: true,
            logging: { level: 'ERROR', dataTrace: false },
            caching: {
              enabled: true,
              ttlSeconds: 60,
              encrypted: true,
              requireAuthorization: false,
              unauthorizedStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER',
            },
          },
        },
      },
      HttpApi: {
        throttling: { rateLimit: 100, burstLimit: 200 },
        routeSettings: { 'GET /base': { throttling: { rateLimit: 10, burstLimit: 20 }, detailedMetrics: true } },
      },
      // `base` is the route every WebSocket API of the test has.
      WebSocketApi: {
        throttling: { rateLimit: 100, burstLimit: 200 },
        routeSettings: {
          base: {
            throttling: { rateLimit: 20, burstLimit: 40 },
            logging: { level: 'ERROR', dataTrace: false },
            detailedMetrics: true,
          },
        },
      },
    },
    accessLog: all({ accessLog: { destinationArn: LOGS, format: '$context.requestId' } }),
    autoDeploy: v2({ autoDeploy: true }),
    // The web ACL the local endpoint seeds in every account and region (EXAMPLE_WEB_ACL).
    webAclArn: { RestApi: { webAclArn: WEB_ACL } },
  },
  authorizer: {
    type: {
      RestApi: { type: 'REQUEST', identitySource: ['method.request.header.X-Token', 'method.request.querystring.t'] },
      HttpApi: {
        type: 'JWT',
        identitySource: ['$request.header.Authorization'],
        jwt: { issuer: 'https://issuer.example.com', audience: ['app'] },
        authorizerUri: undefined,
        payloadFormatVersion: undefined,
      },
    },
    authorizerUri: all({ authorizerUri: LAMBDA.replace('function:auth', 'function:other') }),
    authorizerCredentials: all({ authorizerCredentials: ROLE }),
    identitySource: {
      RestApi: { identitySource: ['method.request.header.X-Api-Token'] },
      HttpApi: { identitySource: ['$request.header.X-Api-Token'] },
      WebSocketApi: { identitySource: ['route.request.querystring.token', 'route.request.header.X-Api-Token'] },
    },
    identityValidationExpression: both({ identityValidationExpression: '^Bearer [-0-9a-zA-Z._]*$' }),
    resultTtlSeconds: { RestApi: { resultTtlSeconds: 60 }, HttpApi: { resultTtlSeconds: 60 } },
    providerArns: {
      RestApi: {
        type: 'COGNITO_USER_POOLS',
        authorizerUri: undefined,
        providerArns: ['arn:aws:cognito-idp:ap-northeast-2:000000000000:userpool/ap-northeast-2_abc'],
      },
    },
    jwt: {
      HttpApi: {
        type: 'JWT',
        identitySource: ['$request.header.Authorization'],
        jwt: { issuer: 'https://cognito-idp.example.com/pool', audience: ['a', 'b'] },
        authorizerUri: undefined,
        payloadFormatVersion: undefined,
      },
    },
    payloadFormatVersion: { HttpApi: { payloadFormatVersion: '1.0' } },
    enableSimpleResponses: { HttpApi: { enableSimpleResponses: true } },
  },
  requestValidator: {
    validateRequestBody: { RestApi: { validateRequestBody: true } },
    validateRequestParameters: { RestApi: { validateRequestParameters: true } },
  },
  gatewayResponse: {
    statusCode: { RestApi: { statusCode: '418' } },
    responseParameters: {
      RestApi: {
        responseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
          'gatewayresponse.header.X-Request-Id': 'context.requestId',
        },
      },
    },
    responseTemplates: {
      RestApi: {
        responseTemplates: { 'application/json': '{"error":$context.error.messageString}', 'text/plain': 'nope' },
      },
    },
  },
  model: {
    contentType: { WebSocketApi: { contentType: 'application/vnd.chat+json' } },
    schema: {
      RestApi: { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
      WebSocketApi: { schema: { type: 'object', required: ['action'], properties: { action: { type: 'string' } } } },
    },
    description: {
      RestApi: { description: 'a pet', schema: { type: 'object', description: 'a pet' } },
      WebSocketApi: { description: 'a chat message' },
    },
  },
  /** WebSocket routes: on a route of their own (authorization on $connect, the only route that may have it). */
  wsRoute: {
    authorization: { WebSocketApi: { authorization: { type: 'AWS_IAM' } } },
    apiKeyRequired: { WebSocketApi: { apiKeyRequired: true } },
    operationName: { WebSocketApi: { operationName: 'sendSample' } },
    requestParameters: {
      WebSocketApi: {
        requestParameters: { 'route.request.querystring.token': true, 'route.request.header.X-Trace': false },
      },
    },
    requestModels: { WebSocketApi: { requestModels: { $default: 'Sample' } } },
    modelSelectionExpression: { WebSocketApi: { modelSelectionExpression: '$request.body.type' } },
    routeResponseSelectionExpression: { WebSocketApi: { routeResponseSelectionExpression: '$default' } },
  },
  routeResponse: {
    modelSelectionExpression: { WebSocketApi: { modelSelectionExpression: '$request.body.type' } },
    responseModels: { WebSocketApi: { responseModels: { $default: 'Sample' } } },
    responseParameters: { WebSocketApi: { responseParameters: { 'route.response.header.X-Id': false } } },
  },

  route: {
    authorization: both({ authorization: { type: 'AWS_IAM', scopes: [] } }),
    apiKeyRequired: both({ apiKeyRequired: true }),
    operationName: both({ operationName: 'getSample' }),
    requestParameters: {
      RestApi: { requestParameters: { 'method.request.querystring.q': true, 'method.request.header.X-Trace': false } },
    },
    requestModels: { RestApi: { requestModels: { 'application/json': 'Sample' } } },
    requestValidator: { RestApi: { requestValidator: 'sample-validator' } },
    methodResponses: { RestApi: { methodResponses: { '200': { responseParameters: {}, responseModels: {} } } } },
  },
  integration: {
    type: {
      RestApi: {
        type: 'HTTP',
        uri: 'https://backend.example.com/x',
        httpMethod: 'GET',
        passthroughBehavior: 'WHEN_NO_TEMPLATES',
      },
      HttpApi: {
        type: 'AWS_PROXY',
        uri: LAMBDA.replace('function:auth', 'function:app'),
        httpMethod: 'POST',
        payloadFormatVersion: '2.0',
      },
      WebSocketApi: { type: 'AWS_PROXY', uri: LAMBDA.replace('function:auth', 'function:app'), httpMethod: 'POST' },
    },
    uri: all({ uri: 'https://other.example.com/y' }),
    httpMethod: {
      RestApi: { httpMethod: 'POST' },
      HttpApi: { httpMethod: 'POST' },
      WebSocketApi: { httpMethod: 'PUT' },
    },
    passthroughBehavior: {
      RestApi: { passthroughBehavior: 'NEVER' },
      WebSocketApi: { type: 'HTTP', passthroughBehavior: 'NEVER' },
    },
    requestParameters: {
      RestApi: { requestParameters: { 'integration.request.header.X-From': "'apigw'" } },
      HttpApi: { requestParameters: { 'overwrite:header.X-From': 'apigw' } },
      WebSocketApi: {
        requestParameters: {
          'integration.request.header.X-From': "'apigw'",
          'integration.request.querystring.user': 'route.request.querystring.user',
        },
      },
    },
    requestTemplates: {
      RestApi: {
        type: 'MOCK',
        uri: undefined,
        httpMethod: undefined,
        passthroughBehavior: 'WHEN_NO_MATCH',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      },
      WebSocketApi: {
        type: 'MOCK',
        uri: undefined,
        httpMethod: undefined,
        passthroughBehavior: 'WHEN_NO_MATCH',
        requestTemplates: { $default: '{"statusCode": 200}' },
      },
    },
    templateSelectionExpression: {
      WebSocketApi: {
        type: 'MOCK',
        uri: undefined,
        httpMethod: undefined,
        passthroughBehavior: 'WHEN_NO_MATCH',
        templateSelectionExpression: '\\$default',
        requestTemplates: { $default: '{"statusCode": 200}' },
      },
    },
    responses: {
      RestApi: {
        type: 'MOCK',
        uri: undefined,
        httpMethod: undefined,
        passthroughBehavior: 'WHEN_NO_MATCH',
        responses: { default: { statusCode: '200', responseParameters: {}, responseTemplates: {} } },
      },
    },
    timeoutInMillis: {
      RestApi: { timeoutInMillis: 10000 },
      HttpApi: { timeoutInMillis: 12000 },
      WebSocketApi: { timeoutInMillis: 12000 },
    },
    // VPC_LINK_ID stands for a VPC link the test creates first (AWS checks that it exists);
    // an HTTP private integration targets a load balancer listener; WebSocket ones use a REST link.
    connectionType: {
      RestApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID },
      HttpApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID, uri: LISTENER },
      WebSocketApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID },
    },
    connectionId: {
      RestApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID },
      HttpApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID, uri: LISTENER },
      WebSocketApi: { connectionType: 'VPC_LINK', connectionId: VPC_LINK_ID },
    },
    contentHandling: {
      RestApi: { contentHandling: 'CONVERT_TO_TEXT' },
      WebSocketApi: { contentHandling: 'CONVERT_TO_TEXT' },
    },
    credentials: all({ credentials: ROLE }),
    cacheKeyParameters: { RestApi: { cacheKeyParameters: ['method.request.querystring.q'] } },
    responseParameters: {
      HttpApi: {
        responseParameters: { '200': { 'overwrite:header.x-from': 'apigw' }, '404': { 'overwrite:statuscode': '410' } },
      },
    },
    tlsConfig: {
      RestApi: { tlsConfig: { insecureSkipVerification: true } },
      HttpApi: {
        connectionType: 'VPC_LINK',
        connectionId: VPC_LINK_ID,
        uri: LISTENER,
        tlsConfig: { serverNameToVerify: 'backend.example.com' },
      },
    },
    payloadFormatVersion: {
      HttpApi: {
        type: 'AWS_PROXY',
        uri: LAMBDA.replace('function:auth', 'function:app'),
        httpMethod: 'POST',
        payloadFormatVersion: '1.0',
      },
    },
  },
  /** Parts: patched into a route's method responses / its integration's responses. */
  methodResponse: {
    responseParameters: { RestApi: { responseParameters: { 'method.response.header.X-Id': false } } },
    responseModels: { RestApi: { responseModels: { 'application/json': 'Sample' } } },
  },
  /** REST: a part of the integration; WebSocket: the integration response kind (both named integrationResponse). */
  integrationResponse: {
    statusCode: { RestApi: { statusCode: '201' } },
    responseParameters: {
      RestApi: { responseParameters: { 'method.response.header.X-Id': "'1'" } },
      WebSocketApi: { responseParameters: { 'method.response.header.X-Id': "'1'" } },
    },
    responseTemplates: {
      RestApi: { responseTemplates: { 'application/json': '{"ok": true}' } },
      WebSocketApi: { responseTemplates: { $default: '{"ok": true}' } },
    },
    contentHandling: {
      RestApi: { contentHandling: 'CONVERT_TO_TEXT' },
      WebSocketApi: { contentHandling: 'CONVERT_TO_TEXT' },
    },
    templateSelectionExpression: { WebSocketApi: { templateSelectionExpression: '\\$default' } },
  },
};

/** `kind.field@Flavour` → why it cannot make the round trip. */
export const NOT_ROUND_TRIP: Record<string, string> = {
  'integration.vpcLink@RestApi':
    'names an account record (vpc-links/<name>.yaml), which this test does not declare: create, read back as the name, rename and import are in test/integration/account/vpc-links.test.ts',
  'integration.vpcLink@HttpApi':
    'names an account record (vpc-links/<name>.yaml), which this test does not declare: test/integration/account/vpc-links.test.ts',
  'stage.clientCertificate@RestApi':
    'names an account record (client-certificates/<name>.yaml), which this test does not declare: test/integration/account/client-certificates.test.ts',
  'stage.name@RestApi': "the record's key: every stage of the test is matched by it",
  'stage.name@HttpApi': "the record's key: every stage of the test is matched by it",
  'authorizer.name@RestApi': "the record's key (renames are tested in test/integration/apply/renames.test.ts)",
  'authorizer.name@HttpApi': "the record's key (renames are tested in test/integration/apply/renames.test.ts)",
  'requestValidator.name@RestApi': "the record's key",
  'gatewayResponse.responseType@RestApi': "the record's key (the response type)",
  'model.contentType@RestApi':
    'OpenAPI schemas carry no content type: import writes application/json and warns (a non-JSON model cannot come back)',
  'api.endpointType@HttpApi':
    "HTTP APIs have no endpoint type in AWS (always regional): the state's word stands, and import has nothing to write",
  'api.binaryMediaTypes@HttpApi': 'HTTP APIs have no binary media types (read as [], never written)',
  'stage.autoDeploy@RestApi': "not a REST setting: the state's word stands, AWS holds nothing to read or import",
  'authorizer.providerArns@HttpApi':
    'HTTP APIs name user pools through JWT issuers, not provider ARNs (read as [], never written)',
  'route.requestParameters@HttpApi':
    'REST only: HTTP routes have no method request parameters (read as {}, never written)',
  'route.requestModels@HttpApi': 'REST only: HTTP routes have no request models (read as {}, never written)',
  'route.methodResponses@HttpApi': 'REST only: HTTP routes have no method responses (read as {}, never written)',
  'integration.requestTemplates@HttpApi':
    "HTTP APIs have no mapping templates (read for validate's message, never written)",
  'integration.contentHandling@HttpApi':
    'HTTP integrations are not written with a content handling strategy (read only)',
  'integration.cacheKeyParameters@HttpApi':
    'REST only: HTTP integrations have no cache keys (read as [], never written)',
  'integration.cacheKeyParameters@WebSocketApi':
    'REST only: WebSocket integrations have no cache keys (read as [], never written)',
  'stage.name@WebSocketApi': "the record's key: every stage of the test is matched by it",
  'authorizer.name@WebSocketApi': "the record's key (renames are tested in test/integration/apply/renames.test.ts)",
  'authorizer.type@WebSocketApi': 'WebSocket APIs have REQUEST authorizers only: there is no other value to set',
  'authorizer.providerArns@WebSocketApi': 'WebSocket APIs have no Cognito authorizers (read as [], never written)',
  'api.binaryMediaTypes@WebSocketApi': 'WebSocket APIs have no binary media types (read as [], never written)',
};
