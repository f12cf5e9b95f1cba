/** The integration as gateway-state declares it: a service file's defaults under `openapi:`, or an inline route's. */
import { z } from 'zod';

const integrationTypes = ['http', 'http_proxy', 'aws', 'aws_proxy', 'mock'] as const;
/** Accept the OpenAPI extension's lower case and the AWS API's upper case. */
export const integrationType = z.enum([
  ...integrationTypes,
  ...integrationTypes.map((t) => t.toUpperCase() as Uppercase<(typeof integrationTypes)[number]>),
]);

/** Integration defaults for every operation of a service file without x-amazon-apigateway-integration. */
export const integrationDefaultsSchema = z.strictObject({
  type: integrationType,
  baseUri: z.string().optional().describe('Backend base URI; the route path is appended (http, http_proxy).'),
  uri: z.string().optional().describe('Fixed integration URI for every route of the file (aws, aws_proxy).'),
  httpMethod: z.string().optional(),
  connectionType: z.enum(['INTERNET', 'VPC_LINK']).optional(),
  connectionId: z
    .string()
    .optional()
    .describe("A VPC link's id as AWS has it, or `${stageVariables.<name>}`. Prefer `vpcLink`."),
  vpcLink: z
    .string()
    .optional()
    .describe(
      'A private integration: the VPC link (vpc-links/<name>.yaml) by name; apply resolves its id. Implies connectionType VPC_LINK.',
    ),
  timeoutInMillis: z.number().int().optional(),
  payloadFormatVersion: z.enum(['1.0', '2.0']).optional(),
  passthroughBehavior: z
    .enum(['when_no_match', 'when_no_templates', 'never', 'WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'])
    .optional(),
});

/** An inline route's integration (api.yaml `routes:`). */
export const inlineIntegrationSchema = integrationDefaultsSchema.omit({ baseUri: true }).extend({
  requestParameters: z.record(z.string(), z.string()).optional(),
  requestTemplates: z.record(z.string(), z.string()).optional(),
  credentials: z.string().optional(),
  contentHandling: z.enum(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']).optional(),
  cacheKeyParameters: z.array(z.string()).optional(),
});
