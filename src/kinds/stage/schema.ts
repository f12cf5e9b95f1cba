/** A stage as api.yaml declares it (`stages.<name>`). */
import { z } from 'zod';
import { CACHE_SIZES_GB } from './model.js';

export const stageSchema = z.strictObject({
  description: z.string().optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  throttling: z.strictObject({ rateLimit: z.number(), burstLimit: z.number() }).optional(),
  cache: z
    .strictObject({
      sizeGb: z.number().describe(`One of ${CACHE_SIZES_GB.join(', ')} (GB).`),
      ttlSeconds: z.number().int().default(300).describe('0–3600 seconds.'),
    })
    .optional(),
  accessLog: z.strictObject({ destinationArn: z.string().min(1), format: z.string().min(1) }).optional(),
  tracingEnabled: z.boolean().optional(),
  clientCertificate: z.string().min(1).optional().describe('REST only: the client certificate (client-certificates/<name>.yaml) the stage presents to its backends (mutual TLS).'),
  autoDeploy: z.boolean().optional(),
  canary: z.strictObject({ percentTraffic: z.number() }).optional().describe('REST only: a standing canary on the stage.'),
});
