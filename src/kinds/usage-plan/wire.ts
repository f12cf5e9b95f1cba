/**
 * Usage plans on the wire (API Gateway v1), both ways, pure: a GetUsagePlans item → the
 * model (API ids → folder keys), the model → CreateUsagePlan members, and the one batch of
 * PATCH operations UpdateUsagePlan takes from one plan to another. AWS allows one
 * UpdateUsagePlan per 20 s per account, so a change of any number of fields is one call.
 */
import { routeKey } from '../route/model.js';
import type { PatchOperation } from '../patch.js';
import {
  apiStageKey,
  type QuotaModel,
  type ThrottleModel,
  type UsagePlanModel,
  type UsagePlanStageModel,
} from './model.js';

type Obj = Record<string, unknown>;

/** `GET /pets` → `/pets/GET`; the root resource `GET /` → `//GET` (AWS's key of a per-method throttle). */
export function awsMethodKey(route: string): string {
  const space = route.indexOf(' ');
  return `${route.slice(space + 1)}/${route.slice(0, space)}`;
}

/** `/pets/GET` → `GET /pets`; `//GET` → `GET /`. */
export function routeOfAwsMethodKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const path = key.slice(0, slash) || '/';
  return routeKey(key.slice(slash + 1), path);
}

function throttleOf(w: unknown): ThrottleModel | undefined {
  if (!w || typeof w !== 'object') return undefined;
  const t = w as Obj;
  if (t.rateLimit === undefined && t.burstLimit === undefined) return undefined;
  return { rateLimit: Number(t.rateLimit ?? 0), burstLimit: Number(t.burstLimit ?? 0) };
}

function quotaOf(w: unknown): QuotaModel | undefined {
  if (!w || typeof w !== 'object') return undefined;
  const q = w as Obj;
  if (q.limit === undefined) return undefined;
  return { limit: Number(q.limit), period: q.period as QuotaModel['period'], offset: Number(q.offset ?? 0) };
}

/** How a live API stage of an API no folder describes is keyed (apply removes it: the plan is this state's). */
export const foreignApiKey = (apiId: string): string => `(api ${apiId})`;

/** A GetUsagePlans item → the model. `apiKeyOf`: live API id → folder key (undefined: not this state's API). */
export function usagePlanFromWire(item: Obj, apiKeyOf: (apiId: string) => string | undefined): UsagePlanModel {
  const apiStages: Record<string, UsagePlanStageModel> = {};
  for (const s of (item.apiStages as Obj[] | undefined) ?? []) {
    const api = apiKeyOf(String(s.apiId)) ?? foreignApiKey(String(s.apiId));
    const stage = String(s.stage);
    const methodThrottles: Record<string, ThrottleModel> = {};
    for (const [k, t] of Object.entries((s.throttle as Obj | undefined) ?? {}))
      methodThrottles[routeOfAwsMethodKey(k)] = throttleOf(t) ?? { rateLimit: 0, burstLimit: 0 };
    apiStages[apiStageKey(api, stage)] = { api, stage, methodThrottles };
  }
  const out: UsagePlanModel = { name: String(item.name), apiStages, tags: {} };
  if (typeof item.description === 'string' && item.description !== '') out.description = item.description;
  const throttle = throttleOf(item.throttle);
  if (throttle) out.throttle = throttle;
  const quota = quotaOf(item.quota);
  if (quota) out.quota = quota;
  return out;
}

/** The live id of a folder's API (absent: a foreign key read from AWS, whose id is in the key). */
export type ApiIdOf = (apiKey: string) => string;

function stageId(s: UsagePlanStageModel, apiIdOf: ApiIdOf): string {
  const foreign = /^\(api (.+)\)$/.exec(s.api);
  return `${foreign ? foreign[1] : apiIdOf(s.api)}:${s.stage}`;
}

function awsThrottleMap(m: Record<string, ThrottleModel>): Record<string, ThrottleModel> {
  const out: Record<string, ThrottleModel> = {};
  for (const k of Object.keys(m).sort())
    out[awsMethodKey(k)] = { rateLimit: m[k].rateLimit, burstLimit: m[k].burstLimit };
  return out;
}

