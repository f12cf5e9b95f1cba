/**
 * The API key's field table. The value is not a field: only its keyed hash is (`valueHash`,
 * sensitive and derived from the value's source), and AWS cannot change a key's value, so a
 * new hash means a new key (`recreateOn` in index.ts: made before broken). Which plans a key is
 * in are usage-plan keys on the wire (CreateUsagePlanKey / DeleteUsagePlanKey), written with
 * the key.
 */
import type { FieldTable } from '../field.js';
import type { ApiKeyModel } from './model.js';

const plansOf = (k: ApiKeyModel) =>
  k.usagePlans.length ? `usage plan${k.usagePlans.length === 1 ? '' : 's'} ${k.usagePlans.join(', ')}` : '';

export const apiKeyFields: FieldTable<ApiKeyModel> = {
  name: { rest: { wire: 'name', path: '/name' } },
  description: { rest: { wire: 'description', omitEmpty: true, path: '/description' } },
  enabled: {
    rest: { wire: 'enabled', default: false, path: '/enabled' },
    breaking: (b, a) =>
      b.enabled && !a.enabled && b.usagePlans.length > 0
        ? `key disabled while in ${plansOf(b)}: its callers get 403 Forbidden`
        : undefined,
  },
  customerId: { rest: { wire: 'customerId', omitEmpty: true, path: '/customerId' } },
  usagePlans: {
    rest: { create: false },
    breaking: (b, a) =>
      b.usagePlans
        .filter((p) => !a.usagePlans.includes(p))
        .map((p) => `key leaves usage plan ${p}: its callers lose that plan's API stages (403 Forbidden)`),
  },
  tags: {},
  valueFrom: { rest: { create: false } },
  valueHash: {
    rest: { create: false },
    sensitive: true,
    derived: true,
    breaking: (b, a) =>
      b.valueHash !== a.valueHash
        ? 'key value changes: AWS cannot change a value, so the key is recreated — callers still sending the old value get 403 Forbidden once the old key is deleted'
        : undefined,
  },
};
