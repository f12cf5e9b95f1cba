/**
 * Web ACL operations, enough to create and read ACLs that stages are protected with:
 * CreateWebACL (→ Summary; names unique per scope: WAFDuplicateItemException), GetWebACL (by
 * Name + Scope + Id, or ARN), ListWebACLs (Limit/NextMarker) and DeleteWebACL (LockToken
 * checked: WAFOptimisticLockException; refused while associated: WAFAssociatedItemException).
 */
import { randomUUID } from 'node:crypto';
import type { RouteDef } from '../core/types.js';
import { checkDefaultAction, checkRules } from './rules.js';
import { associated, duplicate, invalidParameter, ok, optimisticLock, wafRoute } from './route-def.js';
import type { WafStore } from './store.js';
import type { WebAcl } from './types.js';

/** Members CreateWebACL takes beyond the ones the emulator looks at; stored and returned as given. */
const PASSED_THROUGH = [
  'CustomResponseBodies',
  'CaptchaConfig',
  'ChallengeConfig',
  'TokenDomains',
  'AssociationConfig',
  'DataProtectionConfig',
];

const summary = (w: WebAcl) => ({
  Name: w.Name,
  Id: w.Id,
  ...(w.Description ? { Description: w.Description } : {}),
  LockToken: w.LockToken,
  ARN: w.ARN,
});

export function webAclView(w: WebAcl, accountId: string) {
  return {
    Name: w.Name,
    Id: w.Id,
    ARN: w.ARN,
    DefaultAction: w.DefaultAction,
    ...(w.Description ? { Description: w.Description } : {}),
    Rules: w.Rules,
    VisibilityConfig: w.VisibilityConfig,
    ...w.extra,
    Capacity: w.Rules.length,
    ManagedByFirewallManager: false,
    LabelNamespace: `awswaf:${accountId}:webacl:${w.Name}:`,
  };
}

export function webAclRoutes(store: WafStore): RouteDef[] {
  const lookup = (b: Record<string, unknown>) => {
    if (typeof b.ARN === 'string') return store.byArn(b.ARN);
    if (typeof b.Name !== 'string' || typeof b.Id !== 'string' || b.Scope === undefined)
      throw invalidParameter('WEB_ACL', 'ARN', 'Identify the web ACL by its ARN, or by Name, Scope and Id');
    return store.find(store.checkScope(b.Scope), String(b.Name), String(b.Id));
  };
  return [
    wafRoute('CreateWebACL', true, (b) => {
      const scope = store.checkScope(b.Scope);
      const name = String(b.Name);
      if (store.state.webAcls.some((w) => w.Scope === scope && w.Name === name)) throw duplicate();
      checkDefaultAction(b.DefaultAction);
      checkRules(b.Rules);
      const tags = (b.Tags as WebAcl['Tags'] | undefined) ?? [];
      if (new Set(tags.map((t) => t.Key)).size !== tags.length)
        throw invalidParameter('TAGS', 'Tags', 'A tag key is used twice');
      const id = randomUUID();
      const w: WebAcl = {
        Name: name,
        Id: id,
        ARN: store.arnOf(scope, name, id),
        Scope: scope,
        DefaultAction: b.DefaultAction as Record<string, unknown>,
        ...(typeof b.Description === 'string' ? { Description: b.Description } : {}),
        Rules: (b.Rules as Array<Record<string, unknown>> | undefined) ?? [],
        VisibilityConfig: b.VisibilityConfig as Record<string, unknown>,
        extra: Object.fromEntries(PASSED_THROUGH.filter((k) => b[k] !== undefined).map((k) => [k, b[k]])),
        LockToken: randomUUID(),
        Tags: tags,
      };
      store.state.webAcls.push(w);
      return ok({ Summary: summary(w) });
    }),
    wafRoute('GetWebACL', false, (b) => {
      const w = lookup(b);
      return ok({ WebACL: webAclView(w, store.partition.accountId), LockToken: w.LockToken });
    }),
    wafRoute('ListWebACLs', false, (b) => {
      const scope = store.checkScope(b.Scope);
      const all = store.state.webAcls.filter((w) => w.Scope === scope);
      const limit = typeof b.Limit === 'number' ? b.Limit : 100;
      let start = 0;
      if (typeof b.NextMarker === 'string') {
        const m = /^m(\d+)$/.exec(Buffer.from(b.NextMarker, 'base64url').toString('utf8'));
        if (!m) throw invalidParameter('POSITION', b.NextMarker, 'The NextMarker isn’t valid');
        start = Number(m[1]);
      }
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(`m${start + limit}`).toString('base64url') : undefined;
      return ok({ ...(next ? { NextMarker: next } : {}), WebACLs: page.map(summary) });
    }),
    wafRoute('DeleteWebACL', true, (b) => {
      const w = lookup(b);
      if (b.LockToken !== w.LockToken) throw optimisticLock();
      if (Object.values(store.state.associations).includes(w.ARN)) throw associated();
      store.state.webAcls = store.state.webAcls.filter((x) => x !== w);
      return ok({});
    }),
  ];
}
