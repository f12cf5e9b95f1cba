/**
 * REST client certificates as an account-scope kind: `client-certificates/<name>.yaml`,
 * read with GetClientCertificates (tags included), generated with GenerateClientCertificate,
 * written before the APIs (a stage names one) and deleted after them.
 */
import { defineAccountKind } from '../account-kind.js';
import { clientCertificateFields } from './fields.js';
import type { ClientCertificateModel } from './model.js';
import { CLIENT_CERTIFICATE_NAME, clientCertificateFileSchema, type ClientCertificateFile } from './schema.js';

export const clientCertificateKind = defineAccountKind<ClientCertificateModel>({
  target: 'clientCertificate',
  label: 'client certificate',
  fields: clientCertificateFields,
  facts: (a) => [['description', a.description]],
  account: {
    modelKey: 'clientCertificates',
    phase: 'before',
    rank: 1,
    flavourOf: () => 'RestApi',
    renamable: true,
    referencedByApis: true,
    state: {
      dir: 'client-certificates',
      schema: clientCertificateFileSchema,
      name: {
        pattern: CLIENT_CERTIFICATE_NAME,
        hint: 'name the file with letters, digits, -, _ or . (at most 128 characters): the name is kept in a tag',
      },
      load(name, file: ClientCertificateFile, ctx) {
        const rec: ClientCertificateModel = {
          name,
          ...(file.description ? { description: file.description } : {}),
          tags: { ...(file.tags ?? {}) },
        };
        ctx.add('clientCertificate', name, rec, []);
      },
      emit: (_key, rec) => ({
        value: {
          ...(rec.description ? { description: rec.description } : {}),
          ...(Object.keys(rec.tags).length ? { tags: rec.tags } : {}),
        },
        warnings: [],
      }),
    },
    read: [
      {
        op: 'GetClientCertificates',
        flavour: 'RestApi',
        paging: 'position',
        id: 'clientCertificateId',
        tags: 'tags',
        facts: (i): Record<string, string> =>
          i.expirationDate ? { expires: new Date(i.expirationDate as string).toISOString().slice(0, 10) } : {},
      },
    ],
    write: {
      RestApi: {
        create: { op: 'GenerateClientCertificate', id: 'clientCertificateId' },
        update: { op: 'UpdateClientCertificate' },
        delete: { op: 'DeleteClientCertificate' },
        address: (_key, id) => ({ clientCertificateId: id }),
        tags: 'tags',
        arnPath: (_key, id) => `/clientcertificates/${id}`,
      },
    },
    importOption: { flag: 'client-certificate', what: 'a REST client certificate (its id)' },
  },
});
