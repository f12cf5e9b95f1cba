/** `apigw-sync render [dir] [--env NAME] [--region R]`: the fully resolved state as YAML; exit 0, or 1 when invalid. */
import type { Command } from 'commander';
import { renderResolvedState } from '../render/resolved-state.js';
import { formatIssuesText, validateState } from '../validate/index.js';
import { checkEnvironmentName } from './environments.js';
import { action, EXIT } from './run.js';

export async function renderCommand(
  dir: string,
  o: { env?: string; region?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (o.env) await checkEnvironmentName(dir, o.env);
  const r = await validateState(dir, { environment: o.env, region: o.region });
  if (!r.valid) return { code: EXIT.error, stdout: '', stderr: formatIssuesText(r.issues, r.files) };
  const warnings = r.issues.length ? formatIssuesText(r.issues, r.files) : '';
  return {
    code: EXIT.ok,
    stdout: renderResolvedState({
      dir,
      model: r.model,
      environment: r.environment,
      promotion: r.environments?.promotion,
    }),
    stderr: warnings,
  };
}

export function register(program: Command): void {
  program
    .command('render')
    .description('print the state resolved for one environment (base + overlay), as plan and apply see it')
    .argument('[dir]', 'gateway-state directory', 'gateway-state')
    .option('--env <name>', 'the environment (environments/<name>.yaml); without it, the base')
    .option('--region <region>', 'for an environment with several regions: which one (default: its first)')
    .action(
      action(async (dir: string, opts: { env?: string; region?: string }) => {
        const r = await renderCommand(dir, opts);
        process.stderr.write(r.stderr);
        process.stdout.write(r.stdout);
        return r.code;
      }),
    );
}
