/**
 * The usage plan's field table. AWS keeps a plan's fields in shapes the generic builders do
 * not cover (API stages by id, per-method throttles keyed `/path/METHOD`), so reading and
 * writing go through wire.ts — one CreateUsagePlan, one UpdateUsagePlan with every change
 * (AWS allows one per 20 s) — and the rows carry what a reviewer is told: which changes can
 * turn today's callers away.
 */
import type { FieldTable } from '../field.js';
import type { UsagePlanModel } from './model.js';

const lowered = (b: { rateLimit?: number; burstLimit?: number; limit?: number } | undefined, a: typeof b): boolean =>
  !!b &&
  !!a &&
  ((a.rateLimit ?? Infinity) < (b.rateLimit ?? Infinity) ||
    (a.burstLimit ?? Infinity) < (b.burstLimit ?? Infinity) ||
    (a.limit ?? Infinity) < (b.limit ?? Infinity));

export const usagePlanFields: FieldTable<UsagePlanModel> = {
  name: { rest: { wire: 'name', path: '/name' } },
  description: { rest: { wire: 'description', omitEmpty: true, path: '/description' } },
  throttle: {
    rest: { wire: 'throttle' },
    breaking: (b, a) =>
      lowered(b.throttle, a.throttle)
        ? 'plan throttle lowered: callers may get 429 Too Many Requests sooner'
        : undefined,
  },
  quota: {
    rest: { wire: 'quota' },
    breaking: (b, a) =>
      lowered(b.quota, a.quota) || (b.quota && a.quota && b.quota.period !== a.quota.period)
        ? 'quota lowered or its period changed: callers may run out sooner (429)'
        : undefined,
  },
  apiStages: {
    // Created with create.input and changed in one batch with the plan's other fields (wire.ts, `update.ops` in index.ts).
    rest: { create: false },
    breaking: (b, a) => {
      const out: string[] = [];
      for (const k of Object.keys(b.apiStages)) {
        if (!(k in a.apiStages)) out.push(`API stage ${k} leaves the plan: its keys get 403 Forbidden there`);
        else {
          const bt = b.apiStages[k].methodThrottles;
          const at = a.apiStages[k].methodThrottles;
          if (Object.keys(at).some((r) => lowered(bt[r], at[r]) || (!bt[r] && at[r])))
            out.push(`per-method throttle on ${k} lowered: callers may get 429 sooner`);
        }
      }
      return out;
    },
  },
  tags: {},
};
