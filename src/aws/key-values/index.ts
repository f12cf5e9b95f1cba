/**
 * API key values: where they come from (sources.ts — imported on demand, since it loads the
 * SSM and Secrets Manager SDKs), how they are compared (hash.ts, a keyed hash) and how they
 * never reach an output (secret.ts).
 */
export { SecretValue, SENSITIVE, redactKnownValues, containsKnownValue } from './secret.js';
export { TAG_KEY_VALUE, keyedHash, newSalt, encodeValueTag, decodeValueTag, valueTagFor } from './hash.js';
export type { KeyValueReaders, KeyValueError } from './sources.js';
