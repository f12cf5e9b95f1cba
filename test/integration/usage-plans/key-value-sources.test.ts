/**
 * Where an API key's value comes from, read with the real SDK v3 clients against the local
 * endpoint: an environment variable, an SSM SecureString (decrypted), a Secrets Manager secret
 * (whole, or one member of a JSON secret). Every refusal names the key and the source and
 * never the value — including JSON.parse's message (it quotes the text) and AWS's answers.
 */
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyValueError, readKeyValue, type KeyValueReaders } from '../../../src/aws/key-values/sources.js';
import type { KeyValueSource } from '../../../src/kinds/api-key/model.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { sdkClients, startTestEmulator } from '../apply/helpers.js';

const GOOD = 'SourcedKeyValue20240000000001';
const SHORT = 'shortValue9';
const NOT_ALNUM = 'has-dashes-and_underscores-000000';

let emu: RunningEmulator;
let readers: KeyValueReaders;

beforeAll(async () => {
  emu = await startTestEmulator();
  const clients = sdkClients(emu.url);
  readers = {
    env: { PARTNER_KEY: GOOD, SHORT_KEY: SHORT, EMPTY_KEY: '' },
    ssm: () => clients.ssm,
    secretsManager: () => clients.secretsManager,
  };
  await clients.ssm.send(new PutParameterCommand({ Name: '/keys/partner', Type: 'SecureString', Value: GOOD }));
  await clients.ssm.send(new PutParameterCommand({ Name: '/keys/plain', Type: 'String', Value: GOOD }));
  await clients.ssm.send(new PutParameterCommand({ Name: '/keys/dashes', Type: 'SecureString', Value: NOT_ALNUM }));
  await clients.secretsManager.send(new CreateSecretCommand({ Name: 'keys/partner', SecretString: GOOD }));
  await clients.secretsManager.send(
    new CreateSecretCommand({ Name: 'keys/json', SecretString: JSON.stringify({ apiKey: GOOD, other: 1 }) }),
  );
  await clients.secretsManager.send(
    new CreateSecretCommand({ Name: 'keys/not-json', SecretString: `${GOOD}-not-json` }),
  );
  await clients.secretsManager.send(new CreateSecretCommand({ Name: 'keys/binary', SecretBinary: Buffer.from(GOOD) }));
}, 60_000);
afterAll(async () => emu?.stop());

const read = (source: KeyValueSource) =>
  readKeyValue({
    keyName: 'partner',
    source,
    readers,
    location: { file: 'gateway-state/api-keys.yaml', line: 3, column: 5 },
  });

describe('reading a key value from its source', () => {
  it.each<[string, KeyValueSource]>([
    ['an environment variable', { env: 'PARTNER_KEY' }],
    ['an SSM SecureString, decrypted', { ssmParameter: '/keys/partner' }],
    ['a Secrets Manager secret', { secretsManager: 'keys/partner' }],
    ['a member of a JSON secret', { secretsManager: 'keys/json', jsonKey: 'apiKey' }],
  ])('%s', async (_label, source) => {
    const v = await read(source);
    expect(v.reveal()).toBe(GOOD);
    expect(`${v}`).toBe('(sensitive)');
  });

  it.each<[string, KeyValueSource, RegExp]>([
    ['an unset environment variable', { env: 'NOT_SET_ANYWHERE' }, /environment variable NOT_SET_ANYWHERE is not set/],
    ['an empty environment variable', { env: 'EMPTY_KEY' }, /environment variable EMPTY_KEY is not set/],
    ['a value too short', { env: 'SHORT_KEY' }, /is shorter than 20 characters/],
    [
      'a value with other characters',
      { ssmParameter: '/keys/dashes' },
      /holds characters other than letters and digits/,
    ],
    [
      'a missing SSM parameter',
      { ssmParameter: '/keys/missing' },
      /SSM parameter \/keys\/missing does not exist \(ParameterNotFound\)/,
    ],
    ['a plain String parameter', { ssmParameter: '/keys/plain' }, /is a String, not a SecureString/],
    ['a missing secret', { secretsManager: 'keys/missing' }, /does not exist \(ResourceNotFoundException\)/],
    ['a binary secret', { secretsManager: 'keys/binary' }, /holds a binary value/],
    [
      'a JSON key of a secret that is not JSON',
      { secretsManager: 'keys/not-json', jsonKey: 'apiKey' },
      /is not a JSON object with a string "apiKey"/,
    ],
    [
      'a JSON key the secret does not have',
      { secretsManager: 'keys/json', jsonKey: 'nope' },
      /is not a JSON object with a string "nope"/,
    ],
    [
      'a JSON key whose member is not a string',
      { secretsManager: 'keys/json', jsonKey: 'other' },
      /is not a JSON object with a string "other"/,
    ],
  ])('refuses %s: names key and source, never the value', async (_label, source, message) => {
    const e = await read(source).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(KeyValueError);
    const err = e as KeyValueError;
    expect(err.message).toMatch(/^API key "partner": /);
    expect(err.message).toMatch(message);
    expect(err.describe()).toMatch(/^gateway-state\/api-keys\.yaml:3:5: /);
    expect(err.hint).toBeTruthy();
    expect(err.cause).toBeUndefined();
    const everything = `${err.describe()} ${JSON.stringify(err)} ${err.stack}`;
    for (const v of [GOOD, SHORT, NOT_ALNUM, 'SourcedKeyValue']) expect(everything).not.toContain(v);
  });
});
