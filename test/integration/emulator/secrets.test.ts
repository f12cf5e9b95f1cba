/**
 * Where an API key value can live outside Git, over HTTP with the real SDK clients: an SSM
 * SecureString parameter (PutParameter, GetParameter with and without WithDecryption) and a
 * Secrets Manager secret (CreateSecret, GetSecretValue, PutSecretValue), with AWS's refusals.
 */
import * as sm from '@aws-sdk/client-secrets-manager';
import * as ssm from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkConfig, sdkError, startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const VALUE = 'abcdefghij0123456789ABCDEFGHIJ';
let emu: Emu;
let p: ssm.SSMClient;
let s: sm.SecretsManagerClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  const cfg = sdkConfig(emu, REGION);
  p = new ssm.SSMClient(cfg);
  s = new sm.SecretsManagerClient(cfg);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.control.reset());

describe('SSM Parameter Store', () => {
  it('keeps a SecureString: ciphertext without WithDecryption, the value with it; versions count up', async () => {
    expect(
      await p.send(
        new ssm.PutParameterCommand({
          Name: '/shop/partner-key',
          Value: VALUE,
          Type: 'SecureString',
          Description: 'partner API key',
        }),
      ),
    ).toMatchObject({ Version: 1, Tier: 'Standard' });
    const sealed = (await p.send(new ssm.GetParameterCommand({ Name: '/shop/partner-key' }))).Parameter!;
    expect(sealed).toMatchObject({
      Name: '/shop/partner-key',
      Type: 'SecureString',
      Version: 1,
      DataType: 'text',
      ARN: `arn:aws:ssm:${REGION}:000000000000:parameter/shop/partner-key`,
    });
    expect(sealed.Value).not.toContain(VALUE);
    expect(sealed.LastModifiedDate).toBeInstanceOf(Date);
    expect(
      (await p.send(new ssm.GetParameterCommand({ Name: '/shop/partner-key', WithDecryption: true }))).Parameter?.Value,
    ).toBe(VALUE);
    expect(
      (await p.send(new ssm.PutParameterCommand({ Name: '/shop/partner-key', Value: `${VALUE}2`, Overwrite: true })))
        .Version,
    ).toBe(2);
    expect(
      (await p.send(new ssm.GetParameterCommand({ Name: '/shop/partner-key', WithDecryption: true }))).Parameter?.Value,
    ).toBe(`${VALUE}2`);
    expect(
      (await p.send(new ssm.GetParameterCommand({ Name: '/shop/partner-key:1', WithDecryption: true }))).Parameter,
    ).toMatchObject({ Value: VALUE, Version: 1, Selector: ':1' });
    expect(
      (await p.send(new ssm.GetParameterCommand({ Name: sealed.ARN, WithDecryption: true }))).Parameter?.Value,
    ).toBe(`${VALUE}2`);
  });

  it('returns String parameters in clear', async () => {
    await p.send(new ssm.PutParameterCommand({ Name: 'plain', Value: 'hello', Type: 'String' }));
    expect((await p.send(new ssm.GetParameterCommand({ Name: 'plain' }))).Parameter).toMatchObject({
      Value: 'hello',
      ARN: `arn:aws:ssm:${REGION}:000000000000:parameter/plain`,
    });
  });

  it.each([
    [
      'an existing name without Overwrite',
      async () => {
        await p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'a', Type: 'String' }));
        return p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'b', Type: 'String' }));
      },
      'ParameterAlreadyExists',
    ],
    [
      'a new parameter without a Type',
      () => p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'a' })),
      'ValidationException',
    ],
    [
      'tags together with Overwrite',
      async () => {
        await p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'a', Type: 'String' }));
        return p.send(
          new ssm.PutParameterCommand({ Name: '/k', Value: 'b', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] }),
        );
      },
      'ValidationException',
    ],
    [
      'a changed Type',
      async () => {
        await p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'a', Type: 'String' }));
        return p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'b', Type: 'SecureString', Overwrite: true }));
      },
      'HierarchyTypeMismatchException',
    ],
    [
      'a path name without a leading slash',
      () => p.send(new ssm.PutParameterCommand({ Name: 'a/b', Value: 'a', Type: 'String' })),
      'ValidationException',
    ],
    [
      'a name prefixed aws',
      () => p.send(new ssm.PutParameterCommand({ Name: '/aws/x', Value: 'a', Type: 'String' })),
      'ValidationException',
    ],
    [
      'a value over 4 KB in the standard tier',
      () => p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'x'.repeat(4097), Type: 'String' })),
      'ValidationException',
    ],
    [
      'a value the AllowedPattern refuses',
      () => p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })),
      'ParameterPatternMismatchException',
    ],
    [
      'a parameter that does not exist',
      () => p.send(new ssm.GetParameterCommand({ Name: '/nope' })),
      'ParameterNotFound',
    ],
    [
      'a version that does not exist',
      async () => {
        await p.send(new ssm.PutParameterCommand({ Name: '/k', Value: 'a', Type: 'String' }));
        return p.send(new ssm.GetParameterCommand({ Name: '/k:7' }));
      },
      'ParameterVersionNotFound',
    ],
  ])('refuses %s', async (_label, call, name) => {
    expect((await sdkError(call)).name).toBe(name);
  });
});

