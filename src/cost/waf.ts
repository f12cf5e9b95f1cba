/**
 * AWS WAF on REST stages, priced as AWS bills it: each web ACL's monthly fee and one per rule
 * in it (billed while the web ACL exists, however many resources it protects, so one estimate
 * splits them evenly among its stages that use the web ACL), and a charge per request it
 * inspects (the protected stage's traffic). The rule count comes from GetWebACL (the engine
 * reads it; this stays pure). Pure.
 */
import type { ApiModel } from '../model/api.js';
import type { RegionPrices } from './prices/types.js';
import type { Usage } from './usage.js';

/** What GetWebACL told about a web ACL, or why it could not be read. */
export type WebAclFacts = { name: string; rules: number } | { error: string };

export interface WafCost {
  stage: string;
  webAclArn: string;
  webAclName: string;
  /** Rules in the web ACL; null = unknown (GetWebACL could not be read). */
  rules: number | null;
  /** Stages of this estimate that use the web ACL (its monthly fees are split among them). */
  sharedBy: number;
  /** This stage's share of the web ACL's monthly fee and rule fees; null = unknown. */
  fixedUsd: number | null;
  /** Requests a month the web ACL inspects on this stage. */
  requests: number;
  requestUsd: number | null;
  monthlyUsd: number | null;
  /** Why a part is unknown, one phrase. */
  unknown?: string;
}

/** The web ACL's name as its ARN spells it (`…:regional/webacl/<name>/<id>`). */
export function webAclNameOf(arn: string): string {
  return /\/webacl\/([^/]+)\//.exec(arn)?.[1] ?? arn;
}

/**
 * Requests a month one stage serves: measured per stage, else the API's total split evenly over
 * its stages (declared usage names no stage).
 */
export function stageRequests(api: ApiModel, stage: string, usage: Usage | undefined): number {
  if (!usage) return 0;
  if (usage.byStage) return usage.byStage[stage] ?? 0;
  const n = Object.keys(api.stages).length;
  return n ? usage.monthlyRequests / n : 0;
}

/** Every web-ACL-protected stage of `apis`, priced (API key → its stages' WAF costs, by stage name). */
export function wafCosts(
  apis: readonly ApiModel[],
  usage: Map<string, Usage>,
  table: RegionPrices | undefined,
  webAcls: Record<string, WebAclFacts>,
  region: string,
): Map<string, WafCost[]> {
  const users = new Map<string, number>();
  for (const api of apis)
    for (const s of Object.values(api.stages))
      if (api.kind === 'RestApi' && s.webAclArn) users.set(s.webAclArn, (users.get(s.webAclArn) ?? 0) + 1);
  const price = table?.waf;
  const out = new Map<string, WafCost[]>();
  for (const api of apis) {
    if (api.kind !== 'RestApi') continue;
    const costs: WafCost[] = [];
    for (const s of Object.values(api.stages).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!s.webAclArn) continue;
      const facts = webAcls[s.webAclArn];
      const rules = facts && 'rules' in facts ? facts.rules : null;
      const sharedBy = users.get(s.webAclArn) ?? 1;
      const requests = stageRequests(api, s.name, usage.get(api.key));
      const fixedUsd =
        price && rules !== null ? (price.webAclUsdPerMonth + rules * price.ruleUsdPerMonth) / sharedBy : null;
      const requestUsd = price ? (requests / 1_000_000) * price.usdPerMillionRequests : null;
      const c: WafCost = {
        stage: s.name,
        webAclArn: s.webAclArn,
        webAclName: facts && 'name' in facts ? facts.name : webAclNameOf(s.webAclArn),
        rules,
        sharedBy,
        fixedUsd,
        requests,
        requestUsd,
        monthlyUsd: fixedUsd === null || requestUsd === null ? null : fixedUsd + requestUsd,
      };
      if (!price) c.unknown = `no AWS WAF prices for ${region}`;
      else if (rules === null)
        c.unknown = `the rule count of web ACL ${c.webAclName} is unknown (${facts && 'error' in facts ? facts.error : 'not read'})`;
      costs.push(c);
    }
    if (costs.length) out.set(api.key, costs);
  }
  return out;
}
