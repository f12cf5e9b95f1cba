/**
 * The two AWS sources of a key value: an SSM Parameter Store SecureString (decrypted) and a
 * Secrets Manager secret (whole, or one member of a JSON secret). Imported by sources.ts only
 * when a key names one, so plans of other states never load these SDKs. Errors carry AWS's
 * code only: no cause, no AWS message, nothing of the answer (which is the secret).
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describeSource, type KeyValueSource } from '../../kinds/api-key/model.js';
import { awsErrorCode } from '../errors.js';
import { SecretValue } from './secret.js';
import type { KeyValueError, KeyValueReaders } from './sources.js';

type Fail = (message: string, hint: string) => KeyValueError;

export async function fromSsm(
  source: Extract<KeyValueSource, { ssmParameter: string }>,
  readers: KeyValueReaders,
  fail: Fail,
): Promise<SecretValue> {
  let out;
  try {
    out = await readers.ssm().send(new GetParameterCommand({ Name: source.ssmParameter, WithDecryption: true }));
  } catch (e) {
    throw sdkFailure(fail, describeSource(source), e, "ssm:GetParameter (and kms:Decrypt on the parameter's key)");
  }
  const p = out.Parameter;
  if (p?.Type !== 'SecureString') {
    throw fail(
      `${describeSource(source)} is a ${p?.Type ?? 'parameter without a type'}, not a SecureString`,
      'an API key value must be stored encrypted: put it again with `aws ssm put-parameter --type SecureString --overwrite`',
    );
  }
  if (p.Value === undefined) throw fail(`${describeSource(source)} has no value`, 'put a value into the parameter');
  return new SecretValue(p.Value);
}

export async function fromSecretsManager(
  source: Extract<KeyValueSource, { secretsManager: string }>,
  readers: KeyValueReaders,
  fail: Fail,
): Promise<SecretValue> {
  let out;
  try {
    out = await readers.secretsManager().send(new GetSecretValueCommand({ SecretId: source.secretsManager }));
  } catch (e) {
    throw sdkFailure(
      fail,
      describeSource(source),
      e,
      "secretsmanager:GetSecretValue (and kms:Decrypt on the secret's key)",
    );
  }
  if (out.SecretString === undefined)
    throw fail(
      `${describeSource(source)} holds a binary value`,
      "store the key value as the secret's string (SecretString)",
    );
  if (!source.jsonKey) return new SecretValue(out.SecretString);
  return new SecretValue(
    jsonMember(out.SecretString, source.jsonKey, () =>
      fail(
        `${describeSource(source)} is not a JSON object with a string "${source.jsonKey}"`,
        `store {"${source.jsonKey}": "<value>"} in the secret, or drop jsonKey to use the whole string`,
      ),
    ),
  );
}

/** One member of a JSON secret. JSON.parse's own message quotes the text, so it is never passed on. */
function jsonMember(text: string, key: string, fail: () => KeyValueError): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail();
  }
  const v =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string') throw fail();
  return v;
}

const NOT_FOUND = new Set(['ParameterNotFound', 'ParameterVersionNotFound', 'ResourceNotFoundException']);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'KMSAccessDeniedException',
  'CredentialsProviderError',
]);

/** An SDK error → a KeyValueError with AWS's code only (no cause, no AWS message: nothing of the answer travels on). */
function sdkFailure(fail: Fail, what: string, e: unknown, permissions: string): KeyValueError {
  const code = awsErrorCode(e);
  if (NOT_FOUND.has(code))
    return fail(
      `${what} does not exist (${code})`,
      "create it in the state's region, or correct the name in the state",
    );
  if (DENIED.has(code)) return fail(`${what} cannot be read (${code})`, `the AWS credentials need ${permissions}`);
  return fail(
    `${what} cannot be read (${code})`,
    'run the command again; if it persists, check the AWS endpoint and credentials',
  );
}
