/**
 * `--env <name>` and `--all-envs` for the commands on a state (plan, apply, drift, cost,
 * import): which environments, in which regions, in which order — and the output grouped
 * by environment. Without either flag a command works on the base exactly as before
 * environments existed.
 */
import type { Command } from 'commander';
import { RegionMismatchError, UsageError } from '../model/errors.js';
import { targetLabel } from '../model/environment.js';
import {
  declaredEnvironments,
  promotionOrder,
  readStateDir,
  unknownEnvironmentMessage,
  type DeclaredEnvironments,
} from '../state/index.js';
import { envRegion } from './aws-env.js';
import { EXIT } from './run.js';

export interface EnvFlags {
  env?: string;
  allEnvs?: boolean;
  /** With `--env`: one region of an environment that spans several. */
  region?: string;
}

/** One environment in one region (or, with no flags, the base: both absent). */
export interface CommandTarget {
  environment?: string;
  region?: string;
  /** How the output names it: `dev`, `prod/us-east-1`. */
  label?: string;
}

export function addEnvOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--env <name>', `${what} this environment (environments/<name>.yaml over the base)`)
    .option('--all-envs', `${what} every environment, in promotion order`);
}

export async function readDeclared(dir: string): Promise<DeclaredEnvironments> {
  return declaredEnvironments(await readStateDir(dir));
}

export async function checkEnvironmentName(dir: string, name: string): Promise<DeclaredEnvironments> {
  const declared = await readDeclared(dir);
  if (!declared.names.includes(name)) {
    const { message, hint } = unknownEnvironmentMessage(name, declared.names);
    throw new UsageError(message, hint);
  }
  return declared;
}

/**
 * The targets the flags name, in promotion order. An environment's region is the one its file
 * declares: an AWS_REGION naming another is an error (as for gateway.yaml's region), and an
 * environment with several regions takes `--region` when AWS_REGION is set (one job per region).
 */
export async function commandTargets(
  dir: string,
  f: EnvFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandTarget[]> {
  if (f.env && f.allEnvs)
    throw new UsageError(
      '--env and --all-envs cannot be used together',
      'pick one environment with --env, or all of them with --all-envs',
    );
  if (!f.env && !f.allEnvs) return [{}];
  const declared = f.env ? await checkEnvironmentName(dir, f.env) : await readDeclared(dir);
  if (f.allEnvs && declared.names.length === 0)
    throw new UsageError(
      `${dir} declares no environments (no environments/<name>.yaml)`,
      'leave --all-envs out to work on the state as it is',
    );
  if (f.allEnvs && f.region) throw new UsageError('--region selects a region of one environment', 'use it with --env');
  const names = f.env ? [f.env] : promotionOrder(declared);
  const fromEnv = envRegion(env);
  const out: CommandTarget[] = [];
  for (const name of names) {
    const regions = declared.byName[name]?.regions ?? [];
    // An environment file that does not parse: one target, and compiling it reports why.
    if (regions.length === 0) {
      out.push({ environment: name, label: name });
      continue;
    }
    if (f.region && !regions.includes(f.region)) {
      throw new UsageError(
        `environment ${name} has no region ${f.region} (its region${regions.length === 1 ? ' is' : 's are'} ${regions.join(', ')})`,
        `use --region ${regions[0]}`,
      );
    }
    const chosen = f.region ? [f.region] : regions;
    if (!f.region && fromEnv && regions.length > 1) {
      if (!regions.includes(fromEnv.region))
        throw new RegionMismatchError(regions.join(', '), fromEnv.region, fromEnv.source, `environments/${name}.yaml`);
      throw new UsageError(
        `environment ${name} spans ${regions.join(', ')}, but ${fromEnv.source} is set to ${fromEnv.region}`,
        `run one region at a time with --region (e.g. --env ${name} --region ${fromEnv.region}), or unset ${fromEnv.source}`,
      );
    }
    for (const region of chosen)
      out.push({ environment: name, region, label: targetLabel({ environment: name, region }, chosen.length) });
  }
  return out;
}

/** One section per environment, headed by its name (text output of several targets). */
export function groupedText(sections: Array<{ target: CommandTarget; text: string; detail?: string }>): string {
  if (sections.length === 1 && !sections[0].target.environment) return sections[0].text;
  return sections
    .map((s) => `── environment ${s.target.label}${s.detail ? ` · ${s.detail}` : ''}\n${s.text.trimEnd()}\n`)
    .join('\n');
}

/** The exit code of several targets: any error wins, then any changes. */
export function combinedExit(codes: number[]): number {
  if (codes.some((c) => c === EXIT.error)) return EXIT.error;
  if (codes.some((c) => c === EXIT.changes)) return EXIT.changes;
  return EXIT.ok;
}
