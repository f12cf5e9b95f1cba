/**
 * `apigw-sync emulator` as users run it: a foreground process that prints its URL and the
 * environment lines, serves the SDK, stops on SIGTERM, and with --state-file keeps state
 * across a restart.
 */
import { GetRestApisCommand, CreateRestApiCommand, APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from './core-setup.js';

// The compiled CLI (test/global-setup.ts builds it), as a user runs it.
const CLI = fileURLToPath(new URL('../../../bin/apigw-sync.js', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children: ChildProcess[] = [];
let dir: string | undefined;
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function start(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => {
      // The banner's last line is "Control API: …": wait for it whole, since under load the
      // banner can arrive in several chunks (resolving on AWS_ENDPOINT_URL= alone was flaky).
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && /^Control API: .*\n/m.test(out)) resolve({ child, url: m[1], output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}:\n${out}`)));
  });
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once('exit', (code) => resolve(code));
    r.child.kill('SIGTERM');
  });
}

const client = (url: string) =>
  new APIGatewayClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });

describe('apigw-sync emulator', () => {
  it('prints the endpoint and env lines, serves the SDK, keeps state in --state-file across a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
    const stateFile = join(dir, 'state.json');
    const first = await start(['--state-file', stateFile, '--no-quotas']);
    expect(first.output()).toContain(`export AWS_ENDPOINT_URL=${first.url}`);
    expect(first.output()).toContain('AWS_ACCESS_KEY_ID=test');
    expect(first.output()).toContain('quotas: off');
    const api = await client(first.url).send(new CreateRestApiCommand({ name: 'survives' }));
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('emulator stopped');

    const second = await start(['--state-file', stateFile, '--quota-scale', '5']);
    expect(second.output()).toContain('quotas: on (scale 5)');
    const apis = await client(second.url).send(new GetRestApisCommand({}));
    expect(apis.items!.map((a) => [a.id, a.name])).toEqual([[api.id, 'survives']]);
    expect(await stop(second)).toBe(0);
  });

  it('refuses a bad --quota-scale', async () => {
    await expect(start(['--quota-scale', '-1'])).rejects.toThrow(/quota-scale must be a positive number/);
  });
});
