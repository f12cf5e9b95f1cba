import { describe, expect, it } from 'vitest';
import { fingerprintMatches, planFingerprint, shortFingerprint } from '../../../src/plan/fingerprint.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { api, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const desired = () =>
  gateway([api('shop', 'RestApi', { stages: { prod: stage('prod', { variables: { a: '1', b: '2' } }) }, routes: [route('RestApi', 'GET', '/x')] })]);
const live = () => snapshot([api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/x')] })]);

/** Rebuilds an object with its keys in reverse order, at every level. */
function reverseKeys<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(reverseKeys) as T;
  return Object.fromEntries(Object.entries(v as object).reverse().map(([k, x]) => [k, reverseKeys(x)])) as T;
}

describe('planFingerprint', () => {
  it('is a full sha256; people see 12 characters', () => {
    const fp = planFingerprint(desired(), live());
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(shortFingerprint(fp)).toBe(fp.slice(0, 12));
  });

  it('does not depend on key order', () => {
    expect(planFingerprint(reverseKeys(desired()), reverseKeys(live()))).toBe(planFingerprint(desired(), live()));
  });

  it('ignores live ids and the tool tags (the apply writes its own lock tag)', () => {
    const l = live();
    l.apis.shop.ids.toolTags['apigw-sync:lock'] = 'me';
    l.apis.shop.ids.apiId = 'other';
    expect(planFingerprint(desired(), l)).toBe(planFingerprint(desired(), live()));
  });

  const edits: [string, (d: GatewayModel, l: LiveSnapshot) => void][] = [
    ['desired stage variable', (d) => (d.apis.shop.stages.prod.variables.b = '3')],
    ['desired route added', (d) => (d.apis.shop.routes['GET /y'] = route('RestApi', 'GET', '/y'))],
    ['desired defaults', (d) => (d.defaults.rollout = { steps: [50, 100] })],
    ['live integration uri', (_d, l) => (l.apis.shop.model.routes['GET /x'].integration.uri = 'https://changed/')],
    ['live api missing', (_d, l) => delete l.apis.shop],
    ['region', (d) => (d.region = 'us-east-1')],
    ['array order in desired', (d) => (d.apis.shop.binaryMediaTypes = ['b', 'a'])],
  ];
  it.each(edits)('changes when %s changes', (_name, edit) => {
    const d = desired();
    const l = live();
    edit(d, l);
    expect(planFingerprint(d, l)).not.toBe(planFingerprint(desired(), live()));
  });

  it('matches a full hash or a ≥12-char prefix, nothing shorter or different', () => {
    const fp = planFingerprint(desired(), live());
    expect(fingerprintMatches(fp, fp)).toBe(true);
    expect(fingerprintMatches(fp.slice(0, 12).toUpperCase(), fp)).toBe(true);
    expect(fingerprintMatches(fp.slice(0, 8), fp)).toBe(false);
    expect(fingerprintMatches('0'.repeat(12), fp)).toBe(fp.startsWith('0'.repeat(12)));
    expect(fingerprintMatches(clone(fp).replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), fp)).toBe(false);
  });
});
