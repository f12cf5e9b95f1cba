/** gateway-state/domains/<domain name>.yaml */
import { z } from 'zod';
import { tagMapSchema } from '../tags/schema.js';

const mapping = z.strictObject({
  api: z.string().min(1).describe('The API by its folder key (apis/<key>/).'),
  stage: z.string().min(1).describe("The API's stage the path serves."),
});

export const domainFileSchema = z
  .strictObject({
    endpointType: z
      .enum(['REGIONAL', 'EDGE'])
      .optional()
      .describe("REGIONAL (default): served from the state's region. EDGE: through CloudFront, REST APIs only."),
    certificateArn: z
      .string()
      .min(1)
      .describe("The ACM certificate: of the state's region for REGIONAL, of us-east-1 for EDGE."),
    securityPolicy: z.enum(['TLS_1_0', 'TLS_1_2']).optional().describe('Minimum TLS version (default TLS_1_2).'),
    mutualTls: z
      .strictObject({
        truststoreUri: z.string().min(1).describe('s3://bucket/key of the PEM truststore.'),
        truststoreVersion: z.string().min(1).optional().describe('The S3 object version.'),
      })
      .optional()
      .describe('Clients must present a certificate the truststore trusts (REGIONAL, TLS_1_2 only).'),
    basePathMappings: z
      .record(z.string(), mapping)
      .optional()
      .describe('REST APIs: base path ("(none)" for the root) → API folder key and stage.'),
    apiMappings: z
      .record(z.string(), mapping)
      .optional()
      .describe(
        'HTTP APIs: mapping key (may have several levels, "orders/v1"; "(none)" for the root) → API folder key and stage. REGIONAL TLS_1_2 domains only.',
      ),
    tags: tagMapSchema.optional(),
  })
  .describe('gateway-state/domains/<domain name>.yaml: a custom domain name and the API stages it serves.');

export type DomainFile = z.infer<typeof domainFileSchema>;

/** A host name (or a wildcard `*.example.com`), lower case: the file name is the domain name. */
export const DOMAIN_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