/** CreateUsagePlan members (tags are the account writer's). */
export function usagePlanCreateInput(rec: UsagePlanModel, apiIdOf: ApiIdOf): Obj {
  const stages = Object.keys(rec.apiStages)
    .sort()
    .map((k) => {
      const s = rec.apiStages[k];
      const [apiId, stage] = stageId(s, apiIdOf).split(/:(.*)/s);
      return {
        apiId,
        stage,
        ...(Object.keys(s.methodThrottles).length ? { throttle: awsThrottleMap(s.methodThrottles) } : {}),
      };
    });
  return {
    name: rec.name,
    ...(rec.description ? { description: rec.description } : {}),
    ...(rec.throttle ? { throttle: { ...rec.throttle } } : {}),
    ...(rec.quota ? { quota: { ...rec.quota } } : {}),
    ...(stages.length ? { apiStages: stages } : {}),
  };
}

const num = (n: number) => String(n);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The PATCH operations from `before` to `after`, in the order AWS needs them: API stages
 * removed first (a key may not reach one stage through two plans, even for a moment), then
 * the plan's own fields, then stages added and their per-method throttles.
 */
export function usagePlanPatchOps(before: UsagePlanModel, after: UsagePlanModel, apiIdOf: ApiIdOf): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const k of Object.keys(before.apiStages).sort()) {
    if (!(k in after.apiStages))
      ops.push({ op: 'remove', path: '/apiStages', value: stageId(before.apiStages[k], apiIdOf) });
  }
  if (before.name !== after.name) ops.push({ op: 'replace', path: '/name', value: after.name });
  if ((before.description ?? '') !== (after.description ?? ''))
    ops.push({ op: 'replace', path: '/description', value: after.description ?? '' });
  if (!sameJson(before.throttle, after.throttle)) {
    if (!after.throttle) ops.push({ op: 'remove', path: '/throttle' });
    else {
      // `add` when the plan had none, `replace` when it had one (what AWS's examples and Terraform's provider send).
      const op = before.throttle ? 'replace' : 'add';
      if (before.throttle?.rateLimit !== after.throttle.rateLimit)
        ops.push({ op, path: '/throttle/rateLimit', value: num(after.throttle.rateLimit) });
      if (before.throttle?.burstLimit !== after.throttle.burstLimit)
        ops.push({ op, path: '/throttle/burstLimit', value: num(after.throttle.burstLimit) });
    }
  }
  if (!sameJson(before.quota, after.quota)) {
    if (!after.quota) ops.push({ op: 'remove', path: '/quota' });
    else {
      const op = before.quota ? 'replace' : 'add';
      // Period before offset: the offset's range depends on the period, and AWS checks the result.
      if (before.quota?.limit !== after.quota.limit)
        ops.push({ op, path: '/quota/limit', value: num(after.quota.limit) });
      if (before.quota?.period !== after.quota.period)
        ops.push({ op, path: '/quota/period', value: after.quota.period });
      if (before.quota?.offset !== after.quota.offset || !before.quota)
        ops.push({ op, path: '/quota/offset', value: num(after.quota.offset) });
    }
  }
  for (const k of Object.keys(after.apiStages).sort()) {
    const a = after.apiStages[k];
    const b = before.apiStages[k];
    const id = stageId(a, apiIdOf);
    if (!b) ops.push({ op: 'add', path: '/apiStages', value: id });
    ops.push(...methodThrottleOps(id, b?.methodThrottles ?? {}, a.methodThrottles));
  }
  return ops;
}

/**
 * Per-method throttles of one API stage, with the paths AWS documents: `replace
 * /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/rateLimit|burstLimit`
 * (the resource path as it is, `/pets`, as Terraform's provider sends it) and `remove
 * /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}`.
 */
function methodThrottleOps(
  stageId: string,
  before: Record<string, ThrottleModel>,
  after: Record<string, ThrottleModel>,
): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const at = (route: string) => `/apiStages/${stageId}/throttle/${awsMethodKey(route)}`;
  for (const route of Object.keys(before).sort()) if (!(route in after)) ops.push({ op: 'remove', path: at(route) });
  for (const route of Object.keys(after).sort()) {
    const b = before[route];
    const a = after[route];
    if (b?.rateLimit !== a.rateLimit)
      ops.push({ op: 'replace', path: `${at(route)}/rateLimit`, value: num(a.rateLimit) });
    if (b?.burstLimit !== a.burstLimit)
      ops.push({ op: 'replace', path: `${at(route)}/burstLimit`, value: num(a.burstLimit) });
  }
  return ops;
}
