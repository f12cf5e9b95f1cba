/**
 * Account-scope changes go around the APIs: what the APIs need before them, what needs the
 * APIs after them, deletes the other way round; apply finds the two parts by position.
 */
import { describe, expect, it } from 'vitest';
import { diffApi } from '../../../src/diff/api.js';
import { diffAccount } from '../../../src/diff/account.js';
import { orderChanges } from '../../../src/plan/order.js';
import { accountParts } from '../../../src/engine/apply-account.js';
import { emptyAccount } from '../../../src/kinds/registry.js';
import type { Change } from '../../../src/model/change.js';
import type { Plan } from '../../../src/model/plan.js';
import { api, stage } from '../../helpers/model-builders.js';

const line = (c: Change) => `${c.apiKey} ${c.action} ${c.target} ${c.name}`;
const cert = (name: string, description?: string) => ({ name, ...(description ? { description } : {}), tags: {} });

describe('orderChanges with account-scope changes', () => {
  it('creates a client certificate before the APIs and deletes one after them', () => {
    const live = { ...emptyAccount(), clientCertificates: { old: cert('old', 'was') } };
    const desired = { ...emptyAccount(), clientCertificates: { backend: cert('backend') } };
    const apiChanges = diffApi('shop', api('shop', 'RestApi', { stages: { prod: stage('prod') } }));
    const ordered = orderChanges([...apiChanges, ...diffAccount(desired, live)]);
    expect(ordered.map(line)).toEqual([
      '(account) create clientCertificate backend',
      'shop create api shop-api',
      'shop create stage prod',
      '(account) delete clientCertificate old',
    ]);
    const plan = { steps: ordered.map((change, i) => ({ seq: i + 1, change })) } as Plan;
    const parts = accountParts(plan);
    expect(parts.before.map((s) => line(s.change))).toEqual(['(account) create clientCertificate backend']);
    expect(parts.after.map((s) => line(s.change))).toEqual(['(account) delete clientCertificate old']);
  });

  it('a rename is one update named by the new name, its `before` carrying the old one', () => {
    const changes = diffAccount(
      { ...emptyAccount(), clientCertificates: { renamed: cert('renamed', 'x') } },
      { ...emptyAccount(), clientCertificates: { old: cert('old', 'x') } },
    );
    expect(changes.map(line)).toEqual(['(account) update clientCertificate renamed']);
    expect((changes[0].before as { name: string }).name).toBe('old');
    expect(changes[0].fields.map((f) => f.path)).toEqual(['name']);
  });
});
