/**
 * Hole 6: the App refuses to start without a webhook secret (probot would otherwise accept
 * deliveries signed with its public `development` secret), its identity, and the key that
 * seals its comments — first as a function, then the real entry (`npm run app`) as a process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAppEnvironment, DEVELOPMENT_FLAG, SIGNING_KEY_VAR } from '../../../src/github/app-env.js';

const FULL = {
  APP_ID: '123',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----',
  WEBHOOK_SECRET: 's3cret-webhook',
  [SIGNING_KEY_VAR]: 'k'.repeat(40),
};

describe('checkAppEnvironment', () => {
  it('accepts a complete configuration', () => {
    expect(checkAppEnvironment(FULL)).toEqual({ signingKey: 'k'.repeat(40), warnings: [] });
  });

  const missing: [string, Record<string, string | undefined>, RegExp][] = [
    [
      'WEBHOOK_SECRET',
      { WEBHOOK_SECRET: undefined },
      /WEBHOOK_SECRET is not set: without it anyone could send the App forged webhooks/,
    ],
    ['APP_ID', { APP_ID: '' }, /APP_ID is not set/],
    ['the private key', { PRIVATE_KEY: undefined }, /PRIVATE_KEY or PRIVATE_KEY_PATH is not set/],
    ['the signing key', { [SIGNING_KEY_VAR]: undefined }, /APIGW_SYNC_SIGNING_KEY is not set/],
    ['a short signing key', { [SIGNING_KEY_VAR]: 'short' }, /APIGW_SYNC_SIGNING_KEY is shorter than 32 characters/],
  ];
  for (const [what, change, says] of missing) {
    it(`refuses without ${what}, saying how to fix it and printing no value`, () => {
      const env = { ...FULL, ...change };
      let message = '';
      try {
        checkAppEnvironment(env);
      } catch (e) {
        message = (e as { describe(): string }).describe();
      }
      expect(message).toMatch(says);
      expect(message).toContain('fix: set the variables');
      for (const v of [FULL.WEBHOOK_SECRET, FULL[SIGNING_KEY_VAR], FULL.PRIVATE_KEY]) expect(message).not.toContain(v);
    });
  }

  it(`${DEVELOPMENT_FLAG}=true alone relaxes the secrets, with warnings`, () => {
    const env = checkAppEnvironment({ APP_ID: '1', PRIVATE_KEY_PATH: 'k.pem', [DEVELOPMENT_FLAG]: 'true' });
    expect(env.signingKey.length).toBeGreaterThanOrEqual(32);
    expect(env.warnings.join('\n')).toMatch(/WEBHOOK_SECRET is not set.*never expose this App/);
    expect(() => checkAppEnvironment({ APP_ID: '1', PRIVATE_KEY_PATH: 'k.pem', [DEVELOPMENT_FLAG]: '1' })).toThrow(
      /WEBHOOK_SECRET/,
    );
  });
});

describe('npm run app (src/github/server.ts)', () => {
  it('exits 1 before listening when WEBHOOK_SECRET is unset', async () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: '123',
      PRIVATE_KEY: FULL.PRIVATE_KEY,
      [SIGNING_KEY_VAR]: FULL[SIGNING_KEY_VAR],
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/github/server.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // Ends when the process exits, or as soon as it says it listens (what the unchecked entry did).
    const ended = await new Promise<{ code: number | null; listening: boolean }>((resolve) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        if (/listening|Running Probot/i.test(out)) {
          child.kill('SIGKILL');
          resolve({ code: null, listening: true });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => resolve({ code, listening: false }));
    });
    expect(ended).toEqual({ code: 1, listening: false });
    expect(out).toContain('WEBHOOK_SECRET is not set');
    expect(out).not.toContain(FULL[SIGNING_KEY_VAR]);
  });
});
