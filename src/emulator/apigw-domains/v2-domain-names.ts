/**
 * v2 DomainName operations over the same records v1 keeps: Create (one REGIONAL
 * configuration: "EDGE endpoint type is not supported for APIGatewayV2 domainName",
 * "TLS_1_0 is not supported for APIGatewayV2 domainName."), Get and GetDomainNames (every
 * domain, edge-optimized ones included, each endpoint type one DomainNameConfiguration),
 * Update (the configuration and mutual TLS, merged) and Delete (regional domains only).
 */
import { compact, json, optObj, optStr, optStrMap, bodyOf, reqStr, type Body } from '../apigw-v2/wire.js';
import { page } from '../apigw-v2/paging.js';
import { v2Route } from '../apigw-v2/route-def.js';
import { checkTags } from '../core/tags.js';
import { badRequest, type RouteDef } from '../core/types.js';
import type { DomainsStore } from './store.js';
import type { DomainName } from './types.js';

const V2_POLICIES = ['TLS_1_0', 'TLS_1_2'];
const iso = (epochSeconds: number | undefined) =>
  epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000).toISOString();

export function v2DomainView(d: DomainName) {
  const configurations = d.endpointConfiguration.types.map((t) =>
    compact(
      t === 'EDGE'
        ? {
            apiGatewayDomainName: d.distributionDomainName,
            certificateArn: d.certificateArn,
            certificateName: d.certificateName,
            certificateUploadDate: iso(d.certificateUploadDate),
            domainNameStatus: d.domainNameStatus,
            endpointType: t,
            hostedZoneId: d.distributionHostedZoneId,
            securityPolicy: V2_POLICIES.includes(d.securityPolicy) ? d.securityPolicy : undefined,
            ipAddressType: d.endpointConfiguration.ipAddressType,
          }
        : {
            apiGatewayDomainName: d.regionalDomainName,
            certificateArn: d.regionalCertificateArn,
            certificateName: d.regionalCertificateName,
            certificateUploadDate: iso(d.createdDate),
            domainNameStatus: d.domainNameStatus,
            endpointType: t,
            hostedZoneId: d.regionalHostedZoneId,
            securityPolicy: V2_POLICIES.includes(d.securityPolicy) ? d.securityPolicy : undefined,
            ipAddressType: d.endpointConfiguration.ipAddressType,
            ownershipVerificationCertificateArn: d.ownershipVerificationCertificateArn,
          },
    ),
  );
  return compact({
    apiMappingSelectionExpression: '$request.basepath',
    domainName: d.domainName,
    domainNameArn: d.domainNameArn,
    domainNameConfigurations: configurations,
    mutualTlsAuthentication: d.mutualTlsAuthentication
      ? compact({
          truststoreUri: d.mutualTlsAuthentication.truststoreUri,
          truststoreVersion: d.mutualTlsAuthentication.truststoreVersion,
          truststoreWarnings: d.mutualTlsAuthentication.truststoreWarnings,
        })
      : undefined,
    routingMode: 'API_MAPPING_ONLY',
    tags: { ...(d.tags ?? {}) },
  });
}

/** The one configuration a v2 create or update may carry, applied onto the record. */
function applyConfiguration(d: DomainName, configs: unknown): void {
  if (configs === undefined || configs === null) return;
  if (!Array.isArray(configs)) throw badRequest('domainNameConfigurations must be a list');
  if (configs.length !== 1) throw badRequest('Specify exactly one domain name configuration (a REGIONAL endpoint)');
  const c = configs[0] as Body;
  const type = optStr(c, 'endpointType') ?? 'REGIONAL';
  if (type === 'EDGE') throw badRequest('EDGE endpoint type is not supported for APIGatewayV2 domainName');
  const policy = optStr(c, 'securityPolicy');
  if (policy === 'TLS_1_0') throw badRequest('TLS_1_0 is not supported for APIGatewayV2 domainName.');
  if (policy !== undefined) d.securityPolicy = policy;
  const arn = optStr(c, 'certificateArn');
  if (arn !== undefined) d.regionalCertificateArn = arn;
  const name = optStr(c, 'certificateName');
  if (name !== undefined) d.regionalCertificateName = name;
  const ownership = optStr(c, 'ownershipVerificationCertificateArn');
  if (ownership !== undefined) d.ownershipVerificationCertificateArn = ownership;
  const ip = optStr(c, 'ipAddressType');
  if (ip !== undefined) d.endpointConfiguration.ipAddressType = ip;
  d.endpointConfiguration.types = ['REGIONAL'];
}

