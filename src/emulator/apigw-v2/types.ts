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

/** What a deployment froze: the API's routes, integrations and authorizers at that moment. */
export interface DeployedSnapshot {
  api: Pick<Api, 'name' | 'description' | 'version' | 'corsConfiguration'>;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
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
}

export interface V2State {
  apis: ApiState[];
}
