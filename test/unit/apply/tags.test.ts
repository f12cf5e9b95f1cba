import { hostname, userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { decodeLock, encodeLock, staleHolder, tagSafe } from '../../../src/aws/lock.js';
import { decodePending, encodePending } from '../../../src/aws/apply/pending.js';
import { decodeDeployed, encodeDeployed } from '../../../src/aws/apply/deployed-tag.js';
import { withPendingDeployments } from '../../../src/engine/pending.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { Plan } from '../../../src/model/plan.js';

/** AWS tag values: letters, digits, spaces and _ . : / = + - @ only, at most 256 characters. */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

describe('tool tags hold only characters AWS allows', () => {
  it('lock round-trips and is tag-safe', () => {
    const value = encodeLock({
      owner: 'me@host|x/12',
      acquiredAt: '2026-11-23T09:00:00.000Z',
      expiresAt: '2026-11-23T09:30:00.000Z',
    });
    expect(value).toMatch(TAG_VALUE);
    expect(decodeLock(value)).toEqual({
      owner: 'me@host_x/12',
      acquiredAt: '2026-11-23T09:00:00.000Z',
      expiresAt: '2026-11-23T09:30:00.000Z',
    });
    expect(decodeLock('garbage')).toBeUndefined();
    expect(tagSafe('a|b;c')).toBe('a_b_c');
  });

  it('pending round-trips and is tag-safe', () => {
    const value = encodePending({
      fingerprint: 'a'.repeat(64),
      desiredHash: 'b'.repeat(64),
      stages: ['prod', 'dev', 'prod'],
    });
    expect(value).toMatch(TAG_VALUE);
    expect(decodePending(value)).toEqual({
      fingerprint: 'a'.repeat(16),
      desiredHash: 'b'.repeat(16),
      stages: ['dev', 'prod'],
    });
    expect(() => decodePending('v9 x')).toThrow(/cannot be read/);
    // The account scope's hash rides along when the plan changes it; stage names never hold ':'.
    const withAccount = encodePending({
      fingerprint: 'a'.repeat(64),
      desiredHash: 'b'.repeat(64),
      stages: ['prod'],
      accountHash: 'c'.repeat(32),
    });
    expect(withAccount).toBe(`v1 ${'a'.repeat(16)} ${'b'.repeat(16)} prod account:${'c'.repeat(16)}`);
    expect(decodePending(withAccount)).toEqual({
      fingerprint: 'a'.repeat(16),
      desiredHash: 'b'.repeat(16),
      stages: ['prod'],
      accountHash: 'c'.repeat(16),
    });
  });

  it('deployed record keeps declared stages only and stays under 256 characters', () => {
    const value = encodeDeployed({ prod: 'abc123', old: 'zzz', dev: 'def456' }, (s) => s !== 'old');
    expect(value).toBe('dev=def456 prod=abc123');
    expect(value).toMatch(TAG_VALUE);
    expect(decodeDeployed(value)).toEqual({ dev: 'def456', prod: 'abc123' });
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`stage${i}`, 'abcdefghij']));
    expect(encodeDeployed(many, () => true).length).toBeLessThanOrEqual(256);
  });
});

describe('stale locks', () => {
  const me = tagSafe(`${userInfo().username}@${hostname()}`);
  it.each([
    { owner: `${me}/${process.pid}/abc`, stale: false, why: 'our own process' },
    { owner: `${me}/2147483646/abc`, stale: true, why: 'a dead process on this machine' },
    { owner: `someone@elsewhere/1/abc`, stale: false, why: 'another machine: cannot tell' },
  ])('$why', ({ owner, stale }) => expect(Boolean(staleHolder(owner, {}))).toBe(stale));

  it('an earlier attempt of the same workflow run is stale; another run is not', () => {
    expect(staleHolder('github-run/77/1/abc', { GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' })).toMatch(/attempt 1/);
    expect(staleHolder('github-run/78/1/abc', { GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' })).toBeUndefined();
  });
});

describe('pending deployments join a fresh plan', () => {
  const plan: Plan = {
    version: 1,
    fingerprint: 'f'.repeat(64),
    createdAt: '2026-11-23T00:00:00.000Z',
    region: 'ap-northeast-2',
    steps: [],
    summary: { add: 0, change: 0, destroy: 0, redeploys: 0, breaking: 0 },
    deployments: {},
  };
  const desired = {
    region: 'ap-northeast-2',
    defaults: {},
    apis: { shop: { kind: 'RestApi', stages: { prod: { name: 'prod', variables: {} } } } },
  } as unknown as GatewayModel;

  it('adds declared stages, drops stages no longer declared, recounts redeploys', () => {
    const p = withPendingDeployments(plan, desired, [
      { apiKey: 'shop', fingerprint: 'f'.repeat(16), desiredHash: '', stages: ['prod', 'gone'] },
      { apiKey: 'removed', fingerprint: '', desiredHash: '', stages: ['prod'] },
    ]);
    expect(p.deployments).toEqual({ shop: ['prod'] });
    expect(p.summary.redeploys).toBe(1);
  });
});

describe('stage names in tag values', () => {
  it("carries $default through the pending tag in AWS's tag alphabet", () => {
    const text = encodePending({
      fingerprint: 'abcdef0123456789ff',
      desiredHash: '0123456789abcdefff',
      stages: ['$default', 'prod'],
    });
    expect(text).toMatch(TAG_VALUE);
    expect(decodePending(text).stages).toEqual(['$default', 'prod']);
  });
  it("carries $default through the deployed tag in AWS's tag alphabet", () => {
    const text = encodeDeployed({ $default: 'd1', prod: 'd2' }, () => true);
    expect(text).toMatch(TAG_VALUE);
    expect(decodeDeployed(text)).toEqual({ $default: 'd1', prod: 'd2' });
  });
});
