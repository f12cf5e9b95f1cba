/** Shared setup for the emulator's integration tests: an emulator on a free port and SDK clients pointed at it. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { startEmulator, type StartEmulatorOptions } from '../../../src/emulator/index.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export type Emu = Awaited<ReturnType<typeof startEmulator>>;

export async function startTestEmulator(opts: StartEmulatorOptions = {}): Promise<Emu> {
  return startEmulator({ port: 0, quotas: false, ...opts });
}

export function v1Client(emu: Emu, opts: { maxAttempts?: number } = {}): APIGatewayClient {
  return new APIGatewayClient({ endpoint: emu.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: opts.maxAttempts ?? 1 });
}

/** Runs `fn` expecting an SDK error; returns it so the test can assert name, message and status. */
export async function sdkError(fn: () => Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number }; $response?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { name: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
