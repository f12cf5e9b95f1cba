/**
 * AWS WAF (wafv2) for REST stages: the association apply writes (AssociateWebACL replaces an
 * earlier web ACL; DisassociateWebACL removes it) and the web ACL facts cost reads (GetWebACL:
 * its rule count). A plan reads no WAF at all: GetStages already carries each REST stage's
 * `webAclArn`, so drift of an association costs no call. (GetWebACLForResource would cost one
 * call per REST stage; ListResourcesForWebACL one per web ACL the state names, but it cannot
 * see a stage that was given another web ACL, or one the state does not name.)
 */
import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { apigatewayArn, stagePath } from './arn.js';
import { awsErrorCode } from './errors.js';
import type { WebAclFacts } from '../cost/waf.js';

/** Runs one call (apply passes its AwsCaller, which wraps errors and counts writes). */
export type WafCall = <T>(operation: string, fn: () => Promise<T>) => Promise<T>;

const direct: WafCall = (_op, fn) => fn();

/** The ARN AWS WAF names a REST stage by: `arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>`. */
export function restStageArn(region: string, restApiId: string, stage: string): string {
  return apigatewayArn(region, stagePath('RestApi', restApiId, stage));
}

/** Associates `webAclArn` with the stage, or (undefined) removes its web ACL. */
export async function setStageWebAcl(
  client: WAFV2Client,
  o: { region: string; restApiId: string; stage: string; webAclArn: string | undefined; call?: WafCall },
): Promise<void> {
  const call = o.call ?? direct;
  const ResourceArn = restStageArn(o.region, o.restApiId, o.stage);
  if (o.webAclArn)
    await call('AssociateWebACL', () =>
      client.send(new AssociateWebACLCommand({ WebACLArn: o.webAclArn, ResourceArn })),
    );
  else await call('DisassociateWebACL', () => client.send(new DisassociateWebACLCommand({ ResourceArn })));
}

/** `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>` → what GetWebACL takes. */
export function parseWebAclArn(
  arn: string,
): { Name: string; Id: string; Scope: 'REGIONAL' | 'CLOUDFRONT' } | undefined {
  const m = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]*:\d{12}:(regional|global)\/webacl\/([^/]+)\/([^/]+)$/.exec(arn);
  return m ? { Name: m[2], Id: m[3], Scope: m[1] === 'global' ? 'CLOUDFRONT' : 'REGIONAL' } : undefined;
}

/** GetWebACL once per web ACL (by name, scope and id, which every version of the API takes); an unreadable one says why. */
export async function readWebAcls(client: WAFV2Client, arns: readonly string[]): Promise<Record<string, WebAclFacts>> {
  const out: Record<string, WebAclFacts> = {};
  await Promise.all(
    [...new Set(arns)].sort().map(async (arn) => {
      const id = parseWebAclArn(arn);
      if (!id) {
        out[arn] = { error: 'not a WAFv2 web ACL ARN' };
        return;
      }
      try {
        const acl = (await client.send(new GetWebACLCommand(id))).WebACL;
        out[arn] = { name: acl?.Name ?? id.Name, rules: acl?.Rules?.length ?? 0 };
      } catch (e) {
        out[arn] = { error: `${awsErrorCode(e)}: ${((e as Error)?.message ?? String(e)).split('\n')[0]}` };
      }
    }),
  );
  return out;
}
