/** The API's own fields as api.yaml declares them (`kind` and the route sources are the file's, see src/state/schema.ts). */
import { z } from 'zod';

export const apiFieldsSchema = {
  name: z.string().min(1).max(1024),
  description: z.string().optional(),
  endpointType: z.enum(['REGIONAL', 'EDGE', 'PRIVATE']).optional(),
  binaryMediaTypes: z.array(z.string()).optional(),
  apiKeySource: z.enum(['HEADER', 'AUTHORIZER']).optional(),
  disableExecuteApiEndpoint: z.boolean().optional(),
  minimumCompressionSize: z.number().int().min(0).max(10485760).optional().describe('REST only: compress responses of at least this many bytes (0–10485760); leave out for no compression.'),
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
};
