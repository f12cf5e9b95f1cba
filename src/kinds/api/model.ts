/** The API itself: what CreateRestApi / CreateApi and their Update* calls carry. */

export type ApiKind = 'RestApi' | 'HttpApi';

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
}
