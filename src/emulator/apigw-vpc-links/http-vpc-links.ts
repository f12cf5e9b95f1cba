/**
 * HTTP (v2) VPC links: Create (PENDING, "VPC link is provisioning ENIs", then AVAILABLE,
 * "VPC link is ready to route traffic"; subnets and security groups of the VPC; immutable but
 * for the name), Get, GetVpcLinks (paged), Update (Name) and Delete (202; refused while an
 * integration uses the link — a BadRequestException the model does not list for the
 * operation, as AWS answers).
 */
import { newId } from '../apigw-v2/ids.js';
import { page } from '../apigw-v2/paging.js';
import { v2Route } from '../apigw-v2/route-def.js';
import { bodyOf, compact, json, optStr, optStrList, optStrMap, reqStr } from '../apigw-v2/wire.js';
import { checkTags } from '../core/tags.js';
import { badRequest, limitExceeded, type RouteDef } from '../core/types.js';
import type { VpcLinksStore } from './store.js';
import type { HttpVpcLink } from './types.js';

/** AWS's quotas for HTTP APIs: VPC links per account and region, subnets per link. */
export const HTTP_VPC_LINK_LIMITS = { perRegion: 10, subnetsPerLink: 10 } as const;

export function httpVpcLinkView(store: VpcLinksStore, l: HttpVpcLink) {
  const status = store.status(l);
  const { readyAt: _readyAt, ...wire } = l;
  return {
    ...wire,
    vpcLinkStatus: status,
    vpcLinkStatusMessage:
      status === 'AVAILABLE' ? 'VPC link is ready to route traffic' : 'VPC link is provisioning ENIs',
    vpcLinkVersion: 'V2',
  };
}

export function httpVpcLinkRoutes(store: VpcLinksStore): RouteDef[] {
  return [
    v2Route('CreateVpcLink', 'POST', '/v2/vpclinks', true, (req) => {
      const b = bodyOf(req);
      const name = reqStr(b, 'name');
      const subnetIds = optStrList(b, 'subnetIds') ?? [];
      const securityGroupIds = optStrList(b, 'securityGroupIds') ?? [];
      if (subnetIds.length === 0) throw badRequest('subnetIds must name at least one subnet for the VPC link');
      if (subnetIds.length > HTTP_VPC_LINK_LIMITS.subnetsPerLink)
        throw badRequest(`A VPC link takes at most ${HTTP_VPC_LINK_LIMITS.subnetsPerLink} subnets`);
      for (const s of subnetIds) if (!/^subnet-[0-9a-f]{8,17}$/.test(s)) throw badRequest(`Invalid subnet id ${s}`);
      for (const g of securityGroupIds)
        if (!/^sg-[0-9a-f]{8,17}$/.test(g)) throw badRequest(`Invalid security group id ${g}`);
      if (store.state.http.length >= HTTP_VPC_LINK_LIMITS.perRegion)
        throw limitExceeded(`Maximum number of VPC links reached (${HTTP_VPC_LINK_LIMITS.perRegion})`);
      const l: HttpVpcLink = {
        vpcLinkId: newId(6),
        name,
        subnetIds,
        securityGroupIds,
        createdDate: new Date(store.now()).toISOString(),
        tags: checkTags(optStrMap(b, 'tags') ?? {}),
        readyAt: store.readyAtForNew(),
      };
      store.state.http.push(l);
      return json(201, httpVpcLinkView(store, l));
    }),
    v2Route('GetVpcLinks', 'GET', '/v2/vpclinks', false, (req) => {
      const pg = page(store.state.http, req);
      return json(200, compact({ items: pg.items.map((l) => httpVpcLinkView(store, l)), nextToken: pg.nextToken }));
    }),
    v2Route('GetVpcLink', 'GET', '/v2/vpclinks/{vpcLinkId}', false, (_req, p) =>
      json(200, httpVpcLinkView(store, store.httpLink(p.vpcLinkId))),
    ),
    v2Route('UpdateVpcLink', 'PATCH', '/v2/vpclinks/{vpcLinkId}', true, (req, p) => {
      const l = store.httpLink(p.vpcLinkId);
      const name = optStr(bodyOf(req), 'name');
      if (name !== undefined) l.name = name;
      return json(200, httpVpcLinkView(store, l));
    }),
    v2Route('DeleteVpcLink', 'DELETE', '/v2/vpclinks/{vpcLinkId}', true, (_req, p) => {
      const l = store.httpLink(p.vpcLinkId);
      const users = store.httpUsers(l.vpcLinkId);
      if (users.length > 0)
        throw badRequest(
          `Cannot delete vpc link. Vpc link '${l.vpcLinkId}', is referenced in [${users.join(', ')}] in format of [Method:Resource].`,
        );
      store.state.http = store.state.http.filter((x) => x !== l);
      return json(202, {});
    }),
  ];
}
