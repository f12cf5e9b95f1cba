/** A stage as api.yaml declares it (`stages.<name>`). */
import { z } from 'zod';
import { CACHE_SIZES_GB } from './model.js';

const throttling = z.strictObject({ rateLimit: z.number(), burstLimit: z.number() });
const logging = z
  .strictObject({
    level: z.enum(['ERROR', 'INFO', 'OFF']).describe('CloudWatch Logs execution logging: ERROR, INFO or OFF.'),
    dataTrace: z.boolean().optional().describe('Log full message data (default false).'),
  })
  .describe('WebSocketApi only: execution logging (needs the account\'s CloudWatch Logs role).');
const detailedMetrics = z.boolean().describe('WebSocketApi only: per-route CloudWatch metrics (dimension Route).');

export const stageSchema = z.strictObject({
  description: z.string().optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  throttling: throttling.optional(),
  cache: z
    .strictObject({
      sizeGb: z.number().describe(`One of ${CACHE_SIZES_GB.join(', ')} (GB).`),
      ttlSeconds: z.number().int().default(300).describe('0–3600 seconds.'),
    })
    .optional(),
  accessLog: z.strictObject({ destinationArn: z.string().min(1), format: z.string().min(1) }).optional(),
  tracingEnabled: z.boolean().optional(),
  autoDeploy: z.boolean().optional(),
  logging: logging.optional(),
  detailedMetrics: detailedMetrics.optional(),
  routeSettings: z
    .record(z.string(), z.strictObject({ throttling: throttling.optional(), logging: logging.optional(), detailedMetrics: detailedMetrics.optional() }))
    .optional()
    .describe('WebSocketApi only: settings of single routes, by route key (e.g. `sendmessage: { throttling: { rateLimit: 50, burstLimit: 100 } }`).'),
  canary: z.strictObject({ percentTraffic: z.number() }).optional().describe('REST only: a standing canary on the stage.'),
});
