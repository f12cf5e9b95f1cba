/** Injected faults as the SDK sees them: error (nth, count), throttle (window), latency, conflict. */
import {
  APIGatewayClient,
  CreateRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorClient, EmulatorControlError } from '../../../src/emulator/control/client.js';
import { sdkError, startTestEmulator, TEST_CREDENTIALS, v1Client, type Emu } from './core-setup.js';

let emu: Emu;
let ctl: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  ctl = new EmulatorClient(emu.url);
});
afterAll(async () => emu.stop());
beforeEach(() => emu.control.reset());

async function outcomes(n: number, call: () => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await call();
      out.push('ok');
    } catch (e) {
      out.push((e as Error).name);
    }
  }
  return out;
}

describe('error faults', () => {
  it.each([
    [{ operation: 'GetRestApis', kind: 'error' as const }, ['InternalFailure', 'ok', 'ok']],
    [{ operation: 'GetRestApis', kind: 'error' as const, status: 503 }, ['ServiceUnavailableException', 'ok', 'ok']],
    [{ operation: 'GetRestApis', kind: 'error' as const, nth: 2 }, ['ok', 'InternalFailure', 'ok']],
    [
      { operation: 'GetRestApis', kind: 'error' as const, status: 400, code: 'BadRequestException', count: 2 },
      ['BadRequestException', 'BadRequestException', 'ok'],
    ],
    [
      { operation: '*', kind: 'error' as const, status: 404, code: 'NotFoundException' },
      ['NotFoundException', 'ok', 'ok'],
    ],
    [{ operation: 'CreateRestApi', kind: 'error' as const }, ['ok', 'ok', 'ok']],
  ])('%j gives %j', async (spec, expected) => {
    await ctl.addFault(spec);
    const c = v1Client(emu);
    expect(await outcomes(3, () => c.send(new GetRestApisCommand({})))).toEqual(expected);
  });

  it('returns the injected status to the SDK', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'error', status: 502 });
    const e = await sdkError(() => v1Client(emu).send(new GetRestApisCommand({})));
    expect(e.$metadata.httpStatusCode).toBe(502);
  });

  it('the SDK retries an injected 5xx and succeeds', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'error', status: 503, count: 2 });
    const out = await v1Client(emu, { maxAttempts: 3 }).send(new GetRestApisCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('refuses a malformed fault', async () => {
    await expect(ctl.addFault({ operation: 'X', kind: 'explode' as never })).rejects.toBeInstanceOf(
      EmulatorControlError,
    );
    await expect(ctl.addFault({ operation: '', kind: 'error' })).rejects.toThrow(/operation/);
  });
});

describe('throttle faults', () => {
  it('throttles for a window until cleared; the SDK sees TooManyRequestsException', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'throttle', forMs: 600_000 });
    const c = v1Client(emu);
    expect(await outcomes(3, () => c.send(new GetRestApisCommand({})))).toEqual([
      'TooManyRequestsException',
      'TooManyRequestsException',
      'TooManyRequestsException',
    ]);
    expect((await ctl.faults())[0].fired).toBe(3);
    await ctl.clearFaults();
    expect(await outcomes(1, () => c.send(new GetRestApisCommand({})))).toEqual(['ok']);
  });

  it('the SDK retries through a throttle of two calls', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'throttle', count: 2 });
    const out = await v1Client(emu, { maxAttempts: 3 }).send(new GetRestApisCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });
});

describe('latency faults', () => {
  it('delays the call by at least latencyMs and then answers normally', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'latency', latencyMs: 300 });
    const started = Date.now();
    const out = await v1Client(emu).send(new GetRestApisCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(out.items).toEqual([]);
  });

  it('makes a client with a short request timeout give up', async () => {
    await ctl.addFault({ operation: 'GetRestApis', kind: 'latency', latencyMs: 3000 });
    const c = new APIGatewayClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true }),
    });
    const e = await sdkError(() => c.send(new GetRestApisCommand({})));
    expect(e.name).toBe('TimeoutError');
  });
});

describe('conflict faults', () => {
  it('answers ConflictException to a write that overlaps another write to the same API', async () => {
    const c = v1Client(emu);
    const api = await c.send(new CreateRestApiCommand({ name: 'a' }));
    const other = await c.send(new CreateRestApiCommand({ name: 'b' }));
    await ctl.addFault({ operation: 'UpdateRestApi', kind: 'conflict', latencyMs: 500, forMs: 600_000 });
    const rename = (id: string, name: string) =>
      c.send(
        new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op: 'replace', path: '/name', value: name }] }),
      );
    const results = await Promise.allSettled([rename(api.id!, 'x'), rename(api.id!, 'y'), rename(other.id!, 'z')]);
    const names = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).name));
    expect(names.slice(0, 2).sort()).toEqual(['ConflictException', 'ok']);
    expect(names[2]).toBe('ok');
    // Sequential writes do not overlap and pass.
    await rename(api.id!, 'later');
    expect((await c.send(new GetRestApiCommand({ restApiId: api.id! }))).name).toBe('later');
  });

  it('with nth, conflicts on that call as if another tool had written', async () => {
    const c = v1Client(emu);
    const api = await c.send(new CreateRestApiCommand({ name: 'a' }));
    await ctl.addFault({ operation: 'UpdateRestApi', kind: 'conflict', nth: 2, latencyMs: 0 });
    const rename = () =>
      c.send(
        new UpdateRestApiCommand({
          restApiId: api.id!,
          patchOperations: [{ op: 'replace', path: '/description', value: 'd' }],
        }),
      );
    expect(await outcomes(3, rename)).toEqual(['ok', 'ConflictException', 'ok']);
    const e = emu.control.calls({ operation: 'UpdateRestApi' })[1];
    expect(e).toMatchObject({ status: 409, errorCode: 'ConflictException', write: true });
  });
});
