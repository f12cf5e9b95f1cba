/**
 * Usage-plan keys: Create (`keyType` API_KEY; the key at most once per plan, in at most 10
 * plans, and never in two plans that share an API stage), Get, GetUsagePlanKeys (`name`
 * filters by prefix; paged) and Delete. A usage-plan key shows the API key's id, name and
 * value, as AWS's UsagePlanKey does.
 */
import { route } from '../apigw-v1/route.js';
import { bodyOf, compact, ok, page, reqStr } from '../apigw-v1/wire.js';
import { badRequest, conflict, limitExceeded, notFound, type RouteDef } from '../core/types.js';
import { USAGE_LIMITS, type UsagePlansStore } from './store.js';
import type { ApiKey } from './types.js';

const view = (k: ApiKey) => compact({ id: k.id, type: 'API_KEY', value: k.value, name: k.name });

export function usagePlanKeyRoutes(store: UsagePlansStore): RouteDef[] {
  const at = '/usageplans/{usagePlanId}/keys';
  return [
    route('POST', at, 'CreateUsagePlanKey', true, (req, p) => {
      const plan = store.usagePlan(p.usagePlanId);
      const b = bodyOf(req);
      const keyType = reqStr(b, 'keyType');
      if (keyType !== 'API_KEY')
        throw badRequest(`Invalid key type ${keyType}: the only usage plan key type is API_KEY`);
      const key = store.apiKey(reqStr(b, 'keyId'));
      if (store.state.usagePlanKeys.some((k) => k.usagePlanId === plan.id && k.keyId === key.id))
        throw conflict(`API Key ${key.id} is already in Usage Plan ${plan.id}`);
      const plans = store.plansOfKey(key.id);
      if (plans.length >= USAGE_LIMITS.usagePlansPerKey)
        throw limitExceeded(`An API key can be in at most ${USAGE_LIMITS.usagePlansPerKey} usage plans`);
      store.checkKeyStages(key.id, [...plans, plan]);
      store.state.usagePlanKeys.push({ usagePlanId: plan.id, keyId: key.id });
      return ok(view(key), 201);
    }),
    route('GET', at, 'GetUsagePlanKeys', false, (req, p) => {
      const name = req.query.get('name');
      const keys = store
        .keysOfPlan(store.usagePlan(p.usagePlanId).id)
        .filter((k) => name === null || (k.name ?? '').startsWith(name));
      return ok(page(keys.map(view), req));
    }),
    route('GET', `${at}/{keyId}`, 'GetUsagePlanKey', false, (_req, p) => {
      const plan = store.usagePlan(p.usagePlanId);
      if (!store.state.usagePlanKeys.some((k) => k.usagePlanId === plan.id && k.keyId === p.keyId))
        throw notFound('Invalid Usage Plan Key identifier specified');
      return ok(view(store.apiKey(p.keyId)));
    }),
    route('DELETE', `${at}/{keyId}`, 'DeleteUsagePlanKey', true, (_req, p) => {
      const plan = store.usagePlan(p.usagePlanId);
      const entry = store.state.usagePlanKeys.find((k) => k.usagePlanId === plan.id && k.keyId === p.keyId);
      if (!entry) throw notFound('Invalid Usage Plan Key identifier specified');
      store.state.usagePlanKeys = store.state.usagePlanKeys.filter((k) => k !== entry);
      return ok(undefined, 202);
    }),
  ];
}
