/**
 * The AWS CLI for tests against the local endpoint: requests built by botocore's own
 * serializers from the CLI's own copy of the models (not the SDK v3 the rest of the suite
 * uses). The CLI runs in one Python process (test/integration/emulator/awscli-driver.py) when
 * `aws` is a Python script, as pip's and Debian's are; otherwise one process per command.
 * `startAwsCli` resolves to undefined when `aws` is not installed (.ci/run installs it).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const DRIVER = fileURLToPath(new URL('../integration/emulator/awscli-driver.py', import.meta.url));

export interface AwsCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AwsCli {
  version: string;
  run(args: string[]): Promise<AwsCliResult>;
  close(): void;
}

/** The CLI's environment: test credentials (a 12-digit key id is that account in the local endpoint), no config files, no pager. */
export function awsCliEnv(region: string, accessKeyId = 'test'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

async function output(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { env });
    return (stdout || stderr).trim();
  } catch {
    return undefined;
  }
}

/** The `aws` script behind PATH (through pyenv's shim when there is one) and its Python, if it is a Python script. */
async function pythonOf(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const script = (await output('pyenv', ['which', 'aws'], env)) ?? (await output('sh', ['-c', 'command -v aws'], env));
  if (!script) return undefined;
  try {
    const first = readFileSync(realpathSync(script), 'utf8').split('\n', 1)[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (!m || !/python/.test(m[2] ?? m[1])) return undefined;
    return m[2] ? m[2] : m[1]; // `#!/usr/bin/env python3` → python3
  } catch {
    return undefined;
  }
}

export async function startAwsCli(env: NodeJS.ProcessEnv): Promise<AwsCli | undefined> {
  const version = await output('aws', ['--version'], env);
  if (!version) return undefined;
  const python = await pythonOf(env);
  if (!python) {
    return {
      version,
      run: (args) =>
        exec('aws', args, { env }).then(
          ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
          (e: { code?: number; stdout?: string; stderr?: string }) => ({
            code: typeof e.code === 'number' ? e.code : -1,
            stdout: e.stdout ?? '',
            stderr: e.stderr ?? '',
          }),
        ),
      close: () => {},
    };
  }
  const child: ChildProcess = spawn(python, [DRIVER], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(r: AwsCliResult) => void> = [];
  lines.on('line', (l) => waiting.shift()?.(JSON.parse(l) as AwsCliResult));
  let queue = Promise.resolve<unknown>(undefined);
  return {
    version,
    run: (args) => {
      const next = queue.then(
        () =>
          new Promise<AwsCliResult>((resolve) => {
            waiting.push(resolve);
            child.stdin!.write(JSON.stringify(args) + '\n');
          }),
      );
      queue = next;
      return next;
    },
    close: () => {
      child.stdin!.end();
      child.kill();
    },
  };
}

/** One command against `endpoint`, JSON out; throws with the CLI's own stderr when it fails. */
export function awsCommand(cli: AwsCli, endpoint: string) {
  return async (service: string, command: string, ...args: string[]): Promise<Record<string, unknown>> => {
    const r = await cli.run(['--endpoint-url', endpoint, '--output', 'json', service, command, ...args]);
    if (r.code !== 0) throw new Error(`aws ${service} ${command} ${args.join(' ')} → exit ${r.code}\n${r.stderr}`);
    return r.stdout.trim() === '' ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
  };
}
