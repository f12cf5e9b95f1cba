/** The real `apigw-sync` binary (bin/apigw-sync.js, running the dist/ the test run builds) in a child process. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'apigw-sync.js');

/** Runs `apigw-sync <args>` with `env`; a non-zero exit is a result, not a throw. */
export async function runBin(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
