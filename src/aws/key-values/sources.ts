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
import { awsErrorCode } from '../errors.js';
// Loaded on first use: only a state whose keys name SSM or Secrets Manager loads those SDKs.
import { loadSecretsManagerSdk, loadSsmSdk } from '../key-value-sdk.js';
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
    super(reason === 'invalid' ? 'KEY_VALUE_INVALID' : 'KEY_VALUE_UNAVAILABLE', `API key "${keyName}": ${message}`, opts);
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
export function checkKeyValue(keyName: string, source: KeyValueSource, value: SecretValue, location?: SourceLocation): void {
  if (KEY_VALUE_RULE.test(value.reveal())) return;
  const v = value.reveal();
  const what = v.length < 20 ? 'is shorter than 20 characters' : v.length > 128 ? 'is longer than 128 characters' : 'holds characters other than letters and digits';
  throw new KeyValueError(keyName, 'invalid', `the value in ${describeSource(source)} ${what}`, {
    hint: 'AWS takes 20 to 128 letters and digits as an API key value: store such a value there (e.g. `openssl rand -hex 20`), or drop `value:` to let AWS generate one',
    location,
  });
}

async function fetchValue(o: ReadKeyValueOptions): Promise<SecretValue> {
  const { source, keyName, location } = o;
  const fail = (message: string, hint: string) => new KeyValueError(keyName, 'unavailable', message, { hint, location });
  if ('env' in source) {
    const v = o.readers.env[source.env];
    if (v === undefined || v === '') throw fail(`environment variable ${source.env} is not set`, `set ${source.env} in the environment that runs apigw-sync (in CI: a repository or environment secret)`);
    return new SecretValue(v);
  }
  if ('ssmParameter' in source) {
    let out;
    try {
      out = await o.readers.ssm().send(new (loadSsmSdk().GetParameterCommand)({ Name: source.ssmParameter, WithDecryption: true }));
    } catch (e) {
      throw sdkFailure(fail, describeSource(source), e, 'ssm:GetParameter (and kms:Decrypt on the parameter\'s key)');
    }
    const p = out.Parameter;
    if (p?.Type !== 'SecureString') {
      throw fail(`${describeSource(source)} is a ${p?.Type ?? 'parameter without a type'}, not a SecureString`, 'an API key value must be stored encrypted: put it again with `aws ssm put-parameter --type SecureString --overwrite`');
    }
    if (p.Value === undefined) throw fail(`${describeSource(source)} has no value`, 'put a value into the parameter');
    return new SecretValue(p.Value);
  }
  let out;
  try {
    out = await o.readers.secretsManager().send(new (loadSecretsManagerSdk().GetSecretValueCommand)({ SecretId: source.secretsManager }));
  } catch (e) {
    throw sdkFailure(fail, describeSource(source), e, 'secretsmanager:GetSecretValue (and kms:Decrypt on the secret\'s key)');
  }
  if (out.SecretString === undefined) throw fail(`${describeSource(source)} holds a binary value`, 'store the key value as the secret\'s string (SecretString)');
  if (!source.jsonKey) return new SecretValue(out.SecretString);
  return new SecretValue(jsonMember(out.SecretString, source.jsonKey, () => fail(`${describeSource(source)} is not a JSON object with a string "${source.jsonKey}"`, `store {"${source.jsonKey}": "<value>"} in the secret, or drop jsonKey to use the whole string`)));
}

/** One member of a JSON secret. JSON.parse's own message quotes the text, so it is never passed on. */
function jsonMember(text: string, key: string, fail: () => KeyValueError): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail();
  }
  const v = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string') throw fail();
  return v;
}

const NOT_FOUND = new Set(['ParameterNotFound', 'ParameterVersionNotFound', 'ResourceNotFoundException']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'KMSAccessDeniedException', 'CredentialsProviderError']);

/** An SDK error → a KeyValueError with AWS's code only (no cause, no AWS message: nothing of the answer travels on). */
function sdkFailure(fail: (m: string, h: string) => KeyValueError, what: string, e: unknown, permissions: string): KeyValueError {
  const code = awsErrorCode(e);
  if (NOT_FOUND.has(code)) return fail(`${what} does not exist (${code})`, 'create it in the state\'s region, or correct the name in the state');
  if (DENIED.has(code)) return fail(`${what} cannot be read (${code})`, `the AWS credentials need ${permissions}`);
  return fail(`${what} cannot be read (${code})`, 'run the command again; if it persists, check the AWS endpoint and credentials');
}
