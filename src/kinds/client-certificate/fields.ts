import { TAG_ID } from '../../model/live.js';
import type { FieldTable } from '../field.js';
import type { ClientCertificateModel } from './model.js';

/**
 * v1 only (GenerateClientCertificate, UpdateClientCertificate `replace /description`). The
 * name is the `apigw-sync:id` tag: a rename re-tags the certificate (src/aws/account keeps
 * the tool's tags), so the certificate — and the trust the backend placed in it — stays.
 */
export const clientCertificateFields: FieldTable<ClientCertificateModel> = {
  name: { rest: { read: (w) => ((w.tags ?? {}) as Record<string, string>)[TAG_ID], create: false, patch: () => [] } },
  description: { rest: { wire: 'description', omitEmpty: true, path: '/description' } },
  tags: {},
};
