/**
 * Usage plans and API keys against the rest of the state, before anything reaches AWS (which
 * refuses the same, one call at a time): a plan's API stages are REST API folders of this
 * state and stages they declare, per-method throttles name routes those APIs have; a key's
 * plans exist, number at most 10, and never share an API stage (AWS: a key reaches one API
 * stage through one plan only).
 */
import type { ValidationIssue } from '../../../model/issue.js';
import { didYouMean } from '../../../state/did-you-mean.js';
import { accountSourceKey } from '../../../state/account.js';
import { issue, type RuleContext } from '../context.js';

/** AWS's limit of usage plans per API key. */
export const PLANS_PER_KEY = 10;

const suggest = (word: string, from: readonly string[]) => {
  const g = didYouMean(word, from);
  return g ? ` — did you mean "${g}"?` : '';
};

export function usagePlanRules(ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const account = ctx.model.account;
  if (!account) return out;
  const apis = ctx.model.apis;
  const folders = Object.keys(apis);

  for (const [name, plan] of Object.entries(account.usagePlans ?? {})) {
    Object.values(plan.apiStages).forEach((s, i) => {
      const at = (...f: string[]) => accountSourceKey('usagePlan', name, 'apiStages', i, ...f);
      const api = apis[s.api];
      if (!api) {
        out.push(
          issue(ctx, at('api'), {
            code: 'usage-plan-unknown-api',
            message: `usage plan ${name}: API "${s.api}" is not a folder of this state${suggest(s.api, folders)}`,
            hint: `name a REST API by its folder under apis/ (${folders.join(', ') || 'none'})`,
          }),
        );
        return;
      }
      if (api.kind !== 'RestApi') {
        out.push(
          issue(ctx, at('api'), {
            code: 'usage-plan-http-api',
            message: `usage plan ${name}: ${s.api} is an ${api.kind}; usage plans and API keys are REST API features`,
            hint: 'name a REST API, or protect the HTTP API with a JWT or Lambda authorizer and route throttling',
          }),
        );
        return;
      }
      const stages = Object.keys(api.stages);
      if (!(s.stage in api.stages)) {
        out.push(
          issue(ctx, at('stage'), {
            code: 'usage-plan-unknown-stage',
            message: `usage plan ${name}: API ${s.api} declares no stage "${s.stage}"${suggest(s.stage, stages)}`,
            hint: `use one of ${s.api}'s stages (${stages.join(', ') || 'none'}), or declare the stage in apis/${s.api}/api.yaml (AWS refuses a plan on a stage that does not exist)`,
          }),
        );
      }
      const routes = Object.keys(api.routes);
      for (const route of Object.keys(s.methodThrottles)) {
        if (route in api.routes) continue;
        out.push(
          issue(ctx, at('methodThrottles'), {
            code: 'usage-plan-unknown-route',
            message: `usage plan ${name}: ${s.api} has no route "${route}" to throttle${suggest(route, routes)}`,
            hint: `key per-method throttles by one of ${s.api}'s routes, e.g. "${routes[0] ?? 'GET /items'}"`,
          }),
        );
      }
    });
  }

  const plans = account.usagePlans ?? {};
  for (const [name, key] of Object.entries(account.apiKeys ?? {})) {
    const at = accountSourceKey('apiKey', name, 'usagePlans');
    for (const p of key.usagePlans) {
      if (!(p in plans))
        out.push(
          issue(ctx, at, {
            code: 'api-key-unknown-plan',
            message: `API key ${name}: usage plan "${p}" is not declared${suggest(p, Object.keys(plans))}`,
            hint: "declare it in usage-plans/<name>.yaml, or remove it from the key's usagePlans",
          }),
        );
    }
    if (key.usagePlans.length > PLANS_PER_KEY) {
      out.push(
        issue(ctx, at, {
          code: 'api-key-too-many-plans',
          message: `API key ${name} is in ${key.usagePlans.length} usage plans; AWS allows ${PLANS_PER_KEY}`,
          hint: 'merge plans, or use another key',
        }),
      );
    }
    const seen = new Map<string, string>();
    for (const p of key.usagePlans) {
      for (const stage of Object.keys(plans[p]?.apiStages ?? {})) {
        const other = seen.get(stage);
        if (other) {
          out.push(
            issue(ctx, at, {
              code: 'api-key-stage-in-two-plans',
              message: `API key ${name} would reach API stage ${stage} through two usage plans (${other} and ${p}); AWS allows one`,
              hint: `keep the key in one of ${other} and ${p}, or take ${stage} out of one of the plans`,
            }),
          );
        }
        seen.set(stage, p);
      }
    }
  }
  return out;
}
