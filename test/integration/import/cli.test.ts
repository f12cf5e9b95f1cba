/** `apigw-sync import` as a user runs it: the SDK finds the endpoint from AWS_ENDPOINT_URL. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { buildRestApi } from '../read/build-rest.js';
import { startReadEmulator, testClients } from '../read/helpers.js';

const root = join(import.meta.dirname, '..', '..', '..');
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/apigw-sync.js', ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ENDPOINT_URL: emu.url,
        AWS_REGION: 'ap-northeast-2',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('apigw-sync import', () => {
  it('writes the files and says what it did; an unknown API exits 1 with a fix', async () => {
    await buildRestApi(testClients(emu.url).apigw, 'cli-pets');
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-cli-')), 'gateway-state');
    const ok = await cli(['import', '--api', 'cli-pets', '--out', out]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Imported RestApi "cli-pets"`);
    expect(ok.stdout).toContain('4 routes, 2 stages');
    expect(existsSync(join(out, 'apis', 'cli-pets', 'openapi.yaml'))).toBe(true);
    expect(existsSync(join(out, 'gateway.yaml'))).toBe(true);

    const missing = await cli(['import', '--api', 'nope', '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /error: no REST, HTTP or WebSocket API with id or name "nope" in ap-northeast-2\n {2}fix: /,
    );
  }, 120_000);
});
