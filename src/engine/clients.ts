/**
 * The AWS clients the engine works with: given, or made once the region is known (the CLI
 * learns it from gateway.yaml, unless AWS_REGION says otherwise).
 */
import type { AwsClients } from '../aws/clients.js';
import type { EnvironmentTarget } from '../model/environment.js';

/**
 * Given clients, or a factory for the state's region — and, for an environment, its target
 * (the account and the way to reach it: a profile on the command line, a role for the App).
 */
export type EngineClients = AwsClients | ((region: string, target?: EnvironmentTarget) => AwsClients);

export function resolveClients(c: EngineClients, region: string, target?: EnvironmentTarget): AwsClients {
  return typeof c === 'function' ? c(region, target) : c;
}
