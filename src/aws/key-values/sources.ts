/**
 * Reads an API key's value from where the state says it is: an environment variable, an
 * SSM Parameter Store SecureString, or a Secrets Manager secret (optionally one member of a
 * JSON secret). The value comes back as a SecretValue; errors name the key and the source,
 * never the value, and carry no `cause` (an SDK error or a JSON parse error can hold text of
 * the answer, which here is the secret).
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describeSource, type KeyValueSource } from '../../kinds/api-key/model.js';
import { ApigwSyncError, type SourceLocation } from '../../model/errors.js';
import { SecretValue } from './secret.js';

export interface KeyValueReaders {
  /** The environment of the process (apply's: where CI puts its secrets). */
  env: NodeJS.ProcessEnv;
  ssm(): SSMClient;
  secretsManager(): SecretsManagerClient;
}

/** A key's value source cannot be read, or holds no valid key value. Says which key and source; never the value. */
export class KeyValueError extends ApigwSyncError {
  constructor(
    readonly keyName: string,
    readonly reason: 'unavailable' | 'invalid',
    message: string,
    opts: { hint: string; location?: SourceLocation },
  ) {
    super(
      reason === 'invalid' ? 'KEY_VALUE_INVALID' : 'KEY_VALUE_UNAVAILABLE',
      `API key "${keyName}": ${message}`,
      opts,
    );
  }
}

/** AWS's rule for a value given to CreateApiKey: 20 to 128 letters and digits. */
export const KEY_VALUE_RULE = /^[A-Za-z0-9]{20,128}$/;

export interface ReadKeyValueOptions {
  keyName: string;
  source: KeyValueSource;
  readers: KeyValueReaders;
  /** Where the state names the source (for the error). */
  location?: SourceLocation;
}

export async function readKeyValue(o: ReadKeyValueOptions): Promise<SecretValue> {
  const value = await fetchValue(o);
  checkKeyValue(o.keyName, o.source, value, o.location);
  return value;
}

/** AWS refuses other values ("API Key value should be at least 20 characters"): say so before anything is written, without the value. */
export function checkKeyValue(
  keyName: string,
  source: KeyValueSource,
  value: SecretValue,
  location?: SourceLocation,
): void {
  if (KEY_VALUE_RULE.test(value.reveal())) return;
  const v = value.reveal();
  const what =
    v.length < 20
      ? 'is shorter than 20 characters'
      : v.length > 128
        ? 'is longer than 128 characters'
        : 'holds characters other than letters and digits';
  throw new KeyValueError(keyName, 'invalid', `the value in ${describeSource(source)} ${what}`, {
    hint: 'AWS takes 20 to 128 letters and digits as an API key value: store such a value there (e.g. `openssl rand -hex 20`), or drop `value:` to let AWS generate one',
    location,
  });
}

async function fetchValue(o: ReadKeyValueOptions): Promise<SecretValue> {
  const { source, keyName, location } = o;
  const fail = (message: string, hint: string) =>
    new KeyValueError(keyName, 'unavailable', message, { hint, location });
  if ('env' in source) {
    const v = o.readers.env[source.env];
    if (v === undefined || v === '')
      throw fail(
        `environment variable ${source.env} is not set`,
        `set ${source.env} in the environment that runs apigw-sync (in CI: a repository or environment secret)`,
      );
    return new SecretValue(v);
  }
  // Only a state whose keys name Parameter Store or Secrets Manager loads those SDKs.
  const aws = await import('./aws-sources.js');
  return 'ssmParameter' in source
    ? aws.fromSsm(source, o.readers, fail)
    : aws.fromSecretsManager(source, o.readers, fail);
}
