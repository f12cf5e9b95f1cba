/**
 * The command line: parse arguments, call the library, map the outcome to an exit code.
 * Each command lives in src/cli/<name>.ts, exports `register(program)` and is listed in
 * src/cli/commands.ts, which loads only the command that runs.
 */
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { COMMANDS, commandsFor } from './cli/commands.js';
import { checkNodeVersion } from './node-support.js';
import { redactProcessOutput } from './cli/redact-output.js';

// A command is a short run: keep V8's young generation at its starting size instead of
// letting it grow. Same CPU, about 25 MB less peak memory on Node 20 and 60 MB on Node 24
// for a 5,000-route validate (BENCHMARKS.md). An operator's NODE_OPTIONS still decides.
if (!/semi-space/.test(process.env.NODE_OPTIONS ?? '')) setFlagsFromString('--semi-space-growth-factor=1');

// No API key value read by this run is ever printed (src/cli/redact-output.ts).
redactProcessOutput();

checkNodeVersion({ version: process.versions.node, env: process.env, warn: (line) => process.stderr.write(line) });

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('apigw-sync')
  .version(version, '-V, --version')
  .description('GitOps for Amazon API Gateway: plan, apply as a canary, roll back on alarm, report drift.')
  .showHelpAfterError('(run with --help for usage)');

const modules = await Promise.all(commandsFor(process.argv.slice(2)).map((name) => COMMANDS[name]()));
for (const m of modules) m.register(program);

await program.parseAsync(process.argv);
