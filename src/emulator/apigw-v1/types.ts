/**
 * The v1 (REST API) state, stored in the wire shapes API Gateway returns, so handlers answer
 * with plain copies. Timestamps are epoch seconds (rest-json's default timestamp format).
 */
export type StrMap = Record<string, string>;

export interface RestApi {
  id: string;
  name: string;
  description?: string;
  createdDate: number;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: { types: string[]; vpcEndpointIds?: string[]; ipAddressType?: string };
  policy?: string;
  tags?: StrMap;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
}

export interface IntegrationResponse {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: StrMap;
  responseTemplates?: StrMap;
  contentHandling?: string;
}

export interface Integration {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: StrMap;
  requestTemplates?: StrMap;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace?: string;
  cacheKeyParameters: string[];
  integrationResponses?: Record<string, IntegrationResponse>;
  tlsConfig?: { insecureSkipVerification?: boolean };
}

export interface MethodResponse {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: StrMap;
}

export interface Method {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: StrMap;
  methodResponses?: Record<string, MethodResponse>;
  methodIntegration?: Integration;
  authorizationScopes?: string[];
}

export interface Resource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods?: Record<string, Method>;
}

export interface Authorizer {
  id: string;
  name: string;
  type: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

export interface RequestValidator {
  id: string;
  /** Optional in AWS's model (CreateRequestValidator); OpenAPI exports then key it by id. */
  name?: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

/** A customized gateway response (uncustomized types are computed: see gateway-responses.ts). */
export interface GatewayResponse {
  responseType: string;
  statusCode?: string;
  responseParameters: StrMap;
  responseTemplates: StrMap;
  defaultResponse: boolean;
}

export interface Model {
  id: string;
  name: string;
  description?: string;
  schema?: string;
  contentType: string;
}

/** What a deployment froze: the API's definitions at CreateDeployment time (GetExport reads this). */
export interface DeployedSnapshot {
  api: RestApi;
  resources: Resource[];
  authorizers: Authorizer[];
  requestValidators: RequestValidator[];
  models: Model[];
  /** Customized gateway responses by type (absent in snapshots taken before they existed). */
  gatewayResponses?: Record<string, GatewayResponse>;
}

export interface Deployment {
  id: string;
  description?: string;
  createdDate: number;
  apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
  snapshot: DeployedSnapshot;
}

export interface MethodSetting {
  metricsEnabled: boolean;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
}

export interface CanarySettings {
  percentTraffic?: number;
  deploymentId?: string;
  stageVariableOverrides?: StrMap;
  useStageCache?: boolean;
}

export interface Stage {
  deploymentId?: string;
  clientCertificateId?: string;
  stageName: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  cacheClusterStatus: string;
  methodSettings: Record<string, MethodSetting>;
  variables?: StrMap;
  documentationVersion?: string;
  accessLogSettings?: { format?: string; destinationArn?: string };
  canarySettings?: CanarySettings;
  tracingEnabled: boolean;
  webAclArn?: string;
  tags?: StrMap;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface ApiState {
  api: RestApi;
  /** In creation order; the root resource first. */
  resources: Resource[];
  authorizers: Authorizer[];
  requestValidators: RequestValidator[];
  models: Model[];
  deployments: Deployment[];
  stages: Stage[];
  /** Customized gateway responses by type; absent = all defaults (and in state files written before they existed). */
  gatewayResponses?: Record<string, GatewayResponse>;
}

export interface V1State {
  apis: ApiState[];
}
