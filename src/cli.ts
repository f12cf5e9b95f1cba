/**
 * The command line: parse arguments, call the library, map the outcome to an exit code.
 * Each command lives in src/cli/<name>.ts and exports `register(program)`.
 */
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { register as registerValidate } from './cli/validate.js';
import { register as registerEmulator } from './cli/emulator.js';
import { register as registerPlan } from './cli/plan.js';
import { register as registerApply } from './cli/apply.js';
import { register as registerDrift } from './cli/drift.js';
import { register as registerUnlock } from './cli/unlock.js';
import { register as registerRollouts } from './cli/rollouts.js';
import { register as registerRollback } from './cli/rollback.js';
import { register as registerImport } from './cli/import.js';
import { register as registerDemo } from './cli/demo.js';
import { register as registerCost } from './cli/cost.js';
import { register as registerPrices } from './cli/prices.js';
import { register as registerPropose } from './cli/propose.js';
import { register as registerCheckService } from './cli/check-service.js';
import { register as registerDocs } from './cli/docs.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('apigw-sync')
  .version(version, '-V, --version')
  .description('GitOps for Amazon API Gateway: plan, apply as a canary, roll back on alarm, report drift.')
  .showHelpAfterError('(run with --help for usage)');

// Commands register themselves here, one line each, in the order `--help` lists them.
const commands: Array<(p: Command) => void> = [
  registerValidate,
  registerPlan,
  registerApply,
  registerDrift,
  registerRollouts,
  registerRollback,
  registerUnlock,
  registerImport,
  registerCost,
  registerPrices,
  registerPropose,
  registerCheckService,
  registerDocs,
  registerEmulator,
  registerDemo,
];

for (const register of commands) register(program);

await program.parseAsync(process.argv);
