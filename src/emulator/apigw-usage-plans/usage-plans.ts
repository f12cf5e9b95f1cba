/**
 * Usage plans: Create (API stages must be existing REST API stages; per-method throttles keyed
 * `/path/METHOD`; quota DAY/WEEK/MONTH with its offset rule), Get, GetUsagePlans (`keyId`
 * filters to the plans a key is in; paged), Update (usage-plan-patch.ts; at most 1 per 20 s,
 * AWS's quota) and Delete — refused while API stages remain, as AWS does: "Cannot delete Usage
 * Plan … because there are API Stages associated with it, including …".
 */
import { newId } from '../apigw-v1/ids.js';
import { parsePatchOps } from '../apigw-v1/patch.js';
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, num, obj, ok, page, reqStr, str, strMap, type Body } from '../apigw-v1/wire.js';
import { checkTags } from '../core/tags.js';
import { badRequest, limitExceeded, type RouteDef } from '../core/types.js';
import { USAGE_LIMITS, type UsagePlansStore } from './store.js';
import type { ApiStage, QuotaSettings, ThrottleSettings, UsagePlan } from './types.js';
import { applyUsagePlanPatch } from './usage-plan-patch.js';

export const usagePlanView = (p: UsagePlan) =>
  compact({ ...p, tags: p.tags && Object.keys(p.tags).length > 0 ? p.tags : undefined });

function throttleOf(b: Body | undefined): ThrottleSettings | undefined {
  if (!b) return undefined;
  return compact({ burstLimit: num(b, 'burstLimit'), rateLimit: num(b, 'rateLimit') });
}

function quotaOf(b: Body | undefined): QuotaSettings | undefined {
  if (!b) return undefined;
  return {
    limit: num(b, 'limit') as number,
    offset: num(b, 'offset') ?? 0,
    period: str(b, 'period') as QuotaSettings['period'],
  };
}

function apiStagesOf(raw: unknown): ApiStage[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest('apiStages must be a list');
  return raw.map((s: Body) => {
    const t = obj(s, 'throttle');
    return compact({
      apiId: str(s, 'apiId') ?? '',
      stage: str(s, 'stage') ?? '',
      throttle: t ? Object.fromEntries(Object.entries(t).map(([k, v]) => [k, throttleOf(v as Body) ?? {}])) : undefined,
    });
  });
}

export function usagePlanRoutes(store: UsagePlansStore): RouteDef[] {
  return [
    route('POST', '/usageplans', 'CreateUsagePlan', true, (req) => {
      const b = bodyOf(req);
      if (store.state.usagePlans.length >= USAGE_LIMITS.usagePlansPerRegion)
        throw limitExceeded(`Maximum number of usage plans reached (${USAGE_LIMITS.usagePlansPerRegion})`);
      const plan: UsagePlan = compact({
        id: newId(6),
        name: reqStr(b, 'name'),
        description: str(b, 'description'),
        apiStages: apiStagesOf(b.apiStages),
        throttle: throttleOf(obj(b, 'throttle')),
        quota: quotaOf(obj(b, 'quota')),
        tags: checkTags(strMap(b, 'tags')),
      });
      store.checkPlan(plan);
      store.state.usagePlans.push(plan);
      return ok(usagePlanView(plan), 201);
    }),
    route('GET', '/usageplans', 'GetUsagePlans', false, (req) => {
      const keyId = req.query.get('keyId');
      const plans = keyId === null ? store.state.usagePlans : store.plansOfKey(store.apiKey(keyId).id);
      return ok(page(plans.map(usagePlanView), req));
    }),
    route('GET', '/usageplans/{usagePlanId}', 'GetUsagePlan', false, (_req, p) =>
      ok(usagePlanView(store.usagePlan(p.usagePlanId))),
    ),
    route('PATCH', '/usageplans/{usagePlanId}', 'UpdateUsagePlan', true, (req, p) => {
      const current = store.usagePlan(p.usagePlanId);
      const next = structuredClone(current);
      applyUsagePlanPatch(next, parsePatchOps(bodyOf(req).patchOperations));
      store.checkPlan(next);
      // A stage added here must not give one of the plan's keys a second plan on that stage.
      for (const key of store.keysOfPlan(current.id))
        store.checkKeyStages(
          key.id,
          store.plansOfKey(key.id).map((x) => (x.id === next.id ? next : x)),
        );
      store.state.usagePlans[store.state.usagePlans.indexOf(current)] = next;
      return ok(usagePlanView(next));
    }),
    route('DELETE', '/usageplans/{usagePlanId}', 'DeleteUsagePlan', true, (_req, p) => {
      const plan = store.usagePlan(p.usagePlanId);
      if (plan.apiStages.length > 0) {
        const s = plan.apiStages[0];
        throw badRequest(
          `Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${s.apiId}:${s.stage}`,
        );
      }
      store.state.usagePlans = store.state.usagePlans.filter((x) => x !== plan);
      store.state.usagePlanKeys = store.state.usagePlanKeys.filter((k) => k.usagePlanId !== plan.id);
      return ok(undefined, 202);
    }),
  ];
}
