/**
 * The command line: parse arguments, call the library, map the outcome to an exit code.
 * Each command lives in src/cli/<name>.ts and exports `register(program)`.
 */
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { register as registerValidate } from './cli/validate.js';
import { register as registerEmulator } from './cli/emulator.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('apigw-sync')
  .version(version, '-V, --version')
  .description('GitOps for Amazon API Gateway: plan, apply as a canary, roll back on alarm, report drift.')
  .showHelpAfterError('(run with --help for usage)');

// Commands register themselves here, one line each, in the order `--help` lists them.
const commands: Array<(p: Command) => void> = [
  registerValidate,
  registerEmulator,
];

for (const register of commands) register(program);

await program.parseAsync(process.argv);
