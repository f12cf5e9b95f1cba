/**
 * The keyed hash that stands in for an API key value: equal values under one salt hash
 * alike, a different salt or value does not, the tag round-trips and refuses what is not
 * the tool's format; a SecretValue prints `(sensitive)` by every accidental route.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  SecretValue,
  containsKnownValue,
  decodeValueTag,
  encodeValueTag,
  keyedHash,
  newSalt,
  redactKnownValues,
  valueTagFor,
} from '../../../src/aws/key-values/index.js';

const V = 'UnitTestKeyValue0000000001';

describe('keyed hash of a key value', () => {
  it('is the same for equal values under one salt, and differs by salt and by value', () => {
    const salt = newSalt();
    expect(keyedHash(salt, new SecretValue(V))).toBe(keyedHash(salt, new SecretValue(V)));
    expect(keyedHash(newSalt(), new SecretValue(V))).not.toBe(keyedHash(salt, new SecretValue(V)));
    expect(keyedHash(salt, new SecretValue(`${V}x`))).not.toBe(keyedHash(salt, new SecretValue(V)));
  });

  it('never contains the value, and is 43 base64url characters (HMAC-SHA256)', () => {
    const h = keyedHash(newSalt(), new SecretValue(V));
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(h).not.toContain(V);
  });

  it("tag: round trip, within AWS's tag alphabet and length", () => {
    const t = valueTagFor(new SecretValue(V));
    expect(decodeValueTag(t.tag)).toEqual({ salt: t.salt, hash: t.hash });
    expect(t.tag).toMatch(/^[A-Za-z0-9_.:/=+\-@ ]{1,256}$/);
    expect(keyedHash(t.salt, new SecretValue(V))).toBe(t.hash);
  });

  it.each([
    undefined,
    '',
    'abc',
    'a.b.c',
    `${'A'.repeat(22)}.${'B'.repeat(10)}`,
    `${'A'.repeat(22)}.${'B'.repeat(43)}!`,
    encodeValueTag('short', 'x'),
  ])("tag %j is not the tool's: undefined", (tag) => {
    expect(decodeValueTag(tag)).toBeUndefined();
  });
});

describe('SecretValue', () => {
  const s = new SecretValue('AnotherSecretValue12345678');
  it.each([
    ['template string', () => `${s}`],
    ['String()', () => String(s)],
    ['JSON.stringify', () => JSON.stringify({ s })],
    ['util.inspect', () => inspect({ s })],
    ['an Error message', () => new Error(`bad ${s}`).message],
  ])('%s shows (sensitive)', (_label, f) => {
    const out = f();
    expect(out).toContain('(sensitive)');
    expect(out).not.toContain('AnotherSecretValue');
  });

  it('reveal() and equals()', () => {
    expect(s.reveal()).toBe('AnotherSecretValue12345678');
    expect(s.equals(new SecretValue('AnotherSecretValue12345678'))).toBe(true);
    expect(s.equals(new SecretValue('AnotherSecretValue1234567X'))).toBe(false);
    expect(s.equals(new SecretValue('short'))).toBe(false);
  });

  it('the last line of defence redacts every value the process has held', () => {
    expect(containsKnownValue('x AnotherSecretValue12345678 y')).toBe(true);
    expect(redactKnownValues('x AnotherSecretValue12345678 y AnotherSecretValue12345678')).toBe(
      'x (sensitive) y (sensitive)',
    );
    expect(redactKnownValues('nothing here')).toBe('nothing here');
  });
});
