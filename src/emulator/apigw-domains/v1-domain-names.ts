/**
 * v1 DomainName operations: Create (EDGE with an us-east-1 certificateArn, or REGIONAL with a
 * regionalCertificateArn of the domain's region), Get, GetDomainNames (paged), Update (patch,
 * see v1-domain-patch.ts) and Delete, which — as on AWS — takes the domain's mappings with it.
 */
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, nowSeconds, obj, ok, page, reqStr, str, strList, strMap } from '../apigw-v1/wire.js';
import { parsePatchOps } from '../apigw-v1/patch.js';
import { checkTags } from '../core/tags.js';
import { badRequest, type RouteDef } from '../core/types.js';
import type { DomainsStore } from './store.js';
import type { DomainName, EndpointType } from './types.js';
import { applyDomainPatch } from './v1-domain-patch.js';

/** What a v1 answer shows: the record without the emulator's bookkeeping. */
export const v1DomainView = (d: DomainName) => {
  const { createdDate: _created, ...wire } = d;
  return compact({ ...wire, tags: d.tags && Object.keys(d.tags).length > 0 ? d.tags : undefined });
};

export function v1DomainNameRoutes(store: DomainsStore): RouteDef[] {
  return [
    route('POST', '/domainnames', 'CreateDomainName', true, (req) => {
      const b = bodyOf(req);
      const domainName = reqStr(b, 'domainName');
      store.checkNewName(domainName);
      const ec = obj(b, 'endpointConfiguration');
      const types = (ec ? strList(ec, 'types') : undefined) ?? ['EDGE'];
      if (types.length > 1)
        throw badRequest(
          'A domain name is created with one endpoint type; add the other with UpdateDomainName (add /endpointConfiguration/types) to migrate',
        );
      if (ec && strList(ec, 'vpcEndpointIds')?.length)
        throw badRequest('vpcEndpointIds are only supported for PRIVATE custom domain names');
      if (str(b, 'certificateBody') !== undefined && str(b, 'certificateArn') !== undefined)
        throw badRequest(
          'Specify either certificateArn or an imported certificate (certificateBody, certificatePrivateKey, certificateChain), not both',
        );
      const mtls = obj(b, 'mutualTlsAuthentication');
      const truststoreUri = mtls ? str(mtls, 'truststoreUri') : undefined;
      const d: DomainName = compact({
        domainName,
        domainNameArn: store.arnOf(domainName),
        certificateName: str(b, 'certificateName'),
        certificateArn: str(b, 'certificateArn'),
        regionalCertificateName: str(b, 'regionalCertificateName'),
        regionalCertificateArn: str(b, 'regionalCertificateArn'),
        endpointConfiguration: {
          types: types as EndpointType[],
          ipAddressType: (ec ? str(ec, 'ipAddressType') : undefined) ?? 'ipv4',
        },
        domainNameStatus: 'AVAILABLE' as const,
        securityPolicy: str(b, 'securityPolicy') ?? 'TLS_1_2',
        endpointAccessMode: str(b, 'endpointAccessMode'),
        mutualTlsAuthentication: truststoreUri
          ? compact({ truststoreUri, truststoreVersion: str(mtls!, 'truststoreVersion') })
          : undefined,
        ownershipVerificationCertificateArn: str(b, 'ownershipVerificationCertificateArn'),
        routingMode: 'BASE_PATH_MAPPING_ONLY' as const,
        tags: checkTags(strMap(b, 'tags')),
        createdDate: nowSeconds(),
      });
      if (str(b, 'policy') !== undefined) throw badRequest('policy is only supported for private custom domain names');
      const rm = str(b, 'routingMode');
      if (rm !== undefined && rm !== 'BASE_PATH_MAPPING_ONLY')
        throw badRequest(
          `Routing mode ${rm} needs routing rules, which this emulator does not implement; use BASE_PATH_MAPPING_ONLY`,
        );
      store.settle(d);
      store.state.domains.push({ domain: d, mappings: [] });
      return ok(v1DomainView(d), 201);
    }),
    route('GET', '/domainnames', 'GetDomainNames', false, (req) => {
      const owner = req.query.get('resourceOwner');
      const domains = owner === 'OTHER_ACCOUNTS' ? [] : store.state.domains.map((x) => v1DomainView(x.domain));
      return ok(page(domains, req));
    }),
    route('GET', '/domainnames/{domainName}', 'GetDomainName', false, (_req, p) =>
      ok(v1DomainView(store.get(p.domainName, 'v1').domain)),
    ),
    route('PATCH', '/domainnames/{domainName}', 'UpdateDomainName', true, (req, p) => {
      const ds = store.get(p.domainName, 'v1');
      const next = structuredClone(ds.domain);
      applyDomainPatch(next, parsePatchOps(bodyOf(req).patchOperations));
      store.settle(next);
      // Existing mappings must still fit the domain (an HTTP API needs REGIONAL and TLS 1.2).
      for (const m of ds.mappings) store.checkMapping({ ...ds, domain: next }, m, 'v2', m);
      ds.domain = next;
      return ok(v1DomainView(next));
    }),
    route('DELETE', '/domainnames/{domainName}', 'DeleteDomainName', true, (_req, p) => {
      const ds = store.get(p.domainName, 'v1');
      store.state.domains = store.state.domains.filter((x) => x !== ds);
      return ok(undefined, 202);
    }),
  ];
}
