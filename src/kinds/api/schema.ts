/** The API's own fields as api.yaml declares them (`kind` and the route sources are the file's, see src/state/schema.ts). */
import { z } from 'zod';

export const apiFieldsSchema = {
  name: z.string().min(1).max(1024),
  description: z.string().optional(),
  endpointType: z.enum(['REGIONAL', 'EDGE', 'PRIVATE']).optional(),
  binaryMediaTypes: z.array(z.string()).optional(),
  apiKeySource: z.enum(['HEADER', 'AUTHORIZER']).optional(),
  disableExecuteApiEndpoint: z.boolean().optional(),
  vpcEndpointIds: z
    .array(z.string().regex(/^vpce-[0-9a-f]+$/, 'must be a VPC endpoint id such as vpce-0a1b2c3d4e5f60718'))
    .optional()
    .describe(
      'REST only, PRIVATE APIs: VPC endpoints associated with the API (x-amazon-apigateway-endpoint-configuration vpcEndpointIds).',
    ),
  policy: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .optional()
    .describe(
      'REST only: the resource policy (x-amazon-apigateway-policy), a policy document as YAML or JSON text; `execute-api:/*` names this API.',
    ),
  minimumCompressionSize: z
    .number()
    .int()
    .min(0)
    .max(10485760)
    .optional()
    .describe('REST only: compress responses of at least this many bytes (0–10485760); leave out for no compression.'),
  cors: z
    .strictObject({
      allowOrigins: z.array(z.string()).optional(),
      allowMethods: z.array(z.string()).optional(),
      allowHeaders: z.array(z.string()).optional(),
      exposeHeaders: z.array(z.string()).optional(),
      allowCredentials: z.boolean().optional(),
      maxAge: z.number().int().min(0).optional(),
    })
    .optional(),
  routeSelectionExpression: z
    .string()
    .min(1)
    .optional()
    .describe('WebSocketApi only: the message member that picks the route, e.g. `$request.body.action` (the default).'),
  apiKeySelectionExpression: z
    .enum(['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'])
    .optional()
    .describe(
      'WebSocketApi only: where API Gateway reads the API key of a connection (default `$request.header.x-api-key`).',
    ),
  disableSchemaValidation: z.boolean().optional().describe('WebSocketApi only: do not validate models when deploying.'),
};
