/**
 * createAwsClients against the emulator: the SDK's own endpoint resolution honours
 * AWS_ENDPOINT_URL and the per-service AWS_ENDPOINT_URL_<SERVICE> variables (so the tool
 * does not re-implement it), and every attempt, retries included, passes the limiter.
 */
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { createAwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import { AwsCallError, UsageError } from '../../../src/model/errors.js';
import { awsCall } from '../../../src/aws/errors.js';
import { startReadEmulator } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startReadEmulator();
});
afterAll(async () => emu?.stop());

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const dead = 'http://127.0.0.1:9'; // discard port: nothing answers

describe('createAwsClients', () => {
  it.each([
    ['AWS_ENDPOINT_URL for every service', { AWS_ENDPOINT_URL: 'EMU' }],
    [
      'per-service variables win over AWS_ENDPOINT_URL',
      {
        AWS_ENDPOINT_URL: dead,
        AWS_ENDPOINT_URL_API_GATEWAY: 'EMU',
        AWS_ENDPOINT_URL_APIGATEWAYV2: 'EMU',
        AWS_ENDPOINT_URL_CLOUDWATCH: 'EMU',
      },
    ],
  ])('reaches the endpoint named by %s', async (_name, vars) => {
    const saved = { ...process.env };
    try {
      for (const [k, v] of Object.entries(vars)) process.env[k] = v === 'EMU' ? emu.url : v;
      const clients = createAwsClients({
        region: 'eu-west-1',
        credentials: creds,
        limiter: new RateLimiter({ scale: 20 }),
        maxAttempts: 1,
      });
      const since = emu.control.lastSeq();
      await clients.apigw.send(new GetRestApisCommand({}));
      await clients.apigwv2.send(new GetApisCommand({}));
      await clients.cloudwatch.send(new ListMetricsCommand({}));
      const seen = emu.control.calls({ since }).map((c) => c.operation);
      expect(seen).toEqual(['GetRestApis', 'GetApis', 'ListMetrics']);
      expect(clients.calls.byOperation).toEqual({ GetRestApis: 1, GetApis: 1, ListMetrics: 1 });
    } finally {
      process.env = saved;
    }
  });

  it('takes the region from AWS_REGION, and says how to fix a missing one', () => {
    expect(
      createAwsClients({ env: { AWS_REGION: 'ap-northeast-2' }, endpoint: emu.url, credentials: creds }).region,
    ).toBe('ap-northeast-2');
    expect(() => createAwsClients({ env: {}, endpoint: emu.url, credentials: creds })).toThrow(UsageError);
  });

  it('counts every attempt (retries included) and wraps the final error once, with a hint', async () => {
    const clients = createAwsClients({
      region: 'eu-west-1',
      endpoint: emu.url,
      credentials: creds,
      limiter: new RateLimiter({ scale: 20 }),
      maxAttempts: 3,
    });
    emu.control.addFault({
      operation: 'GetRestApis',
      kind: 'error',
      status: 503,
      code: 'ServiceUnavailableException',
      count: 2,
    });
    await clients.apigw.send(new GetRestApisCommand({}));
    expect(clients.calls.byOperation.GetRestApis).toBe(3);

    emu.control.addFault({ operation: 'GetApis', kind: 'conflict', nth: 1, count: 1 });
    await clients.apigwv2.send(new GetApisCommand({}));
    expect(clients.calls.byOperation.GetApis).toBe(2);

    emu.control.addFault({
      operation: 'GetRestApis',
      kind: 'error',
      status: 400,
      code: 'BadRequestException',
      message: 'nope',
      count: 1,
    });
    const err = await awsCall('GetRestApis', () => clients.apigw.send(new GetRestApisCommand({}))).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsCallError);
    expect((err as AwsCallError).awsCode).toBe('BadRequestException');
    expect((err as AwsCallError).message).toBe('GetRestApis failed: BadRequestException: nope');
    expect((err as AwsCallError).hint).toMatch(/gateway-state/);
    expect(clients.calls.byOperation.GetRestApis).toBe(4); // a 400 is not retried
    emu.control.clearFaults();
  });
});
