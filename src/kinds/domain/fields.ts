import type { FieldTable, Obj } from '../field.js';
import type { PatchOperation } from '../patch.js';
import type { DomainModel } from './model.js';

/** The v1 member holding the certificate of an endpoint type. */
const certPath = (t: DomainModel['endpointType']) => (t === 'EDGE' ? 'certificateArn' : 'regionalCertificateArn');

/**
 * v1 only (the v1 API manages both endpoint types; v2 refuses EDGE domains). The state's one
 * `certificateArn` is `certificateArn` (EDGE) or `regionalCertificateArn` (REGIONAL) on the
 * wire. An endpoint type change is AWS's migration: add the new type with its certificate,
 * remove the old one (one UpdateDomainName); the domain's DNS target changes with it.
 */
export const domainFields: FieldTable<DomainModel> = {
  endpointType: {
    rest: {
      read: (w) => {
        const types = ((w.endpointConfiguration as Obj | undefined)?.types ?? []) as string[];
        return (types.includes('REGIONAL') ? 'REGIONAL' : 'EDGE') as DomainModel['endpointType'];
      },
      create: (v) => ({ endpointConfiguration: { types: [v ?? 'REGIONAL'] } }),
      patch: (b, a, ctx): PatchOperation[] => [
        { op: 'add', path: '/endpointConfiguration/types', value: a },
        { op: 'replace', path: `/${certPath(a!)}`, value: ctx.after.certificateArn },
        { op: 'remove', path: '/endpointConfiguration/types', value: b },
      ],
    },
  },
  certificateArn: {
    rest: {
      read: (w) =>
        typeof w.regionalCertificateArn === 'string'
          ? w.regionalCertificateArn
          : typeof w.certificateArn === 'string'
            ? w.certificateArn
            : undefined,
      create: (v, rec) => ({ [certPath(rec.endpointType)]: v }),
      // With an endpoint type change the endpointType row sends it.
      patch: (_b, a, ctx) =>
        ctx.before.endpointType !== ctx.after.endpointType
          ? []
          : [{ op: 'replace', path: `/${certPath(ctx.after.endpointType)}`, value: a }],
    },
  },
  securityPolicy: { rest: { wire: 'securityPolicy', default: 'TLS_1_2', path: '/securityPolicy' } },
  mutualTls: {
    rest: {
      read: (w) => {
        const m = w.mutualTlsAuthentication as Obj | undefined;
        if (!m || typeof m.truststoreUri !== 'string' || !m.truststoreUri) return undefined;
        return {
          truststoreUri: m.truststoreUri,
          ...(typeof m.truststoreVersion === 'string' && m.truststoreVersion
            ? { truststoreVersion: m.truststoreVersion }
            : {}),
        };
      },
      create: (v) => (v ? { mutualTlsAuthentication: { ...v } } : {}),
      patch: (b, a): PatchOperation[] => {
        if (!a) return [{ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: '' }];
        const ops: PatchOperation[] = [];
        if (a.truststoreUri !== b?.truststoreUri)
          ops.push({ op: 'replace', path: '/mutualTlsAuthentication/truststoreUri', value: a.truststoreUri });
        if (a.truststoreVersion !== b?.truststoreVersion || (ops.length > 0 && a.truststoreVersion))
          ops.push({
            op: 'replace',
            path: '/mutualTlsAuthentication/truststoreVersion',
            value: a.truststoreVersion ?? '',
          });
        return ops;
      },
    },
  },
  tags: {},
};
