/** gateway-state/client-certificates/<name>.yaml */
import { z } from 'zod';
import { tagMapSchema } from '../tags/schema.js';

export const clientCertificateFileSchema = z
  .strictObject({
    description: z.string().max(1024).optional().describe('What the certificate is for (shown in the console).'),
    tags: tagMapSchema.optional(),
  })
  .describe(
    'gateway-state/client-certificates/<name>.yaml: a REST client certificate API Gateway generates and presents to backends (mutual TLS). A REST stage names it with `clientCertificate: <name>`.',
  );

export type ClientCertificateFile = z.infer<typeof clientCertificateFileSchema>;

/** A certificate's name: it is kept in a tag (`apigw-sync:id`), so the tag alphabet. */
export const CLIENT_CERTIFICATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
