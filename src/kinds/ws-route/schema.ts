/**
 * The routes file of a WebSocket API (`routes: <file>` in api.yaml): apigw-sync's own format,
 * since AWS has no OpenAPI (or any other) export of a WebSocket API. Route keys map to their
 * route; an integration's members are those of `x-amazon-apigateway-integration` (plus
 * `templateSelectionExpression` and `responses`, the integration responses by key).
 */
import { z } from 'zod';
import { integrationType } from '../integration/schema.js';

const stringMap = z.record(z.string(), z.string());

export const wsIntegrationResponseSchema = z.strictObject({
  templateSelectionExpression: z.string().optional(),
  responseTemplates: stringMap.optional().describe('Template selection value → mapping template.'),
  contentHandling: z.enum(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']).optional(),
  responseParameters: stringMap.optional(),
});

export const wsIntegrationSchema = z.strictObject({
  type: integrationType.describe(
    'aws_proxy (Lambda proxy), aws (Lambda or another AWS service), http, http_proxy or mock.',
  ),
  uri: z.string().optional().describe('Lambda invocation ARN, AWS service URI, or http(s) URL (not for mock).'),
  httpMethod: z.string().optional().describe('Backend method; POST for Lambda (the default for every type but mock).'),
  credentials: z.string().optional().describe('IAM role ARN API Gateway assumes to call the backend.'),
  requestParameters: stringMap
    .optional()
    .describe(
      '`integration.request.header.<name>` (or querystring, path) → `route.request.…`, `context.…`, `stageVariables.…` or a static value.',
    ),
  requestTemplates: stringMap.optional().describe('Template selection value → mapping template (aws, http, mock).'),
  templateSelectionExpression: z
    .string()
    .optional()
    .describe('Which request template a message selects, e.g. `\\$default`.'),
  passthroughBehavior: z
    .enum(['when_no_match', 'when_no_templates', 'never', 'WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'])
    .optional(),
  contentHandling: z.enum(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']).optional(),
  timeoutInMillis: z.number().int().optional().describe('50–29000 ms (default 29000).'),
  connectionType: z.enum(['INTERNET', 'VPC_LINK']).optional(),
  connectionId: z.string().optional().describe('VPC_LINK: a REST API VPC link id.'),
  responses: z
    .record(z.string(), wsIntegrationResponseSchema)
    .optional()
    .describe('Integration responses by key: `$default` or a `/regular expression/`.'),
});

export const routeResponseSchema = z.strictObject({
  modelSelectionExpression: z.string().optional(),
  responseModels: stringMap.optional(),
  responseParameters: z.record(z.string(), z.boolean()).optional(),
});

export const wsRouteSchema = z.strictObject({
  integration: wsIntegrationSchema,
  authorizer: z.string().optional().describe('$connect only: a REQUEST authorizer of `authorizers` in api.yaml.'),
  authorization: z
    .enum(['NONE', 'AWS_IAM'])
    .optional()
    .describe('$connect only: AWS_IAM makes clients sign the connection request.'),
  apiKeyRequired: z
    .boolean()
    .optional()
    .describe('$connect: clients connect with an API key (checked once, when they connect).'),
  operationName: z.string().optional(),
  requestParameters: z
    .record(z.string(), z.boolean())
    .optional()
    .describe('$connect: `route.request.header.<name>` or `route.request.querystring.<name>` → required.'),
  requestModels: stringMap.optional().describe('Model selection value → model name (of `models`).'),
  modelSelectionExpression: z.string().optional(),
  routeResponseSelectionExpression: z
    .literal('$default')
    .optional()
    .describe('`$default` makes the route two-way: API Gateway sends the route response back.'),
  responses: z
    .record(z.string(), routeResponseSchema)
    .optional()
    .describe('Route responses by key (only `$default` exists).'),
});

export const wsModelSchema = z.strictObject({
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 4).'),
  contentType: z.string().optional().describe('Default application/json.'),
  description: z.string().optional(),
});

export const wsRoutesFileSchema = z
  .strictObject({
    routes: z
      .record(z.string(), wsRouteSchema)
      .describe('Route key ($connect, $disconnect, $default or a custom key) → route.'),
    models: z
      .record(z.string(), wsModelSchema)
      .optional()
      .describe('Models routes and route responses name (alphanumeric names).'),
  })
  .describe(
    'gateway-state/apis/<api>/<routes file> of a WebSocketApi (apigw-sync format: AWS has no WebSocket export)',
  );

export type WsRoutesFile = z.infer<typeof wsRoutesFileSchema>;
export type WsRouteFile = z.infer<typeof wsRouteSchema>;
