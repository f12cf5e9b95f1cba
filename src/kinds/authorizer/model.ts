export interface AuthorizerModel {
  name: string;
  /** REST: TOKEN | REQUEST | COGNITO_USER_POOLS. HTTP: JWT | REQUEST (Lambda). */
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS' | 'JWT';
  /** Lambda authorizers: the invocation ARN. */
  authorizerUri?: string;
  authorizerCredentials?: string;
  /** REST: `method.request.header.Authorization`; HTTP: `$request.header.Authorization`. */
  identitySource: string[];
  identityValidationExpression?: string;
  resultTtlSeconds?: number;
  /** Cognito user pool ARNs. */
  providerArns: string[];
  /** HTTP JWT authorizers. */
  jwt?: { issuer: string; audience: string[] };
  /** HTTP Lambda authorizers. */
  payloadFormatVersion?: string;
  enableSimpleResponses?: boolean;
}
