/** Shared setup for the emulator's integration tests: an emulator on a free port and SDK clients pointed at it. */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  type EndpointType,
} from '@aws-sdk/client-api-gateway';
import { startEmulator, type StartEmulatorOptions } from '../../../src/emulator/index.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export type Emu = Awaited<ReturnType<typeof startEmulator>>;

export async function startTestEmulator(opts: StartEmulatorOptions = {}): Promise<Emu> {
  return startEmulator({ port: 0, quotas: false, ...opts });
}

export function v1Client(emu: Emu, opts: { maxAttempts?: number } = {}): APIGatewayClient {
  return new APIGatewayClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: opts.maxAttempts ?? 1,
  });
}

/** Runs `fn` expecting an SDK error; returns it so the test can assert name, message and status. */
export async function sdkError(
  fn: () => Promise<unknown>,
): Promise<Error & { name: string; $metadata: { httpStatusCode?: number }; $response?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as Error & { name: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Client configuration for `emu` in `region`: test credentials, no retries. */
export function sdkConfig(emu: Emu, region: string, accessKeyId = TEST_CREDENTIALS.accessKeyId) {
  return { endpoint: emu.url, region, credentials: { ...TEST_CREDENTIALS, accessKeyId }, maxAttempts: 1 };
}

/**
 * A REST API with one MOCK method (`GET /` or `GET /{path}`), deployed to `stageName`: the
 * smallest API a stage, mapping, plan or ACL can name.
 */
export async function deployMockRestApi(
  c: APIGatewayClient,
  opts: { name?: string; stageName?: string; path?: string; apiKeyRequired?: boolean; endpoint?: EndpointType } = {},
): Promise<{ restApiId: string; resourceId: string; rootResourceId: string }> {
  const api = await c.send(
    new CreateRestApiCommand({
      name: opts.name ?? 'shop',
      ...(opts.endpoint ? { endpointConfiguration: { types: [opts.endpoint] } } : {}),
    }),
  );
  const restApiId = api.id!;
  const resourceId = opts.path
    ? (await c.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: opts.path }))).id!
    : api.rootResourceId!;
  const method = { restApiId, resourceId, httpMethod: 'GET' };
  await c.send(
    new PutMethodCommand({
      ...method,
      authorizationType: 'NONE',
      ...(opts.apiKeyRequired ? { apiKeyRequired: true } : {}),
    }),
  );
  await c.send(new PutIntegrationCommand({ ...method, type: 'MOCK' }));
  await c.send(new CreateDeploymentCommand({ restApiId, stageName: opts.stageName ?? 'prod' }));
  return { restApiId, resourceId, rootResourceId: api.rootResourceId! };
}
