/**
 * How a key value is compared without being kept: a keyed hash.
 *
 *   hash = base64url(HMAC-SHA256(key = salt, message = value))
 *
 * The salt is 16 random bytes, made when the tool creates the key, and stored with the hash
 * in the key's own tag `apigw-sync:value-hash` (`<salt>.<hash>`). Where each part lives,
 * and why that is safe:
 * - AWS (the tag): salt and hash. Whoever can read the tag can read the key itself
 *   (GetApiKeys returns a key's tags, and the same permission with includeValues=true its
 *   value), so the tag tells nobody anything new. API key values are immutable in AWS, so
 *   the tag stays true for the key's life; a tag edited or removed by hand only costs a
 *   confirmation read of the value (src/aws/key-values/settle.ts).
 * - The model, the plan file, the PR comment's data block and the fingerprint: the hash
 *   only, never the salt. Without the 128-bit salt a guess at the value cannot be checked
 *   against the hash, however short or common the value; with it the key could be read
 *   anyway. The rendered outputs mask even the hash.
 * - Nowhere: the value. It lives in memory (SecretValue) between its source and the call
 *   that needs it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { TAG_KEY_VALUE } from '../../model/live.js';
import type { SecretValue } from './secret.js';

export { TAG_KEY_VALUE };

const B64URL = /^[A-Za-z0-9_-]+$/;

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

export function keyedHash(salt: string, value: SecretValue): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(value.reveal(), 'utf8').digest('base64url');
}

/** The tag value: `<salt>.<hash>` (AWS's tag alphabet allows both parts and the dot). */
export function encodeValueTag(salt: string, hash: string): string {
  return `${salt}.${hash}`;
}

/** The salt and hash of a tag, or undefined when it is absent or not the tool's format (then the value is compared directly). */
export function decodeValueTag(tag: string | undefined): { salt: string; hash: string } | undefined {
  if (!tag) return undefined;
  const [salt, hash, ...rest] = tag.split('.');
  if (rest.length > 0 || !salt || !hash || !B64URL.test(salt) || !B64URL.test(hash)) return undefined;
  if (Buffer.from(salt, 'base64url').length !== 16 || Buffer.from(hash, 'base64url').length !== 32) return undefined;
  return { salt, hash };
}

/** A fresh tag for a value the tool is about to give a key. */
export function valueTagFor(value: SecretValue): { salt: string; hash: string; tag: string } {
  const salt = newSalt();
  const hash = keyedHash(salt, value);
  return { salt, hash, tag: encodeValueTag(salt, hash) };
}
