/**
 * The commands, each loaded only when it runs (src/cli.ts): `validate` never loads the AWS
 * SDK and `--version` loads no command at all. `--help` and unknown commands load them all,
 * to list them and to suggest the nearest name.
 */
import type { Command } from 'commander';

export interface CommandModule {
  register: (program: Command) => void;
}

// One line per command, in the order `--help` lists them.
export const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  validate: () => import('./validate.js'),
  render: () => import('./render.js'),
  plan: () => import('./plan.js'),
  apply: () => import('./apply.js'),
  drift: () => import('./drift.js'),
  rollouts: () => import('./rollouts.js'),
  rollback: () => import('./rollback.js'),
  unlock: () => import('./unlock.js'),
  import: () => import('./import.js'),
  cost: () => import('./cost.js'),
  prices: () => import('./prices.js'),
  propose: () => import('./propose.js'),
  'check-service': () => import('./check-service.js'),
  docs: () => import('./docs.js'),
  emulator: () => import('./emulator.js'),
  demo: () => import('./demo.js'),
};

/** The commands to load for these arguments (the global options take no values, so the first word names the command). */
export function commandsFor(args: string[]): string[] {
  const word = args.find((a) => !a.startsWith('-'));
  if (word !== undefined) return Object.hasOwn(COMMANDS, word) ? [word] : Object.keys(COMMANDS);
  return args.some((a) => a === '-V' || a === '--version') ? [] : Object.keys(COMMANDS);
}
