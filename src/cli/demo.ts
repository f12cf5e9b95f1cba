import type { Command } from 'commander';
import { runDemo } from '../demo/run-demo.js';
import { action } from './run.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'the whole life of a change against the embedded local AWS endpoint: plan, canary, promote, rollback (what `npm start` runs)',
    )
    .option('--state <dir>', 'the gateway-state to start from', 'gateway-state')
    .action(
      action(async (opts: { state: string }) =>
        runDemo({
          stateDir: opts.state,
          out: (l) => process.stdout.write(`${l}\n`),
          color: Boolean(process.stdout.isTTY),
        }),
      ),
    );
}
