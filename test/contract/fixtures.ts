/**
 * What the models cannot tell the contract test: a small world of existing resources per
 * service (so identifiers in generated inputs name something real), which member names are
 * identifiers, and per operation the few values that carry meaning beyond their type (an
 * authorizer of type TOKEN needs a Lambda URI; a stage being created needs a new name).
 * Every value here is valid by the model; the generator fills in the rest.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as v2 from '@aws-sdk/client-apigatewayv2';
import * as cw from '@aws-sdk/client-cloudwatch';
import * as waf from '@aws-sdk/client-wafv2';
import * as ssm from '@aws-sdk/client-ssm';
import * as sm from '@aws-sdk/client-secrets-manager';

export type Ids = Record<string, unknown>;

export const REGION = 'eu-west-1';
const lambdaUri = (region: string) =>
  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:000000000000:function:auth/invocations`;

export const OPENAPI_DOC = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'imported', version: '1' },
  paths: {
    '/things': {
      get: {
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: 'https://example.com/things',
          payloadFormatVersion: '1.0',
        },
      },
    },
  },
});

const REST_OPENAPI_DOC = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'imported', version: '1' },
  paths: {
    '/things': {
      get: {
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200' } },
        },
      },
    },
  },
});

export async function apigatewayWorld(c: v1.APIGatewayClient): Promise<Ids> {
  const api = await c.send(new v1.CreateRestApiCommand({ name: 'contract' }));
  const restApiId = api.id!;
  const res = await c.send(
    new v1.CreateResourceCommand({ restApiId, parentId: api.rootResourceId!, pathPart: 'items' }),
  );
  const resourceId = res.id!;
  await c.send(new v1.PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await c.send(new v1.PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await c.send(
    new v1.PutIntegrationCommand({
      restApiId,
      resourceId,
      httpMethod: 'GET',
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );
  await c.send(new v1.PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  const auth = await c.send(
    new v1.CreateAuthorizerCommand({
      restApiId,
      name: 'auth',
      type: 'TOKEN',
      authorizerUri: lambdaUri(REGION),
      identitySource: 'method.request.header.Authorization',
    }),
  );
  const validator = await c.send(
    new v1.CreateRequestValidatorCommand({ restApiId, name: 'body', validateRequestBody: true }),
  );
  await c.send(
    new v1.CreateModelCommand({
      restApiId,
      name: 'Item',
      contentType: 'application/json',
      schema: '{"type":"object"}',
    }),
  );
  const dep = await c.send(new v1.CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  const spare = await c.send(new v1.CreateDeploymentCommand({ restApiId }));
  // A customized gateway response, so DeleteGatewayResponse has one to reset (an uncustomized type is a 404).
  await c.send(
    new v1.PutGatewayResponseCommand({
      restApiId,
      responseType: 'DEFAULT_4XX',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    }),
  );
  // Issue 13's resources: a regional domain with a mapping, a usage plan with a key (and spares to delete), a VPC link, a client
  // certificate. Mappings and plans name a second API, so the first one's deletes (DeleteRestApi, DeleteStage) are not refused.
  const mapped = await c.send(new v1.ImportRestApiCommand({ body: new TextEncoder().encode(REST_OPENAPI_DOC) }));
  await c.send(new v1.CreateDeploymentCommand({ restApiId: mapped.id, stageName: 'live' }));
  await c.send(
    new v1.CreateDomainNameCommand({
      domainName: 'contract.example.com',
      regionalCertificateArn: certificateArn(REGION),
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_2',
    }),
  );
  await c.send(
    new v1.CreateBasePathMappingCommand({
      domainName: 'contract.example.com',
      basePath: 'items',
      restApiId: mapped.id,
      stage: 'live',
    }),
  );
  const plan = await c.send(
    new v1.CreateUsagePlanCommand({ name: 'contract', apiStages: [{ apiId: mapped.id, stage: 'live' }] }),
  );
  const sparePlan = await c.send(new v1.CreateUsagePlanCommand({ name: 'spare' }));
  const key = await c.send(new v1.CreateApiKeyCommand({ name: 'contract', enabled: true }));
  const spareKey = await c.send(new v1.CreateApiKeyCommand({ name: 'spare' }));
  await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
  const link = await c.send(new v1.CreateVpcLinkCommand({ name: 'contract', targetArns: [NLB_ARN] }));
  const cert = await c.send(new v1.GenerateClientCertificateCommand({ description: 'contract' }));
  return {
    restApiId,
    responseType: 'DEFAULT_4XX',
    resourceId,
    parentId: api.rootResourceId,
    httpMethod: 'GET',
    statusCode: '200',
    stageName: 'prod',
    deploymentId: dep.id,
    spareDeploymentId: spare.id,
    authorizerId: auth.id,
    requestValidatorId: validator.id,
    modelName: 'Item',
    resourceArn: `arn:aws:apigateway:${REGION}::/restapis/${restApiId}`,
    exportType: 'oas30',
    domainName: 'contract.example.com',
    basePath: 'items',
    usagePlanId: plan.id,
    spareUsagePlanId: sparePlan.id,
    keyId: key.id,
    apiKey: key.id,
    spareKeyId: spareKey.id,
    vpcLinkId: link.id,
    clientCertificateId: cert.clientCertificateId,
  };
}

const NLB_ARN = `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/contract/0123456789abcdef`;
export const certificateArn = (region: string) =>
  `arn:aws:acm:${region}:000000000000:certificate/12345678-1234-1234-1234-123456789012`;

/** Operation → input members that need a value the model cannot tell (merged over the generated input). */
export const APIGATEWAY_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  CreateStage: (ids) => ({ stageName: 'beta', deploymentId: ids.deploymentId }),
  CreateResource: () => ({ pathPart: 'more' }),
  PutMethod: () => ({ httpMethod: 'POST', authorizationType: 'NONE' }),
  PutMethodResponse: () => ({ statusCode: '201' }),
  PutIntegration: () => ({ type: 'MOCK' }),
  CreateAuthorizer: () => ({
    name: 'other',
    type: 'TOKEN',
    authorizerUri: lambdaUri(REGION),
    identitySource: 'method.request.header.Authorization',
  }),
  CreateModel: () => ({ name: 'Other', contentType: 'application/json', schema: '{"type":"object"}' }),
  DeleteDeployment: (ids) => ({ deploymentId: ids.spareDeploymentId }),
  ImportRestApi: () => ({ body: new TextEncoder().encode(REST_OPENAPI_DOC) }),
  PutRestApi: () => ({ body: new TextEncoder().encode(REST_OPENAPI_DOC) }),
  GetExport: () => ({ exportType: 'oas30', accepts: 'application/json' }),
  TagResource: () => ({ tags: { team: 'contract' } }),
  UntagResource: () => ({ tagKeys: ['team'] }),
  CreateDomainName: () => ({
    domainName: 'other.example.com',
    regionalCertificateArn: certificateArn(REGION),
    endpointConfiguration: { types: ['REGIONAL'] },
    securityPolicy: 'TLS_1_2',
  }),
  CreateBasePathMapping: (ids) => ({ restApiId: ids.restApiId, basePath: 'more', stage: 'prod' }),
  UpdateBasePathMapping: () => ({ patchOperations: [{ op: 'replace', path: '/basePath', value: 'renamed' }] }),
  DeleteUsagePlan: (ids) => ({ usagePlanId: ids.spareUsagePlanId }),
  CreateUsagePlanKey: (ids) => ({ keyId: ids.spareKeyId, keyType: 'API_KEY' }),
  CreateVpcLink: () => ({ name: 'other', targetArns: [NLB_ARN] }),
};

