/**
 * Custom domain names as an account-scope kind: `domains/<domain name>.yaml`, read with one
 * GetDomainNames (tags included), written with the v1 API (it manages REGIONAL and EDGE
 * domains alike) before the APIs and deleted after them. The file declares the domain's
 * mappings too (kinds/mapping): `basePathMappings` (REST APIs) and `apiMappings` (HTTP APIs).
 */
import { defineAccountKind, type Obj } from '../account-kind.js';
import { mappingKey, NONE, pathOfKey, type MappingModel } from '../mapping/model.js';
import { domainFields } from './fields.js';
import type { DomainModel } from './model.js';
import { DOMAIN_NAME, domainFileSchema, type DomainFile } from './schema.js';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export const domainKind = defineAccountKind<DomainModel>({
  target: 'domain',
  label: 'custom domain',
  fields: domainFields,
  flags(c, acc) {
    if (c.action !== 'update') return;
    const b = c.before as DomainModel;
    const a = c.after as DomainModel;
    if (b.endpointType !== a.endpointType)
      acc.traffic?.push(
        `the domain moves from ${b.endpointType} to ${a.endpointType}: its DNS target changes (point the DNS record at the new target once apply has run)`,
      );
    if (a.securityPolicy === 'TLS_1_2' && b.securityPolicy === 'TLS_1_0')
      acc.breaking.push('clients that only speak TLS 1.0 or 1.1 can no longer connect');
    if (a.mutualTls && !b.mutualTls) acc.breaking.push('clients must now present a certificate the truststore trusts');
    if (a.mutualTls && b.mutualTls && a.mutualTls.truststoreUri !== b.mutualTls.truststoreUri)
      acc.breaking.push('clients certified by the old truststore only are refused');
  },
  facts: (d) => [
    ['endpointType', d.endpointType, { raw: true }],
    ['certificateArn', d.certificateArn, { raw: true }],
    ['securityPolicy', d.securityPolicy, { raw: true }],
    ['mutualTls', d.mutualTls?.truststoreUri, { raw: true }],
  ],
  account: {
    modelKey: 'domains',
    phase: 'before',
    rank: 3,
    flavourOf: () => 'RestApi',
    state: {
      dir: 'domains',
      schema: domainFileSchema,
      name: {
        pattern: DOMAIN_NAME,
        hint: 'name the file after the domain, in lower case: domains/api.example.com.yaml',
      },
      load(name, f: DomainFile, ctx) {
        const rec: DomainModel = {
          endpointType: f.endpointType ?? 'REGIONAL',
          certificateArn: f.certificateArn,
          securityPolicy: f.securityPolicy ?? 'TLS_1_2',
          ...(f.mutualTls ? { mutualTls: { ...f.mutualTls } } : {}),
          tags: { ...(f.tags ?? {}) },
        };
        ctx.add('domain', name, rec, []);
        for (const [section, target] of [
          ['basePathMappings', 'basePathMapping'],
          ['apiMappings', 'apiMapping'],
        ] as const) {
          for (const [path, m] of Object.entries(f[section] ?? {})) {
            const key = mappingKey(name, path === '' ? NONE : path);
            ctx.add(target, key, { name: key, domain: name, api: m.api, stage: m.stage } satisfies MappingModel, [
              section,
              path,
            ]);
          }
        }
      },
      emit: (key, d, account) => {
        const section = (records: Record<string, MappingModel>) => {
          const out: Record<string, { api: string; stage: string }> = {};
          for (const m of Object.values(records).filter((r) => r.domain === key))
            out[pathOfKey(m.name)] = { api: m.api, stage: m.stage };
          return Object.keys(out).length ? out : undefined;
        };
        const warnings = [...Object.values(account.basePathMappings), ...Object.values(account.apiMappings)]
          .filter((m) => m.domain === key && m.api.startsWith('(api '))
          .map(
            (m) =>
              `${m.name} maps ${m.api}, an API this state does not have: import that API too, or the next plan deletes the mapping`,
          );
        return {
          value: {
            endpointType: d.endpointType,
            certificateArn: d.certificateArn,
            ...(d.securityPolicy !== 'TLS_1_2' ? { securityPolicy: d.securityPolicy } : {}),
            ...(d.mutualTls ? { mutualTls: d.mutualTls } : {}),
            ...(section(account.basePathMappings) ? { basePathMappings: section(account.basePathMappings) } : {}),
            ...(section(account.apiMappings) ? { apiMappings: section(account.apiMappings) } : {}),
            ...(Object.keys(d.tags).length ? { tags: d.tags } : {}),
          },
          warnings,
        };
      },
    },
    read: [
      {
        op: 'GetDomainNames',
        flavour: 'RestApi',
        paging: 'position',
        id: 'domainName',
        name: 'domainName',
        tags: 'tags',
        // Where DNS must point (the CNAME/alias target), shown beside the domain.
        facts: (i: Obj): Record<string, string> => {
          const target = str(i.regionalDomainName) ?? str(i.distributionDomainName);
          return target ? { dnsTarget: target } : {};
        },
      },
    ],
    write: {
      RestApi: {
        create: { op: 'CreateDomainName', id: 'domainName', input: (key) => ({ domainName: key }) },
        update: { op: 'UpdateDomainName' },
        delete: { op: 'DeleteDomainName' },
        address: (key) => ({ domainName: key }),
        tags: 'tags',
        arnPath: (key) => `/domainnames/${key}`,
      },
    },
    importOption: { flag: 'domain', what: 'a custom domain name with its mappings' },
  },
});
