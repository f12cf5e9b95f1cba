/**
 * REST (v1) VPC links: Create (202, PENDING; exactly one Network Load Balancer ARN of the
 * account and region — "More than one target arn specified for vpc link."), Get, GetVpcLinks
 * (paged), Update (patch `/name`, `/description`; "Target arns are not allowed to be
 * changed/added.") and Delete (refused while a deployed stage's integration uses the link).
 */
import { newId } from '../apigw-v1/ids.js';
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, ok, page, reqStr, str, strList, strMap } from '../apigw-v1/wire.js';
import { checkArnScope } from '../core/arn.js';
import { checkTags } from '../core/tags.js';
import { badRequest, limitExceeded, type RouteDef } from '../core/types.js';
import type { VpcLinksStore } from './store.js';
import type { RestVpcLink } from './types.js';

/** AWS's quota for REST APIs: VPC links per account and region. */
export const REST_VPC_LINKS_PER_REGION = 20;

export function restVpcLinkView(store: VpcLinksStore, l: RestVpcLink) {
  const status = store.status(l);
  const { readyAt: _readyAt, ...wire } = l;
  return compact({
    ...wire,
    status,
    statusMessage: status === 'AVAILABLE' ? 'Your vpc link is ready for use' : 'Your vpc link is being created',
    tags: l.tags && Object.keys(l.tags).length > 0 ? l.tags : undefined,
  });
}

export function restVpcLinkRoutes(store: VpcLinksStore): RouteDef[] {
  return [
    route('POST', '/vpclinks', 'CreateVpcLink', true, (req) => {
      const b = bodyOf(req);
      const name = reqStr(b, 'name');
      const targets = strList(b, 'targetArns') ?? [];
      if (targets.length === 0) throw badRequest('targetArns must name the Network Load Balancer of the VPC link');
      if (targets.length > 1) throw badRequest('More than one target arn specified for vpc link.');
      const a = checkArnScope(targets[0], store.partition, { account: 'own', error: badRequest });
      if (a.service !== 'elasticloadbalancing' || !/^loadbalancer\/net\/[^/]+\/[0-9a-f]+$/.test(a.resource)) {
        throw badRequest(
          `Invalid target ARN ${targets[0]}: a REST API VPC link targets a Network Load Balancer (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)`,
        );
      }
      if (store.state.rest.length >= REST_VPC_LINKS_PER_REGION)
        throw limitExceeded(`Maximum number of VPC links reached (${REST_VPC_LINKS_PER_REGION})`);
      const l: RestVpcLink = compact({
        id: newId(6),
        name,
        description: str(b, 'description'),
        targetArns: targets,
        tags: checkTags(strMap(b, 'tags')),
        readyAt: store.readyAtForNew(),
      });
      store.state.rest.push(l);
      return ok(restVpcLinkView(store, l), 202);
    }),
    route('GET', '/vpclinks', 'GetVpcLinks', false, (req) =>
      ok(
        page(
          store.state.rest.map((l) => restVpcLinkView(store, l)),
          req,
        ),
      ),
    ),
    route('GET', '/vpclinks/{vpcLinkId}', 'GetVpcLink', false, (_req, p) =>
      ok(restVpcLinkView(store, store.restLink(p.vpcLinkId))),
    ),
    route('PATCH', '/vpclinks/{vpcLinkId}', 'UpdateVpcLink', true, (req, p) => {
      const l = store.restLink(p.vpcLinkId);
      const next = { ...l };
      for (const op of parsePatchOps(bodyOf(req).patchOperations)) {
        if (op.path.startsWith('/targetArns')) throw badRequest('Target arns are not allowed to be changed/added.');
        if (
          (op.path !== '/name' && op.path !== '/description') ||
          (op.op !== 'replace' && op.op !== 'add' && op.op !== 'remove')
        ) {
          throw badRequest(
            `Invalid patch path '${op.path}' specified for op '${op.op}'. Must be one of: [/name, /description]`,
          );
        }
        if (op.path === '/name') {
          if (op.op === 'remove' || !op.value) throw badRequest('A VPC link needs a name');
          next.name = op.value;
        } else if (op.op === 'remove' || !op.value) delete next.description;
        else next.description = op.value;
      }
      store.state.rest[store.state.rest.indexOf(l)] = next;
      return ok(restVpcLinkView(store, next));
    }),
    route('DELETE', '/vpclinks/{vpcLinkId}', 'DeleteVpcLink', true, (_req, p) => {
      const l = store.restLink(p.vpcLinkId);
      const users = store.restUsers(l.id);
      if (users.length > 0)
        throw badRequest(
          `Cannot delete vpc link. Vpc link '${l.id}', is referenced in [${users.join(', ')}] in format of [RESTApiId:Method:Resource:Stage].`,
        );
      store.state.rest = store.state.rest.filter((x) => x !== l);
      return ok(undefined, 202);
    }),
  ];
}