export async function apigatewayv2World(c: v2.ApiGatewayV2Client): Promise<Ids> {
  const api = await c.send(
    new v2.CreateApiCommand({
      Name: 'contract',
      ProtocolType: 'HTTP',
      CorsConfiguration: { AllowOrigins: ['https://example.com'] },
    }),
  );
  const ApiId = api.ApiId!;
  const integration = await c.send(
    new v2.CreateIntegrationCommand({
      ApiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://example.com/items',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    }),
  );
  const spareIntegration = await c.send(
    new v2.CreateIntegrationCommand({
      ApiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://example.com/spare',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    }),
  );
  const route = await c.send(
    new v2.CreateRouteCommand({ ApiId, RouteKey: 'GET /items', Target: `integrations/${integration.IntegrationId}` }),
  );
  const auth = await c.send(
    new v2.CreateAuthorizerCommand({
      ApiId,
      Name: 'jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['contract'], Issuer: 'https://issuer.example.com' },
    }),
  );
  const dep = await c.send(new v2.CreateDeploymentCommand({ ApiId }));
  await c.send(
    new v2.CreateStageCommand({
      ApiId,
      StageName: 'prod',
      DeploymentId: dep.DeploymentId,
      RouteSettings: { 'GET /items': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
      AccessLogSettings: {
        DestinationArn: `arn:aws:logs:${REGION}:000000000000:log-group:contract`,
        Format: '$context.requestId',
      },
    }),
  );
  const spare = await c.send(new v2.CreateDeploymentCommand({ ApiId }));
  // The mapping names a second API, so the first one's deletes are not refused.
  const mapped = await c.send(new v2.CreateApiCommand({ Name: 'mapped', ProtocolType: 'HTTP' }));
  await c.send(new v2.CreateStageCommand({ ApiId: mapped.ApiId, StageName: 'live' }));
  await c.send(
    new v2.CreateDomainNameCommand({
      DomainName: 'contract.example.com',
      DomainNameConfigurations: [
        { CertificateArn: certificateArn(REGION), EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    }),
  );
  const mapping = await c.send(
    new v2.CreateApiMappingCommand({
      DomainName: 'contract.example.com',
      ApiId: mapped.ApiId,
      Stage: 'live',
      ApiMappingKey: 'items',
    }),
  );
  const link = await c.send(new v2.CreateVpcLinkCommand({ Name: 'contract', SubnetIds: ['subnet-0123456789abcdef0'] }));
  return {
    ApiId,
    RouteId: route.RouteId,
    IntegrationId: integration.IntegrationId,
    spareIntegrationId: spareIntegration.IntegrationId,
    AuthorizerId: auth.AuthorizerId,
    StageName: 'prod',
    DeploymentId: dep.DeploymentId,
    spareDeploymentId: spare.DeploymentId,
    RouteKey: 'GET /items',
    ResourceArn: `arn:aws:apigateway:${REGION}::/apis/${ApiId}`,
    OutputType: 'JSON',
    Specification: 'OAS30',
    DomainName: 'contract.example.com',
    ApiMappingId: mapping.ApiMappingId,
    VpcLinkId: link.VpcLinkId,
    mappedApiId: mapped.ApiId,
    ...(await webSocketWorld(c)),
  };
}

/** A WebSocket API beside the HTTP one, for the operations only WebSocket APIs have (route/integration responses, models). */
async function webSocketWorld(c: v2.ApiGatewayV2Client): Promise<Ids> {
  const ws = (
    await c.send(
      new v2.CreateApiCommand({
        Name: 'contract-ws',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    )
  ).ApiId!;
  const model = await c.send(
    new v2.CreateModelCommand({
      ApiId: ws,
      Name: 'Message',
      Schema: '{"type":"object","properties":{"text":{"type":"string"}}}',
    }),
  );
  const spareModel = await c.send(new v2.CreateModelCommand({ ApiId: ws, Name: 'Spare', Schema: '{"type":"object"}' }));
  const mock = await c.send(
    new v2.CreateIntegrationCommand({
      ApiId: ws,
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
    }),
  );
  const integrationResponse = await c.send(
    new v2.CreateIntegrationResponseCommand({
      ApiId: ws,
      IntegrationId: mock.IntegrationId!,
      IntegrationResponseKey: '$default',
    }),
  );
  const twoWay = await c.send(
    new v2.CreateRouteCommand({
      ApiId: ws,
      RouteKey: 'sendmessage',
      Target: `integrations/${mock.IntegrationId}`,
      RouteResponseSelectionExpression: '$default',
      RequestParameters: { 'route.request.header.x-client': { Required: false } },
    }),
  );
  const routeResponse = await c.send(
    new v2.CreateRouteResponseCommand({ ApiId: ws, RouteId: twoWay.RouteId!, RouteResponseKey: '$default' }),
  );
  const oneWay = await c.send(
    new v2.CreateRouteCommand({ ApiId: ws, RouteKey: '$default', Target: `integrations/${mock.IntegrationId}` }),
  );
  return {
    wsApiId: ws,
    wsIntegrationId: mock.IntegrationId,
    wsIntegrationResponseId: integrationResponse.IntegrationResponseId,
    wsTwoWayRouteId: twoWay.RouteId,
    wsRouteResponseId: routeResponse.RouteResponseId,
    wsOneWayRouteId: oneWay.RouteId,
    wsModelId: model.ModelId,
    wsSpareModelId: spareModel.ModelId,
  };
}

/** Operations only WebSocket APIs have, run against the world's WebSocket API. */
const WS_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  CreateRouteResponse: (ids) => ({ ApiId: ids.wsApiId, RouteId: ids.wsOneWayRouteId, RouteResponseKey: '$default' }),
  GetRouteResponses: (ids) => ({ ApiId: ids.wsApiId, RouteId: ids.wsTwoWayRouteId }),
  GetRouteResponse: (ids) => ({
    ApiId: ids.wsApiId,
    RouteId: ids.wsTwoWayRouteId,
    RouteResponseId: ids.wsRouteResponseId,
  }),
  UpdateRouteResponse: (ids) => ({
    ApiId: ids.wsApiId,
    RouteId: ids.wsTwoWayRouteId,
    RouteResponseId: ids.wsRouteResponseId,
  }),
  DeleteRouteResponse: (ids) => ({
    ApiId: ids.wsApiId,
    RouteId: ids.wsTwoWayRouteId,
    RouteResponseId: ids.wsRouteResponseId,
  }),
  DeleteRouteRequestParameter: (ids) => ({
    ApiId: ids.wsApiId,
    RouteId: ids.wsTwoWayRouteId,
    RequestParameterKey: 'route.request.header.x-client',
  }),
  CreateIntegrationResponse: (ids) => ({
    ApiId: ids.wsApiId,
    IntegrationId: ids.wsIntegrationId,
    IntegrationResponseKey: '/4\\d\\d/',
  }),
  GetIntegrationResponses: (ids) => ({ ApiId: ids.wsApiId, IntegrationId: ids.wsIntegrationId }),
  GetIntegrationResponse: (ids) => ({
    ApiId: ids.wsApiId,
    IntegrationId: ids.wsIntegrationId,
    IntegrationResponseId: ids.wsIntegrationResponseId,
  }),
  UpdateIntegrationResponse: (ids) => ({
    ApiId: ids.wsApiId,
    IntegrationId: ids.wsIntegrationId,
    IntegrationResponseId: ids.wsIntegrationResponseId,
  }),
  DeleteIntegrationResponse: (ids) => ({
    ApiId: ids.wsApiId,
    IntegrationId: ids.wsIntegrationId,
    IntegrationResponseId: ids.wsIntegrationResponseId,
  }),
  CreateModel: (ids) => ({ ApiId: ids.wsApiId, Name: 'Other', Schema: '{"type":"object"}' }),
  GetModels: (ids) => ({ ApiId: ids.wsApiId }),
  GetModel: (ids) => ({ ApiId: ids.wsApiId, ModelId: ids.wsModelId }),
  GetModelTemplate: (ids) => ({ ApiId: ids.wsApiId, ModelId: ids.wsModelId }),
  UpdateModel: (ids) => ({ ApiId: ids.wsApiId, ModelId: ids.wsModelId }),
  DeleteModel: (ids) => ({ ApiId: ids.wsApiId, ModelId: ids.wsSpareModelId }),
};

export const APIGATEWAYV2_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  CreateApi: () => ({ Name: 'other', ProtocolType: 'HTTP' }),
  CreateRoute: () => ({ RouteKey: 'POST /more' }),
  CreateIntegration: () => ({
    IntegrationType: 'HTTP_PROXY',
    IntegrationUri: 'https://example.com/more',
    IntegrationMethod: 'ANY',
    PayloadFormatVersion: '1.0',
  }),
  CreateAuthorizer: () => ({
    Name: 'other',
    AuthorizerType: 'JWT',
    IdentitySource: ['$request.header.Authorization'],
    JwtConfiguration: { Audience: ['contract'], Issuer: 'https://issuer.example.com' },
  }),
  CreateStage: () => ({ StageName: 'beta' }),
  DeleteDeployment: (ids) => ({ DeploymentId: ids.spareDeploymentId }),
  DeleteIntegration: (ids) => ({ IntegrationId: ids.spareIntegrationId }),
  ImportApi: () => ({ Body: OPENAPI_DOC }),
  ReimportApi: () => ({ Body: OPENAPI_DOC }),
  ExportApi: () => ({ Specification: 'OAS30', OutputType: 'JSON' }),
  TagResource: () => ({ Tags: { team: 'contract' } }),
  UntagResource: () => ({ TagKeys: ['team'] }),
  CreateDomainName: () => ({
    DomainName: 'other.example.com',
    DomainNameConfigurations: [
      { CertificateArn: certificateArn(REGION), EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
    ],
  }),
  CreateApiMapping: (ids) => ({ ApiId: ids.ApiId, Stage: 'prod', ApiMappingKey: 'more' }),
  UpdateApiMapping: (ids) => ({ ApiId: ids.mappedApiId, Stage: 'live' }),
  CreateVpcLink: () => ({ Name: 'other', SubnetIds: ['subnet-0123456789abcdef0'] }),
  ...WS_OVERRIDES,
};

export async function cloudwatchWorld(c: cw.CloudWatchClient): Promise<Ids> {
  await c.send(
    new cw.PutMetricDataCommand({
      Namespace: 'Contract',
      MetricData: [{ MetricName: 'Count', Value: 1, Timestamp: new Date(Date.now() - 60_000) }],
    }),
  );
  await c.send(
    new cw.PutMetricAlarmCommand({
      AlarmName: 'contract-alarm',
      MetricName: 'Count',
      Namespace: 'Contract',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  return { AlarmName: 'contract-alarm', AlarmNames: ['contract-alarm'], Namespace: 'Contract', MetricName: 'Count' };
}

const metricStat = { Metric: { Namespace: 'Contract', MetricName: 'Count' }, Period: 60, Stat: 'Sum' };
const window = () => ({ StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date() });

export const CLOUDWATCH_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  // EvaluationPeriods: optional in botocore's newer model (other alarm kinds), still required of a metric alarm.
  PutMetricAlarm: () => ({
    MetricName: 'Count',
    Namespace: 'Contract',
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanThreshold',
  }),
  SetAlarmState: () => ({ StateValue: 'ALARM', StateReason: 'contract' }),
  PutMetricData: () => ({ MetricData: [{ MetricName: 'Count', Value: 1 }] }),
  GetMetricData: () => ({ MetricDataQueries: [{ Id: 'm1', MetricStat: metricStat }], ...window() }),
  GetMetricStatistics: () => ({ Period: 60, Statistics: ['Sum'], ...window() }),
};

/** A REST API stage in the contract region, for WAF to protect (the WAF client's endpoint, API Gateway's client). */
async function restStage(c: {
  config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }> };
}): Promise<string> {
  const e = await c.config.endpoint!();
  const api = new v1.APIGatewayClient({
    endpoint: `${e.protocol}//${e.hostname}:${e.port}`,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const world = await apigatewayWorld(api);
  return `arn:aws:apigateway:${REGION}::/restapis/${String(world.restApiId)}/stages/prod`;
}

const visibility = { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'contract' };

export async function wafv2World(c: waf.WAFV2Client): Promise<Ids> {
  const stageArn = await restStage(c as never);
  const acl = await c.send(
    new waf.CreateWebACLCommand({
      Name: 'contract',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility,
    }),
  );
  const spare = await c.send(
    new waf.CreateWebACLCommand({
      Name: 'spare',
      Scope: 'REGIONAL',
      DefaultAction: { Block: {} },
      VisibilityConfig: visibility,
    }),
  );
  await c.send(new waf.AssociateWebACLCommand({ WebACLArn: acl.Summary!.ARN, ResourceArn: stageArn }));
  return {
    Name: 'contract',
    Scope: 'REGIONAL',
    Id: acl.Summary!.Id,
    LockToken: acl.Summary!.LockToken,
    WebACLArn: acl.Summary!.ARN,
    ResourceArn: stageArn,
    spare: { Name: 'spare', Id: spare.Summary!.Id, LockToken: spare.Summary!.LockToken },
  };
}

export const WAFV2_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  CreateWebACL: () => ({
    Name: `other${Math.random().toString(36).slice(2, 8)}`,
    Scope: 'REGIONAL',
    DefaultAction: { Allow: {} },
    VisibilityConfig: visibility,
  }),
  DeleteWebACL: (ids) => ({ ...(ids.spare as object), Scope: 'REGIONAL' }),
  ListResourcesForWebACL: () => ({ ResourceType: 'API_GATEWAY' }),
  // Name, Scope and Id (or the ARN): none is required by the newer model, one way is.
  GetWebACL: (ids) => ({ Name: ids.Name, Scope: ids.Scope, Id: ids.Id }),
};

export async function ssmWorld(c: ssm.SSMClient): Promise<Ids> {
  await c.send(
    new ssm.PutParameterCommand({ Name: '/contract/key', Value: 'contractvalue01234567890', Type: 'SecureString' }),
  );
  return { Name: '/contract/key' };
}

export const SSM_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  PutParameter: () => ({ Name: '/contract/other', Value: 'contractvalue01234567890', Type: 'SecureString' }),
};

export async function secretsManagerWorld(c: sm.SecretsManagerClient): Promise<Ids> {
  await c.send(new sm.CreateSecretCommand({ Name: 'contract-secret', SecretString: 'contractvalue01234567890' }));
  return { SecretId: 'contract-secret' };
}

export const SECRETS_MANAGER_OVERRIDES: Record<string, (ids: Ids) => Record<string, unknown>> = {
  CreateSecret: () => ({ Name: 'other-secret', SecretString: 'contractvalue01234567890' }),
  PutSecretValue: () => ({ SecretString: 'contractvalue09876543210' }),
};

export const CLIENTS = {
  apigateway: {
    module: v1 as unknown as Record<string, unknown>,
    Client: v1.APIGatewayClient,
    world: apigatewayWorld,
    overrides: APIGATEWAY_OVERRIDES,
  },
  apigatewayv2: {
    module: v2 as unknown as Record<string, unknown>,
    Client: v2.ApiGatewayV2Client,
    world: apigatewayv2World,
    overrides: APIGATEWAYV2_OVERRIDES,
  },
  cloudwatch: {
    module: cw as unknown as Record<string, unknown>,
    Client: cw.CloudWatchClient,
    world: cloudwatchWorld,
    overrides: CLOUDWATCH_OVERRIDES,
  },
  wafv2: {
    module: waf as unknown as Record<string, unknown>,
    Client: waf.WAFV2Client,
    world: wafv2World,
    overrides: WAFV2_OVERRIDES,
  },
  ssm: {
    module: ssm as unknown as Record<string, unknown>,
    Client: ssm.SSMClient,
    world: ssmWorld,
    overrides: SSM_OVERRIDES,
  },
  secretsmanager: {
    module: sm as unknown as Record<string, unknown>,
    Client: sm.SecretsManagerClient,
    world: secretsManagerWorld,
    overrides: SECRETS_MANAGER_OVERRIDES,
  },
} as const;
