/** A stage as api.yaml declares it (`stages.<name>`). */
import { z } from 'zod';
import { CACHE_SIZES_GB, LOGGING_LEVELS, UNAUTHORIZED_CACHE_STRATEGIES } from './model.js';

const throttlingSchema = z.strictObject({ rateLimit: z.number(), burstLimit: z.number() });

const loggingSchema = z
  .strictObject({
    level: z.enum(LOGGING_LEVELS).describe('Execution log level: OFF, ERROR or INFO.'),
    dataTrace: z
      .boolean()
      .default(false)
      .describe('Log full request and response bodies (for troubleshooting; AWS advises against it in production).'),
  })
  .describe(
    "REST and WebSocketApi: execution logging to CloudWatch Logs (needs the account's CloudWatch Logs role; HTTP APIs have none).",
  );

const cachingMembers = {
  ttlSeconds: z.number().int().describe('0–3600 seconds.'),
  encrypted: z.boolean().describe('Encrypt cached responses.'),
  requireAuthorization: z
    .boolean()
    .describe(
      'Clients need execute-api:InvalidateCache to invalidate an entry with `Cache-Control: max-age=0` (AWS default true).',
    ),
  unauthorizedStrategy: z
    .enum(UNAUTHORIZED_CACHE_STRATEGIES)
    .describe('What an unauthorized invalidation gets (AWS default SUCCEED_WITH_RESPONSE_HEADER).'),
};

export const routeSettingsSchema = z
  .strictObject({
    throttling: throttlingSchema
      .optional()
      .describe('Requests per second and burst for this route (REST: -1 = not throttled at the method level).'),
    detailedMetrics: z.boolean().optional().describe('Per-route CloudWatch metrics.'),
    logging: loggingSchema.optional(),
    caching: z
      .strictObject({
        enabled: z.boolean().optional().describe("Cache this method's responses."),
        ttlSeconds: cachingMembers.ttlSeconds.optional(),
        encrypted: cachingMembers.encrypted.optional(),
        requireAuthorization: cachingMembers.requireAuthorization.optional(),
        unauthorizedStrategy: cachingMembers.unauthorizedStrategy.optional(),
      })
      .optional()
      .describe("REST only: this method's caching (the stage needs a `cache`)."),
  })
  .describe("Overrides of the stage-wide settings for one route; what it leaves out is the stage's.");

export const stageSchema = z.strictObject({
  description: z.string().optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  throttling: throttlingSchema.optional(),
  cache: z
    .strictObject({
      sizeGb: z.number().describe(`One of ${CACHE_SIZES_GB.join(', ')} (GB).`),
      ttlSeconds: cachingMembers.ttlSeconds.default(300),
      allMethods: z
        .boolean()
        .optional()
        .describe('Every method caches (default true); false: only routes whose routeSettings enable caching.'),
      encrypted: cachingMembers.encrypted.optional(),
      requireAuthorization: cachingMembers.requireAuthorization.optional(),
      unauthorizedStrategy: cachingMembers.unauthorizedStrategy.optional(),
    })
    .optional(),
  detailedMetrics: z
    .boolean()
    .optional()
    .describe('Per-method (REST) / per-route (HTTP) CloudWatch metrics for every route.'),
  logging: loggingSchema.optional(),
  routeSettings: z
    .record(z.string(), routeSettingsSchema)
    .optional()
    .describe('Per-route overrides keyed by route key (`GET /pets/{id}`): REST method settings, HTTP route settings.'),
  accessLog: z
    .strictObject({
      destinationArn: z
        .string()
        .min(1)
        .describe('A CloudWatch Logs log group ARN (REST: or a Firehose stream named amazon-apigateway-…).'),
      format: z.string().min(1).describe('One line, with $context.requestId or $context.extendedRequestId.'),
    })
    .optional(),
  tracingEnabled: z.boolean().optional(),
  clientCertificate: z
    .string()
    .min(1)
    .optional()
    .describe(
      'REST only: the client certificate (client-certificates/<name>.yaml) the stage presents to its backends (mutual TLS).',
    ),
  autoDeploy: z.boolean().optional(),
  webAclArn: z
    .string()
    .min(1)
    .optional()
    .describe(
      "REST only: the AWS WAF (wafv2) web ACL that protects the stage (a REGIONAL web ACL of the state's region).",
    ),
  canary: z
    .strictObject({ percentTraffic: z.number() })
    .optional()
    .describe('REST only: a standing canary on the stage.'),
});
