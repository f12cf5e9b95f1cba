/**
 * Protecting resources: AssociateWebACL (a REGIONAL web ACL of this region with a REST API
 * stage of this region; another ACL already there is replaced), DisassociateWebACL,
 * GetWebACLForResource (no `WebACL` member when none) and ListResourcesForWebACL, whose
 * ResourceType defaults to APPLICATION_LOAD_BALANCER as AWS's does — ask for API_GATEWAY.
 */
import type { RouteDef } from '../core/types.js';
import { invalidParameter, ok, wafRoute } from './route-def.js';
import type { WafStore } from './store.js';
import { webAclView } from './web-acls.js';

export function associationRoutes(store: WafStore): RouteDef[] {
  return [
    wafRoute('AssociateWebACL', true, (b) => {
      const acl = store.byArn(String(b.WebACLArn));
      if (acl.Scope === 'CLOUDFRONT')
        throw invalidParameter(
          'WEB_ACL',
          acl.ARN,
          'A CLOUDFRONT web ACL is associated with a distribution through CloudFront (UpdateDistribution), not AssociateWebACL',
        );
      const resourceArn = String(b.ResourceArn);
      const stage = store.stageOf(resourceArn);
      store.state.associations[resourceArn] = acl.ARN;
      store.setStageAcl(stage, acl.ARN);
      return ok({});
    }),
    wafRoute('DisassociateWebACL', true, (b) => {
      const resourceArn = String(b.ResourceArn);
      const stage = store.stageOf(resourceArn);
      delete store.state.associations[resourceArn];
      store.setStageAcl(stage, undefined);
      return ok({});
    }),
    wafRoute('GetWebACLForResource', false, (b) => {
      const resourceArn = String(b.ResourceArn);
      store.stageOf(resourceArn);
      const aclArn = store.state.associations[resourceArn];
      return ok(aclArn ? { WebACL: webAclView(store.byArn(aclArn), store.partition.accountId) } : {});
    }),
    wafRoute('ListResourcesForWebACL', false, (b) => {
      const acl = store.byArn(String(b.WebACLArn));
      const type = b.ResourceType ?? 'APPLICATION_LOAD_BALANCER';
      const arns =
        type === 'API_GATEWAY'
          ? Object.entries(store.state.associations)
              .filter(([, a]) => a === acl.ARN)
              .map(([r]) => r)
          : [];
      return ok({ ResourceArns: arns });
    }),
  ];
}
