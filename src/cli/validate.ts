/** `apigw-sync validate [dir]`: exit 0 valid (warnings allowed), 1 invalid. */
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { formatIssuesJson, formatIssuesText, validateState } from '../validate/index.js';
import { action, EXIT } from './run.js';

export interface ValidateOptions {
  format?: string;
}

/** The command as a function (used by tests): returns the exit code and what to print. */
export async function runValidate(dir: string, opts: ValidateOptions = {}): Promise<{ code: number; stdout: string }> {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`unknown --format "${format}"`, 'use --format text or --format json');
  // The base and every environment (environments/<name>.yaml), each in each of its regions.
  const result = await validateState(dir, { allEnvironments: true });
  const stdout =
    format === 'json'
      ? formatIssuesJson(result.issues, { root: result.files.root })
      : formatIssuesText(result.issues, result.files);
  return { code: result.valid ? EXIT.ok : EXIT.error, stdout };
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check gateway-state: YAML, schema, OpenAPI files and semantic rules; every problem with file:line:column',
    )
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (dir: string, opts: ValidateOptions) => {
        const { code, stdout } = await runValidate(dir, opts);
        process.stdout.write(stdout);
        return code;
      }),
    );
}
