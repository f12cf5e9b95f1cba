/**
 * The command line: parse arguments, call the library, map the outcome to an exit code.
 * Each command lives in src/cli/<name>.ts, exports `register(program)` and is listed in
 * src/cli/commands.ts, which loads only the command that runs.
 */
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { COMMANDS, commandsFor } from './cli/commands.js';
import { checkNodeVersion } from './node-support.js';

checkNodeVersion({ version: process.versions.node, env: process.env, warn: (line) => process.stderr.write(line) });

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('apigw-sync')
  .version(version, '-V, --version')
  .description('GitOps for Amazon API Gateway: plan, apply as a canary, roll back on alarm, report drift.')
  .showHelpAfterError('(run with --help for usage)');

const modules = await Promise.all(commandsFor(process.argv.slice(2)).map((name) => COMMANDS[name]()));
for (const m of modules) m.register(program);

await program.parseAsync(process.argv);