function applyMutualTls(d: DomainName, b: Body): void {
  const m = optObj(b, 'mutualTlsAuthentication');
  if (!m) return;
  const uri = optStr(m, 'truststoreUri');
  if (uri === '') {
    delete d.mutualTlsAuthentication;
    return;
  }
  const version = optStr(m, 'truststoreVersion');
  d.mutualTlsAuthentication = compact({
    truststoreUri: uri ?? d.mutualTlsAuthentication?.truststoreUri ?? '',
    truststoreVersion: version ?? (uri === undefined ? d.mutualTlsAuthentication?.truststoreVersion : undefined),
  });
}

function checkRoutingMode(b: Body): void {
  const rm = optStr(b, 'routingMode');
  if (rm !== undefined && rm !== 'API_MAPPING_ONLY')
    throw badRequest(
      `Routing mode ${rm} needs routing rules, which this emulator does not implement; use API_MAPPING_ONLY`,
    );
}

export function v2DomainNameRoutes(store: DomainsStore): RouteDef[] {
  return [
    v2Route('CreateDomainName', 'POST', '/v2/domainnames', true, (req) => {
      const b = bodyOf(req);
      const domainName = reqStr(b, 'domainName');
      store.checkNewName(domainName);
      checkRoutingMode(b);
      const d: DomainName = {
        domainName,
        domainNameArn: store.arnOf(domainName),
        endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
        domainNameStatus: 'AVAILABLE',
        securityPolicy: 'TLS_1_2',
        routingMode: 'BASE_PATH_MAPPING_ONLY',
        tags: checkTags(optStrMap(b, 'tags')),
        createdDate: Math.floor(Date.now() / 1000),
      };
      if (b.domainNameConfigurations === undefined)
        throw badRequest('domainNameConfigurations is required: one REGIONAL configuration with its certificateArn');
      applyConfiguration(d, b.domainNameConfigurations);
      applyMutualTls(d, b);
      store.settle(d);
      store.state.domains.push({ domain: d, mappings: [] });
      return json(201, v2DomainView(d));
    }),
    v2Route('GetDomainNames', 'GET', '/v2/domainnames', false, (req) => {
      const pg = page(store.state.domains, req);
      return json(200, compact({ items: pg.items.map((x) => v2DomainView(x.domain)), nextToken: pg.nextToken }));
    }),
    v2Route('GetDomainName', 'GET', '/v2/domainnames/{domainName}', false, (_req, p) =>
      json(200, v2DomainView(store.get(p.domainName, 'v2').domain)),
    ),
    v2Route('UpdateDomainName', 'PATCH', '/v2/domainnames/{domainName}', true, (req, p) => {
      const ds = store.getForV2Write(p.domainName);
      const b = bodyOf(req);
      checkRoutingMode(b);
      const next = structuredClone(ds.domain);
      applyConfiguration(next, b.domainNameConfigurations);
      applyMutualTls(next, b);
      store.settle(next);
      for (const m of ds.mappings) store.checkMapping({ ...ds, domain: next }, m, 'v2', m);
      ds.domain = next;
      return json(200, v2DomainView(next));
    }),
    v2Route('DeleteDomainName', 'DELETE', '/v2/domainnames/{domainName}', true, (_req, p) => {
      const ds = store.getForV2Write(p.domainName);
      store.state.domains = store.state.domains.filter((x) => x !== ds);
      return json(204);
    }),
  ];
}