describe('Secrets Manager', () => {
  it('creates a secret with an ARN ending in six random characters and reads it by name, ARN or partial ARN', async () => {
    const c = await s.send(
      new sm.CreateSecretCommand({
        Name: 'shop/partner-key',
        SecretString: VALUE,
        Tags: [{ Key: 'team', Value: 'shop' }],
      }),
    );
    expect(c.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:000000000000:secret:shop/partner-key-[A-Za-z0-9]{6}$`),
    );
    for (const SecretId of ['shop/partner-key', c.ARN!, c.ARN!.slice(0, -7)]) {
      expect(await s.send(new sm.GetSecretValueCommand({ SecretId }))).toMatchObject({
        Name: 'shop/partner-key',
        SecretString: VALUE,
        VersionId: c.VersionId,
        VersionStages: ['AWSCURRENT'],
      });
    }
  });

  it('rotates the value with PutSecretValue: the new one AWSCURRENT, the old one AWSPREVIOUS', async () => {
    const c = await s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'old-value' }));
    const put = await s.send(new sm.PutSecretValueCommand({ SecretId: 'k', SecretString: 'new-value' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect((await s.send(new sm.GetSecretValueCommand({ SecretId: 'k' }))).SecretString).toBe('new-value');
    expect(await s.send(new sm.GetSecretValueCommand({ SecretId: 'k', VersionStage: 'AWSPREVIOUS' }))).toMatchObject({
      SecretString: 'old-value',
      VersionId: c.VersionId,
    });
  });

  it('keeps binary secrets as bytes', async () => {
    await s.send(new sm.CreateSecretCommand({ Name: 'bin', SecretBinary: new TextEncoder().encode(VALUE) }));
    expect(
      new TextDecoder().decode((await s.send(new sm.GetSecretValueCommand({ SecretId: 'bin' }))).SecretBinary),
    ).toBe(VALUE);
  });

  it('is idempotent on ClientRequestToken', async () => {
    const token = '11111111-2222-3333-4444-555555555555';
    const a = await s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'v', ClientRequestToken: token }));
    const b = await s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'v', ClientRequestToken: token }));
    expect(b).toMatchObject({ ARN: a.ARN, VersionId: token });
  });

  it.each([
    [
      'a name that exists',
      async () => {
        await s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'v' }));
        return s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'w' }));
      },
      'ResourceExistsException',
      'The operation failed because the secret k already exists.',
    ],
    [
      'both a string and a binary value',
      () => s.send(new sm.CreateSecretCommand({ Name: 'k', SecretString: 'v', SecretBinary: new Uint8Array([1]) })),
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    ],
    [
      'a secret that does not exist',
      () => s.send(new sm.GetSecretValueCommand({ SecretId: 'nope' })),
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
    ],
    [
      'a secret without a value',
      async () => {
        await s.send(new sm.CreateSecretCommand({ Name: 'empty' }));
        return s.send(new sm.GetSecretValueCommand({ SecretId: 'empty' }));
      },
      'ResourceNotFoundException',
      'staging label: AWSCURRENT',
    ],
  ])('refuses %s', async (_label, call, name, message) => {
    expect(await sdkError(call)).toMatchObject({ name, message: expect.stringContaining(message) });
  });
});
