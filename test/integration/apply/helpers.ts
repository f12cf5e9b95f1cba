/** Shared set-up for apply/engine/cli integration tests: an emulator with quotas on, real SDK clients. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

export const REGION = 'ap-northeast-2';
/** Quotas stay on, refilled 20× faster than AWS so tests run in seconds. */
export const QUOTA_SCALE = 20;

export async function startTestEmulator(): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE });
}

export function sdkClients(url: string) {
  const common = {
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 8,
  };
  return { apigw: new APIGatewayClient(common), apigwv2: new ApiGatewayV2Client(common), cloudwatch: new CloudWatchClient(common) };
}

/** A private copy of the example gateway-state that a test may edit. */
export function copyState(from = join(import.meta.dirname, '..', '..', '..', 'gateway-state')): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-')), 'gateway-state');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Successful writes the emulator answered since `since` (throttled or failed calls wrote nothing). */
export function writesSince(emu: RunningEmulator, since: number) {
  return emu.control.calls({ write: true, since }).filter((c) => c.status < 400);
}
