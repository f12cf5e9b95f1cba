/**
 * The structural schema of gateway.yaml and api.yaml (zod 4). Objects are strict so a
 * typo is an "unknown key" issue with a suggestion instead of a silently ignored setting.
 * `npm run schema` exports these as JSON Schema for editors (schema/*.schema.json).
 */
import { z } from 'zod';
import { apiFieldsSchema } from '../kinds/api/schema.js';
import { authorizerSchema } from '../kinds/authorizer/schema.js';
import { gatewayResponsesSchema } from '../kinds/gateway-response/schema.js';
import { integrationDefaultsSchema } from '../kinds/integration/schema.js';
import { requestValidatorSchema } from '../kinds/request-validator/schema.js';
import { inlineRouteSchema, type InlineRoute } from '../kinds/route/schema.js';
import { stageSchema } from '../kinds/stage/schema.js';

export { integrationType } from '../kinds/integration/schema.js';
export { authorizerSchema, inlineRouteSchema, stageSchema, type InlineRoute };

const nonNegInt = z.number().int().min(0);

export const rolloutSchema = z
  .strictObject({
    stage: z.string().min(1).describe('Stage the rollout shifts traffic on (must be one of `stages`).'),
    steps: z
      .array(z.number())
      .min(1)
      .describe('Increasing canary traffic percentages ending at 100, e.g. [5, 25, 50, 100].'),
    bakeSeconds: nonNegInt.describe('Seconds each step must stay healthy before the next.'),
    pollSeconds: z.number().int().min(1).describe('How often alarms are polled.'),
    minRequests: nonNegInt.describe('Requests the canary must serve before a step may pass.'),
    timeoutSeconds: z.number().int().min(1).describe('Roll back when the rollout has not finished after this long.'),
    onInsufficientData: z
      .enum(['rollback', 'fail-fast'])
      .describe('INSUFFICIENT_DATA is never a pass: wait then roll back, or roll back at once.'),
    onAlarmReadError: z
      .union([
        z.literal('rollback'),
        z.string().regex(/^wait [1-9]\d{0,4}$/, 'must be `rollback` or `wait <seconds>`, e.g. `wait 60`'),
      ])
      .describe(
        'An alarm that cannot be read (CloudWatch error): `rollback` at once (default, fail safe), or `wait <seconds>` for it to become readable, then roll back.',
      ),
    leaseSeconds: z
      .number()
      .int()
      .min(2)
      .describe(
        'Lease of the process driving the rollout, renewed every poll; another driver takes over a rollout whose lease expired. Default: max(60, 3 × pollSeconds).',
      ),
    alarms: z.array(z.string().min(1)).describe('Names of existing CloudWatch alarms that guard the rollout.'),
    managedAlarms: z.array(
      z.strictObject({
        name: z.string().min(1),
        metric: z
          .enum([
            '5XXError',
            '4XXError',
            'Latency',
            'IntegrationLatency',
            '5xx',
            '4xx',
            'ConnectCount',
            'MessageCount',
            'IntegrationError',
            'ClientError',
            'ExecutionError',
          ])
          .describe(
            'REST: 5XXError, 4XXError, Latency, IntegrationLatency. HTTP: 5xx, 4xx, Latency, IntegrationLatency. WebSocket: ConnectCount, MessageCount, IntegrationError, ClientError, ExecutionError, IntegrationLatency.',
          ),
        statistic: z.enum(['Average', 'Sum', 'Maximum', 'p99', 'p95', 'p90']),
        threshold: z.number(),
        comparison: z.enum(['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold']),
        periodSeconds: z.number().int().min(10),
        evaluationPeriods: z.number().int().min(1),
      }),
    ),
  })
  .partial();

export const costSchema = z.strictObject({
  commentThreshold: z
    .strictObject({ usd: z.number().min(0).optional(), percent: z.number().min(0).optional() })
    .optional(),
});

export const REGION_CODE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const gatewayDefaultsSchema = z.strictObject({ rollout: rolloutSchema.optional(), cost: costSchema.optional() });

