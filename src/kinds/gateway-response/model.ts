/** A REST gateway response customized away from AWS's default for its type (x-amazon-apigateway-gateway-responses). */
export interface GatewayResponseModel {
  /** The record's key: one of AWS's response types (UNAUTHORIZED, DEFAULT_4XX, …). */
  responseType: string;
  /** Absent = the type's default status code (DEFAULT_4XX/5XX: the error's own). */
  statusCode?: string;
  /** `gatewayresponse.header.<name>` (or querystring/path) → mapping expression or 'literal'. */
  responseParameters: Record<string, string>;
  /** Content type → template. */
  responseTemplates: Record<string, string>;
}
