/**
 * HTTP API (API Gateway v2) resources as the emulator stores them: the wire shapes
 * (camelCase, as the rest-json protocol sends them) plus the few server-side fields the
 * emulator needs. Everything here is plain JSON so the module can snapshot/restore it.
 */

export interface Cors {
  allowCredentials?: boolean;
  allowHeaders?: string[];
  allowMethods?: string[];
  allowOrigins?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
}

export interface Api {
  apiId: string;
  name: string;
  protocolType: 'HTTP' | 'WEBSOCKET';
  apiEndpoint: string;
  apiKeySelectionExpression: string;
  routeSelectionExpression: string;
  corsConfiguration?: Cors;
  createdDate: string;
  description?: string;
  disableExecuteApiEndpoint: boolean;
  disableSchemaValidation?: boolean;
  ipAddressType: string;
  version?: string;
  tags: Record<string, string>;
  importInfo?: string[];
  warnings?: string[];
}

export interface Route {
  routeId: string;
  routeKey: string;
  apiKeyRequired: boolean;
  authorizationType: 'NONE' | 'JWT' | 'CUSTOM' | 'AWS_IAM';
  authorizationScopes?: string[];
  authorizerId?: string;
  operationName?: string;
  requestModels?: Record<string, string>;
  requestParameters?: Record<string, { required: boolean }>;
  routeResponseSelectionExpression?: string;
  modelSelectionExpression?: string;
  target?: string;
  apiGatewayManaged?: boolean;
}

export interface Integration {
  integrationId: string;
  integrationType: 'HTTP_PROXY' | 'AWS_PROXY' | 'HTTP' | 'AWS' | 'MOCK';
  integrationUri?: string;
  integrationMethod?: string;
  integrationSubtype?: string;
  /** WebSocket non-proxy integrations: which integration response a backend answer selects. */
  integrationResponseSelectionExpression?: string;
  connectionType: 'INTERNET' | 'VPC_LINK';
  connectionId?: string;
  credentialsArn?: string;
  description?: string;
  payloadFormatVersion: string;
  timeoutInMillis: number;
  requestParameters?: Record<string, string>;
  responseParameters?: Record<string, Record<string, string>>;
  requestTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
  passthroughBehavior?: string;
  contentHandlingStrategy?: string;
  tlsConfig?: { serverNameToVerify?: string };
  apiGatewayManaged?: boolean;
}

export interface Authorizer {
  authorizerId: string;
  name: string;
  authorizerType: 'JWT' | 'REQUEST';
  identitySource: string[];
  jwtConfiguration?: { audience?: string[]; issuer?: string };
  authorizerUri?: string;
  authorizerPayloadFormatVersion?: string;
  authorizerResultTtlInSeconds?: number;
  authorizerCredentialsArn?: string;
  enableSimpleResponses?: boolean;
  identityValidationExpression?: string;
}

export interface RouteSettings {
  dataTraceEnabled?: boolean;
  detailedMetricsEnabled?: boolean;
  loggingLevel?: string;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
}

export interface Stage {
  stageName: string;
  autoDeploy: boolean;
  deploymentId?: string;
  description?: string;
  createdDate: string;
  lastUpdatedDate: string;
  stageVariables: Record<string, string>;
  defaultRouteSettings: RouteSettings;
  routeSettings: Record<string, RouteSettings>;
  accessLogSettings?: { destinationArn?: string; format?: string };
  clientCertificateId?: string;
  lastDeploymentStatusMessage?: string;
  tags: Record<string, string>;
  apiGatewayManaged?: boolean;
}

/** WebSocket two-way routes: what API Gateway sends back to the client (only the `$default` key exists). */
export interface RouteResponse {
  routeResponseId: string;
  routeResponseKey: string;
  modelSelectionExpression?: string;
  responseModels?: Record<string, string>;
  responseParameters?: Record<string, { required: boolean }>;
}

/** WebSocket non-proxy integrations: how a backend answer is transformed, chosen by key (`$default` or `/regex/`). */
export interface IntegrationResponse {
  integrationResponseId: string;
  integrationResponseKey: string;
  contentHandlingStrategy?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
}

/** A WebSocket API's JSON-schema model (request/response models name it). */
export interface Model {
  modelId: string;
  name: string;
  schema: string;
  contentType?: string;
  description?: string;
}

/** What a deployment froze: the API's routes, integrations and authorizers at that moment. */
export interface DeployedSnapshot {
  api: Pick<Api, 'name' | 'description' | 'version' | 'corsConfiguration'>;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  /** WebSocket only (absent in state saved before WebSocket support): by route / integration id. */
  routeResponses?: Record<string, RouteResponse[]>;
  integrationResponses?: Record<string, IntegrationResponse[]>;
  models?: Model[];
}

export interface Deployment {
  deploymentId: string;
  createdDate: string;
  description?: string;
  autoDeployed: boolean;
  /** Epoch ms at which the status turns from PENDING to DEPLOYED. */
  readyAt: number;
  snapshot: DeployedSnapshot;
}

/** One API with everything that hangs off it; arrays keep creation order for paging. */
export interface ApiState {
  api: Api;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  stages: Stage[];
  deployments: Deployment[];
  /** WebSocket two-way routes, by route id (V2Store.restore fills these in for older state files). */
  routeResponses: Record<string, RouteResponse[]>;
  /** WebSocket integration responses, by integration id. */
  integrationResponses: Record<string, IntegrationResponse[]>;
  models: Model[];
}

export interface V2State {
  apis: ApiState[];
}
