import { describe, expect, it } from 'vitest';
import { roleSessionName } from '../../../src/aws/assume-role.js';

describe('roleSessionName (STS: 2–64 of [\\w+=,.@-])', () => {
  it.each([
    ['apigw-sync-acme-shop', 'apigw-sync-acme-shop'],
    ['apigw-sync-acme-my repo~x', 'apigw-sync-acme-my-repo-x'],
    ['apigw-sync-o-' + 'r'.repeat(100), ('apigw-sync-o-' + 'r'.repeat(100)).slice(0, 64)],
    ['a', 'apigw-synca'],
    ['', 'apigw-sync'],
    ['x=1,y@z.w+v_u', 'x=1,y@z.w+v_u'],
  ])('%j → %j', (raw, expected) => {
    const name = roleSessionName(raw);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
