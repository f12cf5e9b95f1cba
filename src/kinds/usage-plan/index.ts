/**
 * REST usage plans as an account-scope kind: `usage-plans/<name>.yaml`, read with
 * GetUsagePlans (tags included), written after the APIs (a plan names API stages) and deleted
 * before them. AWS refuses to delete a plan that still has API stages, so the writer takes
 * them out first with one UpdateUsagePlan (`delete.prepare`); any change of a plan is one
 * UpdateUsagePlan too (`update.ops`).
 */
import type { Change } from '../../model/change.js';
import { defineAccountKind } from '../account-kind.js';
import { splitTags } from '../tags/split.js';
import { usagePlanFields } from './fields.js';
import { apiStageKey, type UsagePlanModel, type UsagePlanStageModel } from './model.js';
import { ACCOUNT_RECORD_NAME, usagePlanFileSchema, type UsagePlanFile } from './schema.js';
import { usagePlanCreateInput, usagePlanFromWire, usagePlanPatchOps } from './wire.js';

const rate = (t: { rateLimit: number; burstLimit: number }) => `${t.rateLimit} req/s, burst ${t.burstLimit}`;

/** An update that takes API stages away runs before the APIs when the plan deletes those stages (AWS refuses to delete a stage a plan names). */
function removesStagesThePlanDeletes(change: Change, all: readonly Change[]): boolean {
  const before = (change.before as UsagePlanModel | undefined)?.apiStages ?? {};
  const after = (change.after as UsagePlanModel | undefined)?.apiStages ?? {};
  const gone = Object.values(before).filter((s) => !(apiStageKey(s.api, s.stage) in after));
  return gone.some((s) =>
    all.some(
      (c) =>
        c.apiKey === s.api &&
        c.action === 'delete' &&
        (c.target === 'api' || (c.target === 'stage' && c.name === s.stage)),
    ),
  );
}

export const usagePlanKind = defineAccountKind<UsagePlanModel>({
  target: 'usagePlan',
  label: 'usage plan',
  fields: usagePlanFields,
  flags: (c, acc) => {
    const before = c.before as UsagePlanModel | undefined;
    if (c.action === 'delete' && before && Object.keys(before.apiStages).length > 0)
      acc.breaking.push(
        `usage plan deleted: its keys get 403 Forbidden on ${Object.keys(before.apiStages).sort().join(', ')}`,
      );
  },
  facts: (a) => [
    ['throttle', a.throttle ? rate(a.throttle) : undefined],
    [
      'quota',
      a.quota
        ? `${a.quota.limit.toLocaleString('en-US')} per ${a.quota.period.toLowerCase()}${a.quota.offset ? ` (offset ${a.quota.offset})` : ''}`
        : undefined,
    ],
    ['API stages', Object.keys(a.apiStages).sort().join(', ') || undefined, { raw: true }],
    [
      'method throttles',
      Object.keys(a.apiStages)
        .sort()
        .flatMap((k) =>
          Object.entries(a.apiStages[k].methodThrottles).map(([route, t]) => `${route} on ${k}: ${rate(t)}`),
        )
        .join('; ') || undefined,
      { raw: true },
    ],
  ],
  account: {
    modelKey: 'usagePlans',
    phase: 'after',
    rank: 10,
    flavourOf: () => 'RestApi',
    renamable: true,
    state: {
      dir: 'usage-plans',
      schema: usagePlanFileSchema,
      name: {
        pattern: ACCOUNT_RECORD_NAME,
        hint: "name the file with letters, digits, -, _ or . (at most 128 characters): it is the plan's name in AWS",
      },
      load(name, file: UsagePlanFile, ctx) {
        const apiStages: Record<string, UsagePlanStageModel> = {};
        (file.apiStages ?? []).forEach((s, i) => {
          const key = apiStageKey(s.api, s.stage);
          if (key in apiStages) {
            ctx.issue({
              code: 'duplicate-api-stage',
              message: `usage plan "${name}" names API stage ${key} twice`,
              hint: 'list each API stage once (per-method throttles go under the one entry)',
              path: ['apiStages', i],
            });
            return;
          }
          apiStages[key] = { api: s.api, stage: s.stage, methodThrottles: { ...(s.methodThrottles ?? {}) } };
        });
        const rec: UsagePlanModel = {
          name,
          ...(file.description ? { description: file.description } : {}),
          ...(file.throttle ? { throttle: { ...file.throttle } } : {}),
          ...(file.quota
            ? { quota: { limit: file.quota.limit, period: file.quota.period, offset: file.quota.offset ?? 0 } }
            : {}),
          apiStages,
          tags: { ...(file.tags ?? {}) },
        };
        ctx.add('usagePlan', name, rec, []);
      },
      emit: (_key, rec) => ({
        value: {
          ...(rec.description ? { description: rec.description } : {}),
          ...(rec.throttle ? { throttle: rec.throttle } : {}),
          ...(rec.quota ? { quota: rec.quota } : {}),
          ...(Object.keys(rec.apiStages).length
            ? {
                apiStages: Object.keys(rec.apiStages)
                  .sort()
                  .map((k) => {
                    const s = rec.apiStages[k];
                    return {
                      api: s.api,
                      stage: s.stage,
                      ...(Object.keys(s.methodThrottles).length ? { methodThrottles: s.methodThrottles } : {}),
                    };
                  }),
              }
            : {}),
          ...(Object.keys(rec.tags).length ? { tags: rec.tags } : {}),
        },
        warnings: Object.values(rec.apiStages)
          .filter((s) => s.api.startsWith('(api '))
          .map(
            (s) =>
              `usage plan ${rec.name}: API stage ${s.api.slice(5, -1)}:${s.stage} belongs to an API this state does not describe; import that API too, or the next apply removes the stage from the plan`,
          ),
      }),
    },
    read: [
      {
        op: 'GetUsagePlans',
        flavour: 'RestApi',
        paging: 'position',
        id: 'id',
        name: 'name',
        tags: 'tags',
        record: (item, ctx) => ({
          ...usagePlanFromWire(item, ctx.apiKeyOf),
          tags: splitTags(item.tags as Record<string, string> | undefined).user,
        }),
      },
    ],
    write: {
      RestApi: {
        create: {
          op: 'CreateUsagePlan',
          id: 'id',
          input: (_key, rec, ctx) => usagePlanCreateInput(rec, (k) => ctx.apiIdOf(k)),
        },
        // One UpdateUsagePlan with every change (AWS allows one per 20 s), in the order AWS needs (wire.ts).
        update: { op: 'UpdateUsagePlan', ops: (b, a, ctx) => usagePlanPatchOps(b, a, (k) => ctx.apiIdOf(k)) },
        delete: {
          op: 'DeleteUsagePlan',
          // AWS refuses to delete a plan that still names API stages: take them out first.
          prepare: (_key, id, rec, ctx) => {
            const ops = usagePlanPatchOps(rec, { ...rec, apiStages: {} }, (k) => ctx.apiIdOf(k));
            return ops.length ? { op: 'UpdateUsagePlan', input: { usagePlanId: id, patchOperations: ops } } : undefined;
          },
        },
        address: (_key, id) => ({ usagePlanId: id }),
        tags: 'tags',
        arnPath: (_key, id) => `/usageplans/${id}`,
      },
    },
    importOption: { flag: 'usage-plan', what: 'a REST usage plan (its id or name)' },
    updatePhase: (change, all) => (removesStagesThePlanDeletes(change, all) ? 'before' : 'after'),
  },
});