export const gatewaySchema = z
  .strictObject({
    region: z
      .string()
      .regex(REGION_CODE, 'must be an AWS region code such as ap-northeast-2')
      .optional()
      .describe(
        'AWS region of every API in this state: the region plan and apply change (AWS_REGION must agree). Required unless every command is given --region.',
      ),
    owner: z
      .string()
      .regex(
        /^[A-Za-z0-9_.:/=+@-]{1,128}$/,
        'must be 1–128 letters, digits or _ . : / = + - @ (it is kept in an AWS tag)',
      )
      .optional()
      .describe(
        'Owner id of this directory, kept on every API it manages (apigw-sync:owner): plan, drift and prune consider only its own APIs. Default: <owner>/<repo>:<path> when the repository is known (GitHub Actions, the App, a git remote).',
      ),
    defaults: gatewayDefaultsSchema.optional(),
    cost: costSchema.optional().describe('Same as defaults.cost.'),
    promotion: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be an environment name (environments/<name>.yaml)'))
      .min(1)
      .optional()
      .describe(
        'The order a change goes through the environments after merge, e.g. [dev, staging, prod]: each starts only when the one before it promoted.',
      ),
    docs: z
      .strictObject({
        s3Bucket: z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
            'must be an S3 bucket name (lower-case letters, digits, dots and dashes)',
          )
          .describe(
            'Bucket the apply workflow publishes the documentation site to (`apigw-sync docs`); without it, GitHub Pages.',
          ),
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9._/-]*$/, 'must be a key prefix such as api-docs/')
          .optional()
          .describe('Key prefix in the bucket.'),
      })
      .optional()
      .describe('Where the API documentation site is published after an apply that changed an API.'),
  })
  .describe('gateway-state/gateway.yaml');

/** A service name: lower-case letters, digits and dashes (it becomes part of a branch name). */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const openapiEntrySchema = z.strictObject({
  file: z.string().min(1).describe('OpenAPI 3.0.x or Swagger 2.0 file, relative to api.yaml.'),
  service: z
    .string()
    .regex(SERVICE_NAME, 'must be lower-case letters, digits and dashes, e.g. users')
    .optional()
    .describe(
      'The service that owns this file (`apigw-sync propose --service <name>` replaces it). Default: the file name without `.openapi.yaml`/`.yaml`/`.json`.',
    ),
  pathPrefix: z
    .string()
    .regex(/^\/[^\s]*$/, 'must be a path starting with /')
    .optional()
    .describe('Prepended to every path of the file.'),
  basePath: z
    .enum(['ignore', 'prepend'])
    .optional()
    .describe(
      "Like ImportRestApi `basepath`: ignore (default) or prepend the file's servers basePath / Swagger basePath.",
    ),
  integration: integrationDefaultsSchema
    .optional()
    .describe('Integration for operations without x-amazon-apigateway-integration.'),
  authorizer: z
    .string()
    .optional()
    .describe('Authorizer (security scheme name) for operations without `security`; `NONE` for none.'),
});

export const apiSchema = z
  .strictObject({
    kind: z.enum(['RestApi', 'HttpApi', 'WebSocketApi']),
    ...apiFieldsSchema,
    openapi: z
      .union([z.string().min(1), z.array(openapiEntrySchema).min(1)])
      .optional()
      .describe('One OpenAPI file, or one entry per service file.'),
    routes: z
      .union([
        z
          .string()
          .min(1)
          .describe(
            "WebSocketApi: the routes file (apigw-sync's own format; AWS has no WebSocket export), relative to api.yaml.",
          ),
        z.record(z.string(), inlineRouteSchema).describe('RestApi/HttpApi: inline routes keyed by `METHOD /path`.'),
      ])
      .optional()
      .describe('RestApi/HttpApi: inline routes keyed by `METHOD /path`. WebSocketApi: the routes file.'),
    authorizers: z.record(z.string(), authorizerSchema).optional(),
    requestValidators: z.record(z.string(), requestValidatorSchema).optional(),
    gatewayResponses: gatewayResponsesSchema,
    apiKeys: z.array(z.string()).optional().describe('REST only: API keys (for usage plans).'),
    usagePlans: z.record(z.string(), z.unknown()).optional().describe('REST only.'),
    stages: z.record(z.string().regex(/^[A-Za-z0-9_$-]+$/, 'must use only letters, digits, -, _ or $'), stageSchema),
    rollout: rolloutSchema.optional(),
    tags: z.record(z.string(), z.string()).optional(),
    usage: z
      .strictObject({
        monthlyRequests: z.number().min(0).optional(),
        avgResponseKb: z.number().min(0).optional(),
        monthlyMessages: z
          .number()
          .min(0)
          .optional()
          .describe('WebSocketApi: messages a month (sent and received), when CloudWatch has no history.'),
        monthlyConnections: z
          .number()
          .min(0)
          .optional()
          .describe('WebSocketApi: connections a month, when CloudWatch has no history.'),
        avgConnectionMinutes: z
          .number()
          .min(0)
          .max(120)
          .optional()
          .describe(
            'WebSocketApi: mean minutes a connection stays open. AWS bills connection minutes but publishes no metric of them: cost multiplies this by ConnectCount.',
          ),
        avgMessageKb: z
          .number()
          .min(0)
          .max(128)
          .optional()
          .describe('WebSocketApi: mean message size in KB (messages are billed in 32 KB steps).'),
      })
      .optional(),
    secrets: z.array(z.string()).optional(),
  })
  .describe('gateway-state/apis/<api>/api.yaml');

export type GatewayFile = z.infer<typeof gatewaySchema>;
export type ApiFile = z.infer<typeof apiSchema>;
export type OpenapiEntry = z.infer<typeof openapiEntrySchema>;
