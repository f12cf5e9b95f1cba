/** Gateway responses declared in api.yaml (`gatewayResponses:`); x-amazon-apigateway-gateway-responses is the OpenAPI form. */
import { z } from 'zod';
import { GATEWAY_RESPONSE_PARAM_KEY, GATEWAY_RESPONSE_PARAM_VALUE, GATEWAY_RESPONSE_TYPES } from './types.js';

export const gatewayResponseSchema = z.strictObject({
  statusCode: z
    .union([z.number().int(), z.string().regex(/^[1-5]\d\d$/, 'must be a status code such as 401')])
    .optional()
    .describe("Status code (default: the type's own)."),
  responseParameters: z
    .record(
      z
        .string()
        .regex(
          GATEWAY_RESPONSE_PARAM_KEY,
          'must be gatewayresponse.header.<name> (or gatewayresponse.querystring/path.<name>)',
        ),
      z
        .string()
        .regex(
          GATEWAY_RESPONSE_PARAM_VALUE,
          "must be a 'quoted literal', method.request.header.<name>, stageVariables.<name> or context.<variable>",
        ),
    )
    .optional()
    .describe("gatewayresponse.header.<name> → mapping expression or 'literal'."),
  responseTemplates: z.record(z.string(), z.string()).optional().describe('Content type → template.'),
});

export const gatewayResponsesSchema = z
  .partialRecord(z.enum(GATEWAY_RESPONSE_TYPES as [string, ...string[]]), gatewayResponseSchema)
  .optional()
  .describe(
    "REST only: gateway responses customized away from AWS's defaults, by response type (UNAUTHORIZED, DEFAULT_4XX, …).",
  );
