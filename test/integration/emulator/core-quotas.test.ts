/**
 * Control-plane quotas as the SDK sees them. A quotaScale far below 1 makes refills negligible
 * during a test, so bucket sizes are asserted exactly; a large scale lets retries succeed fast.
 */
import {
  CreateRestApiCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { createApigwV1Module } from '../../../src/emulator/apigw-v1/index.js';
import { ACCOUNT_QUOTA, OPERATION_QUOTAS, minimumSeconds, Quotas } from '../../../src/emulator/core/quotas.js';
import type { ServiceModule } from '../../../src/emulator/core/types.js';
import { sdkError, startTestEmulator, v1Client, type Emu } from './core-setup.js';

let emu: Emu | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

/** A stand-in v2 route, to show v1 and v2 draw from one account-wide bucket. */
const fakeV2: ServiceModule = {
  name: 'fake-v2',
  routes: [
    {
      service: 'apigatewayv2',
      operation: 'GetApis',
      protocol: 'rest-json',
      method: 'GET',
      pattern: '/v2/apis',
      write: false,
      handler: () => ({ status: 200, body: { items: [] } }),
    },
  ],
  snapshot: () => ({}),
  restore: () => {},
};

describe('quotas over HTTP', () => {
  it('throttles CreateRestApi after one call (1 per 3 s) with TooManyRequestsException and Retry-After', async () => {
    emu = await startTestEmulator({ quotas: true });
    const c = v1Client(emu);
    await c.send(new CreateRestApiCommand({ name: 'a' }));
    const e = await sdkError(() => c.send(new CreateRestApiCommand({ name: 'b' })));
    expect(e).toBeInstanceOf(TooManyRequestsException);
    expect(e.$metadata.httpStatusCode).toBe(429);
    expect(Number((e as TooManyRequestsException).retryAfterSeconds)).toBeGreaterThanOrEqual(1);
    expect(emu.control.calls({ operation: 'CreateRestApi' }).map((x) => x.errorCode)).toEqual([
      undefined,
      'TooManyRequestsException',
    ]);
  });

  it('lets the SDK retries get through once the bucket refills', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 30 });
    const c = v1Client(emu, { maxAttempts: 8 });
    await c.send(new CreateRestApiCommand({ name: 'a' }));
    const second = await c.send(new CreateRestApiCommand({ name: 'b' }));
    expect(second.name).toBe('b');
    expect(second.$metadata.attempts).toBeGreaterThan(1);
    expect(emu.control.calls({ operation: 'CreateRestApi' }).filter((x) => x.status === 429).length).toBeGreaterThan(0);
  });

  it('GetResources has its own bucket of 5', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 0.0001 });
    const c = v1Client(emu);
    emu.control.setQuotas(false);
    const api = await c.send(new CreateRestApiCommand({ name: 'a' }));
    emu.control.setQuotas(true);
    for (let i = 0; i < OPERATION_QUOTAS.GetResources.burst; i++)
      await c.send(new GetResourcesCommand({ restApiId: api.id! }));
    expect((await sdkError(() => c.send(new GetResourcesCommand({ restApiId: api.id! })))).name).toBe(
      'TooManyRequestsException',
    );
    // Other reads still pass: only the account bucket applies to them.
    await c.send(new GetRestApisCommand({}));
  });

  it('all API Gateway calls, v1 and v2, share the account bucket (burst 40)', async () => {
    emu = await startTestEmulator({ quotas: true, quotaScale: 0.0001, modules: [createApigwV1Module, () => fakeV2] });
    const c = v1Client(emu);
    for (let i = 0; i < ACCOUNT_QUOTA.burst / 2; i++) await c.send(new GetRestApisCommand({}));
    for (let i = 0; i < ACCOUNT_QUOTA.burst / 2; i++) expect((await fetch(`${emu.url}/v2/apis`)).status).toBe(200);
    const v2 = await fetch(`${emu.url}/v2/apis`);
    expect(v2.status).toBe(429);
    expect(v2.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect((await sdkError(() => c.send(new GetRestApisCommand({})))).name).toBe('TooManyRequestsException');
  });

  it('quotas: false never throttles', async () => {
    emu = await startTestEmulator({ quotas: false });
    const c = v1Client(emu);
    for (let i = 0; i < 5; i++) await c.send(new CreateRestApiCommand({ name: `a${i}` }));
    expect(emu.control.calls({ operation: 'CreateRestApi' }).every((x) => x.status === 201)).toBe(true);
  });
});

describe('quota table', () => {
  it.each([
    ['CreateDeployment', 1, 0],
    ['CreateDeployment', 3, 10],
    ['GetResources', 5, 0],
    ['GetResources', 10, 2],
    ['DeleteRestApi', 2, 30],
  ])('%s × %i needs at least %i s', (op, calls, seconds) => {
    expect(minimumSeconds(OPERATION_QUOTAS[op], calls)).toBeCloseTo(seconds);
  });

  it('refills at rate × scale on an injected clock', () => {
    let now = 0;
    const q = new Quotas({ scale: 2, now: () => now });
    expect(q.admit('apigateway', 'CreateDeployment').ok).toBe(true);
    const refused = q.admit('apigateway', 'CreateDeployment');
    expect(refused).toEqual({ ok: false, bucket: 'CreateDeployment', retryAfterSeconds: 3 });
    now = 2_400; // 1 per 5 s at scale 2 = 1 per 2.5 s
    expect(q.admit('apigateway', 'CreateDeployment').ok).toBe(false);
    now = 2_500;
    expect(q.admit('apigateway', 'CreateDeployment').ok).toBe(true);
    expect(q.admit('cloudwatch', 'PutMetricData').ok).toBe(true);
  });
});
