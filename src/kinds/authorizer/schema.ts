/** Authorizers declared in api.yaml (`authorizers:`); OpenAPI security schemes are the other form. */
import { z } from 'zod';

export const authorizerSchema = z.strictObject({
  type: z.enum(['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS', 'JWT']),
  authorizerUri: z.string().optional(),
  authorizerCredentials: z.string().optional(),
  identitySource: z.union([z.string(), z.array(z.string())]).optional(),
  identityValidationExpression: z.string().optional(),
  resultTtlSeconds: z.number().int().min(0).max(3600).optional(),
  providerArns: z.array(z.string()).optional(),
  issuer: z.string().optional(),
  audience: z.array(z.string()).optional(),
  payloadFormatVersion: z.enum(['1.0', '2.0']).optional(),
  enableSimpleResponses: z.boolean().optional(),
});
