/** gateway-state/api-keys/<name>.yaml */
import { z } from 'zod';
import { tagMapSchema } from '../tags/schema.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where the value comes from; never the value (a key's value never lives in Git). */
export const keyValueSourceSchema = z
  .union(
    [
      z.strictObject({
        env: z
          .string()
          .regex(ENV_NAME, 'must be an environment variable name')
          .describe('An environment variable of the process that runs plan and apply (in CI: a secret).'),
      }),
      z.strictObject({
        ssmParameter: z
          .string()
          .min(1)
          .max(2048)
          .describe("An SSM Parameter Store SecureString parameter (name or ARN) in the state's region."),
      }),
      z.strictObject({
        secretsManager: z
          .string()
          .min(1)
          .max(2048)
          .describe("A Secrets Manager secret (name or ARN) in the state's region."),
        jsonKey: z.string().min(1).optional().describe('For a JSON secret: the member holding the key value.'),
      }),
    ],
    {
      error:
        'must name where the value comes from — { env: NAME }, { ssmParameter: NAME } or { secretsManager: NAME, jsonKey?: KEY } — never the value itself (a key value never lives in Git)',
    },
  )
  .describe(
    "Where apply reads the key's value (20–128 letters and digits). Leave it out to let AWS generate the value.",
  );

export const apiKeyFileSchema = z
  .strictObject({
    description: z.string().max(1024).optional(),
    enabled: z.boolean().optional().describe("Default true (AWS's own default is false; apigw-sync always sends it)."),
    customerId: z.string().max(256).optional().describe('An AWS Marketplace customer id.'),
    usagePlans: z
      .array(z.string())
      .optional()
      .describe('Names of the usage plans (usage-plans/<name>.yaml) the key is in.'),
    value: keyValueSourceSchema.optional(),
    tags: tagMapSchema.optional(),
  })
  .describe(
    'gateway-state/api-keys/<name>.yaml: a REST API key. Its value is never written here: AWS generates it, or `value:` names an environment variable, an SSM SecureString or a Secrets Manager secret.',
  );

export type ApiKeyFile = z.infer<typeof apiKeyFileSchema>;
