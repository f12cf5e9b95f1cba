/** gateway-state/usage-plans/<name>.yaml */
import { z } from 'zod';
import { tagMapSchema } from '../tags/schema.js';

/** A usage plan's (and an API key's) name: the file name, so letters, digits, -, _ and . (AWS takes any string; a file name cannot). */
export const ACCOUNT_RECORD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*$/;

export const throttleSchema = z
  .strictObject({
    rateLimit: z.number().min(0).describe('Steady-state requests per second.'),
    burstLimit: z.number().int().min(0).describe('Requests allowed in a burst above the rate.'),
  })
  .describe('Throttling: the steady rate (requests per second) and the burst above it.');

const quotaSchema = z
  .strictObject({
    limit: z.number().int().min(0).describe('Requests per period.'),
    period: z.enum(['DAY', 'WEEK', 'MONTH']),
    offset: z
      .number()
      .int()
      .min(0)
      .max(27)
      .optional()
      .describe(
        'Days after the natural start of the period the quota resets: 0 for DAY, 0–6 for WEEK, 0–27 for MONTH (default 0).',
      ),
  })
  .superRefine((q, ctx) => {
    const max = q.period === 'DAY' ? 0 : q.period === 'WEEK' ? 6 : 27;
    if ((q.offset ?? 0) > max)
      ctx.addIssue({
        code: 'custom',
        path: ['offset'],
        message: `must be ${max === 0 ? '0 for a DAY quota' : `0–${max} for a ${q.period} quota`} (AWS refuses other offsets)`,
      });
  })
  .describe('Requests allowed per day, week or month, per API key.');

const apiStageSchema = z
  .strictObject({
    api: z.string().describe("The API's folder name under apis/ (a REST API)."),
    stage: z.string().describe('A stage the API declares.'),
    methodThrottles: z
      .record(
        z.string().regex(ROUTE, 'must be a route key such as "GET /products" (method, space, path)'),
        throttleSchema,
      )
      .optional()
      .describe('Per-method throttling on this stage, keyed by route ("GET /products").'),
  })
  .describe('An API stage the keys of the plan may call.');

export const usagePlanFileSchema = z
  .strictObject({
    description: z.string().max(1024).optional(),
    throttle: throttleSchema.optional(),
    quota: quotaSchema.optional(),
    apiStages: z
      .array(apiStageSchema)
      .optional()
      .describe('The REST API stages the plan covers (API folder name and stage).'),
    tags: tagMapSchema.optional(),
  })
  .describe(
    'gateway-state/usage-plans/<name>.yaml: a REST usage plan — throttling and quota for the API keys in it, on the API stages it names. Keys join a plan in their own file (api-keys/<name>.yaml, `usagePlans:`).',
  );

export type UsagePlanFile = z.infer<typeof usagePlanFileSchema>;
