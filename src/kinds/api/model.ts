/** The API itself: what CreateRestApi / CreateApi and their Update* calls carry. */

/** REST (v1), HTTP (v2, protocol HTTP) and WebSocket (v2, protocol WEBSOCKET) APIs. */
export type ApiKind = 'RestApi' | 'HttpApi' | 'WebSocketApi';

/** The kinds whose routes are OpenAPI documents (AWS has no OpenAPI form of a WebSocket API). */
export type OpenApiKind = Exclude<ApiKind, 'WebSocketApi'>;

export type EndpointType = 'REGIONAL' | 'EDGE' | 'PRIVATE';

export interface CorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

/**
 * The API-level fields (the `api` change's before/after). ApiModel extends it with the
 * records of the other kinds. Every key but `kind` has a row in kinds/api/fields.ts.
 */
export interface ApiHeaderModel {
  kind: ApiKind;
  name: string;
  description?: string;
  /** REST only. */
  endpointType?: EndpointType;
  /** REST only (x-amazon-apigateway-binary-media-types). */
  binaryMediaTypes: string[];
  /** REST only: HEADER (default) or AUTHORIZER. */
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  disableExecuteApiEndpoint?: boolean;
  /** REST only, PRIVATE APIs: VPC endpoints associated with the API (sorted). */
  vpcEndpointIds?: string[];
  /** REST only: the resource policy, as canonical JSON text (kinds/api/policy.ts). */
  policy?: string;
  /** REST only: smallest response body (bytes) API Gateway compresses; absent = compression off. */
  minimumCompressionSize?: number;
  /** HTTP only. */
  cors?: CorsModel;
  /** WebSocket only: which route a message goes to (AWS requires one; the state's default is `$request.body.action`). */
  routeSelectionExpression?: string;
  /** WebSocket only: where API keys are read (`$request.header.x-api-key`, AWS's default, or `$context.authorizer.usageIdentifierKey`). */
  apiKeySelectionExpression?: string;
  /** WebSocket only: do not validate models when deploying. */
  disableSchemaValidation?: boolean;
}
