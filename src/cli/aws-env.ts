/**
 * The AWS side of the command line: clients from the usual environment (AWS_REGION,
 * AWS_ENDPOINT_URL for the emulator, credentials by the SDK's own chain), and colours only
 * on a terminal.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createAwsClients } from '../aws/clients.js';
import { UsageError } from '../model/errors.js';
import type { EngineClients } from '../engine/index.js';

/** Made once the region is known: AWS_REGION wins over gateway.yaml's `region`. */
export function clientsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineClients {
  // No explicit endpoint: the SDK itself resolves AWS_ENDPOINT_URL and the per-service
  // AWS_ENDPOINT_URL_API_GATEWAY / _APIGATEWAYV2 / _CLOUDWATCH (test/integration/read/clients.test.ts).
  return (region: string) => createAwsClients({ region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? region, env });
}

/** For commands without a state directory: AWS_REGION, else gateway-state/gateway.yaml. */
export async function regionFromEnv(env: NodeJS.ProcessEnv = process.env, dir = 'gateway-state'): Promise<string> {
  const fromEnv = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const doc = parse(await readFile(join(dir, 'gateway.yaml'), 'utf8')) as { region?: unknown };
    if (typeof doc?.region === 'string') return doc.region;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError('no AWS region: set AWS_REGION or pass --region', 'e.g. AWS_REGION=ap-northeast-2 apigw-sync unlock --api shop-api');
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}
