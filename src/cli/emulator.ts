/**
 * `apigw-sync emulator`: the local AWS endpoint in the foreground, until Ctrl-C.
 * Prints the URL and the environment lines that point the AWS SDK and CLI at it.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { startEmulator } from '../emulator/index.js';
import { action, EXIT } from './run.js';

function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be an integer 0..65535');
  return n;
}

export function register(program: Command): void {
  program
    .command('emulator')
    .description('Run the local AWS endpoint (API Gateway v1+v2, CloudWatch) in the foreground')
    .option('--port <port>', 'port to listen on (0 = any free port)', port, 4566)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--state-file <file>', 'keep live state in this JSON file across restarts')
    .option('--no-quotas', "do not enforce API Gateway's control-plane quotas")
    .option('--quota-scale <n>', 'refill quotas N times faster than AWS', positiveNumber('quota-scale'), 1)
    .action(
      action(async (opts: { port: number; host: string; stateFile?: string; quotas: boolean; quotaScale: number }) => {
        const emu = await startEmulator({
          port: opts.port,
          host: opts.host,
          stateFile: opts.stateFile,
          quotas: opts.quotas,
          quotaScale: opts.quotaScale,
        });
        const out = process.stdout;
        out.write(`apigw-sync emulator listening on ${emu.url}\n`);
        out.write(
          `quotas: ${opts.quotas ? `on (scale ${opts.quotaScale})` : 'off'}${opts.stateFile ? `, state file: ${opts.stateFile}` : ''}\n\n`,
        );
        out.write('Point the AWS SDK and CLI at it (any credentials are accepted):\n');
        out.write(`  export AWS_ENDPOINT_URL=${emu.url}\n`);
        out.write('  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1\n');
        out.write(
          'Each region (the signing region) and account (a 12-digit access key id; others are 000000000000) is kept apart.\n',
        );
        out.write(`Control API: ${emu.url}/_emulator/calls, /_emulator/faults, /_emulator/reset, /_emulator/state\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await emu.stop();
        out.write('emulator stopped\n');
        return EXIT.ok;
      }),
    );
}
