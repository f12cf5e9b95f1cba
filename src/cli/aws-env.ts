/**
 * The AWS side of the command line: clients from the usual environment (AWS_ENDPOINT_URL
 * for the emulator, credentials by the SDK's own chain), the region rules, and colours only
 * on a terminal.
 *
 * Region rules (issue 16): the region a gateway-state declares is the region that changes.
 * - Commands on a state (plan, apply, drift, cost): the state's `region`; an AWS_REGION (or
 *   AWS_DEFAULT_REGION) that names another region is an error naming both — in GitHub
 *   Actions `configure-aws-credentials` always sets AWS_REGION, and a silent override would
 *   plan and apply the state in the wrong region. `--region` only fills in a state without one.
 * - Commands without a state (unlock, import, rollouts, rollback, prices): `--region`, else
 *   gateway-state/gateway.yaml's region, else AWS_REGION; a gateway.yaml and an AWS_REGION
 *   that disagree are an error unless `--region` settles it.
 */
import { join } from 'node:path';
import { createAwsClients } from '../aws/clients.js';
import { RegionMismatchError, UsageError } from '../model/errors.js';
import type { EngineClients } from '../engine/index.js';
import type { EnvironmentTarget } from '../model/environment.js';
import { declaredRegion } from '../state/region.js';

/** AWS_REGION, else AWS_DEFAULT_REGION, with the variable's name for messages. */
export function envRegion(env: NodeJS.ProcessEnv = process.env): { region: string; source: string } | undefined {
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  return undefined;
}

/**
 * Clients for the state's region; an environment region that disagrees is refused before any
 * call. An environment's state (`--env`) is reached with its `account.profile` when it names one.
 */
export function clientsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineClients {
  // No explicit endpoint: the SDK itself resolves AWS_ENDPOINT_URL and the per-service
  // AWS_ENDPOINT_URL_API_GATEWAY / _APIGATEWAYV2 / _CLOUDWATCH (test/integration/read/clients.test.ts).
  return (stateRegion: string, target?: EnvironmentTarget) => {
    const fromEnv = envRegion(env);
    if (fromEnv && fromEnv.region !== stateRegion) {
      throw new RegionMismatchError(
        stateRegion,
        fromEnv.region,
        fromEnv.source,
        target ? `environments/${target.environment}.yaml` : 'gateway.yaml',
      );
    }
    return createAwsClients({
      region: stateRegion,
      env,
      ...(target?.account.profile ? { profile: target.account.profile } : {}),
    });
  };
}

/** For commands without a state directory (see the rules above). */
export async function commandRegion(o: { flag?: string; dir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  if (o.flag) return o.flag;
  const dir = o.dir ?? 'gateway-state';
  const fromState = await declaredRegion(dir);
  const fromEnv = envRegion(o.env ?? process.env);
  if (fromState && fromEnv && fromState !== fromEnv.region) {
    throw new RegionMismatchError(fromState, fromEnv.region, fromEnv.source, join(dir, 'gateway.yaml'));
  }
  const region = fromState ?? fromEnv?.region;
  if (region) return region;
  throw new UsageError(
    'no AWS region: pass --region, or set AWS_REGION',
    'e.g. apigw-sync rollouts --region ap-northeast-2',
  );
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}
