/** Request validators declared in api.yaml (`requestValidators:`); x-amazon-apigateway-request-validators is the OpenAPI form. */
import { z } from 'zod';

export const requestValidatorSchema = z.strictObject({
  validateRequestBody: z.boolean().default(false),
  validateRequestParameters: z.boolean().default(false),
});
