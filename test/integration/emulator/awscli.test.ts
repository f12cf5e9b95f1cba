/**
 * The AWS CLI against the emulator: `aws --endpoint-url http://127.0.0.1:PORT apigateway ...`.
 * Skips with a visible message when `aws` is not installed (.ci/run installs the Debian package).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type Emu } from './core-setup.js';

const run = promisify(execFile);

async function awsOnPath(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

let emu: Emu;
let available = false;

beforeAll(async () => {
  available = await awsOnPath();
  if (available) emu = await startTestEmulator();
});
afterAll(async () => emu?.stop());

/** Runs the CLI asynchronously: the emulator answers from this same process, so a sync exec would deadlock. */
async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  try {
    const { stdout, stderr } = await run('aws', ['--endpoint-url', emu.url, '--output', 'json', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('aws cli', () => {
  it('creates and lists REST APIs, and reports a missing one as NotFoundException', async () => {
    if (!available) {
      console.warn('SKIPPED awscli test: `aws` is not on PATH (install the Debian package awscli, as .ci/run does)');
      return;
    }
    const created = await aws('apigateway', 'create-rest-api', '--name', 'from-cli');
    expect(created.code).toBe(0);
    const id = JSON.parse(created.stdout).id as string;
    expect(id).toMatch(/^[a-z0-9]{10}$/);

    const listed = await aws('apigateway', 'get-rest-apis');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((a: { id: string; name: string }) => [a.id, a.name])).toEqual([[id, 'from-cli']]);

    const missing = await aws('apigateway', 'get-rest-api', '--rest-api-id', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('NotFoundException');
    expect(emu.control.calls().map((c) => c.operation)).toEqual(['CreateRestApi', 'GetRestApis', 'GetRestApi']);
  });
});
