/**
 * The AWS clients the engine works with: given, or made once the region is known (the CLI
 * learns it from gateway.yaml, unless AWS_REGION says otherwise).
 */
import type { AwsClients } from '../aws/clients.js';

export type EngineClients = AwsClients | ((region: string) => AwsClients);

export function resolveClients(c: EngineClients, region: string): AwsClients {
  return typeof c === 'function' ? c(region) : c;
}
