/** Inline routes in api.yaml (`routes:`), keyed by `METHOD /path`: the same model OpenAPI files compile to. */
import { z } from 'zod';
import { inlineIntegrationSchema } from '../integration/schema.js';

export const inlineRouteSchema = z.strictObject({
  integration: inlineIntegrationSchema,
  authorizer: z.string().optional().describe('Name of an authorizer in `authorizers`.'),
  authorization: z.enum(['NONE', 'AWS_IAM']).optional(),
  scopes: z.array(z.string()).optional(),
  apiKeyRequired: z.boolean().optional(),
  requestValidator: z.string().optional(),
  requestParameters: z.record(z.string(), z.boolean()).optional(),
  operationName: z.string().optional(),
});

export type InlineRoute = z.infer<typeof inlineRouteSchema>;
